import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import { scalePool } from '../../../shared/interview/scaleModel.js';
import { DRILL_DRAIN_MS, MAX_DRILL_RPS, resolveDrill, runDrill } from '../../../shared/interview/index.js';
import type { DrillStep } from '../../../shared/interview/index.js';
import { validateDocument } from '../../../shared/model/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { design, edge, node, resilientDesign, testPrompt, weakDesign } from './designs.js';

const say = 'What now?';
const steps: DrillStep[] = [
  { kind: 'crashRegion', atS: 10, forS: 15, say },
  { kind: 'partitionRegions', atS: 5, forS: 5, say },
  { kind: 'slowDatabase', atS: 30, forS: 10, factor: 5, say },
  { kind: 'surge', atS: 45, forS: 10, factor: 2, say },
  { kind: 'crashNode', target: 'database', atS: 40, forS: 10, say },
  { kind: 'crashNode', target: 'cache', atS: 40, forS: 10, say },
];

function withFaults(doc: TopologyDocument, faults: TopologyDocument['faults']): TopologyDocument {
  return { ...doc, faults };
}

describe('resolveDrill', () => {
  it('turns each step into faults on the design, in the document model', () => {
    const doc = resilientDesign();
    const { faults, skipped } = resolveDrill(doc, steps);
    expect(skipped).toEqual([]);
    const region = faults.filter((f) => f.step.kind === 'crashRegion').map((f) => f.fault);
    // r1 and r2 tie on servers; document order picks r1. Every server in it goes dark.
    expect(region.map((f) => f.kind === 'crash' && f.node)).toEqual([
      'r1-lb',
      'r1-api',
      'r1-cache',
      'r1-db',
      'r1-queue',
      'r1-worker',
    ]);
    expect(region[0]).toMatchObject({ kind: 'crash', atMs: 10_000, untilMs: 25_000, mode: 'blackhole' });
    const partition = faults.find((f) => f.step.kind === 'partitionRegions')!;
    expect(partition.fault).toMatchObject({ kind: 'partition', sides: [['r1'], ['r2']], atMs: 5000, untilMs: 10_000 });
    expect(faults.filter((f) => f.step.kind === 'slowDatabase').map((f) => f.fault)).toEqual([
      expect.objectContaining({ kind: 'slow', node: 'r1-db', factor: 5 }),
      expect.objectContaining({ kind: 'slow', node: 'r2-db', factor: 5 }),
    ]);
    expect(faults.filter((f) => f.step.kind === 'surge').map((f) => f.fault)).toEqual([
      expect.objectContaining({ kind: 'surge', node: 'users', factor: 2 }),
      expect.objectContaining({ kind: 'surge', node: 'static', factor: 2 }),
    ]);
    // A replicated database loses one replica; a cache (no replicas) goes down whole.
    const [db, cache] = faults.filter((f) => f.step.kind === 'crashNode');
    expect(db!.fault).toMatchObject({ kind: 'crash', node: 'r1-db', replica: 0, mode: 'refuse' });
    expect(db!.description).toBe('One of the 2 replicas of "r1-db" crashes from 40 s to 50 s.');
    expect(cache!.fault).toMatchObject({ kind: 'crash', node: 'r1-cache' });
    expect(cache!.fault).not.toHaveProperty('replica');
    // The faults are valid in the document, with unique ids.
    expect(
      validateDocument(
        withFaults(
          doc,
          faults.map((f) => f.fault),
        ),
      ).ok,
    ).toBe(true);
  });

  it('takes the whole design down when it runs in no region, and skips what has nothing to hit', () => {
    const doc = design([node('users', 'client'), node('api', 'service')], [edge('users', 'api')]);
    const { faults, skipped } = resolveDrill(doc, steps);
    expect(faults.map((f) => f.fault.kind)).toEqual(['crash', 'surge']);
    expect(faults[0]!.fault).toMatchObject({ node: 'api', mode: 'blackhole' });
    expect(faults[0]!.description).toBe('The design runs in one place, and all of it goes dark from 10 s to 25 s.');
    expect(skipped.map((s) => s.step.kind)).toEqual(['partitionRegions', 'slowDatabase', 'crashNode', 'crashNode']);
    expect(skipped[0]!.reason).toMatch(/fewer than two regions/);
    expect(faults.length + skipped.length).toBe(steps.length);
  });

  it('shifts faults by an offset for a drill dealt mid-session, and describes the shifted times', () => {
    const doc = weakDesign();
    const { faults } = resolveDrill(doc, [{ kind: 'crashNode', target: 'database', atS: 0, forS: 10, say }], {
      offsetMs: 125_000,
    });
    expect(faults[0]!.fault).toMatchObject({ atMs: 125_000, untilMs: 135_000, node: 'db' });
    expect(faults[0]!.description).toBe('"db" crashes from 125 s to 135 s.');
  });

  it('never reuses an id the document holds', () => {
    const doc = weakDesign();
    const taken = resolveDrill(doc, [steps[4]!]).faults[0]!.fault;
    const again = resolveDrill(withFaults(doc, [taken]), [steps[4]!]).faults[0]!.fault;
    expect(again.id).not.toBe(taken.id);
  });

  it('spares managed networks: DNS, CDNs and a global load balancer are not crashed', () => {
    const { faults } = resolveDrill(resilientDesign(), [
      { kind: 'crashNode', target: 'loadBalancer', atS: 1, forS: 1, say },
    ]);
    expect(faults[0]!.fault).toMatchObject({ node: 'r1-lb' });
  });
});

describe('scale model', () => {
  it('keeps replicas x concurrency in proportion, and at least two replicas where there were two', () => {
    expect(scalePool(40, 32, 0.0375)).toEqual({ replicas: 24, concurrency: 2 });
    expect(scalePool(10, 4, 0.25)).toEqual({ replicas: 10, concurrency: 1 });
    expect(scalePool(3, 32, 0.5)).toEqual({ replicas: 3, concurrency: 16 });
    expect(scalePool(1, 50, 0.04)).toEqual({ replicas: 1, concurrency: 2 });
    expect(scalePool(2, 8, 0.01)).toEqual({ replicas: 2, concurrency: 1 });
    expect(scalePool(5, 4, 1)).toEqual({ replicas: 5, concurrency: 4 });
  });
});

describe('runDrill', () => {
  const prompt = testPrompt({ drill: steps.slice(0, 4) });

  it('gives the same result for the same seed, and a different run for another', () => {
    const a = runDrill(resilientDesign(), prompt, { seed: 7 });
    const b = runDrill(resilientDesign(), prompt, { seed: 7 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = runDrill(resilientDesign(), prompt, { seed: 8 });
    expect(c.report.events).not.toBe(a.report.events);
  });

  it('runs the prompt peak as a scale model, and its document reproduces the report', () => {
    const r = runDrill(resilientDesign(), prompt, { seed: 3 });
    // Peak 2,000/s > 1,500/s: a 3:4 model.
    expect(r.offeredRps).toBeCloseTo(MAX_DRILL_RPS, 9);
    expect(r.loadScale).toBeCloseTo(0.75, 12);
    expect(r.durationMs).toBe(60_000);
    expect(r.timeline).toHaveLength(60);
    expect(r.document.simulation).toEqual({ seed: 3, durationMs: 60_000 + DRILL_DRAIN_MS });
    expect(r.document.faults).toEqual(r.faults.map((f) => f.fault));
    const sim = createSimulation(r.document, { seed: 3 });
    sim.runUntil(r.document.simulation.durationMs!);
    expect(JSON.stringify(sim.report())).toBe(JSON.stringify(r.report));
    // Every request either succeeded or failed by the end of the drain.
    const total = Object.values(r.report.clients).reduce((a, c) => a + c.requests, 0);
    const done = r.timeline.reduce((a, s) => a + s.succeeded + s.failed, 0);
    expect(done).toBeLessThanOrEqual(total);
  });

  it('keeps the design rates with load "design"', () => {
    const r = runDrill(resilientDesign(), prompt, { load: 'design', seed: 1 });
    expect(r.offeredRps).toBe(250);
    expect(r.loadScale).toBe(1);
  });

  it('fails a weak design and passes a resilient one under the same faults', () => {
    const weak = runDrill(weakDesign(), prompt, { seed: 1 });
    const strong = runDrill(resilientDesign(), prompt, { seed: 1 });
    expect(weak.meetsAvailability).toBe(false);
    expect(weak.availability).toBeLessThan(0.5);
    expect(weak.score).toBeLessThan(20);
    expect(weak.brokenNodes.map((b) => b.nodeId)).toContain('users');
    expect(weak.brokenNodes.find((b) => b.nodeId === 'users')!.why).toMatch(/% of requests failed: .*timeout/);
    expect(strong.meetsAvailability).toBe(true);
    expect(strong.meetsP99).toBe(true);
    expect(strong.score).toBe(100);
    expect(strong.score).toBeGreaterThan(weak.score);
  });

  it('scores availability by the nines kept and the tail by target / p99', () => {
    // A single-replica service that errors on 10% of requests: 90% availability against 99.9% keeps a third of the nines.
    const doc = design(
      [
        node('users', 'client', { timeoutMs: 1000 }),
        node('api', 'service', {
          replicas: 4,
          concurrency: 64,
          errorRate: 0.1,
          serviceTime: { dist: 'constant', meanMs: 400 },
        }),
      ],
      [edge('users', 'api', { protocol: 'http2' })],
    );
    const p = testPrompt({
      estimation: { ...prompt.estimation, dailyActiveUsers: 8_640_000 / 10 },
      drill: [{ kind: 'surge', atS: 59, forS: 1, factor: 1.001, say }],
    });
    const r = runDrill(doc, p, { seed: 2 });
    expect(r.availability).toBeGreaterThan(0.88);
    expect(r.availability).toBeLessThan(0.92);
    expect(r.p99Ms).toBeCloseTo(400, -1);
    const nines = Math.log(1 - r.availability) / Math.log(1 - 0.999);
    // The tail counts only as far as requests got through.
    expect(r.score).toBe(Math.round(70 * nines + 30 * (200 / r.p99Ms) * nines));
    expect(r.brokenNodes.find((b) => b.nodeId === 'api')!.why).toMatch(/failed \(\d[\d,]* errors\)/);
  });

  it('runs a 30-node design in a few seconds', () => {
    const doc = resilientDesign({ regions: 4 });
    expect(doc.nodes.length).toBeGreaterThanOrEqual(30);
    const started = performance.now();
    const r = runDrill(doc, testPrompt({ regions: 4, drill: steps }), { seed: 1 });
    const ms = performance.now() - started;
    console.info(`drill of ${doc.nodes.length} nodes: ${Math.round(ms)} ms, ${r.report.events} events`);
    // Generous: the machine is shared; measured times are in the report.
    expect(ms).toBeLessThan(15_000);
  });
});

describe('runDrill with other lengths', () => {
  it('stops the timeline on the drill end, and reports progress up to the end of the drain', () => {
    const seen: number[] = [];
    const r = runDrill(weakDesign(), testPrompt({ drill: [{ kind: 'surge', atS: 1, forS: 1, factor: 2, say }] }), {
      seed: 1,
      durationMs: 2500,
      load: 'design',
      onProgress: (t, total) => seen.push(t / total),
    });
    expect(r.timeline.map((s) => s.atMs)).toEqual([0, 1000, 2000]);
    expect(r.durationMs).toBe(2500);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
