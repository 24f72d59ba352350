import { describe, expect, it } from 'vitest';
import { createSimulation, MSG_HANDSHAKE } from '../../../shared/engine/index.js';
import type { DnsPolicy, TopologyDocument, TopologyNode } from '../../../shared/model/types.js';
import { doc, edge } from './fixtures.js';

const at = (x: number) => ({ x, y: 0 });
const svc = (id: string): TopologyNode => ({
  id,
  kind: 'service',
  position: at(440),
  params: { concurrency: 1000, serviceTime: { dist: 'constant', meanMs: 1 } },
});

function run(d: TopologyDocument) {
  const sim = createSimulation(d);
  sim.runUntil(Infinity);
  return sim.report();
}

describe('DNS policies', () => {
  function resolved(policy: DnsPolicy) {
    return run(
      doc(
        [
          { id: 'users', kind: 'client', position: at(0), params: { rate: 400, users: 400, timeoutMs: 0 } },
          { id: 'dns', kind: 'dns', position: at(220), params: { policy, ttlMs: 60_000 } },
          svc('near'),
          svc('far'),
        ],
        [
          edge('q', 'users', 'dns', { protocol: 'udp' }),
          edge('d-near', 'dns', 'near', { weight: 3 }),
          edge('d-far', 'dns', 'far', { weight: 1 }),
          edge('to-near', 'users', 'near', { latencyMs: 5 }),
          edge('to-far', 'users', 'far', { latencyMs: 50 }),
        ],
        30_000,
      ),
    );
  }
  const share = (r: ReturnType<typeof resolved>) =>
    r.nodes.near.arrivals / (r.nodes.near.arrivals + r.nodes.far.arrivals);

  it('round robin alternates answers, so users split evenly', () => {
    expect(Math.abs(share(resolved('roundRobin')) - 0.5)).toBeLessThan(0.05);
  });
  it('latency answers the target closest to the asking client', () => {
    expect(share(resolved('latency'))).toBe(1);
  });
  it('failover answers the first healthy target', () => {
    expect(share(resolved('failover'))).toBe(1);
  });
  it('weighted answers in proportion to the DNS edge weights', () => {
    expect(Math.abs(share(resolved('weighted')) - 0.75)).toBeLessThan(0.07);
  });
});

describe('degrade and surge faults', () => {
  it('a degraded edge adds latency and loss while it lasts', () => {
    const d = doc(
      [{ id: 'users', kind: 'client', position: at(0), params: { rate: 100, timeoutMs: 0 } }, svc('api')],
      [edge('e', 'users', 'api', { latencyMs: 10, protocol: 'udp' })],
      20_000,
    );
    d.faults = [{ id: 'bad', kind: 'degrade', edge: 'e', addLatencyMs: 100, lossRate: 0.2, atMs: 0, untilMs: 10_000 }];
    const r = run(d);
    // half the run adds 200 ms of round trip; a fifth of its messages each way are lost
    expect(r.clients.users.latencyMs.p90).toBeGreaterThan(200);
    expect(r.clients.users.latencyMs.p50).toBeLessThan(30);
    const lossShare = r.edges.e.lost / r.edges.e.messages;
    expect(lossShare).toBeGreaterThan(0.07);
    expect(lossShare).toBeLessThan(0.13);
  });

  it('a surge multiplies a client rate from its start', () => {
    const d = doc(
      [{ id: 'users', kind: 'client', position: at(0), params: { rate: 100, timeoutMs: 0 } }, svc('api')],
      [edge('e', 'users', 'api')],
      20_000,
    );
    d.faults = [{ id: 'viral', kind: 'surge', node: 'users', factor: 4, atMs: 10_000 }];
    const requests = run(d).clients.users.requests;
    expect(Math.abs(requests - (1000 + 4000)) / 5000).toBeLessThan(0.05);
  });
});

describe('layer 4 balancing of long-lived connections', () => {
  const l4 = (strategy: 'leastConnections' | 'random', users: number) =>
    doc(
      [
        { id: 'users', kind: 'client', position: at(0), params: { rate: 500, users, timeoutMs: 0 } },
        { id: 'lb', kind: 'loadBalancer', position: at(220), params: { layer: 4, strategy } },
        svc('a'),
        svc('b'),
        svc('c'),
      ],
      [
        edge('in', 'users', 'lb', { protocol: 'websocket', latencyMs: 5 }),
        edge('ea', 'lb', 'a'),
        edge('eb', 'lb', 'b'),
        edge('ec', 'lb', 'c'),
      ],
      20_000,
    );

  it('keeps a connection on one target, even with a random strategy', () => {
    const r = run(l4('random', 1));
    const counts = ['a', 'b', 'c'].map((t) => r.nodes[t].arrivals).sort((x, y) => y - x);
    expect(counts[0]).toBe(r.nodes.lb.arrivals);
    expect(counts[1]).toBe(0);
  });

  it('least-connections spreads connections evenly; each websocket pays its handshake once', () => {
    const sim = createSimulation(l4('leastConnections', 300), { messages: { capacity: 1 << 21 } });
    const m = sim.runUntil(Infinity).messages!;
    const r = sim.report();
    for (const t of ['a', 'b', 'c'])
      expect(Math.abs(r.nodes[t].arrivals / r.nodes.lb.arrivals - 1 / 3)).toBeLessThan(0.04);
    const inEdge = sim.edgeIds.indexOf('in');
    let handshakes = 0;
    for (let i = 0; i < m.count; i++) if (m.edge[i] === inEdge && m.kind[i] === MSG_HANDSHAKE) handshakes++;
    expect(handshakes).toBeLessThanOrEqual(300);
    expect(handshakes).toBeGreaterThan(250);
  });
});
