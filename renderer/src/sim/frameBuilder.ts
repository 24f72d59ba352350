import type { MessageBatch, Report, Simulation } from '../../../shared/engine/index.js';
import type { Fault, TopologyDocument } from '../../../shared/model/types.js';
import { BREAKER_CLOSED, BREAKER_HALF_OPEN, BREAKER_NONE, BREAKER_OPEN, type LiveState } from './protocol.js';
import { RateWindow } from './liveRates.js';

/** Concatenates message batches into one (the typed arrays of a frame, transferred to the editor). */
export function concatBatches(batches: readonly MessageBatch[]): MessageBatch {
  const count = batches.reduce((a, b) => a + b.count, 0);
  const out: MessageBatch = {
    count,
    dropped: batches.reduce((a, b) => a + b.dropped, 0),
    edge: new Int32Array(count),
    direction: new Uint8Array(count),
    departMs: new Float64Array(count),
    arriveMs: new Float64Array(count),
    kind: new Uint8Array(count),
    request: new Float64Array(count),
    outcome: new Uint8Array(count),
  };
  let at = 0;
  for (const b of batches) {
    out.edge.set(b.edge.subarray(0, b.count), at);
    out.direction.set(b.direction.subarray(0, b.count), at);
    out.departMs.set(b.departMs.subarray(0, b.count), at);
    out.arriveMs.set(b.arriveMs.subarray(0, b.count), at);
    out.kind.set(b.kind.subarray(0, b.count), at);
    out.request.set(b.request.subarray(0, b.count), at);
    out.outcome.set(b.outcome.subarray(0, b.count), at);
    at += b.count;
  }
  return out;
}

/** The buffers of a batch and a live state, to transfer rather than copy. */
export function transferables(batch: MessageBatch, live: LiveState): ArrayBuffer[] {
  const all = [
    batch.edge,
    batch.direction,
    batch.departMs,
    batch.arriveMs,
    batch.kind,
    batch.request,
    batch.outcome,
    ...Object.values(live),
  ];
  return [...new Set(all.map((a) => (a as ArrayBufferView).buffer as ArrayBuffer))];
}

const active = (f: Fault, t: number) => f.atMs <= t && (f.untilMs === undefined || t < f.untilMs);

/** Where faults active at `t` cut or degrade edges, and which nodes they crash. */
export function faultState(doc: TopologyDocument, faults: readonly Fault[], t: number) {
  const edgeIndex = new Map(doc.edges.map((e, i) => [e.id, i]));
  const nodeIndex = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const cut = new Uint8Array(doc.edges.length);
  const degraded = new Uint8Array(doc.edges.length);
  const crashed = new Uint8Array(doc.nodes.length);
  // A partition side lists nodes or regions: a node is on a side when it or a region around it is listed.
  const parentOf = new Map(doc.nodes.map((n) => [n.id, n.parent]));
  const within = (id: string, side: ReadonlySet<string>) => {
    for (let at: string | undefined = id, depth = 0; at !== undefined && depth < 4; at = parentOf.get(at), depth++)
      if (side.has(at)) return true;
    return false;
  };
  for (const f of faults) {
    if (!active(f, t)) continue;
    if (f.kind === 'cut') for (const id of f.edges) cut[edgeIndex.get(id) ?? -1] = f.oneWay ? 2 : 1;
    else if (f.kind === 'degrade') degraded[edgeIndex.get(f.edge) ?? -1] = 1;
    else if (f.kind === 'crash' && f.replica === undefined) crashed[nodeIndex.get(f.node) ?? -1] = 1;
    else if (f.kind === 'partition') {
      const a = new Set(f.sides[0]);
      const b = new Set(f.sides[1]);
      doc.edges.forEach((e, i) => {
        const sa = within(e.source, a);
        const ta = within(e.target, a);
        const sb = within(e.source, b);
        const tb = within(e.target, b);
        if ((sa && tb) || (sb && ta)) cut[i] = f.oneWay ? 2 : 1;
      });
    }
  }
  return { cut, degraded, crashed };
}

/** The breaker state after the transitions recorded up to now, per edge it guards (`caller->target` keys). */
export function breakerState(doc: TopologyDocument, report: Report): Uint8Array {
  const out = new Uint8Array(doc.edges.length).fill(BREAKER_NONE);
  const code = { closed: BREAKER_CLOSED, open: BREAKER_OPEN, halfOpen: BREAKER_HALF_OPEN } as const;
  const worst = (a: number, b: number) => (a === BREAKER_OPEN || b === BREAKER_OPEN ? BREAKER_OPEN : Math.max(a, b));
  for (const [key, b] of Object.entries(report.breakers)) {
    const [caller, target] = key.split('->');
    const last = b.transitions.at(-1);
    const state = last ? code[last.to] : BREAKER_CLOSED;
    doc.edges.forEach((e, i) => {
      if (e.source === caller && e.target === target) out[i] = worst(out[i]!, state);
    });
  }
  return out;
}

// The sample computation lives in shared/ so the exported report computes the same numbers as the dashboard.
export { sampleBetween } from '../../../shared/series.js';

// One rate window per run, kept beside its simulation (a new run is a new simulation, with a fresh window).
const rateWindows = new WeakMap<Simulation, RateWindow>();

/** The live state of every node and edge: the engine's own counts, and what the active faults cut. */
export function liveState(sim: Simulation, doc: TopologyDocument, report: Report, prev: Report | null): LiveState {
  const engine = sim.liveState();
  let rateWindow = rateWindows.get(sim);
  if (!rateWindow) rateWindows.set(sim, (rateWindow = new RateWindow(doc)));
  const rates = rateWindow.update(sim.nowMs, report);
  const n = doc.nodes.length;
  const errorRate = new Float64Array(n);
  const hitRatio = new Float64Array(n).fill(Number.NaN);
  doc.nodes.forEach((node, i) => {
    const r = report.nodes[node.id];
    const p = prev?.nodes[node.id];
    if (r) {
      const answered = r.ok + r.errors + r.rejected - ((p?.ok ?? 0) + (p?.errors ?? 0) + (p?.rejected ?? 0));
      const failed = r.errors + r.rejected - ((p?.errors ?? 0) + (p?.rejected ?? 0));
      errorRate[i] = answered > 0 ? failed / answered : 0;
    }
    const cache = report.caches[node.id];
    if (cache) hitRatio[i] = cache.hitRatio;
  });
  const faults = faultState(doc, sim.topology.faults, sim.nowMs);
  for (let i = 0; i < n; i++) if (faults.crashed[i]) engine.crashed[i] = 1;
  return {
    busy: engine.busy,
    workers: engine.workers,
    queued: engine.queued,
    queueCapacity: engine.queueCapacity,
    healthy: engine.healthy,
    replicas: engine.replicas,
    crashed: engine.crashed,
    errorRate,
    hitRatio,
    breaker: breakerState(doc, report),
    cut: faults.cut,
    degraded: faults.degraded,
    ejected: engine.ejected,
    markedDown: engine.markedDown,
    outOfRotation: engine.outOfRotation,
    ...rates,
  };
}
