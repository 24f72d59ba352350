import { edgeLatencyMs } from '../../../shared/model/geo.js';
import type { TopologyDocument, TopologyNode } from '../../../shared/model/types.js';
import { nodeSize } from '../store/geometry.js';

/**
 * The path of every edge in flow coordinates, as the canvas draws it: React Flow's bezier from the source node's
 * right handle to the target's left handle, resampled into points equally spaced along its length, so the point
 * a fraction `f` along an edge is one multiply, one index and one interpolation away.
 */

/** Segments per edge in the lookup table. */
export const PATH_SEGMENTS = 32;
/** React Flow's default bezier curvature (`getBezierPath`). */
export const CURVATURE = 0.25;
/**
 * Where the edge ends sit relative to a node's box when React Flow has not measured its handles (a node never
 * rendered, with virtualisation): `.bp-handle` is 9 px wide, centred on the inside of the 1 px right border and of
 * the 4 px left border.
 */
export const SOURCE_HANDLE_DX = 3.5;
export const TARGET_HANDLE_DX = -0.5;

/** Parameter steps used to measure a curve before it is resampled by length. */
const DENSE = 64;

export interface DocumentEdges {
  readonly count: number;
  readonly ids: readonly string[];
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  /** Source x, source y, target x, target y of every edge, in flow coordinates. */
  readonly ends: Float64Array;
  /** The nominal one-way latency of every edge (ms): how fast a lost message was moving when it was dropped. */
  readonly latencyMs: Float64Array;
}

const edgesCache = new WeakMap<TopologyDocument, DocumentEdges>();

/** The edges of `doc` with their end points and latencies; computed once per document object. */
export function documentEdges(doc: TopologyDocument): DocumentEdges {
  const cached = edgesCache.get(doc);
  if (cached) return cached;
  const byId = new Map<string, TopologyNode>(doc.nodes.map((n) => [n.id, n]));
  const count = doc.edges.length;
  const ends = new Float64Array(count * 4);
  const latencyMs = new Float64Array(count);
  doc.edges.forEach((edge, i) => {
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    if (s) {
      const size = nodeSize(s);
      ends[i * 4] = s.position.x + size.width + SOURCE_HANDLE_DX;
      ends[i * 4 + 1] = s.position.y + size.height / 2;
    }
    if (t) {
      const size = nodeSize(t);
      ends[i * 4 + 2] = t.position.x + TARGET_HANDLE_DX;
      ends[i * 4 + 3] = t.position.y + size.height / 2;
    }
    latencyMs[i] = edgeLatencyMs(edge, byId);
  });
  const result: DocumentEdges = {
    count,
    ids: doc.edges.map((e) => e.id),
    sources: doc.edges.map((e) => e.source),
    targets: doc.edges.map((e) => e.target),
    ends,
    latencyMs,
  };
  edgesCache.set(doc, result);
  return result;
}

/** React Flow's control offset for a handle facing a point `distance` ahead (negative: behind). */
function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

/**
 * The control points of the bezier React Flow draws from a right-facing source handle at (sx, sy) to a left-facing
 * target handle at (tx, ty): `[c1x, c1y, c2x, c2y]`.
 */
export function bezierControls(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  curvature = CURVATURE,
): [number, number, number, number] {
  const off = controlOffset(tx - sx, curvature);
  return [sx + off, sy, tx - off, ty];
}

const denseX = new Float64Array(DENSE + 1);
const denseY = new Float64Array(DENSE + 1);
const denseLength = new Float64Array(DENSE + 1);

/** Edge paths as typed-array lookup tables, indexed like the document's `edges`. */
export class EdgePaths {
  /** PATH_SEGMENTS + 1 points per edge, equally spaced along its length. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Length of every edge in flow units. */
  readonly length: Float64Array;
  /** PATH_SEGMENTS / length (0 for an edge of no length): turns a segment's delta into a unit tangent. */
  readonly invSegment: Float64Array;
  /** Min x, min y, max x, max y of every edge. */
  readonly bounds: Float64Array;
  /** The end points each path was built from. */
  readonly ends: Float64Array;
  /** The bezier's control points (c1x, c1y, c2x, c2y) of every edge, to stroke it whole. */
  readonly controls: Float64Array;
  /** Bumped whenever a path changes. */
  version = 0;

  constructor(readonly count: number) {
    const points = count * (PATH_SEGMENTS + 1);
    this.xs = new Float64Array(points);
    this.ys = new Float64Array(points);
    this.length = new Float64Array(count);
    this.invSegment = new Float64Array(count);
    this.bounds = new Float64Array(count * 4);
    this.ends = new Float64Array(count * 4).fill(NaN);
    this.controls = new Float64Array(count * 4);
  }

  /** Paths for every edge of `edges`, from the document's geometry. */
  static fromEdges(edges: DocumentEdges): EdgePaths {
    const paths = new EdgePaths(edges.count);
    const e = edges.ends;
    for (let i = 0; i < edges.count; i++) paths.setCurve(i, e[i * 4], e[i * 4 + 1], e[i * 4 + 2], e[i * 4 + 3]);
    return paths;
  }

  /** Rebuilds the path of edge `i` between the given handle points; returns false when they did not change. */
  setCurve(i: number, sx: number, sy: number, tx: number, ty: number): boolean {
    const e = i * 4;
    const ends = this.ends;
    if (ends[e] === sx && ends[e + 1] === sy && ends[e + 2] === tx && ends[e + 3] === ty) return false;
    ends[e] = sx;
    ends[e + 1] = sy;
    ends[e + 2] = tx;
    ends[e + 3] = ty;

    const off = controlOffset(tx - sx, CURVATURE);
    const c1x = sx + off;
    const c2x = tx - off;
    this.controls[e] = c1x;
    this.controls[e + 1] = sy;
    this.controls[e + 2] = c2x;
    this.controls[e + 3] = ty;
    this.version++;
    let total = 0;
    denseX[0] = sx;
    denseY[0] = sy;
    denseLength[0] = 0;
    for (let k = 1; k <= DENSE; k++) {
      const t = k / DENSE;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      const x = a * sx + b * c1x + c * c2x + d * tx;
      const y = a * sy + b * sy + c * ty + d * ty;
      const dx = x - denseX[k - 1];
      const dy = y - denseY[k - 1];
      total += Math.sqrt(dx * dx + dy * dy);
      denseX[k] = x;
      denseY[k] = y;
      denseLength[k] = total;
    }

    const base = i * (PATH_SEGMENTS + 1);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let j = 0;
    for (let k = 0; k <= PATH_SEGMENTS; k++) {
      const at = (total * k) / PATH_SEGMENTS;
      while (j < DENSE - 1 && denseLength[j + 1] < at) j++;
      const span = denseLength[j + 1] - denseLength[j];
      const r = span > 0 ? Math.min(1, Math.max(0, (at - denseLength[j]) / span)) : 0;
      const x = denseX[j] + (denseX[j + 1] - denseX[j]) * r;
      const y = denseY[j] + (denseY[j + 1] - denseY[j]) * r;
      this.xs[base + k] = x;
      this.ys[base + k] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // The table ends exactly on the handles, whatever the rounding.
    this.xs[base + PATH_SEGMENTS] = tx;
    this.ys[base + PATH_SEGMENTS] = ty;
    this.length[i] = total;
    this.invSegment[i] = total > 0 ? PATH_SEGMENTS / total : 0;
    this.bounds[e] = Math.min(minX, tx);
    this.bounds[e + 1] = Math.min(minY, ty);
    this.bounds[e + 2] = Math.max(maxX, tx);
    this.bounds[e + 3] = Math.max(maxY, ty);
    return true;
  }

  /**
   * Writes into `out` the point a fraction `f` (0 at the source handle, 1 at the target's) along edge `i`, and the
   * unit tangent there: `[x, y, ux, uy]`.
   */
  pointAt(i: number, f: number, out: Float64Array | number[]): void {
    const s = (f <= 0 ? 0 : f >= 1 ? 1 : f) * PATH_SEGMENTS;
    let k = s | 0;
    if (k >= PATH_SEGMENTS) k = PATH_SEGMENTS - 1;
    const r = s - k;
    const p = i * (PATH_SEGMENTS + 1) + k;
    const dx = this.xs[p + 1] - this.xs[p];
    const dy = this.ys[p + 1] - this.ys[p];
    const inv = this.invSegment[i];
    out[0] = this.xs[p] + dx * r;
    out[1] = this.ys[p] + dy * r;
    out[2] = dx * inv;
    out[3] = dy * inv;
  }
}

const pathsCache = new WeakMap<TopologyDocument, EdgePaths>();

/** The edge paths of `doc` from its own geometry, computed once per document object. Treat them as read-only. */
export function pathsForDocument(doc: TopologyDocument): EdgePaths {
  let paths = pathsCache.get(doc);
  if (!paths) {
    paths = EdgePaths.fromEdges(documentEdges(doc));
    pathsCache.set(doc, paths);
  }
  return paths;
}
