import type { Distribution } from '../model/types.js';
import type { Rng } from './prng.js';

const Z99 = 2.3263478740408408;

/** A distribution prepared for fast sampling: a code and two parameters. */
export interface Sampler {
  code: number;
  p1: number;
  p2: number;
  /** The distribution's mean in ms (for derived figures such as capacity). */
  mean: number;
}

/** Distribution codes (a const enum, so that sampling compares with literals). */
const enum Dist {
  Constant = 0,
  Exponential = 1,
  Uniform = 2,
  Lognormal = 3,
  Normal = 4,
}

/**
 * Prepares a distribution. A lognormal is given by its mean and p99: with mean = exp(mu + s^2/2) and
 * p99 = exp(mu + z99 s), s is the smaller root of s^2/2 - z99 s + ln(p99/mean) = 0.
 */
export function makeSampler(d: Distribution): Sampler {
  switch (d.dist) {
    case 'constant':
      return { code: Dist.Constant, p1: d.meanMs, p2: 0, mean: d.meanMs };
    case 'exponential':
      return { code: Dist.Exponential, p1: d.meanMs, p2: 0, mean: d.meanMs };
    case 'uniform':
      return { code: Dist.Uniform, p1: d.minMs, p2: d.maxMs - d.minMs, mean: (d.minMs + d.maxMs) / 2 };
    case 'lognormal': {
      const gap = Math.log(d.p99Ms / d.meanMs);
      const disc = Math.max(0, Z99 * Z99 - 2 * gap);
      const s = Z99 - Math.sqrt(disc);
      const mu = Math.log(d.meanMs) - (s * s) / 2;
      return { code: Dist.Lognormal, p1: mu, p2: s, mean: d.meanMs };
    }
    case 'normal':
      return { code: Dist.Normal, p1: d.meanMs, p2: d.stdMs, mean: d.meanMs };
  }
}

/** One draw (ms, never negative). */
export function sample(s: Sampler, rng: Rng): number {
  switch (s.code) {
    case Dist.Constant:
      return s.p1;
    case Dist.Exponential:
      return -s.p1 * Math.log(1 - rng.next());
    case Dist.Uniform:
      return s.p1 + s.p2 * rng.next();
    case Dist.Lognormal:
      return Math.exp(s.p1 + s.p2 * rng.normal());
    default: {
      const v = s.p1 + s.p2 * rng.normal();
      return v > 0 ? v : 0;
    }
  }
}
