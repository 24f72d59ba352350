import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import { doc, edge, singleQueue } from './fixtures.js';

function run(d: ReturnType<typeof doc>) {
  const sim = createSimulation(d);
  sim.runUntil(Infinity);
  return sim.report();
}

function within(actual: number, expected: number, relTol: number) {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThan(relTol);
}

describe('queueing theory references (MODEL §9)', () => {
  it('M/M/1 at rate 80/s, 10 ms exponential: mean 50 ms, p50 34.7 ms, p99 230 ms, utilization 0.8, L = 4', () => {
    // 2,000,000 s of simulated time would be overkill; 12,500 s is one million requests
    const r = run(singleQueue(80, { dist: 'exponential', meanMs: 10 }, 1, 12_500_000));
    const c = r.clients.users;
    expect(c.requests).toBeGreaterThan(990_000);
    within(c.latencyMs.mean, 50, 0.03);
    within(c.latencyMs.p50, 34.66, 0.03);
    within(c.latencyMs.p99, 230.3, 0.03);
    const s = r.nodes.server;
    within(s.utilization, 0.8, 0.01);
    within(s.meanInSystem, 4.0, 0.03);
    // Little's law on the node: L = lambda x W
    within(s.meanInSystem, (s.arrivals / r.durationMs) * s.latencyMs.mean, 0.01);
  });

  it('M/D/1 at rate 80/s, constant 10 ms: mean 30 ms', () => {
    const r = run(singleQueue(80, { dist: 'constant', meanMs: 10 }, 1, 5_000_000));
    within(r.clients.users.latencyMs.mean, 30, 0.02);
    within(r.nodes.server.utilization, 0.8, 0.01);
  });

  it('M/M/2 at rate 160/s, 10 ms exponential: mean 27.8 ms (Erlang C)', () => {
    const r = run(singleQueue(160, { dist: 'exponential', meanMs: 10 }, 2, 5_000_000));
    within(r.clients.users.latencyMs.mean, 27.78, 0.03);
    within(r.nodes.server.utilization, 0.8, 0.01);
  });
});

function balanced(strategy: 'roundRobin' | 'random' | 'powerOfTwo', k: number, rate: number, durationMs: number) {
  const targets = Array.from({ length: k }, (_, i) => `s${i}`);
  return doc(
    [
      { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rate, timeoutMs: 0 } },
      { id: 'lb', kind: 'loadBalancer', position: { x: 0, y: 0 }, params: { strategy, processingMs: 0 } },
      ...targets.map((id): ReturnType<typeof doc>['nodes'][number] => ({
        id,
        kind: 'service',
        position: { x: 0, y: 0 },
        params: { concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 10 } },
      })),
    ],
    [edge('in', 'users', 'lb'), ...targets.map((id) => edge(`to-${id}`, 'lb', id))],
    durationMs,
  );
}

describe('load balancing', () => {
  it('round robin splits exactly 1/k', () => {
    const r = run(balanced('roundRobin', 4, 200, 100_000));
    const counts = [0, 1, 2, 3].map((i) => r.nodes[`s${i}`].arrivals);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(r.nodes.lb.arrivals);
  });

  it('power of two choices beats random on mean latency at high load', () => {
    const random = run(balanced('random', 8, 720, 300_000)).clients.users.latencyMs.mean;
    const p2c = run(balanced('powerOfTwo', 8, 720, 300_000)).clients.users.latencyMs.mean;
    // at 90% load random is M/M/1 per server (100 ms mean); two choices cut the queueing by far more than half
    expect(random).toBeGreaterThan(60);
    expect(p2c).toBeLessThan(random * 0.5);
  });
});
