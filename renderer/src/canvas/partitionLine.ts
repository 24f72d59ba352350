import type { Point, TopologyDocument, TopologyNode } from '../../../shared/model/types.js';
import { center, descendantsOf, nodeRect, type Rect } from '../store/geometry.js';

/** Side A, side B, or on the line itself (then on neither side). */
export type Side = 0 | 1 | -1;

/**
 * Which side of the line through `a` and `b` (extended both ways) the point `p` is on. Side A is on the left of the
 * drawing direction as seen on screen (y grows downwards), side B on its right.
 */
export function sideOf(a: Point, b: Point, p: Point): Side {
  const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  // within half a pixel of the line counts as on it
  if (length === 0 || Math.abs(cross) / length < 0.5) return -1;
  return cross < 0 ? 0 : 1;
}

export interface PartitionSplit {
  /** What the fault's `sides` list: a region where all its nodes are on one side, the nodes themselves otherwise. */
  sides: [string[], string[]];
  /** Every node (not region) on each side, for counts and highlighting. */
  nodes: [string[], string[]];
  /** Nodes whose centre is exactly on the line: on neither side, so not partitioned. */
  onLine: string[];
}

/** Where a node counts as being: its box's centre, or for a docked sidecar, its service's. */
function anchor(node: TopologyNode, byId: ReadonlyMap<string, TopologyNode>): Point {
  if (node.kind === 'sidecar' && node.params.attachedTo !== undefined) {
    const service = byId.get(node.params.attachedTo);
    if (service) return center(nodeRect(service));
  }
  return center(nodeRect(node));
}

/**
 * Splits the document's nodes by the line through `a` and `b` (canvas coordinates). A region whose nodes are all on
 * one side is named by its id (the model reads a region id as every node inside it); regions split by the line are
 * named node by node. Regions themselves are containers and never on a side of their own.
 */
export function splitByLine(doc: TopologyDocument, a: Point, b: Point): PartitionSplit {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const sideOfNode = new Map<string, Side>();
  const nodes: [string[], string[]] = [[], []];
  const onLine: string[] = [];
  for (const n of doc.nodes) {
    if (n.kind === 'region') continue;
    const s = sideOf(a, b, anchor(n, byId));
    sideOfNode.set(n.id, s);
    if (s === -1) onLine.push(n.id);
    else nodes[s].push(n.id);
  }
  const named = new Set<string>();
  const sides: [string[], string[]] = [[], []];
  // Outer regions first, so a region whose zones are all on one side is named once, by itself.
  const regions = doc.nodes
    .filter((n) => n.kind === 'region')
    .sort((x, y) => Number(x.parent !== undefined) - Number(y.parent !== undefined));
  for (const r of regions) {
    if (named.has(r.id)) continue;
    const inside = [...descendantsOf(doc, r.id)].filter((id) => sideOfNode.has(id));
    if (inside.length === 0) continue;
    const first = sideOfNode.get(inside[0]!)!;
    if (first === -1 || !inside.every((id) => sideOfNode.get(id) === first)) continue;
    sides[first].push(r.id);
    for (const id of descendantsOf(doc, r.id)) named.add(id);
  }
  for (const n of doc.nodes) {
    const s = sideOfNode.get(n.id);
    if (s === undefined || s === -1 || named.has(n.id)) continue;
    sides[s].push(n.id);
  }
  return { sides, nodes, onLine };
}

/** The part of `rect` on one side of the line through `a` and `b` (a convex polygon, maybe empty). */
export function halfPlane(a: Point, b: Point, rect: Rect, side: 0 | 1): Point[] {
  const corners: Point[] = [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y },
    { x: rect.x + rect.width, y: rect.y + rect.height },
    { x: rect.x, y: rect.y + rect.height },
  ];
  const sign = side === 0 ? -1 : 1;
  const value = (p: Point) => sign * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
  const out: Point[] = [];
  for (let i = 0; i < corners.length; i++) {
    const p = corners[i]!;
    const q = corners[(i + 1) % corners.length]!;
    const vp = value(p);
    const vq = value(q);
    if (vp >= 0) out.push(p);
    if (vp >= 0 !== vq >= 0) {
      const t = vp / (vp - vq);
      out.push({ x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t });
    }
  }
  return out;
}

/** Where the line through `a` and `b` enters and leaves `rect`, or null when it misses it (or a equals b). */
export function lineThroughRect(a: Point, b: Point, rect: Rect): [Point, Point] | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return null;
  let t0 = -Infinity;
  let t1 = Infinity;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    return t0 <= t1;
  };
  if (
    !clip(-dx, a.x - rect.x) ||
    !clip(dx, rect.x + rect.width - a.x) ||
    !clip(-dy, a.y - rect.y) ||
    !clip(dy, rect.y + rect.height - a.y)
  )
    return null;
  return [
    { x: a.x + dx * t0, y: a.y + dy * t0 },
    { x: a.x + dx * t1, y: a.y + dy * t1 },
  ];
}

/** A short description of a side for people: region and node labels, the first few, then how many more. */
export function describeSide(doc: TopologyDocument, ids: readonly string[], max = 3): string {
  const label = (id: string) => {
    const n = doc.nodes.find((x) => x.id === id);
    return n?.label ?? id;
  };
  if (ids.length === 0) return 'nothing';
  const shown = ids.slice(0, max).map(label).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}
