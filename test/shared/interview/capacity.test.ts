import { describe, expect, it } from 'vitest';
import { Rng } from '../../../shared/engine/index.js';
import { makeSampler, sample } from '../../../shared/engine/sampler.js';
import { HTTP1_CONNECTIONS } from '../../../shared/interview/capacity.js';
import { capacityOf, meanServiceTimeMs } from '../../../shared/interview/index.js';
import type { Distribution } from '../../../shared/model/types.js';
import { design, edge, node } from './designs.js';

/** users -> lb -> api (3 x 8, exponential 20 ms) -> db (1 x 50, constant 5 ms), over multiplexed links. */
function threeTier(apiToDb = 1) {
  return design(
    [
      node('users', 'client', { rate: 100 }),
      node('lb', 'loadBalancer'),
      node('api', 'service', { replicas: 3, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 } }),
      node('db', 'database', { replicas: 1, concurrency: 50, serviceTime: { dist: 'constant', meanMs: 5 } }),
    ],
    [
      edge('users', 'lb', { protocol: 'http2' }),
      edge('lb', 'api', { protocol: 'http2' }),
      edge('api', 'db', { protocol: 'tcp', probability: apiToDb }),
    ],
  );
}

describe('meanServiceTimeMs', () => {
  it('is the mean the engine samples, for every distribution', () => {
    const cases: Distribution[] = [
      { dist: 'constant', meanMs: 5 },
      { dist: 'exponential', meanMs: 20 },
      { dist: 'uniform', minMs: 10, maxMs: 30 },
      { dist: 'lognormal', meanMs: 7, p99Ms: 40 },
      { dist: 'normal', meanMs: 10, stdMs: 2 },
      // Clamped at 0: the mean rises above the parameter.
      { dist: 'normal', meanMs: 0, stdMs: 10 },
      { dist: 'normal', meanMs: 5, stdMs: 10 },
    ];
    const rng = new Rng(7);
    for (const d of cases) {
      const s = makeSampler(d);
      let sum = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) sum += sample(s, rng);
      const mean = meanServiceTimeMs(d);
      expect(Math.abs(sum / n - mean) / mean, JSON.stringify(d)).toBeLessThan(0.02);
    }
    expect(meanServiceTimeMs({ dist: 'uniform', minMs: 10, maxMs: 30 })).toBe(20);
    expect(meanServiceTimeMs({ dist: 'normal', meanMs: 0, stdMs: 10 })).toBeCloseTo(10 / Math.sqrt(2 * Math.PI), 6);
  });
});

describe('capacityOf', () => {
  it('is replicas x concurrency / mean service time, and the path is as narrow as its narrowest pool', () => {
    const cap = capacityOf(threeTier());
    const api = cap.nodes.find((n) => n.nodeId === 'api')!;
    const db = cap.nodes.find((n) => n.nodeId === 'db')!;
    expect(api).toMatchObject({ replicas: 3, concurrency: 8, serviceTimeMs: 20, maxRps: 1200, visits: 1 });
    expect(db).toMatchObject({ replicas: 1, concurrency: 50, serviceTimeMs: 5, maxRps: 10_000, visits: 1 });
    expect(cap.pathMaxRps).toBe(1200);
    expect(cap.bottleneck).toBe('api');
    expect(cap.links).toEqual([]);
    expect(cap.headroom(1000)).toBeCloseTo(1.2, 12);
  });

  it('weights pools by how often a request reaches them', () => {
    const cap = capacityOf(threeTier(0.5));
    expect(cap.nodes.find((n) => n.nodeId === 'db')).toMatchObject({ visits: 0.5, limitRps: 20_000 });
  });

  it('lets caches pass on only their misses when a hit ratio is given', () => {
    const doc = design(
      [
        node('users', 'client'),
        node('api', 'service', { replicas: 10, concurrency: 100, serviceTime: { dist: 'constant', meanMs: 1 } }),
        node('cache', 'cache'),
        node('db', 'database', { concurrency: 10, serviceTime: { dist: 'constant', meanMs: 10 } }),
      ],
      [
        edge('users', 'api', { protocol: 'http2' }),
        edge('api', 'cache', { protocol: 'tcp' }),
        edge('cache', 'db', { protocol: 'tcp' }),
      ],
    );
    // db: 10 / 10 ms = 1,000/s; with 90% hits it sees a tenth of the traffic.
    expect(capacityOf(doc).pathMaxRps).toBeCloseTo(1000, 6);
    expect(capacityOf(doc, { cacheHitRatio: 0.9 }).pathMaxRps).toBeCloseTo(10_000, 6);
  });

  it('splits by client rate, by DNS policy and by replicas behind a load balancer', () => {
    const doc = design(
      [
        node('a', 'client', { rate: 300 }),
        node('b', 'client', { rate: 100 }),
        node('dns', 'dns', { policy: 'failover' }),
        node('lb', 'loadBalancer'),
        node('big', 'service', { replicas: 3, concurrency: 10, serviceTime: { dist: 'constant', meanMs: 10 } }),
        node('small', 'service', { replicas: 1, concurrency: 10, serviceTime: { dist: 'constant', meanMs: 10 } }),
        node('spare', 'service', { replicas: 1, concurrency: 1, serviceTime: { dist: 'constant', meanMs: 10 } }),
      ],
      [
        edge('a', 'dns'),
        edge('a', 'lb', { protocol: 'http2' }),
        edge('a', 'spare', { protocol: 'http2' }),
        edge('dns', 'lb'),
        edge('dns', 'spare'),
        edge('b', 'lb', { protocol: 'http2' }),
        edge('lb', 'big', { protocol: 'http2' }),
        edge('lb', 'small', { protocol: 'http2' }),
      ],
    );
    const cap = capacityOf(doc);
    const by = (id: string) => cap.nodes.find((n) => n.nodeId === id)!;
    // Failover DNS sends all of a's 75% to lb; b's 25% goes there too; spare gets nothing.
    expect(by('spare').visits).toBe(0);
    expect(by('spare').limitRps).toBe(Infinity);
    // Round robin over 4 replicas: big gets 3/4, small 1/4.
    expect(by('big').visits).toBeCloseTo(0.75, 12);
    expect(by('small').visits).toBeCloseTo(0.25, 12);
    // Each pool: 1,000/s per replica; both saturate at 4,000/s in total.
    expect(cap.pathMaxRps).toBeCloseTo(4000, 6);
  });

  it('counts the HTTP/1.1 connection pool of a link: 6 connections per caller and target instance', () => {
    const doc = design(
      [
        node('users', 'client', { users: 1 }),
        node('api', 'service', { replicas: 1, concurrency: 100, serviceTime: { dist: 'constant', meanMs: 10 } }),
      ],
      [edge('users', 'api', { latencyMs: 1, protocol: 'http1.1' })],
    );
    const cap = capacityOf(doc);
    // 6 connections, each held 2 ms of round trip + 10 ms of work: 500 requests/s, far below the pool's 10,000.
    expect(HTTP1_CONNECTIONS).toBe(6);
    expect(cap.links).toEqual([
      expect.objectContaining({
        edgeId: 'users-api',
        connections: 6,
        holdMs: 12,
        maxRps: 500,
        visits: 1,
        limitRps: 500,
      }),
    ]);
    expect(cap.pathMaxRps).toBeCloseTo(500, 9);
    expect(cap.bottleneckEdge).toBe('users-api');
    expect(cap.bottleneck).toBe('users');
  });

  it("counts a queue's consumers as a pool, and an empty design has no limit", () => {
    const doc = design(
      [
        node('users', 'client'),
        node('cdn', 'cdn'),
        node('lb', 'loadBalancer'),
        node('q', 'queue'),
        node('db', 'database'),
      ],
      [
        edge('users', 'cdn', { protocol: 'http3' }),
        edge('cdn', 'lb', { protocol: 'http2' }),
        edge('lb', 'q', { protocol: 'grpc' }),
        edge('q', 'db', { protocol: 'tcp' }),
      ],
    );
    const cap = capacityOf(doc);
    // 4 deliveries in flight, each a 0.5 ms round trip plus 5 ms of database work: 727 messages/s.
    expect(cap.nodes.find((n) => n.nodeId === 'q')).toMatchObject({
      kind: 'queue',
      replicas: 1,
      concurrency: 4,
      serviceTimeMs: 5.5,
    });
    expect(cap.pathMaxRps).toBeCloseTo(4000 / 5.5, 6);
    expect(cap.bottleneck).toBe('q');
    expect(capacityOf(design([], [])).pathMaxRps).toBe(Infinity);
  });
});
