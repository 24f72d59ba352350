/** The canvas geometry: the shared part (boxes, docking) is the exporters' too, so a diagram matches the canvas. */
import {
  DEFAULT_NOTE_SIZE,
  DEFAULT_REGION_SIZE,
  MIN_REGION_SIZE,
  NODE_SIZE,
  REGION_HEADER,
  SIDECAR_GAP,
  SIDECAR_SIZE,
  boundsOf,
  dockedSidecarPosition,
  nodeRect,
  nodeSize,
  noteRect,
  type Rect,
} from '../../../shared/export/geometry.js';
import type { Point, TopologyDocument, TopologyNode } from '../../../shared/model/types.js';

export {
  DEFAULT_NOTE_SIZE,
  DEFAULT_REGION_SIZE,
  MIN_REGION_SIZE,
  NODE_SIZE,
  REGION_HEADER,
  SIDECAR_GAP,
  SIDECAR_SIZE,
  dockedSidecarPosition,
  nodeRect,
  nodeSize,
  noteRect,
  type Rect,
};

export const GRID = 16;
export const PASTE_OFFSET = 32;

export function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
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

/** The bounding box of some rectangles, or null when there are none (the exporters' own). */
export const bounds = boundsOf;
