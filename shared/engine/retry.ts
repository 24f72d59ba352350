import type { ResolvedBackoff, ResolvedRetry } from '../model/defaults.js';
import type { Rng } from './prng.js';
import { OUTCOME_NAMES } from './outcomes.js';

const J_NONE = 0;
const J_FULL = 1;
const J_EQUAL = 2;
const J_DECORRELATED = 3;
const J_IMMEDIATE = 4;
const JITTER_CODES = {
  none: J_NONE,
  full: J_FULL,
  equal: J_EQUAL,
  decorrelated: J_DECORRELATED,
  immediate: J_IMMEDIATE,
};

/**
 * The wait before retry `n` (n = 1 for the first retry), MODEL §4:
 * expo = min(capMs, baseMs x multiplier^(n-1));
 * none: expo; full: U(0, expo); equal: expo/2 + U(0, expo/2); decorrelated: min(capMs, U(baseMs, 3 x prev)) with prev
 * starting at baseMs; immediate: 0.
 *
 * @param prev the previous decorrelated wait (baseMs before the first retry)
 */
export function backoffDelay(b: ResolvedBackoff, n: number, prev: number, rng: Rng): number {
  const code = JITTER_CODES[b.jitter];
  if (code === J_IMMEDIATE) return 0;
  if (code === J_DECORRELATED) {
    const hi = 3 * prev;
    return Math.min(b.capMs, b.baseMs + rng.next() * Math.max(0, hi - b.baseMs));
  }
  const expo = Math.min(b.capMs, b.baseMs * Math.pow(b.multiplier, n - 1));
  if (code === J_NONE) return expo;
  if (code === J_FULL) return rng.next() * expo;
  return expo / 2 + rng.next() * (expo / 2);
}

/** A retry policy prepared for the hot path. */
export class RetryPolicyRt {
  readonly maxAttempts: number;
  readonly backoff: ResolvedBackoff;
  /** Retryable outcome codes as a bit set. */
  readonly retryMask: number;
  readonly budget: RetryBudget | null;

  constructor(p: ResolvedRetry) {
    this.maxAttempts = p.maxAttempts;
    this.backoff = p.backoff;
    let mask = 0;
    for (const o of p.retryOn) mask |= 1 << OUTCOME_NAMES.indexOf(o);
    this.retryMask = mask;
    this.budget = p.budget ? new RetryBudget(p.budget.ratio, p.budget.minPerSec) : null;
  }

  retries(outcome: number): boolean {
    return (this.retryMask & (1 << outcome)) !== 0;
  }
}

/** Seconds in a retry budget's window (a const enum, so that the hot path reads a literal). */
const enum Budget {
  WindowS = 10,
}

/**
 * A retry budget: a retry is allowed only while retries in the last 10 s <= ratio x first attempts in the last 10 s
 * + minPerSec x 10. Counts are kept in ten one-second buckets.
 */
export class RetryBudget {
  private readonly firsts = new Float64Array(Budget.WindowS);
  private readonly retries = new Float64Array(Budget.WindowS);
  private second = 0;

  constructor(
    readonly ratio: number,
    readonly minPerSec: number,
  ) {}

  private advance(now: number): void {
    const s = Math.floor(now / 1000);
    if (s === this.second) return;
    const steps = Math.min(Budget.WindowS, s - this.second);
    for (let k = 1; k <= steps; k++) {
      const i = (this.second + k) % Budget.WindowS;
      this.firsts[i] = 0;
      this.retries[i] = 0;
    }
    this.second = s;
  }

  firstAttempt(now: number): void {
    this.advance(now);
    this.firsts[this.second % Budget.WindowS]++;
  }

  /** Whether a retry may go now; when it may, it is counted. */
  tryRetry(now: number): boolean {
    this.advance(now);
    let f = 0;
    let r = 0;
    for (let i = 0; i < Budget.WindowS; i++) {
      f += this.firsts[i];
      r += this.retries[i];
    }
    if (r + 1 > this.ratio * f + this.minPerSec * Budget.WindowS) return false;
    this.retries[this.second % Budget.WindowS]++;
    return true;
  }
}
