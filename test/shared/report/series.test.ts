import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import { sampleIntervalMs, sampleRun, SAMPLES_PER_RUN } from '../../../shared/series.js';
import { template } from './fixtures.js';

describe('sampleRun', () => {
  const doc = template('cascading-failure');

  it('ends with the report of a one-call run, byte for byte', () => {
    const once = createSimulation(doc, { seed: 5, durationMs: 30_000 });
    once.runUntil(30_000);
    const sliced = sampleRun(createSimulation(doc, { seed: 5, durationMs: 30_000 }));
    expect(JSON.stringify(sliced.report)).toBe(JSON.stringify(once.report()));
  });

  it('samples on the dashboard grid, and the samples add up to the report', () => {
    const { report, samples } = sampleRun(createSimulation(doc, { durationMs: 12_000 }));
    expect(samples).toHaveLength(SAMPLES_PER_RUN);
    const step = sampleIntervalMs(12_000);
    samples.forEach((s, i) => {
      expect(s.tMs).toBeCloseTo((i + 1) * step, 9);
      expect(s.intervalMs).toBeCloseTo(step, 9);
    });
    const users = report.clients.users!;
    const sum = (f: (c: (typeof samples)[number]['clients'][string]) => number) =>
      samples.reduce((a, s) => a + f(s.clients.users!), 0);
    expect(sum((c) => c.started)).toBe(users.requests);
    expect(sum((c) => c.succeeded)).toBe(users.succeeded);
    expect(sum((c) => c.failed)).toBe(users.failed);
    expect(sum((c) => c.attempts)).toBe(users.attempts);
    // the time-average of the per-interval utilization is the run's utilization
    const db = samples.reduce((a, s) => a + s.nodes.db!.utilization * s.intervalMs, 0) / 12_000;
    expect(db).toBeCloseTo(report.nodes.db!.utilization, 6);
  });

  it('reports progress up to the duration and hands over every slice', () => {
    const progress: number[] = [];
    let slices = 0;
    sampleRun(createSimulation(doc, { durationMs: 2000 }), {
      intervalMs: 500,
      onProgress: (t, d) => {
        expect(d).toBe(2000);
        progress.push(t);
      },
      onSlice: () => slices++,
    });
    expect(progress).toEqual([500, 1000, 1500, 2000]);
    expect(slices).toBe(4);
  });

  it('refuses a simulation already under way, whose past would fold into the first sample', () => {
    const sim = createSimulation(doc, { durationMs: 2000 });
    sim.runUntil(100);
    expect(() => sampleRun(sim)).toThrow(/fresh simulation/);
  });

  it('never cuts a short run into intervals under 10 ms', () => {
    expect(sampleIntervalMs(1000)).toBe(10);
    expect(sampleIntervalMs(60_000)).toBe(100);
  });
});
