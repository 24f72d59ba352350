import type {
  EdgeParams,
  Fault,
  Note,
  NodeKind,
  Point,
  Size,
  TopologyDocument,
  TopologyEdge,
  TopologyNode,
} from '../../../shared/model/types.js';
import { canConnect } from './connect.js';
import {
  DEFAULT_NOTE_SIZE,
  MIN_REGION_SIZE,
  NODE_SIZE,
  center,
  descendantsOf,
  dockedSidecarPosition,
  nodeRect,
  nodeSize,
  regionAt,
  serviceAt,
} from './geometry.js';
import { freshId, usedIds } from './ids.js';
import { KIND_TITLES, initialParams } from './kinds.js';

/**
 * Edits of the topology document. Each takes the document (an immer draft when run through the store) and changes
 * it in place, so that a command records exactly the patches it made.
 */

export type Path = readonly (string | number)[];

/** What a selection or the clipboard holds: ids of nodes, edges and notes. */
export interface ItemIds {
  nodes: readonly string[];
  edges: readonly string[];
  notes: readonly string[];
}

function byId(doc: TopologyDocument): Map<string, TopologyNode> {
  return new Map(doc.nodes.map((n) => [n.id, n]));
}

function labelFor(doc: TopologyDocument, kind: NodeKind): string {
  const title = KIND_TITLES[kind];
  const taken = new Set(doc.nodes.map((n) => n.label));
  for (let i = 1; ; i++) {
    const label = `${title} ${i}`;
    if (!taken.has(label)) return label;
  }
}

/** Sets the region a node lies in from where its centre is; regions nest once. */
function reparent(doc: TopologyDocument, node: TopologyNode, exclude: ReadonlySet<string>): void {
  if (node.kind === 'sidecar') return;
  const hasZones = node.kind === 'region' && doc.nodes.some((n) => n.kind === 'region' && n.parent === node.id);
  const region = regionAt(doc, center(nodeRect(node)), exclude, hasZones, node.kind === 'region');
  if (region) node.parent = region.id;
  else delete node.parent;
}

/** Keeps a sidecar beside its service: same region, docked position. */
function dockSidecars(doc: TopologyDocument, service: TopologyNode): void {
  for (const n of doc.nodes) {
    if (n.kind !== 'sidecar' || n.params.attachedTo !== service.id) continue;
    n.position = dockedSidecarPosition(service.position);
    if (service.parent !== undefined) n.parent = service.parent;
    else delete n.parent;
  }
}

/**
 * Adds a node of `kind` whose box is centred at `at`, with MODEL.md defaults. It joins the region it lands in; a
 * sidecar landing on a service attaches to it. Returns the new id.
 */
export function addNode(doc: TopologyDocument, kind: NodeKind, at: Point): string {
  const used = usedIds(doc);
  const id = freshId(kind === 'loadBalancer' ? 'lb' : kind, used);
  const params = initialParams(kind);
  const size = kind === 'region' ? (params as { size: Size }).size : NODE_SIZE;
  const node = {
    id,
    kind,
    label: labelFor(doc, kind),
    position: { x: Math.round(at.x - size.width / 2), y: Math.round(at.y - size.height / 2) },
    params,
  } as TopologyNode;
  if (kind === 'sidecar') {
    const service = serviceAt(doc, at);
    doc.nodes.push(node);
    if (service) attachSidecar(doc, id, service.id);
    return id;
  }
  doc.nodes.push(node);
  reparent(doc, doc.nodes[doc.nodes.length - 1]!, new Set([id]));
  return id;
}

/** Attaches a sidecar to a service (detaching any sidecar the service had: one per service). */
export function attachSidecar(doc: TopologyDocument, sidecarId: string, serviceId: string): void {
  const sidecar = doc.nodes.find((n) => n.id === sidecarId);
  const service = doc.nodes.find((n) => n.id === serviceId);
  if (sidecar?.kind !== 'sidecar' || service?.kind !== 'service') return;
  for (const other of doc.nodes)
    if (other.kind === 'sidecar' && other.id !== sidecarId && other.params.attachedTo === serviceId) {
      delete other.params.attachedTo;
      other.position = { x: other.position.x + NODE_SIZE.width + 48, y: other.position.y };
    }
  sidecar.params.attachedTo = serviceId;
  dockSidecars(doc, service);
}

/**
 * Moves nodes to new absolute positions (what a drag ends with). A region carries everything inside it; each moved
 * node then joins the region its centre lands in; a sidecar dropped on a service attaches to it, and one dragged
 * away from its service detaches.
 */
export function moveNodes(doc: TopologyDocument, moves: ReadonlyMap<string, Point>): void {
  const nodes = byId(doc);
  const carried = new Set<string>();
  for (const [id, to] of moves) {
    const node = nodes.get(id);
    if (!node || carried.has(id)) continue;
    const dx = to.x - node.position.x;
    const dy = to.y - node.position.y;
    const inside = descendantsOf(doc, id);
    for (const other of inside) {
      if (other !== id && moves.has(other)) continue;
      const n = nodes.get(other)!;
      n.position = { x: n.position.x + dx, y: n.position.y + dy };
      if (other !== id) carried.add(other);
    }
  }
  const moved = new Set(moves.keys());
  for (const id of moves.keys()) {
    const node = nodes.get(id);
    if (!node || carried.has(id)) continue;
    if (node.kind === 'sidecar') {
      const service = serviceAt(doc, center(nodeRect(node)));
      if (service && !moved.has(service.id)) attachSidecar(doc, id, service.id);
      else if (!service || service.id !== node.params.attachedTo) delete node.params.attachedTo;
      if (node.params.attachedTo === undefined) {
        const region = regionAt(doc, center(nodeRect(node)), new Set([id]));
        if (region) node.parent = region.id;
        else delete node.parent;
      }
      continue;
    }
    reparent(doc, node, descendantsOf(doc, id));
  }
  for (const n of doc.nodes) if (n.kind === 'service' && (moved.has(n.id) || carried.has(n.id))) dockSidecars(doc, n);
}

/** Resizes a region (and moves it when resized from its top or left side); nodes now inside it join it. */
export function resizeRegion(doc: TopologyDocument, id: string, position: Point, size: Size): void {
  const region = doc.nodes.find((n) => n.id === id);
  if (region?.kind !== 'region') return;
  region.position = { x: Math.round(position.x), y: Math.round(position.y) };
  region.params.size = {
    width: Math.max(MIN_REGION_SIZE.width, Math.round(size.width)),
    height: Math.max(MIN_REGION_SIZE.height, Math.round(size.height)),
  };
  for (const n of doc.nodes) if (n.kind !== 'sidecar' && n.id !== id) reparent(doc, n, descendantsOf(doc, n.id));
  for (const n of doc.nodes) if (n.kind === 'service') dockSidecars(doc, n);
}

/** Adds an edge `source` -> `target` when the connection makes sense; returns its id, or the reason it doesn't. */
export function connect(
  doc: TopologyDocument,
  source: string,
  target: string,
  params: EdgeParams = {},
): { id: string } | { reason: string } {
  const check = canConnect(doc, source, target);
  if (!check.ok) return { reason: check.reason };
  const id = freshId(`${source}-${target}`.slice(0, 56), usedIds(doc));
  doc.edges.push({ id, source, target, params });
  return { id };
}

function pruneFaults(doc: TopologyDocument, nodes: ReadonlySet<string>, edges: ReadonlySet<string>): void {
  const keep: Fault[] = [];
  for (const f of doc.faults) {
    switch (f.kind) {
      case 'partition': {
        const sides = f.sides.map((side) => side.filter((id) => !nodes.has(id))) as [string[], string[]];
        if (sides[0].length > 0 && sides[1].length > 0) keep.push({ ...f, sides });
        break;
      }
      case 'cut': {
        const left = f.edges.filter((id) => !edges.has(id));
        if (left.length > 0) keep.push({ ...f, edges: left });
        break;
      }
      case 'degrade':
        if (!edges.has(f.edge)) keep.push(f);
        break;
      default:
        if (!nodes.has(f.node)) keep.push(f);
    }
  }
  if (keep.length !== doc.faults.length || keep.some((f, i) => f !== doc.faults[i])) doc.faults = keep;
}

/**
 * Deletes nodes, edges and notes. A region goes with everything inside it, a service with its sidecar, a node
 * with its edges; faults that named only deleted things go too.
 */
export function deleteItems(doc: TopologyDocument, items: ItemIds): void {
  const nodes = new Set<string>();
  for (const id of items.nodes) for (const d of descendantsOf(doc, id)) nodes.add(d);
  const edges = new Set(items.edges);
  for (const e of doc.edges) if (nodes.has(e.source) || nodes.has(e.target)) edges.add(e.id);
  const notes = new Set(items.notes);
  if (nodes.size) doc.nodes = doc.nodes.filter((n) => !nodes.has(n.id));
  if (edges.size) doc.edges = doc.edges.filter((e) => !edges.has(e.id));
  if (notes.size) doc.notes = doc.notes.filter((n) => !notes.has(n.id));
  pruneFaults(doc, nodes, edges);
}

/** Sets (or, with `undefined`, removes) a value at `path` inside an object, creating objects on the way. */
export function setIn(target: Record<string, unknown>, path: Path, value: unknown): void {
  if (path.length === 0) return;
  let obj: Record<string | number, unknown> = target;
  const trail: Record<string | number, unknown>[] = [];
  for (const key of path.slice(0, -1)) {
    let next = obj[key];
    if (typeof next !== 'object' || next === null) {
      if (value === undefined) return;
      next = {};
      obj[key] = next;
    }
    trail.push(obj);
    obj = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(obj) && typeof last === 'number') obj.splice(last, 1);
    else delete obj[last];
    // An emptied nested object (a policy with every field at its default) stays: it still switches the policy on.
  } else obj[last] = value;
}

export function setNodeField(doc: TopologyDocument, id: string, path: Path, value: unknown): void {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return;
  setIn(node as unknown as Record<string, unknown>, path, value);
  if (node.kind === 'region' && path[0] === 'params' && path[1] === 'size') {
    const size = node.params.size;
    // A region without a complete size is drawn at the default size; resize (and re-home nodes) only when whole.
    if (size && Number.isFinite(size.width) && Number.isFinite(size.height)) resizeRegion(doc, id, node.position, size);
  }
}

export function setEdgeField(doc: TopologyDocument, id: string, path: Path, value: unknown): void {
  const edge = doc.edges.find((e) => e.id === id);
  if (edge) setIn(edge as unknown as Record<string, unknown>, path, value);
}

export function setDocField(doc: TopologyDocument, path: Path, value: unknown): void {
  setIn(doc as unknown as Record<string, unknown>, path, value);
}

export function addNote(doc: TopologyDocument, at: Point, text = ''): string {
  const id = freshId('note', usedIds(doc));
  doc.notes.push({
    id,
    text,
    position: { x: Math.round(at.x - DEFAULT_NOTE_SIZE.width / 2), y: Math.round(at.y - DEFAULT_NOTE_SIZE.height / 2) },
    size: { ...DEFAULT_NOTE_SIZE },
  });
  return id;
}

export function updateNote(doc: TopologyDocument, id: string, change: Partial<Omit<Note, 'id'>>): void {
  const note = doc.notes.find((n) => n.id === id);
  if (!note) return;
  if (change.text !== undefined) note.text = change.text;
  if (change.position) note.position = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
  if (change.size)
    note.size = {
      width: Math.max(80, Math.round(change.size.width)),
      height: Math.max(48, Math.round(change.size.height)),
    };
  if ('color' in change) {
    if (change.color === undefined) delete note.color;
    else note.color = change.color;
  }
}

/** A piece of a document that can be pasted into any document. */
export interface Fragment {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  notes: Note[];
}

/** The selected items as a self-contained fragment: a region brings its contents, a service its sidecar. */
export function extractFragment(doc: TopologyDocument, items: ItemIds): Fragment {
  const nodeIds = new Set<string>();
  for (const id of items.nodes) for (const d of descendantsOf(doc, id)) nodeIds.add(d);
  const edgeIds = new Set(items.edges);
  for (const e of doc.edges) if (nodeIds.has(e.source) && nodeIds.has(e.target)) edgeIds.add(e.id);
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    nodes: doc.nodes.filter((n) => nodeIds.has(n.id)).map(clone),
    edges: doc.edges.filter((e) => edgeIds.has(e.id) && nodeIds.has(e.source) && nodeIds.has(e.target)).map(clone),
    notes: doc.notes.filter((n) => items.notes.includes(n.id)).map(clone),
  };
}

/**
 * Pastes a fragment with fresh ids, `offset` away from where it was. Parents and sidecar attachments inside the
 * fragment follow the copies; ones outside it are kept when they still exist. Returns the new ids.
 */
export function pasteFragment(doc: TopologyDocument, fragment: Fragment, offset: Point): ItemIds {
  const used = usedIds(doc);
  const rename = new Map<string, string>();
  for (const n of fragment.nodes) rename.set(n.id, freshId(n.id, used));
  for (const n of fragment.notes) rename.set(n.id, freshId(n.id, used));
  const existing = byId(doc);
  const shift = (p: Point): Point => ({ x: p.x + offset.x, y: p.y + offset.y });
  const nodes: string[] = [];
  for (const original of fragment.nodes) {
    const n = structuredClone(original);
    n.id = rename.get(original.id)!;
    n.position = shift(n.position);
    if (n.parent !== undefined) {
      const p = rename.get(n.parent) ?? (existing.get(n.parent)?.kind === 'region' ? n.parent : undefined);
      if (p === undefined) delete n.parent;
      else n.parent = p;
    }
    if (n.kind === 'sidecar' && n.params.attachedTo !== undefined) {
      const renamed = rename.get(n.params.attachedTo);
      if (renamed) n.params.attachedTo = renamed;
      else delete n.params.attachedTo;
    }
    doc.nodes.push(n);
    nodes.push(n.id);
  }
  const edges: string[] = [];
  for (const original of fragment.edges) {
    const source = rename.get(original.source);
    const target = rename.get(original.target);
    if (!source || !target) continue;
    const id = freshId(original.id, used);
    doc.edges.push({ ...structuredClone(original), id, source, target });
    edges.push(id);
  }
  const notes: string[] = [];
  for (const original of fragment.notes) {
    const n = structuredClone(original);
    n.id = rename.get(original.id)!;
    n.position = shift(n.position);
    doc.notes.push(n);
    notes.push(n.id);
  }
  // Top-level pasted nodes join whatever region they land in.
  const pasted = new Set(nodes);
  for (const n of doc.nodes)
    if (pasted.has(n.id) && n.kind !== 'sidecar' && (n.parent === undefined || !pasted.has(n.parent)))
      reparent(doc, n, descendantsOf(doc, n.id));
  return { nodes, edges, notes };
}

export type AlignMode = 'left' | 'centerX' | 'right' | 'top' | 'centerY' | 'bottom';

/** Aligns the boxes of some nodes (and notes) on one of their sides or centres. */
export function alignNodes(doc: TopologyDocument, ids: readonly string[], mode: AlignMode): void {
  const nodes = doc.nodes.filter((n) => ids.includes(n.id) && n.kind !== 'sidecar');
  if (nodes.length < 2) return;
  const rects = nodes.map(nodeRect);
  const horizontal = mode === 'left' || mode === 'centerX' || mode === 'right';
  const edge = (r: { x: number; y: number; width: number; height: number }) =>
    mode === 'left'
      ? r.x
      : mode === 'right'
        ? r.x + r.width
        : mode === 'centerX'
          ? r.x + r.width / 2
          : mode === 'top'
            ? r.y
            : mode === 'bottom'
              ? r.y + r.height
              : r.y + r.height / 2;
  const values = rects.map(edge);
  const target =
    mode === 'left' || mode === 'top'
      ? Math.min(...values)
      : mode === 'right' || mode === 'bottom'
        ? Math.max(...values)
        : values.reduce((a, b) => a + b, 0) / values.length;
  const moves = new Map<string, Point>();
  nodes.forEach((n, i) => {
    const delta = target - values[i]!;
    moves.set(
      n.id,
      horizontal
        ? { x: Math.round(n.position.x + delta), y: n.position.y }
        : { x: n.position.x, y: Math.round(n.position.y + delta) },
    );
  });
  moveNodes(doc, moves);
}

/** Spreads nodes so the gaps between their boxes are equal, keeping the outermost two where they are. */
export function distributeNodes(doc: TopologyDocument, ids: readonly string[], axis: 'x' | 'y'): void {
  const nodes = doc.nodes.filter((n) => ids.includes(n.id) && n.kind !== 'sidecar');
  if (nodes.length < 3) return;
  const dim = axis === 'x' ? 'width' : 'height';
  const sorted = [...nodes].sort((a, b) => a.position[axis] - b.position[axis]);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const span = last.position[axis] + nodeSize(last)[dim] - first.position[axis];
  const total = sorted.reduce((a, n) => a + nodeSize(n)[dim], 0);
  const gap = (span - total) / (sorted.length - 1);
  const moves = new Map<string, Point>();
  let at = first.position[axis];
  for (const n of sorted) {
    const p = { ...n.position };
    p[axis] = Math.round(at);
    moves.set(n.id, p);
    at += nodeSize(n)[dim] + gap;
  }
  moveNodes(doc, moves);
}
