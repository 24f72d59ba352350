import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../../shared/engine/histogram.js';
import { Rng } from '../../../shared/engine/prng.js';

describe('histogram', () => {
  it('reports any single value within 1%', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e9, noNaN: true }), (v) => {
        const h = new Histogram();
        h.record(v);
        h.record(v * 10); // so that the max does not clamp the answer
        expect(Math.abs(h.quantile(0.5) - v) / v).toBeLessThan(0.01);
      }),
    );
  });

  it('percentiles of an exponential sample are within 1% of the exact order statistics', () => {
    const rng = new Rng(3);
    const h = new Histogram();
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const x = rng.exponential(10);
      xs.push(x);
      h.record(x);
    }
    xs.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = xs[Math.ceil(q * xs.length) - 1];
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(h.max).toBe(xs[xs.length - 1]);
    expect(h.sum / h.count).toBeCloseTo(xs.reduce((a, x) => a + x, 0) / xs.length, 9);
  });

  it('is empty-safe and puts sub-microsecond values at 0', () => {
    const h = new Histogram();
    expect(h.summary()).toEqual({ mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
    h.record(0);
    expect(h.quantile(0.5)).toBe(0);
  });
});
