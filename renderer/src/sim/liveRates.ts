import type { Report } from '../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

/** How far back the live rates look, in simulated ms: long enough to be steady, short enough to follow a fault. */
export const RATE_WINDOW_MS = 1_000;

interface Counts {
  tMs: number;
  arrivals: Float64Array;
  messages: Float64Array;
  lost: Float64Array;
  bytes: Float64Array;
}

export interface LiveRates {
  /** Per node: requests that arrived per second. */
  arrivalRate: Float64Array;
  /** Per edge: messages and bytes per second, and the share of messages lost (NaN when none moved). */
  messageRate: Float64Array;
  byteRate: Float64Array;
  lossRatio: Float64Array;
}

/**
 * Rates over the last `RATE_WINDOW_MS` of simulated time, from the cumulative counts of successive reports. Frames
 * come at uneven intervals (a few ms apart when playing slowly, seconds apart at full speed): the rate is taken
 * against the newest report at least a window old, so it is never over a sliver of time.
 */
export class RateWindow {
  private history: Counts[] = [];

  constructor(private readonly doc: TopologyDocument) {}

  update(tMs: number, report: Report): LiveRates {
    const { nodes, edges } = this.doc;
    const now: Counts = {
      tMs,
      arrivals: Float64Array.from(nodes, (n) => report.nodes[n.id]?.arrivals ?? report.clients[n.id]?.requests ?? 0),
      messages: Float64Array.from(edges, (e) => report.edges[e.id]?.messages ?? 0),
      lost: Float64Array.from(edges, (e) => report.edges[e.id]?.lost ?? 0),
      bytes: Float64Array.from(edges, (e) => report.edges[e.id]?.bytes ?? 0),
    };
    // A report older than the last one means the run started again; every run starts from nothing at 0.
    if (this.history.length > 0 && this.history.at(-1)!.tMs > tMs) this.history = [];
    if (this.history.length === 0 && tMs > 0)
      this.history.push({
        tMs: 0,
        arrivals: new Float64Array(nodes.length),
        messages: new Float64Array(edges.length),
        lost: new Float64Array(edges.length),
        bytes: new Float64Array(edges.length),
      });
    this.history.push(now);
    let base = 0;
    for (let k = this.history.length - 1; k >= 0; k--)
      if (this.history[k]!.tMs <= tMs - RATE_WINDOW_MS) {
        base = k;
        break;
      }
    this.history = this.history.slice(base);
    const from = this.history[0]!;
    const span = (tMs - from.tMs) / 1000;
    const rate = (a: Float64Array, b: Float64Array) =>
      Float64Array.from(a, (v, i) => (span > 0 ? (v - b[i]!) / span : 0));
    return {
      arrivalRate: rate(now.arrivals, from.arrivals),
      messageRate: rate(now.messages, from.messages),
      byteRate: rate(now.bytes, from.bytes),
      lossRatio: Float64Array.from(now.lost, (v, i) => {
        const moved = now.messages[i]! - from.messages[i]!;
        return moved > 0 ? (v - from.lost[i]!) / moved : Number.NaN;
      }),
    };
  }
}
