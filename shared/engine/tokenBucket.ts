/** A token bucket (MODEL §4 rate limit): refills at `ratePerSec`, holds at most `burst`, starts full. */
export class TokenBucket {
  private tokens: number;
  private last = 0;

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const t = this.tokens + ((now - this.last) * this.ratePerSec) / 1000;
    this.tokens = t > this.burst ? this.burst : t;
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}
