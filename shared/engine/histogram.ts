/**
 * A log-bucketed histogram: fixed memory, constant-time insertion, percentiles within 1% relative error.
 *
 * Bucket i covers [MIN * G^i, MIN * G^(i+1)) with G = 1.02, and reports its geometric midpoint, whose relative
 * distance to any value in the bucket is at most sqrt(1.02) - 1 < 1%. Values below MIN (1 microsecond) go to a
 * zero bucket and report as 0; the maximum and the mean are exact.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const MIN_VALUE = 1e-3;
const LOG_MIN = Math.log(MIN_VALUE);
/** Covers up to 1e-3 * 1.02^1400 ~ 1.1e9 ms (12 days). */
const BUCKETS = 1400;

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS + 1);
  count = 0;
  sum = 0;
  max = 0;

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    if (v < MIN_VALUE) {
      this.counts[0]++;
      return;
    }
    let i = ((Math.log(v) - LOG_MIN) / LOG_GROWTH + 1) | 0;
    if (i > BUCKETS) i = BUCKETS;
    this.counts[i]++;
  }

  /** The value at quantile q in [0, 1] (nearest rank), 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        if (i === 0) return 0;
        const mid = Math.exp(LOG_MIN + (i - 0.5) * LOG_GROWTH);
        return Math.min(mid, this.max);
      }
    }
    return this.max;
  }

  summary(): LatencySummary {
    if (this.count === 0) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
    return {
      mean: this.sum / this.count,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.max,
    };
  }
}
