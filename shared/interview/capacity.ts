import {
  resolveCache,
  resolveCdn,
  resolveClient,
  resolveDatabase,
  resolveEdge,
  resolveLoadBalancer,
  resolveQueue,
  resolveService,
} from '../model/defaults.js';
import { edgeLatencyMs } from '../model/geo.js';
import type { Distribution, TopologyDocument, TopologyEdge, TopologyNode } from '../model/types.js';
import { graphOf, labelOf, replicasOf, requestEdges } from './graph.js';
import type { Graph } from './graph.js';
import type { Capacity, LinkCapacity, NodeCapacity } from './types.js';

/** The mean of a service-time distribution (ms), as the engine samples it (`normal` is clamped at 0). */
export function meanServiceTimeMs(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
    case 'exponential':
    case 'lognormal':
      return d.meanMs;
    case 'uniform':
      return (d.minMs + d.maxMs) / 2;
    case 'normal': {
      // E[max(0, X)] for X ~ N(mu, sigma): mu * Phi(mu / sigma) + sigma * phi(mu / sigma).
      if (d.stdMs <= 0) return Math.max(0, d.meanMs);
      const z = d.meanMs / d.stdMs;
      return d.meanMs * normalCdf(z) + d.stdMs * (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI));
    }
  }
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp((-z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Worker pools: services and databases (replicas x concurrency workers, each busy for a mean service time), and
 * queues (consumers deliveries in flight, each held for a round trip to a consumer and its answer).
 */
function poolOf(g: Graph, id: string, missRatio: number, memo: Map<string, number>): NodeCapacity | null {
  const n = g.byId.get(id);
  if (!n) return null;
  let replicas: number;
  let concurrency: number;
  let serviceTimeMs: number;
  if (n.kind === 'service' || n.kind === 'database') {
    const r = n.kind === 'service' ? resolveService(n.params) : resolveDatabase(n.params);
    replicas = r.replicas;
    concurrency = r.concurrency;
    serviceTimeMs = meanServiceTimeMs(r.serviceTime);
  } else if (n.kind === 'queue') {
    const consumers = g.out.get(id) ?? [];
    if (consumers.length === 0) return null;
    replicas = 1;
    concurrency = resolveQueue(n.params).consumers;
    // Deliveries go round the consumers: the mean over them of a round trip plus the consumer's answer time.
    serviceTimeMs =
      consumers.reduce((a, e) => a + 2 * edgeLatencyMs(e, g.byId) + meanResponseMs(g, e.target, missRatio, memo), 0) /
      consumers.length;
  } else return null;
  const maxRps = serviceTimeMs > 0 ? (replicas * concurrency * 1000) / serviceTimeMs : Infinity;
  return {
    nodeId: n.id,
    kind: n.kind,
    label: labelOf(g, n.id),
    replicas,
    concurrency,
    serviceTimeMs,
    maxRps,
    visits: 0,
    limitRps: Infinity,
  };
}

/**
 * How many times each node is reached per client request (its visit ratio), with clients weighted by their
 * rates. Choosers split by edge weight (a load balancer by its targets' replicas, as round robin over replicas
 * does; a DNS node evenly, or all to the first target for `failover`); a service calls each dependency with the
 * edge's probability; caches and CDNs pass on the share they miss.
 */
function visitRatios(g: Graph, missRatio: number): { visits: Map<string, number>; edgeVisits: Map<string, number> } {
  const visits = new Map<string, number>();
  const edgeVisits = new Map<string, number>();
  const send = (e: TopologyEdge, v: number, depth: number) => {
    if (v <= 1e-12) return;
    edgeVisits.set(e.id, (edgeVisits.get(e.id) ?? 0) + v);
    add(e.target, v, depth);
  };
  const rates = g.clients.map((c) => resolveClient(c.params).rate);
  const total = rates.reduce((a, b) => a + b, 0);
  function add(id: string, v: number, depth: number): void {
    if (v <= 1e-12 || depth > 64) return;
    visits.set(id, (visits.get(id) ?? 0) + v);
    const n = g.byId.get(id);
    if (!n) return;
    const edges = requestEdges(g, id).filter((e) => g.byId.get(e.target)?.kind !== 'region');
    if (edges.length === 0) return;
    if (n.kind === 'client') {
      const dnsEdge = (g.out.get(id) ?? []).find((e) => g.byId.get(e.target)?.kind === 'dns');
      if (dnsEdge) {
        // The client sends where its DNS node answers: split as the DNS node splits.
        const dnsNode = g.byId.get(dnsEdge.target)!;
        const targets = g.out.get(dnsNode.id) ?? [];
        if (targets.length > 0) {
          const policy = dnsNode.kind === 'dns' ? (dnsNode.params.policy ?? 'roundRobin') : 'roundRobin';
          const weights = targets.map((e, i) =>
            policy === 'failover' ? (i === 0 ? 1 : 0) : policy === 'weighted' ? resolveEdge(e.params).weight : 1,
          );
          const sum = weights.reduce((a, b) => a + b, 0) || 1;
          // The request itself travels on the client's own edge to the answered target.
          targets.forEach((e, i) => {
            const direct = edges.find((x) => x.target === e.target);
            if (direct) send(direct, (v * weights[i]!) / sum, depth + 1);
          });
          return;
        }
      }
    }
    if (n.kind === 'client' || n.kind === 'loadBalancer' || n.kind === 'dns' || n.kind === 'queue') {
      const weights = edges.map((e) => {
        if (n.kind === 'loadBalancer') {
          const t = g.byId.get(e.target);
          const replicas = t && (t.kind === 'service' || t.kind === 'database') ? (t.params.replicas ?? 1) : 1;
          const strategy = n.params.strategy ?? 'roundRobin';
          return strategy === 'weighted' ? resolveEdge(e.params).weight : replicas;
        }
        if (n.kind === 'queue') return 1;
        return resolveEdge(e.params).weight;
      });
      const sum = weights.reduce((a, b) => a + b, 0) || 1;
      edges.forEach((e, i) => send(e, (v * weights[i]!) / sum, depth + 1));
      return;
    }
    const passOn = n.kind === 'cache' || n.kind === 'cdn' ? missRatio : 1;
    for (const e of edges) send(e, v * passOn * resolveEdge(e.params).probability, depth + 1);
  }
  g.clients.forEach((c, i) => add(c.id, total > 0 ? rates[i]! / total : 1 / g.clients.length, 0));
  return { visits, edgeVisits };
}

/** HTTP/1.1 carries one request at a time per connection, at most this many per caller and target instance. */
export const HTTP1_CONNECTIONS = 6;

/** Instances that hold their own connections: a client's users, a service's replicas, one of anything else. */
function callerInstances(n: TopologyNode): number {
  if (n.kind === 'client') return resolveClient(n.params).users;
  return replicasOf(n);
}

/**
 * The mean time from sending a request to a node to its answer, with no queueing: its own work plus its calls
 * (sequential calls add up, parallel ones take the longest), each a round trip away. Caches and CDNs answer hits
 * at once and go to the origin for the share they miss.
 */
function meanResponseMs(g: Graph, id: string, missRatio: number, memo: Map<string, number>, depth = 0): number {
  const known = memo.get(id);
  if (known !== undefined) return known;
  const n = g.byId.get(id);
  if (!n || depth > 32) return 0;
  const call = (e: TopologyEdge) =>
    2 * edgeLatencyMs(e, g.byId) + meanResponseMs(g, e.target, missRatio, memo, depth + 1);
  const edges = requestEdges(g, id);
  let ms: number;
  switch (n.kind) {
    case 'service':
    case 'database': {
      const r = n.kind === 'service' ? resolveService(n.params) : resolveDatabase(n.params);
      const calls = edges.map((e) => resolveEdge(e.params).probability * call(e));
      ms =
        meanServiceTimeMs(r.serviceTime) +
        (r.calls === 'parallel' ? Math.max(0, ...calls) : calls.reduce((a, b) => a + b, 0));
      break;
    }
    case 'loadBalancer': {
      const r = resolveLoadBalancer(n.params);
      ms = r.processingMs + (edges.length > 0 ? Math.max(...edges.map(call)) : 0);
      break;
    }
    case 'cache':
      ms = resolveCache(n.params).hitMs + (edges[0] ? missRatio * call(edges[0]) : 0);
      break;
    case 'cdn':
      ms = resolveCdn(n.params).hitMs + (edges[0] ? missRatio * call(edges[0]) : 0);
      break;
    case 'queue':
      ms = resolveQueue(n.params).enqueueMs;
      break;
    default:
      ms = 0;
  }
  memo.set(id, ms);
  return ms;
}

/** Links whose HTTP/1.1 connection pool caps throughput: connections x 1000 / (round trip + answer time). */
function linkLimits(g: Graph, edgeVisits: Map<string, number>, missRatio: number): LinkCapacity[] {
  const memo = new Map<string, number>();
  const out: LinkCapacity[] = [];
  for (const e of g.doc.edges) {
    const visits = edgeVisits.get(e.id) ?? 0;
    const source = g.byId.get(e.source);
    const target = g.byId.get(e.target);
    if (visits <= 0 || !source || !target || target.kind === 'dns') continue;
    if (resolveEdge(e.params).protocol !== 'http1.1') continue;
    const connections = HTTP1_CONNECTIONS * callerInstances(source) * replicasOf(target);
    const holdMs = 2 * edgeLatencyMs(e, g.byId) + meanResponseMs(g, e.target, missRatio, memo);
    const maxRps = holdMs > 0 ? (connections * 1000) / holdMs : Infinity;
    out.push({
      edgeId: e.id,
      label: `${labelOf(g, e.source)} -> ${labelOf(g, e.target)}`,
      connections,
      holdMs,
      maxRps,
      visits,
      limitRps: maxRps / visits,
    });
  }
  return out;
}

/**
 * What the design can serve: replicas x concurrency / mean service time for every worker pool (a queue's
 * consumers count as one: deliveries in flight / delivery time), the HTTP/1.1
 * connection pools that cap a link (6 connections per caller and target instance, each held for a round trip and
 * the answer), and the largest total client rate before the first of them saturates (the operational-analysis bound X = min over pools of
 * maxRps / visits, with the clients' traffic split as their rates are). A queue's consumers count too: a queue
 * that fills faster than it drains only postpones the failure. Each cache or CDN layer answers `cacheHitRatio` of
 * what reaches it (default 0: every request goes on to the origin, the safe assumption).
 */
export function capacityOf(doc: TopologyDocument, options: { cacheHitRatio?: number } = {}): Capacity {
  const g = graphOf(doc);
  const hit = Math.min(1, Math.max(0, options.cacheHitRatio ?? 0));
  const { visits, edgeVisits } = visitRatios(g, 1 - hit);
  const nodes: NodeCapacity[] = [];
  let pathMaxRps = Infinity;
  let bottleneck: string | undefined;
  let bottleneckEdge: string | undefined;
  const memo = new Map<string, number>();
  for (const n of doc.nodes) {
    const pool = poolOf(g, n.id, 1 - hit, memo);
    if (!pool) continue;
    pool.visits = visits.get(n.id) ?? 0;
    pool.limitRps = pool.visits > 0 ? pool.maxRps / pool.visits : Infinity;
    nodes.push(pool);
    if (pool.limitRps < pathMaxRps) {
      pathMaxRps = pool.limitRps;
      bottleneck = n.id;
    }
  }
  const links = linkLimits(g, edgeVisits, 1 - hit);
  for (const l of links) {
    if (l.limitRps < pathMaxRps) {
      pathMaxRps = l.limitRps;
      bottleneckEdge = l.edgeId;
      bottleneck = g.doc.edges.find((e) => e.id === l.edgeId)?.source;
    }
  }
  return {
    nodes,
    links,
    pathMaxRps,
    ...(bottleneck === undefined ? {} : { bottleneck }),
    ...(bottleneckEdge === undefined ? {} : { bottleneckEdge }),
    headroom: (peakRps: number) => (peakRps > 0 ? pathMaxRps / peakRps : Infinity),
  };
}
