import type { LbStrategy } from '../model/types.js';
import { hashString, mix32, type Rng } from './prng.js';

/** Strategy codes for the hot path (a const enum, so that the switch compares with literals). */
const enum Strategy {
  RoundRobin = 0,
  Random = 1,
  LeastConnections = 2,
  PowerOfTwo = 3,
  IpHash = 4,
  ConsistentHash = 5,
  Weighted = 6,
}

const STRATEGY_CODES: Record<LbStrategy, number> = {
  roundRobin: Strategy.RoundRobin,
  random: Strategy.Random,
  leastConnections: Strategy.LeastConnections,
  powerOfTwo: Strategy.PowerOfTwo,
  ipHash: Strategy.IpHash,
  consistentHash: Strategy.ConsistentHash,
  weighted: Strategy.Weighted,
};

/** One target of a balancer: an edge and, for a service behind it, one replica (or -1). */
export interface TargetSpec {
  edge: number;
  replica: number;
  weight: number;
  /** Stable name for hashing (node id and replica). */
  name: string;
}

/**
 * Picks targets for a load balancer (or a sidecar's client-side balancing). Targets are (edge, replica) pairs; a
 * service with replicas counts each replica as a target. `outstanding` counts requests sent and not yet answered,
 * which least-connections and power-of-two-choices compare. `usable` marks targets that are healthy and not ejected.
 */
export class TargetPicker {
  readonly n: number;
  readonly edge: Int32Array;
  readonly replica: Int32Array;
  readonly outstanding: Int32Array;
  /** Targets that may be chosen now: healthy (or all, failing open) and not ejected. */
  readonly usable: Uint8Array;
  /** Health-check state per target (1 = up); all start up. */
  readonly healthy: Uint8Array;
  /** Outlier-detection state per target. */
  readonly ejected: Uint8Array;
  readonly consecutiveFailures: Int32Array;
  readonly ejections: Int32Array;
  ejectedCount = 0;
  failOpen = true;
  private readonly weight: Float64Array;
  private readonly current: Float64Array;
  private readonly code: number;
  private rr = 0;
  private ringPoints: Uint32Array = new Uint32Array(0);
  private ringOwners: Int32Array = new Int32Array(0);

  constructor(
    targets: TargetSpec[],
    strategy: LbStrategy,
    private readonly rng: Rng,
    vnodes: number,
  ) {
    this.n = targets.length;
    this.edge = Int32Array.from(targets, (t) => t.edge);
    this.replica = Int32Array.from(targets, (t) => t.replica);
    this.weight = Float64Array.from(targets, (t) => t.weight);
    this.outstanding = new Int32Array(this.n);
    this.usable = new Uint8Array(this.n).fill(1);
    this.healthy = new Uint8Array(this.n).fill(1);
    this.ejected = new Uint8Array(this.n);
    this.consecutiveFailures = new Int32Array(this.n);
    this.ejections = new Int32Array(this.n);
    this.current = new Float64Array(this.n);
    this.code = STRATEGY_CODES[strategy];
    if (this.code === Strategy.ConsistentHash) this.buildRing(targets, vnodes);
  }

  /**
   * Recomputes `usable` from health and ejection: healthy and not ejected; when no target is healthy and the health
   * check fails open, every target that is not ejected is used.
   */
  refresh(): void {
    let anyHealthy = false;
    for (let i = 0; i < this.n; i++) if (this.healthy[i] && !this.ejected[i]) anyHealthy = true;
    for (let i = 0; i < this.n; i++) {
      const base = anyHealthy ? this.healthy[i] : this.failOpen ? 1 : 0;
      this.usable[i] = base && !this.ejected[i] ? 1 : 0;
    }
  }

  private buildRing(targets: TargetSpec[], vnodes: number): void {
    const pts: { p: number; o: number }[] = [];
    targets.forEach((t, o) => {
      for (let v = 0; v < vnodes; v++) pts.push({ p: hashString(`${t.name}#${v}`), o });
    });
    pts.sort((x, y) => x.p - y.p || x.o - y.o);
    this.ringPoints = Uint32Array.from(pts, (x) => x.p);
    this.ringOwners = Int32Array.from(pts, (x) => x.o);
  }

  /**
   * Chooses a target index, or -1 when no target is usable. `client` identifies the caller (its address, for
   * ipHash) and `key` the request's key (for consistentHash).
   */
  pick(client: number, key: number): number {
    const n = this.n;
    if (n === 0) return -1;
    const usable = this.usable;
    switch (this.code) {
      case Strategy.RoundRobin: {
        for (let k = 0; k < n; k++) {
          const i = this.rr;
          this.rr = i + 1 === n ? 0 : i + 1;
          if (usable[i]) return i;
        }
        return -1;
      }
      case Strategy.Random: {
        const i = this.rng.int(n);
        return usable[i] ? i : this.nextUsable(i);
      }
      case Strategy.LeastConnections: {
        // scan from a rotating start so that ties are spread evenly
        const start = this.rr;
        this.rr = start + 1 === n ? 0 : start + 1;
        let best = -1;
        let bestLoad = Infinity;
        for (let k = 0; k < n; k++) {
          const i = (start + k) % n;
          if (usable[i] && this.outstanding[i] < bestLoad) {
            best = i;
            bestLoad = this.outstanding[i];
          }
        }
        return best;
      }
      case Strategy.PowerOfTwo: {
        if (n === 1) return usable[0] ? 0 : -1;
        const i = this.rng.int(n);
        let j = this.rng.int(n - 1);
        if (j >= i) j++;
        const a = usable[i] ? i : this.nextUsable(i);
        const b = usable[j] ? j : this.nextUsable(j);
        if (a < 0) return -1;
        return this.outstanding[b] < this.outstanding[a] ? b : a;
      }
      case Strategy.IpHash: {
        const i = mix32(client) % n;
        return usable[i] ? i : this.nextUsable(i);
      }
      case Strategy.ConsistentHash: {
        const h = mix32(key ^ 0x5bd1e995);
        const pts = this.ringPoints;
        let lo = 0;
        let hi = pts.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (pts[mid] < h) lo = mid + 1;
          else hi = mid;
        }
        // walk clockwise to the first usable owner
        for (let k = 0; k < pts.length; k++) {
          const o = this.ringOwners[(lo + k) % pts.length];
          if (usable[o]) return o;
        }
        return -1;
      }
      default: {
        // smooth weighted round robin (as nginx): deterministic and evenly interleaved
        let total = 0;
        let best = -1;
        for (let i = 0; i < n; i++) {
          if (!usable[i] || this.weight[i] <= 0) continue;
          this.current[i] += this.weight[i];
          total += this.weight[i];
          if (best < 0 || this.current[i] > this.current[best]) best = i;
        }
        if (best >= 0) this.current[best] -= total;
        return best;
      }
    }
  }

  private nextUsable(from: number): number {
    for (let k = 1; k < this.n; k++) {
      const i = (from + k) % this.n;
      if (this.usable[i]) return i;
    }
    return -1;
  }
}
