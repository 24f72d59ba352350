import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import type { TopologyDocument, TopologyNode } from '../../../shared/model/types.js';
import { doc, edge } from './fixtures.js';

const at = (x: number) => ({ x, y: 0 });
const svc = (id: string, over: Partial<Extract<TopologyNode, { kind: 'service' }>['params']> = {}): TopologyNode => ({
  id,
  kind: 'service',
  position: at(440),
  params: { concurrency: 100, serviceTime: { dist: 'constant', meanMs: 2 }, ...over },
});

function run(d: TopologyDocument) {
  const sim = createSimulation(d);
  sim.runUntil(Infinity);
  return sim.report();
}

describe('health checks', () => {
  const interval = 1000;
  const timeout = 300;
  const k = 3;
  function checked(crashAt: number, mode: 'refuse' | 'blackhole') {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 100, timeoutMs: 1000 } },
        {
          id: 'lb',
          kind: 'loadBalancer',
          position: at(220),
          params: {
            healthCheck: { intervalMs: interval, timeoutMs: timeout, unhealthyThreshold: k, healthyThreshold: 2 },
          },
        },
        svc('a'),
        svc('b'),
      ],
      [edge('in', 'users', 'lb'), edge('to-a', 'lb', 'a'), edge('to-b', 'lb', 'b')],
      20_000,
    );
    d.faults = [{ id: 'crash', kind: 'crash', node: 'a', mode, atMs: crashAt, untilMs: 12_000 }];
    return run(d);
  }

  it('detect a crashed (blackholed) target within [(k-1) interval + timeout, k interval + timeout]', () => {
    for (const crashAt of [5000, 5001, 5400, 5999.5]) {
      const r = checked(crashAt, 'blackhole');
      const down = r.health['lb->a'].down;
      expect(down).toHaveLength(1);
      const delay = down[0].atMs - crashAt;
      expect(delay).toBeGreaterThanOrEqual((k - 1) * interval + timeout);
      expect(delay).toBeLessThanOrEqual(k * interval + timeout);
      expect(r.health['lb->b'].down).toHaveLength(0);
    }
  });

  it('mark the target up again after healthyThreshold good probes, and stop sending it traffic meanwhile', () => {
    const r = checked(5000, 'refuse');
    const h = r.health['lb->a'];
    expect(h.down).toHaveLength(1);
    expect(h.up).toHaveLength(1);
    expect(h.up[0].atMs).toBeGreaterThan(12_000);
    expect(h.up[0].atMs).toBeLessThanOrEqual(12_000 + 2 * interval + 10);
    // refused requests only during detection: about 2 to 3 s of half the traffic
    const unavailable = r.clients.users.failures.unavailable;
    expect(unavailable).toBeGreaterThan(0.5 * 100 * 2 * 0.8);
    expect(unavailable).toBeLessThan(0.5 * 100 * 3.1 * 1.2);
  });

  it('fail open: with every target down, all are used', () => {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 100, timeoutMs: 1000 } },
        {
          id: 'lb',
          kind: 'loadBalancer',
          position: at(220),
          params: { healthCheck: { intervalMs: 500, timeoutMs: 100 } },
        },
        svc('a'),
      ],
      [edge('in', 'users', 'lb'), edge('to-a', 'lb', 'a')],
      10_000,
    );
    // probes are cut but requests are not: the target is marked down, yet still used
    d.faults = [{ id: 'c', kind: 'cut', edges: ['to-a'], oneWay: true, atMs: 0 }];
    const open = run(d);
    expect(open.health['lb->a'].down).toHaveLength(1);
    expect(open.clients.users.failures.unavailable).toBe(0);
  });
});

describe('outlier detection (Envoy)', () => {
  it('ejects after consecutive errors; the n-th ejection lasts n x base', () => {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 200, arrival: 'uniform', timeoutMs: 0 } },
        {
          id: 'lb',
          kind: 'loadBalancer',
          position: at(220),
          params: {
            outlierDetection: { consecutiveErrors: 5, intervalMs: 1000, baseEjectionMs: 3000, maxEjectionPercent: 50 },
          },
        },
        svc('good'),
        svc('bad', { errorRate: 1 }),
      ],
      [edge('in', 'users', 'lb'), edge('g', 'lb', 'good'), edge('b', 'lb', 'bad')],
      20_000,
    );
    const r = run(d);
    const ej = r.outliers['lb->bad'].ejections;
    expect(ej.length).toBeGreaterThanOrEqual(3);
    ej.forEach((e, n) => {
      const lasting = (n + 1) * 3000;
      // returned at the first sweep (every intervalMs) after n x base
      expect(e.untilMs - e.atMs).toBeGreaterThanOrEqual(lasting);
      expect(e.untilMs - e.atMs).toBeLessThan(lasting + 1000);
    });
    expect(r.outliers['lb->good'].ejections).toHaveLength(0);
  });

  it('never ejects more than maxEjectionPercent of targets, but at least one', () => {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 200, timeoutMs: 0 } },
        {
          id: 'lb',
          kind: 'loadBalancer',
          position: at(220),
          params: { outlierDetection: { consecutiveErrors: 3, maxEjectionPercent: 10 } },
        },
        svc('x', { errorRate: 1 }),
        svc('y', { errorRate: 1 }),
      ],
      [edge('in', 'users', 'lb'), edge('ex', 'lb', 'x'), edge('ey', 'lb', 'y')],
      5000,
    );
    const r = run(d);
    const ejected = r.outliers['lb->x'].ejections.length + r.outliers['lb->y'].ejections.length;
    expect(ejected).toBe(1);
  });
});

describe('DNS', () => {
  function regional(ttlMs: number) {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 200, users: 200, timeoutMs: 500 } },
        {
          id: 'dns',
          kind: 'dns',
          position: at(220),
          params: {
            ttlMs,
            policy: 'failover',
            healthCheck: { intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 2 },
          },
        },
        svc('east'),
        svc('west'),
      ],
      [
        edge('q', 'users', 'dns', { protocol: 'udp', latencyMs: 5 }),
        edge('d-east', 'dns', 'east', { latencyMs: 1 }),
        edge('d-west', 'dns', 'west', { latencyMs: 1 }),
        edge('to-east', 'users', 'east', { latencyMs: 10 }),
        edge('to-west', 'users', 'west', { latencyMs: 40 }),
      ],
      40_000,
    );
    d.faults = [{ id: 'down', kind: 'crash', node: 'east', atMs: 10_000 }];
    return d;
  }

  it('answers from a per-user cache: one lookup per user per TTL', () => {
    const d = regional(60_000);
    d.faults = [];
    const r = run(d);
    // 200 users, each resolves once in 40 s with a 60 s TTL (twice when a second request starts mid-lookup)
    expect(r.nodes.dns.arrivals).toBeLessThanOrEqual(220);
    expect(r.nodes.dns.arrivals).toBeGreaterThan(190);
    expect(r.nodes.west.arrivals).toBe(0);
  });

  it('fails over only as cached answers expire: done within TTL after the health check notices', () => {
    const ttl = 5000;
    const sim = createSimulation(regional(ttl), { messages: { capacity: 1 << 22 } });
    const { messages: m } = sim.runUntil(Infinity);
    const r = sim.report();
    const detected = r.health['dns->east'].down[0].atMs;
    expect(detected).toBeGreaterThan(10_000);
    const eastEdge = sim.edgeIds.indexOf('to-east');
    let lastToEast = 0;
    for (let i = 0; i < m!.count; i++) {
      if (m!.edge[i] === eastEdge && m!.direction[i] === 0) lastToEast = Math.max(lastToEast, m!.departMs[i]);
    }
    // users keep their cached answer (east) until it expires: some still go east after detection ...
    expect(lastToEast).toBeGreaterThan(detected);
    // ... and none later than one TTL after it (plus a lookup's round trip)
    expect(lastToEast).toBeLessThanOrEqual(detected + ttl + 100);
    expect(r.nodes.west.ok).toBeGreaterThan(4000);
  });
});

describe('CDN and cache', () => {
  it('one key at Poisson rate lambda with TTL T has hit ratio lambda T / (1 + lambda T)', () => {
    for (const [rate, ttlMs] of [
      [10, 200],
      [50, 100],
    ]) {
      const d = doc(
        [
          { id: 'users', kind: 'client', position: at(0), params: { rate, keys: { count: 1 }, timeoutMs: 0 } },
          { id: 'cdn', kind: 'cdn', position: at(220), params: { ttlMs, hitMs: 0 } },
          svc('origin', { serviceTime: { dist: 'constant', meanMs: 0 } }),
        ],
        [edge('e', 'users', 'cdn'), edge('o', 'cdn', 'origin')],
        400_000,
      );
      const c = run(d).caches.cdn;
      const lt = (rate * ttlMs) / 1000;
      expect(Math.abs(c.hitRatio - lt / (1 + lt))).toBeLessThan(0.01);
    }
  });

  it('coalesces concurrent misses of one key into one origin call', () => {
    const d = (coalesce: boolean) =>
      doc(
        [
          { id: 'users', kind: 'client', position: at(0), params: { rate: 100, keys: { count: 1 }, timeoutMs: 0 } },
          { id: 'cdn', kind: 'cdn', position: at(220), params: { ttlMs: 1000, coalesce } },
          svc('origin', { serviceTime: { dist: 'constant', meanMs: 200 } }),
        ],
        [edge('e', 'users', 'cdn'), edge('o', 'cdn', 'origin')],
        60_000,
      );
    const shared = run(d(true));
    const each = run(d(false));
    // one origin call per TTL expiry with coalescing (60 s / 1.2 s), one per miss without
    expect(shared.nodes.origin.arrivals).toBeLessThan(60);
    expect(each.nodes.origin.arrivals).toBeGreaterThan(500);
  });

  it('evicts the least recently used key at capacity', () => {
    const d = doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 200, keys: { count: 100 }, timeoutMs: 0 } },
        { id: 'cache', kind: 'cache', position: at(220), params: { capacity: 50, ttlMs: 86_400_000 } },
        svc('db'),
      ],
      [edge('e', 'users', 'cache'), edge('o', 'cache', 'db')],
      60_000,
    );
    const c = run(d).caches.cache;
    // uniform keys with half of them cached: about half the requests hit
    expect(Math.abs(c.hitRatio - 0.5)).toBeLessThan(0.03);
  });
});

describe('queues', () => {
  it('acknowledge on enqueue, deliver to consumers later, reject when full', () => {
    const d = doc(
      [
        { id: 'producers', kind: 'client', position: at(0), params: { rate: 200, timeoutMs: 0 } },
        { id: 'q', kind: 'queue', position: at(220), params: { capacity: 500, enqueueMs: 2, consumers: 2 } },
        svc('worker', { concurrency: 2, serviceTime: { dist: 'constant', meanMs: 20 } }),
      ],
      [edge('e', 'producers', 'q'), edge('c', 'q', 'worker')],
      20_000,
    );
    const r = run(d);
    // producers see only the broker: fast acknowledgements until it is full
    expect(r.clients.producers.latencyMs.p50).toBeCloseTo(2.5, 0);
    // two consumers at 20 ms deliver 100 messages/s; 200/s arrive, so the queue fills and rejects
    expect(r.nodes.worker.ok).toBeGreaterThan(1900);
    expect(r.nodes.worker.ok).toBeLessThan(2010);
    expect(r.clients.producers.failures.rejected).toBeGreaterThan(1000);
    expect(r.nodes.q.meanInSystem).toBeGreaterThan(250);
  });
});

describe('sidecars', () => {
  function meshed(sidecar: Record<string, unknown>, service: Record<string, unknown> = {}) {
    return doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 100, timeoutMs: 0 } },
        svc('api', service),
        { id: 'api-proxy', kind: 'sidecar', position: at(440), params: { attachedTo: 'api', ...sidecar } },
        svc('db', { errorRate: 0.5 }),
      ],
      [edge('e', 'users', 'api'), edge('d', 'api', 'db')],
      100_000,
    );
  }

  it('mesh retries wrap inside app retries, so they multiply', () => {
    const retry = { maxAttempts: 3, retryOn: ['error'], backoff: { jitter: 'immediate' } };
    const r = run(meshed({ retry }, { retry }));
    // up to 3 x 3 = 9 calls per request; with p = 0.5 failing the expected count is
    // (1 + 0.5 + 0.25) mesh attempts per app attempt x (1 + q + q^2) app attempts, q = 0.5^3
    const q = 0.125;
    const expected = 1.75 * (1 + q + q * q);
    expect(Math.abs(r.nodes.db.arrivals / r.nodes.api.arrivals - expected) / expected).toBeLessThan(0.02);
    // 1 - q^3 of the requests succeed
    const c = r.clients.users;
    expect(Math.abs(c.succeeded / (c.succeeded + c.failed) - (1 - q ** 3))).toBeLessThan(0.002);
  });

  it('adds processingMs each way and rate-limits inbound requests', () => {
    const fast = run(meshed({ processingMs: 0 }));
    const slow = run(meshed({ processingMs: 5 }));
    // the client-to-api edge and the api-to-db edge each pass the sidecar once each way
    expect(slow.clients.users.latencyMs.p50 - fast.clients.users.latencyMs.p50).toBeCloseTo(20, 0);
    const limited = run(meshed({ rateLimit: { ratePerSec: 50, burst: 10 } }));
    const c = limited.clients.users;
    expect(Math.abs(c.failures.rejected / c.requests - 0.5)).toBeLessThan(0.03);
  });
});

describe('faults injected into a running simulation', () => {
  const base = () =>
    doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 300, timeoutMs: 500 } },
        { id: 'lb', kind: 'loadBalancer', position: at(220), params: { strategy: 'powerOfTwo' } },
        svc('api', { replicas: 3 }),
      ],
      [edge('in', 'users', 'lb', { latencyMs: 3, jitterMs: 2 }), edge('out', 'lb', 'api')],
      20_000,
    );

  it('are recorded in the document at the current time, and replaying that document gives the same run', () => {
    const live = createSimulation(base());
    live.runUntil(4321.5);
    const f = live.injectFault({ id: 'boom', kind: 'crash', node: 'api', replica: 1, atMs: 0, untilMs: 9000 });
    expect(f.atMs).toBe(4321.5);
    live.runUntil(7000);
    live.injectFault({ id: 'surge', kind: 'surge', node: 'users', factor: 3, atMs: 0 });
    live.runUntil(Infinity);
    expect(live.topology.faults.map((x) => [x.id, x.atMs])).toEqual([
      ['boom', 4321.5],
      ['surge', 7000],
    ]);
    const replay = createSimulation(live.topology);
    replay.runUntil(Infinity);
    expect(JSON.stringify(replay.report())).toBe(JSON.stringify(live.report()));
    expect(live.report().clients.users.failures.unavailable).toBeGreaterThan(0);
  });

  it('refuse a fault that does not validate, leaving the run untouched', () => {
    const sim = createSimulation(base());
    sim.runUntil(1000);
    expect(() => sim.injectFault({ id: 'x', kind: 'crash', node: 'nope', atMs: 0 })).toThrow(/nope/);
    expect(sim.topology.faults).toHaveLength(0);
  });
});
