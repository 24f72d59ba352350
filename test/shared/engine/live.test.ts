import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

function doc(faults: TopologyDocument['faults'] = []): TopologyDocument {
  return {
    format: 'backpressure.topology',
    version: 1,
    name: 'live',
    simulation: { seed: 3, durationMs: 10_000 },
    nodes: [
      { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rate: 400 } },
      {
        id: 'api',
        kind: 'service',
        position: { x: 300, y: 0 },
        params: { replicas: 2, concurrency: 4, queueCapacity: 50, serviceTime: { dist: 'exponential', meanMs: 20 } },
      },
    ],
    edges: [{ id: 'e', source: 'users', target: 'api', params: {} }],
    faults,
    notes: [],
  };
}

describe('live state', () => {
  it('counts busy workers and queued requests within their pools', () => {
    const sim = createSimulation(doc());
    const api = sim.nodeIds.indexOf('api');
    let sawQueue = false;
    for (let t = 100; t <= 5_000; t += 100) {
      sim.runUntil(t);
      const live = sim.liveState();
      expect(live.workers[api]).toBe(8);
      expect(live.busy[api]).toBeGreaterThanOrEqual(0);
      expect(live.busy[api]).toBeLessThanOrEqual(8);
      expect(live.queued[api]).toBeLessThanOrEqual(100);
      expect(live.queueCapacity[api]).toBe(100);
      if (live.queued[api]! > 0) sawQueue = true;
    }
    // 400/s at 20 ms on 8 workers is 100% offered load: the queues fill
    expect(sawQueue).toBe(true);
  });

  it('shows crashed replicas while a crash fault holds them', () => {
    const sim = createSimulation(doc([{ id: 'c', kind: 'crash', node: 'api', atMs: 1_000, untilMs: 2_000 }]));
    const api = sim.nodeIds.indexOf('api');
    sim.runUntil(500);
    expect(sim.liveState().healthy[api]).toBe(2);
    sim.runUntil(1_500);
    expect(sim.liveState().healthy[api]).toBe(0);
    expect(sim.liveState().crashed[api]).toBe(1);
    sim.runUntil(2_500);
    expect(sim.liveState().crashed[api]).toBe(0);
  });

  it('takes latency windows that together cover every success, without changing the run', () => {
    const a = createSimulation(doc());
    const b = createSimulation(doc());
    let windows = 0;
    for (let t = 1_000; t <= 10_000; t += 1_000) {
      a.runUntil(t);
      const w = a.takeLatencyWindow().users;
      if (w) {
        windows++;
        expect(w.p50).toBeLessThanOrEqual(w.p95);
        expect(w.p95).toBeLessThanOrEqual(w.p99);
      }
    }
    b.runUntil(10_000);
    expect(windows).toBe(10);
    expect(JSON.stringify(a.report())).toBe(JSON.stringify(b.report()));
    expect(a.takeLatencyWindow().users).toBeNull();
  });
});
