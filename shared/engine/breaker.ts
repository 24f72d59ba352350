import type { ResolvedBreaker } from '../model/defaults.js';
import type { BreakerTransition } from './report.js';

/** Breaker states (a const enum, so that the hot path compares with literals). */
const enum State {
  Closed = 0,
  Open = 1,
  HalfOpen = 2,
}
export const CLOSED = State.Closed;
export const OPEN = State.Open;
export const HALF_OPEN = State.HalfOpen;
const STATE_NAMES = ['closed', 'open', 'halfOpen'] as const;

/**
 * A circuit breaker for one caller and target pair, with resilience4j's semantics (MODEL §4).
 *
 * CLOSED records every finished call in a count window (the last `windowSize` calls) or a time window (the last
 * `windowSize` seconds, in one-second buckets) and opens once at least `minimumCalls` are in the window and the
 * failure rate or the slow-call rate reaches its threshold. OPEN refuses calls for `openMs`; the engine then calls
 * `halfOpen()`. HALF_OPEN admits `halfOpenCalls` trial calls and, once all of them have finished, opens again when
 * their failure (or slow) rate reaches the threshold, else closes, starting over with no recorded calls.
 *
 * Calls are tagged with the epoch in which they were admitted; a call admitted before the last transition is not
 * counted, so each state judges only its own calls.
 */
export class CircuitBreaker {
  /** Index in the engine's list of breakers. */
  id = -1;
  state = State.Closed;
  epoch = 0;
  refused = 0;
  readonly transitions: BreakerTransition[] = [];
  /** Time at which an OPEN breaker becomes HALF_OPEN. */
  openUntil = 0;
  // count window
  private readonly ring: Uint8Array;
  private ringLen = 0;
  private ringPos = 0;
  // time window (per second buckets)
  private readonly bucketCalls: Float64Array;
  private readonly bucketFails: Float64Array;
  private readonly bucketSlow: Float64Array;
  private bucketSecond = 0;
  private calls = 0;
  private fails = 0;
  private slow = 0;
  // half-open trials
  private trialsAdmitted = 0;
  private trialsDone = 0;
  private trialFails = 0;
  private trialSlow = 0;

  constructor(readonly cfg: ResolvedBreaker) {
    const timeWindow = cfg.windowType === 'time';
    this.ring = new Uint8Array(timeWindow ? 0 : cfg.windowSize);
    const buckets = timeWindow ? cfg.windowSize : 0;
    this.bucketCalls = new Float64Array(buckets);
    this.bucketFails = new Float64Array(buckets);
    this.bucketSlow = new Float64Array(buckets);
  }

  /** Whether a call may go now (and, half-open, takes a trial slot). Counts a refusal when it may not. */
  admit(): boolean {
    if (this.state === State.Closed) return true;
    if (this.state === State.HalfOpen && this.trialsAdmitted < this.cfg.halfOpenCalls) {
      this.trialsAdmitted++;
      return true;
    }
    this.refused++;
    return false;
  }

  /** Records a finished call admitted in `epoch`. Returns true when the state changed. */
  record(now: number, epoch: number, failed: boolean, durationMs: number): boolean {
    if (epoch !== this.epoch) return false;
    const slow = durationMs >= this.cfg.slowCallDurationMs;
    if (this.state === State.HalfOpen) {
      this.trialsDone++;
      if (failed) this.trialFails++;
      if (slow) this.trialSlow++;
      if (this.trialsDone < this.cfg.halfOpenCalls) return false;
      const n = this.trialsDone;
      if (this.exceeds(this.trialFails, this.trialSlow, n)) this.open(now);
      else this.transition(now, State.Closed);
      return true;
    }
    if (this.state !== State.Closed) return false;
    if (this.cfg.windowType === 'count') this.recordCount(failed, slow);
    else this.recordTime(now, failed, slow);
    if (this.calls >= this.cfg.minimumCalls && this.exceeds(this.fails, this.slow, this.calls)) {
      this.open(now);
      return true;
    }
    return false;
  }

  private exceeds(fails: number, slow: number, n: number): boolean {
    return (fails / n) * 100 >= this.cfg.failureRateThreshold || (slow / n) * 100 >= this.cfg.slowCallRateThreshold;
  }

  private recordCount(failed: boolean, slow: boolean): void {
    const size = this.ring.length;
    const bits = (failed ? 1 : 0) | (slow ? 2 : 0);
    if (this.ringLen === size) {
      const old = this.ring[this.ringPos];
      if (old & 1) this.fails--;
      if (old & 2) this.slow--;
      this.calls--;
    } else this.ringLen++;
    this.ring[this.ringPos] = bits;
    this.ringPos = (this.ringPos + 1) % size;
    this.calls++;
    if (failed) this.fails++;
    if (slow) this.slow++;
  }

  private recordTime(now: number, failed: boolean, slow: boolean): void {
    const size = this.bucketCalls.length;
    const s = Math.floor(now / 1000);
    const steps = Math.min(size, s - this.bucketSecond);
    for (let k = 1; k <= steps; k++) {
      const i = (this.bucketSecond + k) % size;
      this.calls -= this.bucketCalls[i];
      this.fails -= this.bucketFails[i];
      this.slow -= this.bucketSlow[i];
      this.bucketCalls[i] = 0;
      this.bucketFails[i] = 0;
      this.bucketSlow[i] = 0;
    }
    if (s > this.bucketSecond) this.bucketSecond = s;
    const i = s % size;
    this.bucketCalls[i]++;
    this.calls++;
    if (failed) {
      this.bucketFails[i]++;
      this.fails++;
    }
    if (slow) {
      this.bucketSlow[i]++;
      this.slow++;
    }
  }

  private open(now: number): void {
    this.transition(now, State.Open);
    this.openUntil = now + this.cfg.openMs;
  }

  /** OPEN has lasted `openMs`: admit trial calls. */
  halfOpen(now: number): void {
    if (this.state === State.Open) this.transition(now, State.HalfOpen);
  }

  private transition(now: number, to: number): void {
    this.transitions.push({ atMs: now, from: STATE_NAMES[this.state], to: STATE_NAMES[to] });
    this.state = to;
    this.epoch++;
    this.calls = this.fails = this.slow = 0;
    this.ringLen = this.ringPos = 0;
    this.bucketCalls.fill(0);
    this.bucketFails.fill(0);
    this.bucketSlow.fill(0);
    this.trialsAdmitted = this.trialsDone = this.trialFails = this.trialSlow = 0;
  }
}
