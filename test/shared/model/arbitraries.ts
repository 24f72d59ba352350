/**
 * Shared test data for the model: a realistic valid document, and fast-check generators of random valid
 * documents (reused by the engine's property tests).
 */
import fc from 'fast-check';
import { REGION_PRESETS } from '../../../shared/model/types.js';
import type {
  CircuitBreakerPolicy,
  Distribution,
  EdgeParams,
  RegionPreset,
  RetryPolicy,
  TopologyDocument,
  TopologyEdge,
  TopologyNode,
} from '../../../shared/model/types.js';

/**
 * A realistic, valid document that uses every node kind, every fault kind, regions with a zone, a dns node, a
 * sidecar and most policies. Returns a fresh object each call, so tests may mutate it.
 */
export function exampleDocument(): TopologyDocument {
  return {
    format: 'backpressure.topology',
    version: 1,
    name: 'Global web app',
    description: 'Two regions behind latency-based DNS, a CDN for static files, a queue for background work.',
    simulation: { seed: 42, durationMs: 120_000 },
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Web users',
        position: { x: 0, y: 0 },
        params: {
          rate: 200,
          arrival: 'poisson',
          users: 5000,
          keys: { count: 100_000, distribution: 'zipf', zipfS: 1.1 },
          timeoutMs: 2000,
          retry: {
            maxAttempts: 3,
            backoff: { baseMs: 50, capMs: 1000, multiplier: 2, jitter: 'full' },
            retryOn: ['error', 'timeout', 'unavailable'],
            budget: { ratio: 0.1, minPerSec: 5 },
          },
          circuitBreaker: { failureRateThreshold: 50, windowType: 'time', windowSize: 10, openMs: 3000 },
          rateSchedule: [
            { atMs: 30_000, rate: 400 },
            { atMs: 60_000, rate: 200 },
          ],
        },
      },
      {
        id: 'mobile',
        kind: 'client',
        position: { x: 0, y: 200 },
        params: { rate: 50, requestBytes: 500, responseBytes: 200_000 },
      },
      {
        id: 'dns',
        kind: 'dns',
        position: { x: 200, y: 0 },
        params: { ttlMs: 30_000, policy: 'latency', lookupMs: 20, healthCheck: { intervalMs: 2000, timeoutMs: 500 } },
      },
      {
        id: 'cdn',
        kind: 'cdn',
        position: { x: 200, y: 200 },
        params: { capacity: 50_000, ttlMs: 600_000, hitMs: 2, coalesce: true },
      },
      { id: 'us', kind: 'region', label: 'US East', position: { x: 400, y: -100 }, params: { location: 'us-east' } },
      {
        id: 'us-a',
        kind: 'region',
        label: 'us-east-1a',
        position: { x: 20, y: 40 },
        parent: 'us',
        params: { size: { width: 300, height: 200 } },
      },
      {
        id: 'eu',
        kind: 'region',
        label: 'Frankfurt',
        position: { x: 400, y: 400 },
        params: { lat: 50.1, lon: 8.7, size: { width: 400, height: 300 } },
      },
      {
        id: 'lb-us',
        kind: 'loadBalancer',
        position: { x: 10, y: 10 },
        parent: 'us',
        params: {
          strategy: 'leastConnections',
          layer: 7,
          processingMs: 0.2,
          healthCheck: {
            intervalMs: 5000,
            timeoutMs: 1000,
            unhealthyThreshold: 3,
            healthyThreshold: 2,
            failOpen: true,
          },
          outlierDetection: {
            consecutiveErrors: 5,
            intervalMs: 10_000,
            baseEjectionMs: 30_000,
            maxEjectionPercent: 50,
          },
        },
      },
      {
        id: 'lb-eu',
        kind: 'loadBalancer',
        position: { x: 10, y: 10 },
        parent: 'eu',
        params: { strategy: 'consistentHash', vnodes: 200, layer: 4 },
      },
      {
        id: 'api-us',
        kind: 'service',
        position: { x: 50, y: 50 },
        parent: 'us-a',
        params: {
          replicas: 3,
          concurrency: 16,
          queueCapacity: 200,
          serviceTime: { dist: 'lognormal', meanMs: 20, p99Ms: 120 },
          errorRate: 0.001,
          calls: 'sequential',
          timeoutMs: 500,
          retry: { maxAttempts: 2, retryOn: ['timeout'] },
          circuitBreaker: {
            failureRateThreshold: 50,
            slowCallRateThreshold: 80,
            slowCallDurationMs: 300,
            windowType: 'count',
            windowSize: 50,
            minimumCalls: 20,
            openMs: 5000,
            halfOpenCalls: 3,
          },
        },
      },
      {
        id: 'api-eu',
        kind: 'service',
        position: { x: 50, y: 50 },
        parent: 'eu',
        params: { replicas: 2, serviceTime: { dist: 'normal', meanMs: 25, stdMs: 5 }, calls: 'parallel' },
      },
      {
        id: 'auth',
        kind: 'service',
        position: { x: 150, y: 50 },
        parent: 'us',
        params: { serviceTime: { dist: 'uniform', minMs: 2, maxMs: 8 } },
      },
      {
        id: 'mesh',
        kind: 'sidecar',
        position: { x: 60, y: 90 },
        parent: 'us-a',
        params: {
          attachedTo: 'api-us',
          processingMs: 0.3,
          timeoutMs: 800,
          retry: { maxAttempts: 2 },
          rateLimit: { ratePerSec: 1000, burst: 100 },
          mtls: true,
          lbStrategy: 'powerOfTwo',
        },
      },
      { id: 'sessions', kind: 'cache', position: { x: 250, y: 50 }, parent: 'us', params: { capacity: 10_000 } },
      {
        id: 'db',
        kind: 'database',
        position: { x: 300, y: 150 },
        parent: 'us',
        params: { replicas: 2, concurrency: 100, serviceTime: { dist: 'constant', meanMs: 3 } },
      },
      {
        id: 'jobs',
        kind: 'queue',
        position: { x: 300, y: 250 },
        parent: 'us',
        params: { capacity: 50_000, enqueueMs: 2, consumers: 8 },
      },
      {
        id: 'worker',
        kind: 'service',
        position: { x: 350, y: 250 },
        parent: 'us',
        params: { serviceTime: { dist: 'exponential', meanMs: 100 } },
      },
    ],
    edges: [
      { id: 'e-users-dns', source: 'users', target: 'dns', params: { protocol: 'udp' } },
      { id: 'e-dns-us', source: 'dns', target: 'lb-us', params: {} },
      { id: 'e-dns-eu', source: 'dns', target: 'lb-eu', params: {} },
      { id: 'e-users-us', source: 'users', target: 'lb-us', params: { protocol: 'http2', tls: 'tls1.3' } },
      { id: 'e-users-eu', source: 'users', target: 'lb-eu', params: { protocol: 'http2', tls: 'tls1.3' } },
      { id: 'e-mobile-cdn', source: 'mobile', target: 'cdn', params: { protocol: 'http3', latencyMs: 15 } },
      { id: 'e-cdn-us', source: 'cdn', target: 'lb-us', params: { tls: 'tls1.2', keepAlive: true } },
      { id: 'e-lb-api-us', source: 'lb-us', target: 'api-us', params: {} },
      { id: 'e-lb-api-eu', source: 'lb-eu', target: 'api-eu', params: {} },
      { id: 'e-api-auth', source: 'api-us', target: 'auth', params: { protocol: 'grpc' } },
      { id: 'e-auth-api', source: 'auth', target: 'api-us', params: { probability: 0.01 } },
      { id: 'e-api-sessions', source: 'api-us', target: 'sessions', params: { probability: 0.9 } },
      { id: 'e-sessions-db', source: 'sessions', target: 'db', params: {} },
      { id: 'e-api-db', source: 'api-us', target: 'db', params: { probability: 0.5, bandwidthMbps: 10_000 } },
      {
        id: 'e-api-eu-db',
        source: 'api-eu',
        target: 'db',
        params: { jitterMs: 2, lossRate: 0.001, weight: 2, protocol: 'tcp' },
      },
      { id: 'e-api-jobs', source: 'api-us', target: 'jobs', params: { probability: 0.1 } },
      { id: 'e-jobs-worker', source: 'jobs', target: 'worker', params: {} },
      { id: 'e-worker-db', source: 'worker', target: 'db', params: {} },
    ],
    faults: [
      { id: 'f-split', kind: 'partition', atMs: 40_000, untilMs: 50_000, sides: [['us'], ['eu', 'dns']] },
      { id: 'f-cut', kind: 'cut', atMs: 10_000, edges: ['e-api-db'], oneWay: true },
      { id: 'f-crash', kind: 'crash', atMs: 20_000, untilMs: 25_000, node: 'api-us', replica: 2, mode: 'blackhole' },
      { id: 'f-slow', kind: 'slow', atMs: 60_000, node: 'db', factor: 4 },
      { id: 'f-errors', kind: 'errors', atMs: 70_000, untilMs: 80_000, node: 'auth', errorRate: 0.5 },
      { id: 'f-degrade', kind: 'degrade', atMs: 90_000, edge: 'e-users-eu', addLatencyMs: 100, lossRate: 0.05 },
      { id: 'f-surge', kind: 'surge', atMs: 100_000, untilMs: 110_000, node: 'mobile', factor: 5 },
    ],
    notes: [
      {
        id: 'n-1',
        text: 'What happens to EU users when the US region is partitioned away?',
        position: { x: 600, y: 0 },
        size: { width: 200, height: 120 },
        color: '#ffe08a',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Random valid documents

/** A finite double in [min, max] with no -0 (JSON cannot tell -0 from 0). */
export function arbNumber(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
}

const arbPositive = (max: number) => arbNumber(1e-3, max);

/** A valid distribution of any kind. */
export const arbDistribution: fc.Arbitrary<Distribution> = fc.oneof(
  arbNumber(0, 1000).map((meanMs) => ({ dist: 'constant' as const, meanMs })),
  arbPositive(1000).map((meanMs) => ({ dist: 'exponential' as const, meanMs })),
  fc
    .tuple(arbNumber(0, 500), arbNumber(0, 500))
    .map(([a, b]) => ({ dist: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
  fc
    .tuple(arbNumber(0.1, 1000), arbNumber(1.01, 14))
    .map(([meanMs, ratio]) => ({ dist: 'lognormal' as const, meanMs, p99Ms: meanMs * ratio })),
  fc
    .tuple(arbNumber(0, 1000), arbNumber(0, 100))
    .map(([meanMs, stdMs]) => ({ dist: 'normal' as const, meanMs, stdMs })),
);

/** A valid retry policy (any subset of its fields). */
export const arbRetry: fc.Arbitrary<RetryPolicy> = fc.record(
  {
    maxAttempts: fc.integer({ min: 1, max: 10 }),
    backoff: fc.record(
      {
        baseMs: arbNumber(1, 100),
        capMs: arbNumber(250, 10_000),
        multiplier: arbNumber(1, 4),
        jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated', 'immediate' as const),
      },
      { requiredKeys: ['baseMs', 'capMs'] },
    ),
    retryOn: fc.uniqueArray(fc.constantFrom('error', 'timeout', 'rejected', 'unavailable' as const), {
      minLength: 1,
    }),
    budget: fc.record({ ratio: arbNumber(0, 10), minPerSec: arbNumber(0, 100) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** A valid circuit breaker (any subset of its fields). */
export const arbBreaker: fc.Arbitrary<CircuitBreakerPolicy> = fc.record(
  {
    failureRateThreshold: arbNumber(1, 100),
    slowCallRateThreshold: arbNumber(1, 100),
    slowCallDurationMs: arbPositive(60_000),
    windowType: fc.constantFrom('count', 'time' as const),
    windowSize: fc.integer({ min: 1, max: 1000 }),
    minimumCalls: fc.integer({ min: 1, max: 1000 }),
    openMs: arbPositive(60_000),
    halfOpenCalls: fc.integer({ min: 1, max: 20 }),
  },
  { requiredKeys: [] },
);

const arbPosition = fc.record({ x: arbNumber(-5000, 5000), y: arbNumber(-5000, 5000) });

const arbClientParams = fc.record(
  {
    rate: arbNumber(0, 200),
    arrival: fc.constantFrom('poisson', 'uniform' as const),
    users: fc.integer({ min: 1, max: 100_000 }),
    keys: fc.record(
      {
        count: fc.integer({ min: 1, max: 1_000_000 }),
        distribution: fc.constantFrom('uniform', 'zipf' as const),
        zipfS: arbNumber(0.01, 10),
      },
      { requiredKeys: [] },
    ),
    requestBytes: fc.integer({ min: 0, max: 1_000_000 }),
    responseBytes: fc.integer({ min: 0, max: 1_000_000 }),
    timeoutMs: arbNumber(0, 30_000),
    retry: arbRetry,
    circuitBreaker: arbBreaker,
    rateSchedule: fc
      .uniqueArray(fc.integer({ min: 0, max: 600_000 }), { maxLength: 4 })
      .chain((times) =>
        fc.tuple(...[...times].sort((a, b) => a - b).map((atMs) => arbNumber(0, 200).map((rate) => ({ atMs, rate })))),
      ),
  },
  { requiredKeys: [] },
);

const arbLbParams = fc.record(
  {
    strategy: fc.constantFrom(
      'roundRobin',
      'random',
      'leastConnections',
      'powerOfTwo',
      'ipHash',
      'consistentHash',
      'weighted' as const,
    ),
    layer: fc.constantFrom(4, 7 as const),
    vnodes: fc.integer({ min: 1, max: 10_000 }),
    processingMs: arbNumber(0, 10),
    healthCheck: fc
      .tuple(arbNumber(100, 10_000), arbNumber(0.01, 0.99), fc.integer({ min: 1, max: 10 }), fc.boolean())
      .map(([intervalMs, f, unhealthyThreshold, failOpen]) => ({
        intervalMs,
        timeoutMs: intervalMs * f,
        unhealthyThreshold,
        healthyThreshold: 2,
        failOpen,
      })),
    outlierDetection: fc.record(
      {
        consecutiveErrors: fc.integer({ min: 1, max: 20 }),
        intervalMs: arbPositive(60_000),
        baseEjectionMs: arbPositive(60_000),
        maxEjectionPercent: arbNumber(0, 100),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const serverModel = {
  replicas: fc.integer({ min: 1, max: 10 }),
  concurrency: fc.integer({ min: 1, max: 200 }),
  queueCapacity: fc.integer({ min: 0, max: 10_000 }),
  serviceTime: arbDistribution,
  errorRate: arbNumber(0, 1),
};

const arbServiceParams = fc.record(
  {
    ...serverModel,
    calls: fc.constantFrom('sequential', 'parallel' as const),
    timeoutMs: arbNumber(0, 10_000),
    retry: arbRetry,
    circuitBreaker: arbBreaker,
  },
  { requiredKeys: [] },
);

const arbDatabaseParams = fc.record(serverModel, { requiredKeys: [] });

const arbEdgeParams = (withProbability: boolean): fc.Arbitrary<EdgeParams> =>
  fc.record(
    {
      latencyMs: arbNumber(0, 200),
      jitterMs: arbNumber(0, 20),
      lossRate: arbNumber(0, 0.2),
      bandwidthMbps: arbNumber(1, 100_000),
      protocol: fc.constantFrom('http1.1', 'http2', 'http3', 'grpc', 'websocket', 'tcp', 'udp' as const),
      tls: fc.constantFrom('none', 'tls1.2', 'tls1.3' as const),
      keepAlive: fc.boolean(),
      probability: withProbability ? fc.oneof(fc.constant(1), arbNumber(0, 1)) : fc.constant(1),
      weight: arbNumber(0, 100),
    },
    { requiredKeys: [] },
  );

/** Options for {@link arbValidDocument}. */
export interface ValidDocumentOptions {
  maxClients?: number;
  maxLoadBalancers?: number;
  maxServices?: number;
  maxDatabases?: number;
}

/**
 * Random valid documents: clients, load balancers, services and databases with random params in range; edges from
 * clients to load balancers or services, load balancers to services, services to later services (so no loops) and to
 * databases, with random probabilities; optionally regions (presets) as parents. No faults, no notes.
 */
export function arbValidDocument(options: ValidDocumentOptions = {}): fc.Arbitrary<TopologyDocument> {
  const { maxClients = 3, maxLoadBalancers = 2, maxServices = 5, maxDatabases = 3 } = options;
  return fc
    .record({
      clients: fc.array(arbClientParams, { minLength: 1, maxLength: maxClients }),
      lbs: fc.array(arbLbParams, { maxLength: maxLoadBalancers }),
      services: fc.array(arbServiceParams, { minLength: 1, maxLength: maxServices }),
      databases: fc.array(arbDatabaseParams, { maxLength: maxDatabases }),
      regions: fc.uniqueArray(fc.constantFrom(...(Object.keys(REGION_PRESETS) as RegionPreset[])), { maxLength: 3 }),
      seed: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }),
      durationMs: fc.option(arbNumber(1, 60_000), { nil: undefined }),
    })
    .chain((g) => {
      const clientIds = g.clients.map((_, i) => `client-${i}`);
      const lbIds = g.lbs.map((_, i) => `lb-${i}`);
      const serviceIds = g.services.map((_, i) => `svc-${i}`);
      const dbIds = g.databases.map((_, i) => `db-${i}`);
      const regionIds = g.regions.map((r) => `region-${r}`);
      const parentArb = regionIds.length
        ? fc.option(fc.constantFrom(...regionIds), { nil: undefined })
        : fc.constant(undefined);

      // Candidate edges: each client calls at least one LB or service; each LB at least one service; services
      // call later services (a DAG) and databases.
      const clientTargets = [...lbIds, ...serviceIds];
      const arbClientEdges = clientIds.map(() =>
        fc.uniqueArray(fc.constantFrom(...clientTargets), { minLength: 1, maxLength: 3 }),
      );
      const arbLbEdges = lbIds.map(() =>
        fc.uniqueArray(fc.constantFrom(...serviceIds), { minLength: 1, maxLength: 4 }),
      );
      const arbServiceEdges = serviceIds.map((_, i) => {
        const later = [...serviceIds.slice(i + 1), ...dbIds];
        return later.length ? fc.uniqueArray(fc.constantFrom(...later), { maxLength: 3 }) : fc.constant([] as string[]);
      });
      const nodeCount = clientIds.length + lbIds.length + serviceIds.length + dbIds.length;
      return fc
        .record({
          clientEdges: fc.tuple(...arbClientEdges),
          lbEdges: fc.tuple(...arbLbEdges),
          serviceEdges: fc.tuple(...arbServiceEdges),
          parents: fc.array(parentArb, { minLength: nodeCount, maxLength: nodeCount }),
          positions: fc.array(arbPosition, {
            minLength: nodeCount + regionIds.length,
            maxLength: nodeCount + regionIds.length,
          }),
          labels: fc.array(fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), {
            minLength: nodeCount,
            maxLength: nodeCount,
          }),
          edgeParams: fc.array(arbEdgeParams(true), { minLength: 64, maxLength: 64 }),
        })
        .map((r) => {
          const nodes: TopologyNode[] = [];
          let k = 0;
          const place = (id: string) => {
            const i = k++;
            const base: { id: string; position: { x: number; y: number }; label?: string; parent?: string } = {
              id,
              position: r.positions[i] as { x: number; y: number },
            };
            if (r.labels[i] !== undefined) base.label = r.labels[i];
            if (r.parents[i] !== undefined) base.parent = r.parents[i];
            return base;
          };
          clientIds.forEach((id, i) => nodes.push({ ...place(id), kind: 'client', params: g.clients[i] ?? {} }));
          lbIds.forEach((id, i) => nodes.push({ ...place(id), kind: 'loadBalancer', params: g.lbs[i] ?? {} }));
          serviceIds.forEach((id, i) => nodes.push({ ...place(id), kind: 'service', params: g.services[i] ?? {} }));
          dbIds.forEach((id, i) => nodes.push({ ...place(id), kind: 'database', params: g.databases[i] ?? {} }));
          g.regions.forEach((location, i) =>
            nodes.push({
              id: regionIds[i] as string,
              kind: 'region',
              position: r.positions[nodeCount + i] as { x: number; y: number },
              params: { location },
            }),
          );
          const edges: TopologyEdge[] = [];
          const connect = (source: string, targets: readonly string[]) => {
            for (const target of targets) {
              const params = { ...(r.edgeParams[edges.length % r.edgeParams.length] as EdgeParams) };
              edges.push({ id: `e-${edges.length}`, source, target, params });
            }
          };
          clientIds.forEach((id, i) => connect(id, r.clientEdges[i] ?? []));
          lbIds.forEach((id, i) => connect(id, r.lbEdges[i] ?? []));
          serviceIds.forEach((id, i) => connect(id, r.serviceEdges[i] ?? []));
          const simulation: TopologyDocument['simulation'] = {};
          if (g.seed !== undefined) simulation.seed = g.seed;
          if (g.durationMs !== undefined) simulation.durationMs = g.durationMs;
          const doc: TopologyDocument = {
            format: 'backpressure.topology',
            version: 1,
            name: 'random topology',
            simulation,
            nodes,
            edges,
            faults: [],
            notes: [],
          };
          return doc;
        });
    });
}
