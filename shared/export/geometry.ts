/**
 * The canvas geometry, shared by the editor and the exporters: node boxes, sidecar docking, region headers and the
 * edge curve. A document position is the absolute top-left corner of a node's box.
 */
import type { Note, Point, Size, TopologyNode } from '../model/types.js';

/** Box of a regular node on the canvas. */
export const NODE_SIZE: Size = { width: 176, height: 64 };
/** A sidecar is drawn docked under its service, {@link SIDECAR_GAP} below it. */
export const SIDECAR_SIZE: Size = { width: 176, height: 28 };
export const SIDECAR_GAP = 8;
export const DEFAULT_REGION_SIZE: Size = { width: 520, height: 300 };
export const MIN_REGION_SIZE: Size = { width: 220, height: 140 };
export const DEFAULT_NOTE_SIZE: Size = { width: 200, height: 120 };
/** Height of the strip at the top of a region where its label sits and nodes are not placed. */
export const REGION_HEADER = 40;
/** Height of the drawn header row of a region (icon, label, location). */
export const REGION_TITLE_HEIGHT = 32;

/** An axis-aligned box in document coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box size of a node of any kind. */
export function nodeSize(node: TopologyNode): Size {
  if (node.kind === 'region') return node.params.size ?? DEFAULT_REGION_SIZE;
  if (node.kind === 'sidecar') return SIDECAR_SIZE;
  return NODE_SIZE;
}

/** The box a node occupies, at its document position. */
export function nodeRect(node: TopologyNode): Rect {
  return { ...node.position, ...nodeSize(node) };
}

/** The box a sticky note occupies. */
export function noteRect(note: Note): Rect {
  return { ...note.position, ...(note.size ?? DEFAULT_NOTE_SIZE) };
}

/** Where a sidecar sits for a service at `servicePosition`. */
export function dockedSidecarPosition(servicePosition: Point): Point {
  return { x: servicePosition.x, y: servicePosition.y + NODE_SIZE.height + SIDECAR_GAP };
}

/** True when two boxes overlap (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The bounding box of some boxes, or null when there are none. */
export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A cubic Bézier curve: start, two control points, end. */
export interface Curve {
  from: Point;
  c1: Point;
  c2: Point;
  to: Point;
}

/** How far a control point sits from its end: half the gap when the ends face each other, else a gentle loop. */
function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

/**
 * The curve the canvas draws for an edge that leaves `from` to the right and enters `to` from the left (React Flow's
 * Bézier edge with curvature 0.25).
 */
export function edgeCurve(from: Point, to: Point, curvature = 0.25): Curve {
  return {
    from,
    c1: { x: from.x + controlOffset(to.x - from.x, curvature), y: from.y },
    c2: { x: to.x - controlOffset(to.x - from.x, curvature), y: to.y },
    to,
  };
}

/** The point at parameter `t` (0..1) of a curve; `t = 0.5` is where the canvas puts an edge's label. */
export function pointOnCurve(c: Curve, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.from.x + b * c.c1.x + d * c.c2.x + e * c.to.x,
    y: a * c.from.y + b * c.c1.y + d * c.c2.y + e * c.to.y,
  };
}
