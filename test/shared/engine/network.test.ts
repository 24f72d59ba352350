import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import type { EdgeParams, Fault, TopologyNode } from '../../../shared/model/types.js';
import { doc, edge } from './fixtures.js';

const client = (id: string, params: Extract<TopologyNode, { kind: 'client' }>['params'] = {}): TopologyNode => ({
  id,
  kind: 'client',
  position: { x: 0, y: 0 },
  params: { rate: 50, timeoutMs: 1000, ...params },
});
const service = (id: string, parent?: string): TopologyNode => ({
  id,
  kind: 'service',
  position: { x: 220, y: 0 },
  ...(parent ? { parent } : {}),
  params: { concurrency: 100, serviceTime: { dist: 'constant', meanMs: 2 } },
});

function simple(faults: Fault[], e: EdgeParams = {}, durationMs = 20_000) {
  const d = doc([client('users'), service('api')], [edge('e', 'users', 'api', e)], durationMs);
  d.faults = faults;
  const sim = createSimulation(d);
  sim.runUntil(Infinity);
  return sim.report();
}

describe('partitions and cuts (MODEL §5)', () => {
  it('a complete partition drops both ways: nothing arrives, callers time out', () => {
    const r = simple([{ id: 'p', kind: 'partition', sides: [['users'], ['api']], atMs: 0 }]);
    expect(r.nodes.api.arrivals).toBe(0);
    expect(r.clients.users.succeeded).toBe(0);
    expect(r.clients.users.failures.timeout).toBe(r.clients.users.failed);
    expect(r.clients.users.failed).toBeGreaterThan(900);
  });

  it('one-way from the client side to the server side: nothing reaches the server', () => {
    const r = simple([{ id: 'p', kind: 'partition', sides: [['users'], ['api']], oneWay: true, atMs: 0 }]);
    expect(r.nodes.api.arrivals).toBe(0);
    expect(r.clients.users.succeeded).toBe(0);
  });

  it('one-way from the server side: requests are served but every answer is lost, so the client times out', () => {
    const r = simple([{ id: 'p', kind: 'partition', sides: [['api'], ['users']], oneWay: true, atMs: 0 }]);
    expect(r.nodes.api.ok).toBeGreaterThan(900);
    // every request that timed out was served; the last second's are still waiting for their timeout
    expect(r.nodes.api.ok).toBeGreaterThanOrEqual(r.clients.users.failed);
    expect(r.nodes.api.ok).toBeLessThanOrEqual(r.clients.users.requests);
    expect(r.clients.users.succeeded).toBe(0);
    expect(r.clients.users.failures.timeout).toBe(r.clients.users.failed);
    expect(r.edges.e.lost).toBe(r.nodes.api.ok);
  });

  it('a partition lasts from atMs to untilMs', () => {
    const r = simple([{ id: 'p', kind: 'partition', sides: [['users'], ['api']], atMs: 5000, untilMs: 10_000 }]);
    const c = r.clients.users;
    // about a quarter of the 20 s run is cut off
    expect(c.failures.timeout / c.requests).toBeGreaterThan(0.2);
    expect(c.failures.timeout / c.requests).toBeLessThan(0.3);
  });

  it('a cut of some edges only affects those edges', () => {
    const d = doc(
      [client('users'), { ...service('lb'), kind: 'loadBalancer', params: {} }, service('a'), service('b')],
      [edge('in', 'users', 'lb'), edge('to-a', 'lb', 'a'), edge('to-b', 'lb', 'b')],
      20_000,
    );
    d.faults = [{ id: 'c', kind: 'cut', edges: ['to-a'], atMs: 0 }];
    const sim = createSimulation(d);
    sim.runUntil(Infinity);
    const r = sim.report();
    expect(r.nodes.a.arrivals).toBe(0);
    expect(r.nodes.b.arrivals).toBeGreaterThan(400);
    // round robin keeps sending half the traffic into the cut: those requests time out
    expect(Math.abs(r.clients.users.failures.timeout / r.clients.users.requests - 0.5)).toBeLessThan(0.05);
  });

  it('a one-way cut drops only the forward direction', () => {
    const r = simple([{ id: 'c', kind: 'cut', edges: ['e'], oneWay: true, atMs: 0 }]);
    expect(r.nodes.api.arrivals).toBe(0);
  });

  it('a partition of regions splits their members, zones included', () => {
    const nodes: TopologyNode[] = [
      { id: 'east', kind: 'region', position: { x: 0, y: 0 }, params: { location: 'us-east' } },
      { id: 'east-a', kind: 'region', parent: 'east', position: { x: 0, y: 0 }, params: {} },
      { id: 'west', kind: 'region', position: { x: 0, y: 0 }, params: { location: 'us-west' } },
      { ...client('east-users'), parent: 'east-a' },
      { ...client('west-users'), parent: 'west' },
      service('east-api', 'east-a'),
      service('west-api', 'west'),
    ];
    const d = doc(
      nodes,
      [
        edge('e1', 'east-users', 'east-api', { latencyMs: undefined }),
        edge('e2', 'west-users', 'west-api', { latencyMs: undefined }),
        edge('e3', 'east-users', 'west-api', { latencyMs: undefined }),
      ],
      20_000,
    );
    d.faults = [{ id: 'p', kind: 'partition', sides: [['east'], ['west']], atMs: 0 }];
    const sim = createSimulation(d);
    sim.runUntil(Infinity);
    const r = sim.report();
    expect(r.edges.e3.lost).toBe(r.edges.e3.messages);
    expect(r.edges.e1.lost).toBe(0);
    expect(r.edges.e2.lost).toBe(0);
    expect(r.nodes['west-api'].arrivals).toBe(r.clients['west-users'].requests - r.clients['west-users'].inFlight);
  });
});

describe('loss: UDP versus TCP', () => {
  it('1% loss each way on UDP loses 1.99% of requests; TCP delivers them all, later', () => {
    const udp = simple([], { lossRate: 0.01, protocol: 'udp', latencyMs: 10 }, 200_000);
    const tcp = simple([], { lossRate: 0.01, protocol: 'tcp', latencyMs: 10 }, 200_000);
    const u = udp.clients.users;
    expect(Math.abs(u.succeeded / (u.succeeded + u.failed) - 0.9801)).toBeLessThan(0.003);
    const t = tcp.clients.users;
    expect(t.failed).toBe(0);
    expect(t.succeeded).toBeGreaterThan(9900);
    // retransmissions after a 200 ms RTO show in the tail
    expect(t.latencyMs.p99).toBeGreaterThan(200);
    expect(u.latencyMs.p99).toBeLessThan(30);
  });
});

describe('connections and handshakes (MODEL §3.4)', () => {
  /** Latency of the only request, made by a fresh user over a 10 ms edge (RTT 20 ms) to a 2 ms service. */
  function first(e: EdgeParams): number {
    const d = doc(
      [client('users', { rate: 1, arrival: 'uniform', users: 1, requestBytes: 0, responseBytes: 0 }), service('api')],
      [edge('e', 'users', 'api', { latencyMs: 10, ...e })],
      1500,
    );
    const sim = createSimulation(d);
    sim.runUntil(Infinity);
    const c = sim.report().clients.users;
    expect(c.succeeded).toBe(1);
    return c.latencyMs.max;
  }
  const R = 20;
  const base = R + 2; // one round trip for the request and its answer, plus the work

  it('TCP alone costs 1 RTT before the request', () => expect(first({ protocol: 'http2' })).toBeCloseTo(base + R, 1));
  it('TCP + TLS 1.3 costs 2 RTT', () =>
    expect(first({ protocol: 'http2', tls: 'tls1.3' })).toBeCloseTo(base + 2 * R, 1));
  it('TCP + TLS 1.2 costs 3 RTT', () =>
    expect(first({ protocol: 'http2', tls: 'tls1.2' })).toBeCloseTo(base + 3 * R, 1));
  it('HTTP/3 (QUIC) costs 1 RTT in total', () =>
    expect(first({ protocol: 'http3', tls: 'tls1.3' })).toBeCloseTo(base + R, 1));
  it('UDP has no handshake', () => expect(first({ protocol: 'udp' })).toBeCloseTo(base, 1));

  it('keep-alive reuses the connection; without it every request pays again; QUIC resumes with 0-RTT', () => {
    const run = (e: EdgeParams) => {
      const d = doc(
        [
          client('users', { rate: 10, arrival: 'uniform', users: 1, requestBytes: 0, responseBytes: 0 }),
          service('api'),
        ],
        [edge('e', 'users', 'api', { latencyMs: 10, ...e })],
        10_050,
      );
      const sim = createSimulation(d);
      sim.runUntil(Infinity);
      return sim.report().clients.users.latencyMs;
    };
    const kept = run({ protocol: 'http1.1', tls: 'tls1.3' });
    expect(kept.p50).toBeCloseTo(base, 0);
    expect(kept.max).toBeCloseTo(base + 2 * R, 0);
    const fresh = run({ protocol: 'http1.1', tls: 'tls1.3', keepAlive: false });
    expect(fresh.p50).toBeCloseTo(base + 2 * R, 0);
    const quic = run({ protocol: 'http3', keepAlive: false });
    expect(quic.p50).toBeCloseTo(base, 0);
    expect(quic.max).toBeCloseTo(base + R, 0);
  });

  it('HTTP/1.1 carries one request per connection, at most 6 per caller and target; HTTP/2 multiplexes', () => {
    const run = (protocol: EdgeParams['protocol']) => {
      const d = doc(
        [
          client('users', { rate: 1000, arrival: 'uniform', users: 1, timeoutMs: 0 }),
          {
            id: 'api',
            kind: 'service',
            position: { x: 220, y: 0 },
            params: { concurrency: 1000, serviceTime: { dist: 'constant', meanMs: 20 } },
          },
        ],
        [edge('e', 'users', 'api', { latencyMs: 0, protocol })],
        10_000,
      );
      const sim = createSimulation(d);
      sim.runUntil(Infinity);
      return sim.report();
    };
    // one user: HTTP/1.1 serves at most 6 / 20 ms = 300 requests/s, so the queue for connections grows
    const h1 = run('http1.1');
    expect(h1.nodes.api.arrivals).toBeLessThan(3100);
    expect(h1.nodes.api.meanInSystem).toBeLessThanOrEqual(6);
    const h2 = run('http2');
    expect(h2.nodes.api.arrivals).toBeGreaterThan(9900);
    expect(h2.clients.users.latencyMs.p99).toBeLessThan(21);
  });
});
