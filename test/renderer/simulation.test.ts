import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, type MessageBatch } from '../../shared/engine/index.js';
import { parseDocument } from '../../shared/model/validate.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { PlaybackClock, STEP_MS } from '../../renderer/src/sim/clock.js';
import { concatBatches, faultState } from '../../renderer/src/sim/frameBuilder.js';
import type { FromWorker, ToWorker } from '../../renderer/src/sim/protocol.js';
import { SimClient, type WorkerLike } from '../../renderer/src/sim/simClient.js';
import { createWorkerHost } from '../../renderer/src/sim/workerHost.js';

function template(name: string): TopologyDocument {
  const text = fs.readFileSync(path.resolve(__dirname, '../../assets/templates', name), 'utf8');
  const r = parseDocument(text);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.document;
}

/** The worker's host run in this thread, answering asynchronously as a real worker does. */
class InProcessWorker implements WorkerLike {
  private listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  readonly sent: ToWorker[] = [];
  private host = createWorkerHost((message) =>
    queueMicrotask(() => this.listeners.forEach((l) => l({ data: message } as MessageEvent<FromWorker>))),
  );
  postMessage(message: ToWorker): void {
    this.sent.push(message);
    this.host(structuredClone(message));
  }
  addEventListener(_: 'message', listener: (e: MessageEvent<FromWorker>) => void): void {
    this.listeners.push(listener);
  }
  terminate(): void {}
}

/** Animation frames driven by the test: each `frame(ms)` advances wall time. */
function manualFrames() {
  let next: ((t: number) => void) | null = null;
  return {
    frames: {
      request: (fn: (t: number) => void) => {
        next = fn;
        return 1;
      },
      cancel: () => {
        next = null;
      },
    },
    run(wallMs: number) {
      const fn = next;
      next = null;
      fn?.(wallMs);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('playback clock', () => {
  it('advances at its speed, never past what the worker has computed or the end', () => {
    const c = new PlaybackClock(1_000);
    c.play(0);
    expect(c.tick(100, 10_000)).toBe(100);
    c.setSpeed(0.5, 100);
    expect(c.tick(300, 10_000)).toBe(200);
    expect(c.tick(10_000, 250)).toBe(250);
    c.setSpeed(100, 10_000);
    expect(c.tick(10_100, 10_000)).toBe(1_000);
    expect(c.playing).toBe(false);
  });

  it('steps, seeks and restarts from 0 when played at the end', () => {
    const c = new PlaybackClock(1_000);
    expect(c.step(1_000)).toBe(STEP_MS);
    c.seek(5_000);
    expect(c.timeMs).toBe(1_000);
    c.play(0);
    expect(c.timeMs).toBe(0);
  });

  it('asks the worker to run ahead of what is shown', () => {
    const c = new PlaybackClock(60_000);
    c.setSpeed(10, 0);
    expect(c.wanted()).toBeGreaterThan(c.timeMs);
    c.setSpeed('max', 0);
    expect(c.wanted()).toBeGreaterThan(1_000);
  });
});

describe('frames', () => {
  it('concatenate message batches in order', () => {
    const doc = template('three-tier-web-app.bp.json');
    const batches: MessageBatch[] = [];
    const sim = createSimulation(doc, { messages: { capacity: 64, onFull: (b) => batches.push(b) } });
    const last = sim.runUntil(2_000).messages!;
    batches.push(last);
    const all = concatBatches(batches);
    expect(all.count).toBe(batches.reduce((a, b) => a + b.count, 0));
    expect(all.departMs[all.count - 1]).toBe(last.departMs[last.count - 1]);
  });

  it('say which edges a partition cuts, and when', () => {
    const doc = template('region-partition.bp.json');
    const fault = doc.faults.find((f) => f.kind === 'partition')!;
    expect(faultState(doc, doc.faults, fault.atMs - 1).cut.some((c) => c > 0)).toBe(false);
    expect(faultState(doc, doc.faults, fault.atMs + 1).cut.some((c) => c > 0)).toBe(true);
  });
});

describe('simulation client and worker', () => {
  it('plays a run whose samples and summary match the core run on its own', async () => {
    const doc = template('cascading-failure.bp.json');
    const worker = new InProcessWorker();
    const { frames, run } = manualFrames();
    const client = new SimClient(worker, frames);
    client.load(doc, 1, 60_000);
    client.setSpeed('max');
    client.play();
    for (let wall = 16; client.getSnapshot().status !== 'done' && wall < 20_000; wall += 16) {
      run(wall);
      await settle();
    }
    const snap = client.getSnapshot();
    expect(snap.status).toBe('done');
    expect(snap.timeMs).toBe(60_000);
    const alone = createSimulation(doc, { seed: 1, durationMs: 60_000 });
    alone.runUntil(60_000);
    expect(JSON.stringify(snap.report)).toBe(JSON.stringify(alone.report()));
    const total = snap.samples.reduce((a, s) => a + s.clients.users!.started, 0);
    expect(total).toBe(alone.report().clients.users!.requests);
    // the slow database shows in the samples: success falls after the fault starts
    const rate = (from: number, to: number) => {
      const xs = snap.samples.filter((s) => s.tMs > from && s.tMs <= to);
      const ok = xs.reduce((a, s) => a + s.clients.users!.succeeded, 0);
      const bad = xs.reduce((a, s) => a + s.clients.users!.failed, 0);
      return ok / (ok + bad);
    };
    expect(rate(0, 15_000)).toBeGreaterThan(rate(25_000, 35_000));
  });

  it('while playing, asks the worker every few frames and re-renders the clock and the dashboard a few times a second', async () => {
    const doc = template('three-tier-web-app.bp.json');
    const worker = new InProcessWorker();
    const { frames, run } = manualFrames();
    const client = new SimClient(worker, frames);
    let batches = 0;
    let renders = 0;
    client.subscribe(() => batches++);
    client.load(doc, 1, 60_000);
    await settle();
    client.play();
    await settle();
    client.subscribeSnapshot(() => renders++);
    const reports = new Set<unknown>();
    for (let wall = 1000; wall < 3000; wall += 16) {
      run(wall);
      await settle();
      reports.add(client.getSnapshot().report);
    }
    // the worker is asked for more every few frames (half the lookahead), never so late that the clock waits
    const framesAnswered = worker.sent.filter((m) => m.type === 'advance').length;
    expect(framesAnswered).toBeGreaterThan(15);
    expect(framesAnswered).toBeLessThan(60);
    expect(batches).toBeGreaterThan(15);
    expect(client.currentTimeMs()).toBeGreaterThan(1900);
    // a publication every 125 ms of wall time at most (the clock, with the node state or the report in turns)
    expect(renders).toBeLessThan(18);
    expect(renders).toBeGreaterThan(10);
    expect(reports.size).toBeLessThan(12);
    expect(reports.size).toBeGreaterThan(4);
    // pausing shows the latest frame at once
    client.pause();
    await settle();
    const paused = client.getSnapshot();
    expect(paused.status).toBe('paused');
    expect(paused.report!.events).toBeGreaterThan(0);
  });

  it('while playing, shows the node state and the report in turns, never both in one frame, and pausing shows all', async () => {
    const doc = template('three-tier-web-app.bp.json');
    const worker = new InProcessWorker();
    const { frames, run } = manualFrames();
    const client = new SimClient(worker, frames);
    let latest: { report: unknown; live: unknown } | null = null;
    worker.addEventListener('message', (e) => {
      if (e.data.type === 'frame') latest = e.data.frame;
    });
    client.load(doc, 1, 60_000);
    await settle();
    client.play();
    await settle();
    const changes: { wall: number; live: boolean; data: boolean; timeMs: number; dataTimeMs: number }[] = [];
    let wall = 1000;
    let previous = client.getSnapshot();
    client.subscribeSnapshot(() => {
      const snap = client.getSnapshot();
      changes.push({
        wall,
        live: snap.live !== previous.live,
        data: snap.report !== previous.report,
        timeMs: snap.timeMs,
        dataTimeMs: snap.dataTimeMs,
      });
      previous = snap;
    });
    for (; wall < 4000; wall += 16) {
      run(wall);
      await settle();
    }
    const live = changes.filter((c) => c.live);
    const data = changes.filter((c) => c.data);
    expect(changes.some((c) => c.live && c.data)).toBe(false);
    // each about every 250 ms of wall time
    expect(live.length).toBeGreaterThanOrEqual(10);
    expect(live.length).toBeLessThanOrEqual(14);
    expect(data.length).toBeGreaterThanOrEqual(10);
    expect(data.length).toBeLessThanOrEqual(14);
    // the clock moves with the report (charts mark the time of their data), not with the node state
    for (const c of data) expect(c.dataTimeMs).toBe(c.timeMs);
    for (let i = 1; i < changes.length; i++) {
      if (changes[i]!.live) expect(changes[i]!.timeMs).toBe(changes[i - 1]!.timeMs);
      // at most one publication per 125 ms of wall time
      expect(changes[i]!.wall - changes[i - 1]!.wall).toBeGreaterThanOrEqual(125);
    }
    client.pause();
    await settle();
    const paused = client.getSnapshot();
    expect(paused.dataTimeMs).toBe(paused.timeMs);
    // what was held back for the next turn shows at once: the worker's latest report and live state
    expect(paused.report).toBe(latest!.report);
    expect(paused.live).toBe(latest!.live);
  });

  it('samples on a grid that does not divide evenly into ms and still moves on (a 20 s run)', () => {
    const frames: number[] = [];
    const host = createWorkerHost((message) => {
      if (message.type === 'frame') frames.push(message.frame.timeMs);
    });
    const doc = template('retry-storm.bp.json');
    host({ type: 'load', runId: 1, doc, seed: 1, durationMs: 20_000 });
    for (const toMs of [1000, 2100, 2500, 20_000]) host({ type: 'advance', runId: 1, toMs });
    expect(frames).toEqual([1000, 2100, 2500, 20_000]);
  });

  it('scrubbing back re-runs from 0 and shows the same state at the same time', async () => {
    const doc = template('three-tier-web-app.bp.json');
    const worker = new InProcessWorker();
    const { frames } = manualFrames();
    const client = new SimClient(worker, frames);
    client.load(doc, 1, 60_000);
    await settle();
    client.seek(5_000);
    for (let i = 0; i < 100 && client.getSnapshot().seeking; i++) await settle();
    const first = client.getSnapshot();
    expect(first.timeMs).toBe(5_000);
    client.seek(8_000);
    for (let i = 0; i < 100 && client.getSnapshot().seeking; i++) await settle();
    client.seek(5_000);
    for (let i = 0; i < 100 && client.getSnapshot().seeking; i++) await settle();
    const again = client.getSnapshot();
    expect(again.runId).toBeGreaterThan(first.runId);
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(first.report));
  });

  it('reports a document that cannot run, with its problems', async () => {
    const doc = template('three-tier-web-app.bp.json');
    const broken = structuredClone(doc);
    broken.edges.push({ id: 'bad', source: 'nowhere', target: doc.nodes[0]!.id, params: {} });
    const client = new SimClient(new InProcessWorker(), manualFrames().frames);
    client.load(broken, 1, 1_000);
    await settle();
    await settle();
    expect(client.getSnapshot().status).toBe('failed');
    expect(client.getSnapshot().problems.length).toBeGreaterThan(0);
  });

  it('records an injected fault with the time it took effect', async () => {
    const doc = template('three-tier-web-app.bp.json');
    const client = new SimClient(new InProcessWorker(), manualFrames().frames);
    const recorded: unknown[] = [];
    client.onFaultInjected((f) => recorded.push(f));
    client.load(doc, 1, 60_000);
    await settle();
    client.seek(3_000);
    for (let i = 0; i < 100 && client.getSnapshot().seeking; i++) await settle();
    const db = doc.nodes.find((n) => n.kind === 'database')!.id;
    client.inject({ id: 'crash-db', kind: 'crash', node: db, atMs: 0 });
    await settle();
    expect(recorded).toEqual([{ id: 'crash-db', kind: 'crash', node: db, atMs: 3_000 }]);
  });
});

describe('faults from a context menu', () => {
  it('offers what the validator accepts for each kind, lasting a while from the given time', async () => {
    const { edgeFaults, nodeFaults, CLICK_FAULT_MS } = await import('../../renderer/src/sim/faultMenu.js');
    const { validateDocument } = await import('../../shared/model/validate.js');
    const doc = template('three-tier-web-app.bp.json');
    for (const node of doc.nodes) {
      const choices = nodeFaults(doc, node.id);
      if (node.kind === 'region') expect(choices).toEqual([]);
      for (const c of choices) {
        const fault = c.make(1_000);
        expect(fault.atMs).toBe(1_000);
        expect(fault.untilMs).toBe(1_000 + CLICK_FAULT_MS);
        const r = validateDocument({ ...doc, faults: [fault] });
        expect(r.problems, `${node.id}: ${c.label}`).toEqual([]);
      }
    }
    const edge = doc.edges[0]!;
    for (const c of edgeFaults(doc, edge.id)) expect(validateDocument({ ...doc, faults: [c.make(0)] }).ok).toBe(true);
  });
});
