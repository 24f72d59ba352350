import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePrompt } from '../../../shared/interview/index.js';
import type { InterviewPrompt } from '../../../shared/interview/index.js';
import { validateDocument } from '../../../shared/model/index.js';
import type {
  EdgeParams,
  NodeKind,
  NodeParamsByKind,
  TopologyDocument,
  TopologyEdge,
  TopologyNode,
} from '../../../shared/model/types.js';

/** A node of `kind` with `params` (typed by kind), optionally inside a region. */
export function node<K extends NodeKind>(
  id: string,
  kind: K,
  params: NodeParamsByKind[K] = {} as NodeParamsByKind[K],
  parent?: string,
): TopologyNode {
  return {
    id,
    kind,
    label: id,
    position: { x: 0, y: 0 },
    params,
    ...(parent ? { parent } : {}),
  } as TopologyNode;
}

export function edge(source: string, target: string, params: EdgeParams = {}): TopologyEdge {
  return { id: `${source}->${target}`.replace(/>/g, ''), source, target, params };
}

/** A document from nodes and edges; throws with every problem when it does not validate. */
export function design(nodes: TopologyNode[], edges: TopologyEdge[], name = 'test'): TopologyDocument {
  const doc: TopologyDocument = {
    format: 'backpressure.topology',
    version: 1,
    name,
    simulation: { seed: 1, durationMs: 60_000 },
    nodes,
    edges,
    faults: [],
    notes: [],
  };
  const v = validateDocument(doc);
  if (!v.ok) throw new Error(`invalid test design:\n${v.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return doc;
}

/** The weakest design that works: users -> one load balancer -> one API replica -> one database. */
export function weakDesign(): TopologyDocument {
  return design(
    [
      node('users', 'client', { rate: 100 }),
      node('lb', 'loadBalancer'),
      node('api', 'service', { replicas: 1, concurrency: 8 }),
      node('db', 'database'),
    ],
    [edge('users', 'lb'), edge('lb', 'api'), edge('api', 'db')],
    'weak',
  );
}

const retry = {
  maxAttempts: 3,
  backoff: { baseMs: 25, capMs: 250, multiplier: 2, jitter: 'full' as const },
  budget: { ratio: 0.2, minPerSec: 10 },
};
const breaker = { failureRateThreshold: 50, windowSize: 20, minimumCalls: 10, openMs: 5000 };
const healthCheck = { intervalMs: 1000, timeoutMs: 500, unhealthyThreshold: 2, healthyThreshold: 2 };

/**
 * A design that passes the whole rubric for a prompt needing `regions` regions: a health-checked global load
 * balancer, a CDN for cacheable reads, and in each region a health-checked load balancer, three API replicas with
 * timeouts, budgeted jittered retries and a breaker, a cache, two database replicas, and a queue with workers.
 */
export function resilientDesign(options: { regions?: number; apiReplicas?: number; concurrency?: number } = {}) {
  const regionCount = options.regions ?? 2;
  const locations = ['us-east', 'eu-west', 'ap-northeast'] as const;
  const nodes: TopologyNode[] = [
    node('users', 'client', { rate: 200, timeoutMs: 1000, retry, keys: { count: 200, distribution: 'zipf' } }),
    node('static', 'client', { rate: 50, timeoutMs: 1000 }),
    node('global', 'loadBalancer', { strategy: 'leastConnections', healthCheck }),
    node('cdn', 'cdn', { ttlMs: 60_000 }),
  ];
  const edges: TopologyEdge[] = [
    edge('users', 'global', { latencyMs: 10, protocol: 'http2' }),
    edge('static', 'cdn', { latencyMs: 5, protocol: 'http2' }),
    edge('cdn', 'global', { latencyMs: 10, protocol: 'http2' }),
  ];
  for (let i = 0; i < regionCount; i++) {
    const r = `r${i + 1}`;
    nodes.push(
      node(r, 'region', { location: locations[i % locations.length] }),
      node(`${r}-lb`, 'loadBalancer', { strategy: 'leastConnections', healthCheck }, r),
      node(
        `${r}-api`,
        'service',
        {
          replicas: options.apiReplicas ?? 3,
          concurrency: options.concurrency ?? 32,
          serviceTime: { dist: 'lognormal', meanMs: 5, p99Ms: 20 },
          timeoutMs: 300,
          retry,
          circuitBreaker: breaker,
        },
        r,
      ),
      node(`${r}-cache`, 'cache', { ttlMs: 30_000 }, r),
      node(`${r}-db`, 'database', { replicas: 2, concurrency: 64 }, r),
      node(`${r}-queue`, 'queue', { consumers: 64 }, r),
      node(`${r}-worker`, 'service', { replicas: 2, concurrency: 32, timeoutMs: 300, circuitBreaker: breaker }, r),
    );
    edges.push(
      edge('global', `${r}-lb`, { latencyMs: 5, protocol: 'http2' }),
      edge(`${r}-lb`, `${r}-api`, { protocol: 'http2' }),
      edge(`${r}-api`, `${r}-cache`, { protocol: 'tcp' }),
      edge(`${r}-cache`, `${r}-db`, { protocol: 'tcp' }),
      edge(`${r}-api`, `${r}-queue`, { probability: 0.1, protocol: 'grpc' }),
      edge(`${r}-queue`, `${r}-worker`, { protocol: 'grpc' }),
      edge(`${r}-worker`, `${r}-db`, { protocol: 'tcp' }),
    );
  }
  return design(nodes, edges, 'resilient');
}

/** A prompt for rule tests: every field valid, overridable. */
export function testPrompt(overrides: Partial<InterviewPrompt> = {}): InterviewPrompt {
  return parsePrompt({
    id: 'test',
    title: 'Test prompt',
    summary: 'A prompt for tests.',
    difficulty: 'easy',
    requirements: { functional: ['Serve requests.'], nonFunctional: ['Stay up.'] },
    estimation: {
      dailyActiveUsers: 8_640_000,
      requestsPerUserPerDay: 10,
      readWriteRatio: 9,
      requestBytes: 1000,
      responseBytes: 10_000,
      storedBytesPerWrite: 1000,
      retentionYears: 1,
      peakToAverage: 2,
    },
    hints: ['Think.'],
    rubric: [
      'noSinglePointOfFailure',
      'multiRegion',
      'cdnForStatic',
      'timeouts',
      'retriesWithJitterAndBudget',
      'breakers',
      'healthChecks',
      'dnsTtl',
      'capacityHeadroom',
      'cacheForHotReads',
      'queueForAsyncWork',
    ],
    regions: 2,
    failoverSeconds: 60,
    targets: { availability: 0.999, p99Ms: 200 },
    drill: [{ kind: 'crashNode', target: 'database', atS: 10, forS: 10, say: 'The database is gone.' }],
    ...overrides,
  });
}

/** Reads a file of `assets/interview/` as JSON. */
export function assetJson(name: string): unknown {
  const url = new URL(`../../../assets/interview/${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}
