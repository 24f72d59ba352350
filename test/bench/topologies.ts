import type { TopologyDocument, TopologyEdge, TopologyNode } from '../../shared/model/types.js';
import { doc } from '../shared/engine/fixtures.js';

const base = (name: string, durationMs: number, nodes: TopologyNode[], edges: TopologyEdge[]): TopologyDocument => ({
  ...doc(nodes, edges, durationMs),
  name,
});

/** M/M/1 (rate 80/s, exponential 10 ms) long enough for `requests` arrivals on average. */
export function mm1(requests: number): TopologyDocument {
  const rate = 80;
  return base(
    'M/M/1',
    (requests / rate) * 1000,
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
        position: { x: 220, y: 0 },
        params: { concurrency: 1, queueCapacity: 1_000_000, serviceTime: { dist: 'exponential', meanMs: 10 } },
      },
    ],
    [{ id: 'e', source: 'users', target: 'server', params: { latencyMs: 0 } }],
  );
}

/**
 * The resilience features a production topology would switch on: client retries with a budget, per-call timeouts,
 * retries and a circuit breaker in the web tier, health checks and outlier detection on the balancer.
 */
export interface Resilience {
  resilient?: boolean;
}

/**
 * A 50-node web topology: 45 client populations (20,000 requests/s in all) behind one load balancer, a web tier
 * calling an auth service and an api service (3 services x 4 replicas), and a database with 2 replicas.
 */
export function fiftyNodes(
  durationMs = 60_000,
  totalRate = 20_000,
  { resilient = false }: Resilience = {},
): TopologyDocument {
  const clients = 45;
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const link = { bandwidthMbps: 10_000, latencyMs: 0.25, protocol: 'http2' as const };
  for (let i = 0; i < clients; i++) {
    nodes.push({
      id: `users-${i}`,
      kind: 'client',
      position: { x: 0, y: i * 60 },
      params: { rate: totalRate / clients, users: 1000, requestBytes: 500, responseBytes: 2000, timeoutMs: 2000 },
    });
    edges.push({
      id: `in-${i}`,
      source: `users-${i}`,
      target: 'lb',
      params: { ...link, latencyMs: 20, protocol: 'http1.1' },
    });
  }
  nodes.push({
    id: 'lb',
    kind: 'loadBalancer',
    position: { x: 220, y: 1300 },
    params: { strategy: 'leastConnections' },
  });
  const svc = (id: string, meanMs: number, x: number): TopologyNode => ({
    id,
    kind: 'service',
    position: { x, y: 1300 },
    params: { replicas: 4, concurrency: 64, queueCapacity: 500, serviceTime: { dist: 'exponential', meanMs } },
  });
  nodes.push(svc('web', 1, 440), svc('auth', 0.5, 660), svc('api', 1.5, 660));
  nodes.push({
    id: 'db',
    kind: 'database',
    position: { x: 880, y: 1300 },
    params: { replicas: 2, concurrency: 100, serviceTime: { dist: 'lognormal', meanMs: 2, p99Ms: 12 } },
  });
  edges.push(
    { id: 'lb-web', source: 'lb', target: 'web', params: link },
    { id: 'web-auth', source: 'web', target: 'auth', params: link },
    { id: 'web-api', source: 'web', target: 'api', params: link },
    { id: 'api-db', source: 'api', target: 'db', params: { ...link, probability: 0.8 } },
  );
  if (resilient) {
    const retry = { maxAttempts: 3, budget: { ratio: 0.1, minPerSec: 10 } };
    for (const n of nodes) {
      if (n.kind === 'client') n.params = { ...n.params, retry };
      if (n.kind === 'loadBalancer') {
        n.params = { ...n.params, healthCheck: { intervalMs: 1000, timeoutMs: 200 }, outlierDetection: {} };
      }
      if (n.id === 'web') {
        n.params = { ...n.params, timeoutMs: 300, retry, circuitBreaker: { windowSize: 100, minimumCalls: 50 } };
      }
    }
  }
  return base(resilient ? 'Fifty nodes, resilient' : 'Fifty nodes', durationMs, nodes, edges);
}
