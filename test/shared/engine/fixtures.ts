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
