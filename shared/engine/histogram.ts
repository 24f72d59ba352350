/**
 * A log-linear histogram (as HdrHistogram): fixed memory, constant-time insertion without logarithms, percentiles
 * within 1% relative error.
 *
 * A value's bucket is its binary exponent and the top 6 bits of its mantissa, read from its IEEE-754 bits: each
 * power of two is split into 64 buckets, so a bucket's upper bound is at most 1/64 above its lower bound, and its
 * geometric midpoint is within sqrt(1 + 1/64) - 1 < 0.8% of any value in it. Values below 2^-10 ms (about one
 * microsecond) report as 0, values above 2^40 ms as the maximum; the maximum and the mean are exact.
 */
/** The histogram's shape (a const enum, so that recording reads literals). */
const enum Shape {
  SubBits = 6,
  Sub = 1 << SubBits,
  MinExp = -10,
  MaxExp = 40,
  Buckets = (MaxExp - MinExp) * Sub,
  /** 2^MinExp */
  MinValue = 0.0009765625,
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high 32 bits of a double in `u32` (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(Shape.Buckets + 1);
  count = 0;
  sum = 0;
  max = 0;

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    if (v < Shape.MinValue) {
      this.counts[0]++;
      return;
    }
    f64[0] = v;
    const hi = u32[HI];
    let i =
      (((hi >>> 20) - 1023 - Shape.MinExp) << Shape.SubBits) + ((hi >>> (20 - Shape.SubBits)) & (Shape.Sub - 1)) + 1;
    if (i > Shape.Buckets) i = Shape.Buckets;
    this.counts[i]++;
  }

  /** The value at quantile q in [0, 1] (nearest rank), 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i <= Shape.Buckets; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        if (i === 0) return 0;
        const k = i - 1;
        const e = Shape.MinExp + (k >> Shape.SubBits);
        const m = k & (Shape.Sub - 1);
        const lo = 2 ** e * (1 + m / Shape.Sub);
        const hi = 2 ** e * (1 + (m + 1) / Shape.Sub);
        return Math.min(Math.sqrt(lo * hi), this.max);
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
