import { resolveClient, resolveDatabase, resolveQueue, resolveService } from '../model/defaults.js';
import type { RetryPolicy, TopologyDocument, TopologyNode } from '../model/types.js';

export interface ScaledDesign {
  doc: TopologyDocument;
  /** The factor applied to client rates, worker pools, key spaces and rate limits (1 = full size). */
  loadScale: number;
  /** Total client rate of the scaled design at the start (requests per second). */
  offeredRps: number;
}

/**
 * The (replicas, concurrency) pair whose product is closest to `replicas x concurrency x f`, keeping at least two
 * replicas where there were two or more (redundancy is what a drill tests) and preferring more replicas on ties,
 * so a lost replica costs about the same share of capacity as at full size.
 */
export function scalePool(replicas: number, concurrency: number, f: number): { replicas: number; concurrency: number } {
  if (f >= 1) return { replicas, concurrency };
  const target = replicas * concurrency * f;
  const minReplicas = Math.min(replicas, 2);
  let best = { replicas, concurrency, err: Infinity };
  for (let c = 1; c <= concurrency; c++) {
    const r = Math.min(replicas, Math.max(minReplicas, Math.round(target / c)));
    const err = Math.abs(r * c - target);
    if (err < best.err - 1e-9 || (Math.abs(err - best.err) <= 1e-9 && r > best.replicas))
      best = { replicas: r, concurrency: c, err };
  }
  return { replicas: best.replicas, concurrency: best.concurrency };
}

function scaleRetry(p: RetryPolicy | undefined, f: number): RetryPolicy | undefined {
  if (!p?.budget || p.budget.minPerSec === undefined) return p;
  return { ...p, budget: { ...p.budget, minPerSec: p.budget.minPerSec * f } };
}

const atLeastOne = (v: number) => Math.max(1, Math.round(v));

/** Scales one node in place for a load factor `f` < 1. */
function scaleNode(n: TopologyNode, f: number): void {
  switch (n.kind) {
    case 'client': {
      const r = resolveClient(n.params);
      n.params.users = atLeastOne(r.users * f);
      n.params.keys = { ...n.params.keys, count: atLeastOne(r.keys.count * f) };
      const retry = scaleRetry(n.params.retry, f);
      if (retry) n.params.retry = retry;
      return;
    }
    case 'service':
    case 'database': {
      const r = n.kind === 'service' ? resolveService(n.params) : resolveDatabase(n.params);
      const pool = scalePool(r.replicas, r.concurrency, f);
      n.params.replicas = pool.replicas;
      n.params.concurrency = pool.concurrency;
      // Keep the longest wait in the queue the same: total queue room shrinks with throughput.
      n.params.queueCapacity = atLeastOne((r.queueCapacity * r.replicas * f) / pool.replicas);
      if (n.kind === 'service') {
        const retry = scaleRetry(n.params.retry, f);
        if (retry) n.params.retry = retry;
      }
      return;
    }
    case 'queue': {
      const r = resolveQueue(n.params);
      n.params.capacity = atLeastOne(r.capacity * f);
      n.params.consumers = atLeastOne(r.consumers * f);
      return;
    }
    case 'cache':
    case 'cdn':
      n.params.capacity = atLeastOne((n.params.capacity ?? 10_000) * f);
      return;
    case 'sidecar': {
      if (n.params.rateLimit) {
        const { ratePerSec = 100, burst = 20 } = n.params.rateLimit;
        n.params.rateLimit = { ratePerSec: ratePerSec * f, burst: atLeastOne(burst * f) };
      }
      const retry = scaleRetry(n.params.retry, f);
      if (retry) n.params.retry = retry;
      return;
    }
    default:
      return;
  }
}

/**
 * Prepares a copy of a design for a drill: sets the clients' total rate to `targetRps` (split in proportion to
 * their rates; `null` keeps the design's rates), makes them stop at `stopAtMs`, and, when the total exceeds
 * `maxRps`, shrinks the design into a scale model by f = maxRps / total. The model keeps every pool's utilisation
 * (rates and replicas x concurrency both scale by f), each key's request rate (key spaces and cache capacities
 * scale too), and rate limits and retry budgets relative to the traffic. Link bandwidth is left as is, so the
 * scale model is slightly kinder to saturated links than the real thing. Mutates and returns `doc`.
 */
export function scaleModel(
  doc: TopologyDocument,
  options: { targetRps: number | null; maxRps: number; stopAtMs: number },
): ScaledDesign {
  const clients = doc.nodes.filter((n) => n.kind === 'client');
  const rates = clients.map((c) => (c.kind === 'client' ? resolveClient(c.params).rate : 0));
  const designTotal = rates.reduce((a, b) => a + b, 0);
  const wanted = options.targetRps ?? designTotal;
  const loadScale = wanted > options.maxRps ? options.maxRps / wanted : 1;
  clients.forEach((c, i) => {
    if (c.kind !== 'client') return;
    // Each client keeps its share of the traffic; with no rates set, they share it evenly.
    const share = designTotal > 0 ? rates[i]! / designTotal : 1 / clients.length;
    const rate = wanted * share * loadScale;
    const factor = rates[i]! > 0 ? rate / rates[i]! : 0;
    const schedule = (c.params.rateSchedule ?? [])
      .filter((s) => s.atMs < options.stopAtMs)
      .map((s) => ({ atMs: s.atMs, rate: s.rate * factor }));
    c.params.rate = rate;
    c.params.rateSchedule = [...schedule, { atMs: options.stopAtMs, rate: 0 }];
  });
  if (loadScale < 1) for (const n of doc.nodes) scaleNode(n, loadScale);
  return { doc, loadScale, offeredRps: wanted * loadScale };
}
