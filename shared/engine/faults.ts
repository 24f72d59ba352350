import type { Fault, TopologyDocument } from '../model/types.js';

export const CRASH_NONE = 0;
export const CRASH_REFUSE = 1;
export const CRASH_BLACKHOLE = 2;

/**
 * The combined effect of the faults active at one moment (MODEL §5), as flat arrays the hot path reads.
 * It is recomputed from the set of active faults whenever one starts or ends (rare compared with messages).
 *
 * Overlapping faults combine: slow factors and surge factors multiply, losses combine as independent drops, added
 * latencies add, and for crash modes and error rates the fault that started last wins.
 */
export class FaultEffects {
  /** Crash mode of a whole node. */
  readonly nodeCrash: Uint8Array;
  /** Crash mode per replica, for nodes with replicas (`replicaCrash[node][replica]`). */
  readonly replicaCrash: (Uint8Array | null)[];
  readonly slow: Float64Array;
  /** Replacement error rate, or -1 for none. */
  readonly errorRate: Float64Array;
  readonly surge: Float64Array;
  /** Non-zero when messages from an edge's source to its target are dropped. */
  readonly blockedFwd: Uint8Array;
  /** Non-zero when messages from an edge's target back to its source are dropped. */
  readonly blockedBack: Uint8Array;
  readonly addLatency: Float64Array;
  readonly extraLoss: Float64Array;
  /** Any partition, cut or degrade active (a fast check for the hot path). */
  anyEdgeFault = false;
  /** Any crash active (a fast check for the hot path). */
  anyCrash = false;

  private readonly nodeIndex: Map<string, number>;
  private readonly edgeIndex: Map<string, number>;
  /** Members of each region (transitively), by region id. */
  private readonly members: Map<string, number[]>;

  constructor(
    doc: TopologyDocument,
    private readonly edgeEnds: { src: number; dst: number }[],
    replicas: number[],
  ) {
    const n = doc.nodes.length;
    const m = doc.edges.length;
    this.nodeCrash = new Uint8Array(n);
    this.replicaCrash = replicas.map((r) => (r > 1 ? new Uint8Array(r) : null));
    this.slow = new Float64Array(n).fill(1);
    this.errorRate = new Float64Array(n).fill(-1);
    this.surge = new Float64Array(n).fill(1);
    this.blockedFwd = new Uint8Array(m);
    this.blockedBack = new Uint8Array(m);
    this.addLatency = new Float64Array(m);
    this.extraLoss = new Float64Array(m);
    this.nodeIndex = new Map(doc.nodes.map((x, i) => [x.id, i] as const));
    this.edgeIndex = new Map(doc.edges.map((x, i) => [x.id, i] as const));
    this.members = new Map();
    const children = new Map<string, string[]>();
    for (const node of doc.nodes) {
      if (node.parent) children.set(node.parent, [...(children.get(node.parent) ?? []), node.id]);
    }
    const collect = (id: string, out: number[], depth: number): void => {
      const i = this.nodeIndex.get(id);
      if (i !== undefined) out.push(i);
      if (depth > 3) return;
      for (const c of children.get(id) ?? []) collect(c, out, depth + 1);
    };
    for (const node of doc.nodes) {
      if (node.kind === 'region') {
        const out: number[] = [];
        collect(node.id, out, 0);
        this.members.set(node.id, out);
      }
    }
  }

  /** Node indices a partition side names: nodes, and every member of the regions it names. */
  private side(ids: string[]): Set<number> {
    const s = new Set<number>();
    for (const id of ids) {
      const region = this.members.get(id);
      if (region) region.forEach((i) => s.add(i));
      else {
        const i = this.nodeIndex.get(id);
        if (i !== undefined) s.add(i);
      }
    }
    return s;
  }

  /** Recomputes every effect from the active faults, in the order they started. */
  recompute(active: readonly Fault[]): void {
    this.nodeCrash.fill(0);
    for (const r of this.replicaCrash) r?.fill(0);
    this.slow.fill(1);
    this.errorRate.fill(-1);
    this.surge.fill(1);
    this.blockedFwd.fill(0);
    this.blockedBack.fill(0);
    this.addLatency.fill(0);
    this.extraLoss.fill(0);
    this.anyEdgeFault = false;
    this.anyCrash = false;
    for (const f of active) {
      switch (f.kind) {
        case 'crash': {
          const i = this.nodeIndex.get(f.node);
          if (i === undefined) break;
          const mode = f.mode === 'blackhole' ? CRASH_BLACKHOLE : CRASH_REFUSE;
          this.anyCrash = true;
          const reps = this.replicaCrash[i];
          if (f.replica !== undefined && reps) reps[f.replica] = mode;
          else if (f.replica !== undefined && f.replica > 0) break;
          else {
            this.nodeCrash[i] = mode;
            reps?.fill(mode);
          }
          break;
        }
        case 'slow': {
          const i = this.nodeIndex.get(f.node);
          if (i !== undefined) this.slow[i] *= f.factor;
          break;
        }
        case 'errors': {
          const i = this.nodeIndex.get(f.node);
          if (i !== undefined) this.errorRate[i] = f.errorRate;
          break;
        }
        case 'surge': {
          const i = this.nodeIndex.get(f.node);
          if (i !== undefined) this.surge[i] *= f.factor;
          break;
        }
        case 'degrade': {
          const e = this.edgeIndex.get(f.edge);
          if (e === undefined) break;
          this.addLatency[e] += f.addLatencyMs ?? 0;
          this.extraLoss[e] = 1 - (1 - this.extraLoss[e]) * (1 - (f.lossRate ?? 0));
          this.anyEdgeFault = true;
          break;
        }
        case 'cut': {
          for (const id of f.edges) {
            const e = this.edgeIndex.get(id);
            if (e === undefined) continue;
            this.blockedFwd[e] = 1;
            if (!f.oneWay) this.blockedBack[e] = 1;
          }
          this.anyEdgeFault = true;
          break;
        }
        case 'partition': {
          const a = this.side(f.sides[0]);
          const b = this.side(f.sides[1]);
          this.edgeEnds.forEach(({ src, dst }, e) => {
            // messages from side 0 to side 1 are dropped, and back too unless one-way
            if (a.has(src) && b.has(dst)) {
              this.blockedFwd[e] = 1;
              if (!f.oneWay) this.blockedBack[e] = 1;
            } else if (b.has(src) && a.has(dst)) {
              this.blockedBack[e] = 1;
              if (!f.oneWay) this.blockedFwd[e] = 1;
            }
          });
          this.anyEdgeFault = true;
          break;
        }
      }
    }
  }

  /** Crash mode of a node's replica (or of the node when it has no replicas). */
  crashOf(node: number, replica: number): number {
    if (!this.anyCrash) return CRASH_NONE;
    const reps = this.replicaCrash[node];
    return reps && replica >= 0 ? reps[replica] : this.nodeCrash[node];
  }
}
