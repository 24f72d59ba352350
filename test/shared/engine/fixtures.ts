import type { Distribution, TopologyDocument, TopologyEdge, TopologyNode } from '../../../shared/model/types.js';

/** A document from nodes and edges, with the required top-level fields filled in. */
export function doc(nodes: TopologyNode[], edges: TopologyEdge[], durationMs = 60_000, seed = 1): TopologyDocument {
  return {
    format: 'backpressure.topology',
    version: 1,
    name: 'test',
    simulation: { seed, durationMs },
    nodes,
    edges,
    faults: [],
    notes: [],
  };
}

export function edge(id: string, source: string, target: string, params: TopologyEdge['params'] = {}): TopologyEdge {
  return { id, source, target, params: { latencyMs: 0, ...params } };
}

/**
 * A single-server queue: one client at `rate`/s straight into a service with `workers` workers, no timeout, a
 * zero-latency edge and an unbounded-in-practice queue.
 */
export function singleQueue(rate: number, serviceTime: Distribution, workers: number, durationMs: number, seed = 1) {
  return doc(
    [
      {
        id: 'users',
        kind: 'client',
        position: { x: 0, y: 0 },
        params: { rate, timeoutMs: 0, requestBytes: 0, responseBytes: 0 },
      },
      {
        id: 'server',
        kind: 'service',
        position: { x: 200, y: 0 },
        params: { concurrency: workers, queueCapacity: 10_000_000, serviceTime },
      },
    ],
    [edge('e1', 'users', 'server')],
    durationMs,
    seed,
  );
}

/**
 * A topology that exercises every random choice of the core: poisson and uniform clients with zipf keys, a
 * power-of-two balancer, an L4 consistent-hash balancer, replicas, parallel and probabilistic dependencies, edges
 * with jitter, TCP loss (retransmissions) and UDP loss, and timeouts.
 */
export function mixed(durationMs = 20_000, seed = 1) {
  return doc(
    [
      { id: 'web-users', kind: 'client', position: { x: 0, y: 0 }, params: { rate: 300, timeoutMs: 500 } },
      {
        id: 'api-users',
        kind: 'client',
        position: { x: 0, y: 120 },
        params: {
          rate: 100,
          arrival: 'uniform',
          keys: { count: 500, distribution: 'zipf', zipfS: 1.1 },
          timeoutMs: 800,
        },
      },
      { id: 'lb', kind: 'loadBalancer', position: { x: 220, y: 0 }, params: { strategy: 'powerOfTwo' } },
      {
        id: 'lb4',
        kind: 'loadBalancer',
        position: { x: 220, y: 120 },
        params: { strategy: 'consistentHash', layer: 4, vnodes: 50 },
      },
      {
        id: 'web',
        kind: 'service',
        position: { x: 440, y: 0 },
        params: { replicas: 3, concurrency: 4, queueCapacity: 20, calls: 'parallel', errorRate: 0.01 },
      },
      {
        id: 'search',
        kind: 'service',
        position: { x: 660, y: 0 },
        params: { replicas: 2, serviceTime: { dist: 'lognormal', meanMs: 8, p99Ms: 60 } },
      },
      {
        id: 'db',
        kind: 'database',
        position: { x: 880, y: 0 },
        params: { serviceTime: { dist: 'normal', meanMs: 4, stdMs: 2 } },
      },
    ],
    [
      edge('e-web', 'web-users', 'lb', { latencyMs: 30, jitterMs: 10, lossRate: 0.01 }),
      edge('e-api', 'api-users', 'lb4', { latencyMs: 5, lossRate: 0.02, protocol: 'udp' }),
      edge('lb-web', 'lb', 'web'),
      edge('lb4-web', 'lb4', 'web'),
      edge('web-search', 'web', 'search', { probability: 0.5, jitterMs: 1 }),
      edge('web-db', 'web', 'db', { latencyMs: 1, bandwidthMbps: 100 }),
      edge('search-db', 'search', 'db', { probability: 0.3 }),
    ],
    durationMs,
    seed,
  );
}
