import { PATH_SEGMENTS, type EdgePaths } from './edgeGeometry.js';
import type { PacketStore } from './packetStore.js';
import { PACKET_STYLES, STYLE_COUNT, STYLE_LOST } from './packetStyles.js';
import { keepFraction, nextLevel } from './sampling.js';

/**
 * One frame of the packet layer, computed without the canvas: which packets are on screen at the current simulated
 * time, where each one is, grouped by style so each style is drawn as one path, and how loaded every edge is.
 * Buffers are allocated once and reused; nothing is allocated per packet or per frame.
 */

/** A lost message stops at most this far along its edge (its real drop point is past the nominal arrival). */
export const LOST_MAX_FRACTION = 0.96;

const SEVERITY = Int8Array.from(PACKET_STYLES, (s) => s.severity);

export class PacketFrame {
  /** Per style: x, y, ux, uy (flow coordinates and unit direction of travel) of each packet to draw. */
  readonly points: Float64Array[];
  /** Per style: how many packets `points` holds. */
  readonly counts = new Int32Array(STYLE_COUNT);
  /** Per edge (path index): messages moving on it now, as stored. Multiply by `loadScale` for the estimate. */
  load = new Float64Array(0);
  /** Per edge: the STYLE_* of the most severe message on it now, or -1. */
  worst = new Int8Array(0);
  /** Per edge: 1 when its path crosses the view. */
  visible = new Uint8Array(0);
  /** Messages on screen now (in flight, or lost and lingering), as an estimate when admission was thinned. */
  present = 0;
  /** Of those, in the deterministic sample. */
  kept = 0;
  /** Of those, inside the view and drawn. */
  drawn = 0;
  /** True when not every message on screen is drawn. */
  sampled = false;
  /** What each stored message stands for (more than 1 once the store thinned admission). */
  loadScale = 1;

  constructor(readonly perStyle: number) {
    this.points = Array.from({ length: STYLE_COUNT }, () => new Float64Array(perStyle * 4));
  }

  /** Sizes the per-edge arrays for `edges` paths. */
  ensureEdges(edges: number): void {
    if (this.load.length === edges) return;
    this.load = new Float64Array(edges);
    this.worst = new Int8Array(edges);
    this.visible = new Uint8Array(edges);
  }
}

export interface FrameParams {
  /** The simulated time drawn. */
  nowMs: number;
  /** How long (simulated ms) a lost message stays where it was dropped. */
  lingerMs: number;
  /** About how many packets to draw at most; more in flight and the layer samples. */
  maxDrawn: number;
  /** Run edge index (MessageBatch.edge) to path index, -1 for an edge with no path. */
  edgeMap: Int32Array;
  /** Nominal latency of every path (ms), for the speed of lost messages. */
  latencyMs: Float64Array;
  /** Min x, min y, max x, max y of the view in flow coordinates, or null to draw everywhere. */
  view: Float64Array | null;
  /** Draw lost messages where they were dropped from the start, rather than moving there. */
  stillLost?: boolean;
}

/**
 * Prunes `store` to `params.nowMs`, then fills `frame`: the position of every sampled packet in view, per style,
 * and the load of every edge. Adjusts the store's sampling level to the load for the messages that come next.
 */
export function computePacketFrame(
  store: PacketStore,
  paths: EdgePaths,
  params: FrameParams,
  frame: PacketFrame,
): void {
  const { nowMs: now, edgeMap, latencyMs, view } = params;
  const stillLost = params.stillLost === true;
  store.prune(now, params.lingerMs);
  store.maxDrawn = params.maxDrawn;
  const edges = paths.count;
  frame.ensureEdges(edges);
  const { load, worst, visible, counts, points } = frame;
  load.fill(0);
  worst.fill(-1);
  counts.fill(0);
  if (view) {
    const b = paths.bounds;
    for (let p = 0; p < edges; p++) {
      const q = p * 4;
      visible[p] = b[q] <= view[2] && b[q + 2] >= view[0] && b[q + 1] <= view[3] && b[q + 3] >= view[1] ? 1 : 0;
    }
  } else visible.fill(1);

  const { edge, direction, departMs, arriveMs, style, keep } = store;
  const { xs, ys, invSegment } = paths;
  const mapped = edgeMap.length;
  const cap = frame.perStyle;
  const stride = PATH_SEGMENTS + 1;
  let present = 0;
  let kept = 0;
  let drawn = 0;
  for (let i = 0, n = store.count; i < n; i++) {
    const d = departMs[i];
    if (d > now) continue;
    const e = edge[i];
    const p = e >= 0 && e < mapped ? edgeMap[e] : -1;
    if (p < 0) continue;
    present++;
    const a = arriveMs[i];
    const st = style[i];
    if (a >= now) load[p]++;
    const w = worst[p];
    if (w < 0 || SEVERITY[st] > SEVERITY[w]) worst[p] = st;
    if (keep[i] === 0) continue;
    kept++;
    if (visible[p] === 0) continue;
    const c = counts[st];
    if (c >= cap) continue;

    let f: number;
    if (st === STYLE_LOST) {
      const lat = latencyMs[p];
      const t = a < now || stillLost ? a : now;
      f = lat > 0 ? (t - d) / lat : 1;
      if (f > LOST_MAX_FRACTION) f = LOST_MAX_FRACTION;
    } else f = a > d ? (now - d) / (a - d) : 1;
    const back = direction[i] !== 0;
    if (back) f = 1 - f;

    const s = (f <= 0 ? 0 : f >= 1 ? 1 : f) * PATH_SEGMENTS;
    let k = s | 0;
    if (k >= PATH_SEGMENTS) k = PATH_SEGMENTS - 1;
    const r = s - k;
    const q = p * stride + k;
    const dx = xs[q + 1] - xs[q];
    const dy = ys[q + 1] - ys[q];
    const inv = back ? -invSegment[p] : invSegment[p];
    const out = points[st];
    const o = c * 4;
    out[o] = xs[q] + dx * r;
    out[o + 1] = ys[q] + dy * r;
    out[o + 2] = dx * inv;
    out[o + 3] = dy * inv;
    counts[st] = c + 1;
    drawn++;
  }

  const scale = 1 / keepFraction(store.admitLevel);
  frame.loadScale = scale;
  frame.present = Math.round(present * scale);
  frame.kept = kept;
  frame.drawn = drawn;
  frame.sampled = kept < present || store.admitLevel > 0;
  store.drawLevel = nextLevel(store.drawLevel, present * scale, params.maxDrawn);
}

/**
 * The run-edge-to-path table: for every id of `runEdgeIds` (the edges of the run, as the worker numbers them), its
 * index among `pathEdgeIds` (the edges drawn), or -1. Reuses `into` when it is the right length.
 */
export function mapEdges(runEdgeIds: readonly string[], pathEdgeIds: readonly string[], into?: Int32Array): Int32Array {
  const out = into && into.length === runEdgeIds.length ? into : new Int32Array(runEdgeIds.length);
  const index = new Map<string, number>();
  pathEdgeIds.forEach((id, i) => index.set(id, i));
  runEdgeIds.forEach((id, i) => (out[i] = index.get(id) ?? -1));
  return out;
}
