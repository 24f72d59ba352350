import type { Note, Point, Size, TopologyDocument, TopologyNode } from '../../../shared/model/types.js';

/** Box of a regular node on the canvas. Document positions are the absolute top-left corner of this box. */
export const NODE_SIZE: Size = { width: 176, height: 64 };
/** A sidecar is drawn docked under its service, this far below it. */
export const SIDECAR_SIZE: Size = { width: 176, height: 28 };
export const SIDECAR_GAP = 8;
export const DEFAULT_REGION_SIZE: Size = { width: 520, height: 300 };
export const MIN_REGION_SIZE: Size = { width: 220, height: 140 };
export const DEFAULT_NOTE_SIZE: Size = { width: 200, height: 120 };
export const REGION_HEADER = 40;
export const GRID = 16;
export const PASTE_OFFSET = 32;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box a node occupies on the canvas. */
export function nodeSize(node: TopologyNode): Size {
  if (node.kind === 'region') return node.params.size ?? DEFAULT_REGION_SIZE;
  if (node.kind === 'sidecar') return SIDECAR_SIZE;
  return NODE_SIZE;
}

export function nodeRect(node: TopologyNode): Rect {
  return { ...node.position, ...nodeSize(node) };
}

export function noteRect(note: Note): Rect {
  return { ...note.position, ...(note.size ?? DEFAULT_NOTE_SIZE) };
}

export function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Where a sidecar sits for a service at `servicePosition`. */
export function dockedSidecarPosition(servicePosition: Point): Point {
  return { x: servicePosition.x, y: servicePosition.y + NODE_SIZE.height + SIDECAR_GAP };
}

export function snap(value: number, grid = GRID): number {
  return Math.round(value / grid) * grid;
}

/** Ids of a node and everything inside it (zones, their children, sidecars of services inside). */
export function descendantsOf(doc: TopologyDocument, id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of doc.nodes) {
      if (out.has(n.id)) continue;
      const attached = n.kind === 'sidecar' ? n.params.attachedTo : undefined;
      if ((n.parent !== undefined && out.has(n.parent)) || (attached !== undefined && out.has(attached))) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** How deep a region is: 0 for a top-level region, 1 for a zone. */
export function regionDepth(doc: TopologyDocument, region: TopologyNode): number {
  let depth = 0;
  let parent = region.parent;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  while (parent !== undefined && depth < 4) {
    depth++;
    parent = byId.get(parent)?.parent;
  }
  return depth;
}

/**
 * The innermost region whose box contains `point`, ignoring `exclude` (the nodes being moved). A region may only
 * become the parent of another region when it is top-level and the moved region holds no zones (regions nest once).
 */
export function regionAt(
  doc: TopologyDocument,
  point: Point,
  exclude: ReadonlySet<string>,
  forRegionWithZones = false,
  forRegion = false,
): TopologyNode | undefined {
  let best: TopologyNode | undefined;
  let bestArea = Infinity;
  for (const n of doc.nodes) {
    if (n.kind !== 'region' || exclude.has(n.id)) continue;
    if (forRegion && (forRegionWithZones || n.parent !== undefined)) continue;
    const r = nodeRect(n);
    if (!contains(r, point)) continue;
    const area = r.width * r.height;
    if (area < bestArea) {
      best = n;
      bestArea = area;
    }
  }
  return best;
}

/** The service whose box (or docked sidecar slot) contains `point`. */
export function serviceAt(doc: TopologyDocument, point: Point): TopologyNode | undefined {
  for (let i = doc.nodes.length - 1; i >= 0; i--) {
    const n = doc.nodes[i]!;
    if (n.kind !== 'service') continue;
    const r = nodeRect(n);
    const slot = { ...r, height: r.height + SIDECAR_GAP + SIDECAR_SIZE.height };
    if (contains(slot, point)) return n;
  }
  return undefined;
}

/** The bounding box of some rectangles, or null when there are none. */
export function bounds(rects: Iterable<Rect>): Rect | null {
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
