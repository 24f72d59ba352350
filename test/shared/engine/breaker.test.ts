import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CLOSED, HALF_OPEN, OPEN } from '../../../shared/engine/breaker.js';
import { createSimulation } from '../../../shared/engine/index.js';
import { DEFAULT_BREAKER, type ResolvedBreaker } from '../../../shared/model/defaults.js';
import { doc, edge } from './fixtures.js';

const cfg = (over: Partial<ResolvedBreaker> = {}): ResolvedBreaker => ({ ...DEFAULT_BREAKER, ...over });

/** Records `n` calls admitted now; each fails when `fail(i)`. */
function feed(b: CircuitBreaker, t: number, n: number, fail: (i: number) => boolean, duration = 1): void {
  for (let i = 0; i < n; i++) {
    expect(b.admit()).toBe(true);
    b.record(t, b.epoch, fail(i), duration);
  }
}

describe('circuit breaker (resilience4j semantics)', () => {
  it('stays closed below minimumCalls even when every call fails', () => {
    const b = new CircuitBreaker(cfg({ minimumCalls: 10 }));
    feed(b, 0, 9, () => true);
    expect(b.state).toBe(CLOSED);
    feed(b, 0, 1, () => true);
    expect(b.state).toBe(OPEN);
  });

  it('opens when the failure rate reaches the threshold over the count window', () => {
    const b = new CircuitBreaker(cfg({ windowSize: 10, minimumCalls: 10, failureRateThreshold: 50 }));
    feed(b, 0, 10, (i) => i >= 6); // 40%
    expect(b.state).toBe(CLOSED);
    feed(b, 0, 1, () => true); // the window slides past a good call: 5 of the last 10 failed
    expect(b.state).toBe(OPEN);
    expect(b.transitions).toEqual([{ atMs: 0, from: 'closed', to: 'open' }]);
  });

  it('the count window forgets calls older than windowSize', () => {
    const b = new CircuitBreaker(cfg({ windowSize: 10, minimumCalls: 10, failureRateThreshold: 50 }));
    feed(b, 0, 4, () => true);
    feed(b, 0, 100, () => false);
    feed(b, 0, 4, () => true); // 4 of the last 10
    expect(b.state).toBe(CLOSED);
  });

  it('opens on the slow-call rate', () => {
    const b = new CircuitBreaker(
      cfg({ slowCallRateThreshold: 60, slowCallDurationMs: 100, minimumCalls: 5, windowSize: 5 }),
    );
    feed(b, 0, 2, () => false, 10);
    feed(b, 0, 3, () => false, 150);
    expect(b.state).toBe(OPEN);
  });

  it('refuses while open, admits halfOpenCalls trials, re-opens on failed trials and closes on good ones', () => {
    const b = new CircuitBreaker(cfg({ minimumCalls: 2, windowSize: 2, halfOpenCalls: 3, openMs: 5000 }));
    feed(b, 0, 2, () => true);
    expect(b.state).toBe(OPEN);
    expect(b.admit()).toBe(false);
    expect(b.refused).toBe(1);
    b.halfOpen(5000);
    expect(b.state).toBe(HALF_OPEN);
    const e = b.epoch;
    expect([b.admit(), b.admit(), b.admit(), b.admit()]).toEqual([true, true, true, false]);
    b.record(5001, e, true, 1);
    b.record(5002, e, true, 1);
    expect(b.state).toBe(HALF_OPEN); // waits for every trial
    b.record(5003, e, false, 1);
    expect(b.state).toBe(OPEN); // 2 of 3 failed >= 50%
    b.halfOpen(10_003);
    const e2 = b.epoch;
    feed(b, 10_004, 3, (i) => i === 0); // 1 of 3 failed < 50%
    expect(b.state).toBe(CLOSED);
    b.record(10_005, e2, true, 1); // a late trial answer of an earlier state is not counted
    expect(b.transitions.map((t) => `${t.from}->${t.to}@${t.atMs}`)).toEqual([
      'closed->open@0',
      'open->halfOpen@5000',
      'halfOpen->open@5003',
      'open->halfOpen@10003',
      'halfOpen->closed@10004',
    ]);
    // closed again with an empty window
    feed(b, 10_006, 1, () => true);
    expect(b.state).toBe(CLOSED);
  });

  it('a time window counts the calls of the last windowSize seconds', () => {
    const b = new CircuitBreaker(cfg({ windowType: 'time', windowSize: 2, minimumCalls: 4 }));
    feed(b, 0, 3, () => true);
    feed(b, 2500, 3, () => false); // the failures of second 0 have left the window
    expect(b.state).toBe(CLOSED);
    feed(b, 2600, 3, () => true); // 3 of 6 in seconds 1-2
    expect(b.state).toBe(OPEN);
  });
});

describe('circuit breaker in a running system', () => {
  it('follows a scripted failure burst: open, half-open after openMs, re-open, close after the burst', () => {
    const d = doc(
      [
        {
          id: 'users',
          kind: 'client',
          position: { x: 0, y: 0 },
          params: {
            rate: 100,
            arrival: 'uniform',
            timeoutMs: 0,
            circuitBreaker: { windowSize: 20, minimumCalls: 10, openMs: 5000, halfOpenCalls: 3 },
          },
        },
        {
          id: 'api',
          kind: 'service',
          position: { x: 220, y: 0 },
          params: { concurrency: 100, serviceTime: { dist: 'constant', meanMs: 1 } },
        },
      ],
      [edge('e', 'users', 'api')],
      30_000,
    );
    d.faults.push({ id: 'burst', kind: 'errors', node: 'api', errorRate: 1, atMs: 10_000, untilMs: 17_000 });
    const sim = createSimulation(d);
    sim.runUntil(Infinity);
    const r = sim.report();
    const t = r.breakers['users->api'].transitions;
    expect(t.map((x) => `${x.from}->${x.to}`)).toEqual([
      'closed->open',
      'open->halfOpen',
      'halfOpen->open',
      'open->halfOpen',
      'halfOpen->closed',
    ]);
    // 10 failures after 10 good calls in a window of 20 reach 50% at the 10th failure (requests every 10 ms)
    expect(t[0].atMs).toBeGreaterThan(10_080);
    expect(t[0].atMs).toBeLessThan(10_110);
    expect(t[1].atMs - t[0].atMs).toBe(5000);
    expect(t[2].atMs - t[1].atMs).toBeLessThan(40); // three failed trials, 10 ms apart
    expect(t[3].atMs - t[2].atMs).toBe(5000);
    expect(t[3].atMs).toBeGreaterThan(17_000);
    expect(t[4].atMs - t[3].atMs).toBeLessThan(40);
    expect(r.breakers['users->api'].refused).toBe(r.clients.users.failures.circuitOpen);
    expect(r.clients.users.failures.circuitOpen).toBeGreaterThan(900);
  });
});
