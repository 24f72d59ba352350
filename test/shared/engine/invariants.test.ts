import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Report } from '../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { arbValidDocument } from '../model/arbitraries.js';
import { mixed } from './fixtures.js';

function checkCounts(r: Report): void {
  for (const [id, c] of Object.entries(r.clients)) {
    expect(c.requests, id).toBe(c.succeeded + c.failed + c.inFlight);
    for (const v of [c.requests, c.succeeded, c.failed, c.inFlight, c.attempts, c.lateAnswers]) {
      expect(v, id).toBeGreaterThanOrEqual(0);
    }
    expect(
      Object.values(c.failures).reduce((a, b) => a + b, 0),
      id,
    ).toBe(c.failed);
    // an attempt a breaker refuses is never sent
    expect(c.attempts, id).toBeGreaterThanOrEqual(c.requests - c.failures.circuitOpen);
  }
  for (const [id, n] of Object.entries(r.nodes)) {
    for (const v of [n.arrivals, n.ok, n.errors, n.rejected, n.utilization, n.meanInSystem]) {
      expect(v, id).toBeGreaterThanOrEqual(0);
    }
    expect(n.ok + n.errors + n.rejected, id).toBeLessThanOrEqual(n.arrivals);
    expect(n.utilization, id).toBeLessThanOrEqual(1 + 1e-9);
  }
  for (const [id, e] of Object.entries(r.edges)) {
    expect(e.lost, id).toBeLessThanOrEqual(e.messages);
  }
}

/** Stops every client at `stopMs` so that a long enough run must drain completely. */
function drained(d: TopologyDocument, stopMs: number): TopologyDocument {
  return {
    ...d,
    nodes: d.nodes.map((n) =>
      n.kind === 'client' ? { ...n, params: { ...n.params, rateSchedule: [{ atMs: stopMs, rate: 0 }] } } : n,
    ),
  };
}

describe('conservation', () => {
  it('every request ends exactly once, and a drained run holds no records', () => {
    // every client has a timeout, so lost messages end too; 10 s after the last arrival everything is settled
    const sim = createSimulation(drained(mixed(30_000), 20_000));
    let last = -1;
    for (let k = 1; k <= 30; k++) {
      const slice = sim.runUntil(k * 1000);
      expect(slice.timeMs).toBeGreaterThan(last);
      last = slice.timeMs;
      const r = sim.report();
      checkCounts(r);
      const inFlight = Object.values(r.clients).reduce((a, c) => a + c.inFlight, 0);
      expect(sim.diagnostics().liveRequests).toBe(inFlight);
    }
    const r = sim.report();
    expect(Object.values(r.clients).every((c) => c.inFlight === 0)).toBe(true);
    expect(sim.diagnostics()).toEqual({ liveRequests: 0, liveCalls: 0, pendingEvents: 0 });
    expect(Object.values(r.clients).reduce((a, c) => a + c.succeeded, 0)).toBeGreaterThan(1000);
  });
});

describe('properties over random valid documents', () => {
  it('counts are conserved and never negative; messages never go back in time', () => {
    fc.assert(
      fc.property(arbValidDocument(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (d, seed) => {
        const sim = createSimulation(d, { seed, durationMs: 3000, messages: { capacity: 1 << 16 } });
        let lastTime = 0;
        for (const t of [500, 1200, 3000]) {
          const slice = sim.runUntil(t);
          expect(slice.timeMs).toBeGreaterThanOrEqual(lastTime);
          const m = slice.messages!;
          for (let i = 0; i < m.count; i++) {
            // a message recorded in this slice leaves no earlier than the slice began, and arrives after it leaves
            expect(m.departMs[i]).toBeGreaterThanOrEqual(lastTime);
            expect(m.arriveMs[i]).toBeGreaterThanOrEqual(m.departMs[i]);
          }
          lastTime = slice.timeMs;
          const r = sim.report();
          checkCounts(r);
          const inFlight = Object.values(r.clients).reduce((a, c) => a + c.inFlight, 0);
          expect(sim.diagnostics().liveRequests).toBe(inFlight);
        }
      }),
      { numRuns: 60 },
    );
  });
});
