import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import { backoffDelay } from '../../../shared/engine/retry.js';
import { Rng } from '../../../shared/engine/prng.js';
import { DEFAULT_BACKOFF, type ResolvedBackoff } from '../../../shared/model/defaults.js';
import type { RetryPolicy } from '../../../shared/model/types.js';
import { doc, edge } from './fixtures.js';

function flaky(errorRate: number, retry: RetryPolicy, rate = 200, durationMs = 200_000) {
  return doc(
    [
      { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rate, timeoutMs: 0, retry } },
      {
        id: 'api',
        kind: 'service',
        position: { x: 220, y: 0 },
        params: { concurrency: 1000, serviceTime: { dist: 'constant', meanMs: 1 }, errorRate },
      },
    ],
    [edge('e', 'users', 'api')],
    durationMs,
  );
}

describe('retries (MODEL §4)', () => {
  it('error rate 0.5 with 4 attempts: 93.75% succeed and 1.875 attempts per request', () => {
    const sim = createSimulation(flaky(0.5, { maxAttempts: 4, retryOn: ['error'], backoff: { jitter: 'immediate' } }));
    sim.runUntil(Infinity);
    const c = sim.report().clients.users;
    const done = c.succeeded + c.failed;
    expect(done).toBeGreaterThan(39_000);
    expect(Math.abs(c.succeeded / done - 0.9375)).toBeLessThan(0.005);
    expect(Math.abs(c.attempts / c.requests - 1.875)).toBeLessThan(0.01);
    expect(c.failures.error).toBe(c.failed);
  });

  it('outcomes not listed in retryOn are not retried', () => {
    const sim = createSimulation(flaky(0.5, { maxAttempts: 4, retryOn: ['timeout'] }, 200, 20_000));
    sim.runUntil(Infinity);
    const c = sim.report().clients.users;
    expect(c.attempts).toBe(c.requests);
  });

  it('a retry budget caps retry load at ratio x first attempts + minPerSec', () => {
    const retry: RetryPolicy = {
      maxAttempts: 5,
      retryOn: ['error'],
      backoff: { jitter: 'immediate' },
      budget: { ratio: 0.2, minPerSec: 0 },
    };
    const sim = createSimulation(flaky(1, retry, 200, 100_000));
    sim.runUntil(Infinity);
    const c = sim.report().clients.users;
    const retries = c.attempts - c.requests;
    // without the budget every request would make 4 retries
    expect(retries / c.requests).toBeGreaterThan(0.18);
    expect(retries / c.requests).toBeLessThan(0.21);
    expect(c.retriesDenied).toBeGreaterThan(c.requests * 0.75);
    expect(c.succeeded).toBe(0);
  });
});

describe('backoff formulas', () => {
  const b: ResolvedBackoff = { ...DEFAULT_BACKOFF, baseMs: 10, capMs: 1000, multiplier: 2 };
  const draws = (jitter: ResolvedBackoff['jitter'], n: number, prev = 10, count = 20_000) => {
    const rng = new Rng(42);
    return Array.from({ length: count }, () => backoffDelay({ ...b, jitter }, n, prev, rng));
  };
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

  it('none waits exactly expo = min(cap, base x multiplier^(n-1))', () => {
    expect(draws('none', 1, 10, 3)).toEqual([10, 10, 10]);
    expect(draws('none', 4, 10, 1)).toEqual([80]);
    expect(draws('none', 20, 10, 1)).toEqual([1000]);
  });

  it('full jitter is uniform on [0, expo)', () => {
    const xs = draws('full', 4);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(80);
    expect(Math.abs(mean(xs) - 40)).toBeLessThan(0.8);
    // uniform: a quarter of the mass in each quarter of the range
    expect(Math.abs(xs.filter((x) => x < 20).length / xs.length - 0.25)).toBeLessThan(0.015);
  });

  it('equal jitter is expo/2 + U(0, expo/2)', () => {
    const xs = draws('equal', 4);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...xs)).toBeLessThan(80);
    expect(Math.abs(mean(xs) - 60)).toBeLessThan(0.5);
  });

  it('decorrelated jitter is min(cap, U(base, 3 x prev))', () => {
    const xs = draws('decorrelated', 3, 100);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs)).toBeLessThan(300);
    expect(Math.abs(mean(xs) - 155)).toBeLessThan(2);
    const capped = draws('decorrelated', 3, 900);
    expect(Math.max(...capped)).toBe(1000);
  });

  it('immediate does not wait', () => {
    expect(draws('immediate', 3, 10, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('the engine waits the formula between attempts (no jitter: 25, 50, 100 ms)', () => {
    const d = flaky(1, { maxAttempts: 4, retryOn: ['error'], backoff: { baseMs: 25, jitter: 'none' } }, 1, 10_000);
    const sim = createSimulation(d, { messages: { capacity: 10_000 } });
    const { messages } = sim.runUntil(Infinity);
    const sends: number[] = [];
    for (let i = 0; i < messages!.count; i++) {
      if (messages!.request[i] === 0 && messages!.direction[i] === 0) sends.push(messages!.departMs[i]);
    }
    // every attempt of request 0 takes 1 ms of work over a zero-latency edge
    const gaps = sends.slice(1).map((t, k) => Math.round((t - sends[k] - 1) * 1000) / 1000);
    expect(gaps.map((g) => Math.round(g))).toEqual([25, 50, 100]);
  });
});
