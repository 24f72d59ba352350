/**
 * Turning a diagram read from another format (Mermaid, draw.io) into a topology document: kinds that the model can
 * accept (a guessed cache with no origin becomes a database...), sidecars attached, regions given a location, edges
 * the model refuses dropped with a warning, and a layered grid layout when the source had no positions.
 */
import { REGION_PRESETS } from '../model/types.js';
import type {
  Note,
  NodeKind,
  Point,
  RegionPreset,
  Size,
  TopologyDocument,
  TopologyEdge,
  TopologyNode,
} from '../model/types.js';
import {
  DEFAULT_NOTE_SIZE,
  NODE_SIZE,
  REGION_HEADER,
  SIDECAR_GAP,
  SIDECAR_SIZE,
  dockedSidecarPosition,
} from './geometry.js';
import type { Guess } from './infer.js';
import { KIND_TITLES } from './kindStyle.js';
import { IdMaker } from './infer.js';

/** A node as read from the source, before it is checked against the model. */
export interface DraftNode {
  id: string;
  label?: string;
  kind: NodeKind;
  /** How the kind was chosen; `null` when the source said it outright (nothing to review). */
  reason: string | null;
  params: Record<string, unknown>;
  /** Id of the region (subgraph, container) holding it. */
  parent?: string;
  position?: Point;
  size?: Size;
  /** Read from a file this product wrote: label, position and size are exactly as stored. */
  exact?: boolean;
  /** Other fields of the node, kept as they were. */
  extra?: Record<string, unknown>;
}

export interface DraftEdge {
  id?: string;
  source: string;
  target: string;
  params: Record<string, unknown>;
  /** Where it came from, for warnings: `line 12`, `cell "e4"`. */
  where: string;
}

export interface Draft {
  name: string;
  nodes: DraftNode[];
  edges: DraftEdge[];
  notes: Note[];
  warnings: string[];
  /** Top-level fields to keep (description, simulation, faults...), from a source that carried them. */
  extra?: Record<string, unknown>;
}

/** Words in a region's name that give away where it is. */
const PLACES: readonly [RegExp, RegionPreset][] = [
  [/\b(us[- ]?east|virginia|ohio|n\.? ?virginia|new york|nyc)\b/i, 'us-east'],
  [/\b(us[- ]?west|oregon|california|san francisco|seattle)\b/i, 'us-west'],
  [/\b(sa[- ]?east|s[aã]o paulo|brazil)\b/i, 'sa-east'],
  [/\b(eu[- ]?west|ireland|dublin|london)\b/i, 'eu-west'],
  [/\b(eu[- ]?central|frankfurt|germany|paris|europe|eu)\b/i, 'eu-central'],
  [/\b(ap[- ]?south|mumbai|india)\b/i, 'ap-south'],
  [/\b(ap[- ]?northeast|tokyo|japan|seoul)\b/i, 'ap-northeast'],
  [/\b(ap[- ]?southeast|sydney|australia|singapore)\b/i, 'ap-southeast'],
  [/\b(af[- ]?south|cape ?town|africa)\b/i, 'af-south'],
  [/\b(us|usa|america)\b/i, 'us-east'],
];

/** The preset a region's name or id points at, if any. */
export function placeFromName(...names: (string | undefined)[]): RegionPreset | undefined {
  for (const name of names) {
    if (!name) continue;
    if ((Object.keys(REGION_PRESETS) as string[]).includes(name)) return name as RegionPreset;
    for (const [pattern, preset] of PLACES) if (pattern.test(name.replace(/[_]/g, ' '))) return preset;
  }
  return undefined;
}

const COLUMN = NODE_SIZE.width + 128;
const ROW = NODE_SIZE.height + SIDECAR_GAP + SIDECAR_SIZE.height + 28;
const PAD = 32;

/** Builds the document: fixes what the model would refuse, lists guesses, lays out nodes without positions. */
export function finishDraft(draft: Draft): { doc: TopologyDocument; guesses: Guess[]; warnings: string[] } {
  const warnings = [...draft.warnings];
  const nodes = draft.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Regions nest once: a subgraph three deep joins its grandparent.
  for (const n of nodes) {
    const p = n.parent !== undefined ? byId.get(n.parent) : undefined;
    if (n.parent !== undefined && (!p || p.kind !== 'region')) delete n.parent;
  }
  for (const n of nodes) {
    if (n.kind !== 'region' || n.parent === undefined) continue;
    const p = byId.get(n.parent)!;
    if (p.parent !== undefined) {
      warnings.push(
        `"${n.label ?? n.id}" is a region inside a zone; regions nest once, so it moved up into "${byId.get(p.parent)?.label ?? p.parent}"`,
      );
      n.parent = p.parent;
    }
  }

  // Edges the model refuses.
  const edges: DraftEdge[] = [];
  const pairs = new Set<string>();
  for (const e of draft.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    if (s.kind === 'region' || t.kind === 'region') {
      const region = s.kind === 'region' ? s : t;
      warnings.push(
        `${e.where}: left out the link to "${region.label ?? region.id}", a group: groups don't call or get called`,
      );
      continue;
    }
    if (s.id === t.id) {
      warnings.push(`${e.where}: left out the link from "${s.label ?? s.id}" to itself`);
      continue;
    }
    const pair = `${s.id}\u0000${t.id}`;
    if (pairs.has(pair)) {
      warnings.push(`${e.where}: left out a second link from "${s.label ?? s.id}" to "${t.label ?? t.id}"`);
      continue;
    }
    pairs.add(pair);
    edges.push(e);
  }

  settleKinds(nodes, edges, byId, warnings);
  const guesses: Guess[] = [];
  for (const n of nodes) {
    if (n.kind === 'region') continue;
    if (n.reason !== null) guesses.push({ nodeId: n.id, label: n.label ?? n.id, kind: n.kind, reason: n.reason });
  }
  for (const n of nodes) {
    if (n.kind !== 'region' || n.parent !== undefined) continue;
    if (n.params.location !== undefined || n.params.lat !== undefined) continue;
    const place = placeFromName(n.label, n.id);
    n.params.location = place ?? 'us-east';
    guesses.push({
      nodeId: n.id,
      label: n.label ?? n.id,
      kind: 'region',
      reason: place ? `name suggests ${place}` : 'no location given: us-east',
    });
  }

  if (nodes.some((n) => n.kind !== 'region' && n.position === undefined)) layout(nodes, edges);
  else fitRegions(nodes);

  const ids = new IdMaker(nodes.map((n) => n.id).concat(draft.notes.map((n) => n.id)));
  const docNodes: TopologyNode[] = nodes.map((n) => {
    const node: Record<string, unknown> = { ...(n.extra ?? {}), id: n.id, kind: n.kind };
    if (n.label !== undefined && (n.exact || n.label !== n.id)) node.label = n.label;
    node.position = n.exact && n.position ? n.position : roundPoint(n.position ?? { x: 0, y: 0 });
    if (n.parent !== undefined) node.parent = n.parent;
    node.params = n.params;
    return node as unknown as TopologyNode;
  });
  const docEdges: TopologyEdge[] = edges.map((e) => ({
    id: e.id !== undefined && !byId.has(e.id) ? ids.make(e.id) : ids.make(undefined, `${e.source}-${e.target}`),
    source: e.source,
    target: e.target,
    params: e.params,
  }));
  const doc: TopologyDocument = {
    format: 'backpressure.topology',
    version: 1,
    name: draft.name,
    simulation: {},
    nodes: docNodes,
    edges: docEdges,
    faults: [],
    notes: draft.notes,
    ...(draft.extra ?? {}),
  } as TopologyDocument;
  return { doc, guesses, warnings };
}

function roundPoint(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Guessed kinds the model would refuse where they stand become kinds it accepts (a service, at worst). */
function settleKinds(nodes: DraftNode[], edges: DraftEdge[], byId: Map<string, DraftNode>, warnings: string[]): void {
  const outs = new Map<string, DraftEdge[]>();
  const ins = new Map<string, DraftEdge[]>();
  for (const e of edges) {
    outs.set(e.source, [...(outs.get(e.source) ?? []), e]);
    ins.set(e.target, [...(ins.get(e.target) ?? []), e]);
  }
  const demote = (n: DraftNode, kind: NodeKind, why: string) => {
    n.reason = `${n.reason ?? `drawn as a ${KIND_TITLES[n.kind].toLowerCase()}`}, but ${why}: a ${KIND_TITLES[kind].toLowerCase()}`;
    n.kind = kind;
    n.params = {};
  };
  for (const n of nodes) {
    if (n.reason === null) continue;
    const hasOut = (outs.get(n.id) ?? []).length > 0;
    const hasIn = (ins.get(n.id) ?? []).length > 0;
    if (n.kind === 'client' && hasIn) demote(n, 'service', 'something calls it');
    else if (n.kind === 'cache' && !hasOut) demote(n, 'database', 'it has no origin to call');
    else if ((n.kind === 'queue' || n.kind === 'dns' || n.kind === 'loadBalancer' || n.kind === 'cdn') && !hasOut)
      demote(n, 'service', 'it calls nothing');
  }
  // A client resolving through a dns node must call every target the node may answer; where a drawing does not
  // show that, the box in front of the targets is a load balancer.
  for (const n of nodes) {
    if (n.kind !== 'dns' || n.reason === null) continue;
    const targets = (outs.get(n.id) ?? []).map((e) => e.target);
    const callers = (ins.get(n.id) ?? []).map((e) => byId.get(e.source)).filter((c) => c?.kind === 'client');
    const short = callers.some((c) => targets.some((t) => !(outs.get(c!.id) ?? []).some((e) => e.target === t)));
    if (short) demote(n, 'loadBalancer', 'its clients do not call its targets themselves');
  }

  const attached = new Set<string>();
  for (const n of nodes)
    if (n.kind === 'sidecar' && typeof n.params.attachedTo === 'string') attached.add(n.params.attachedTo);
  for (const n of nodes) {
    if (n.kind !== 'sidecar' || typeof n.params.attachedTo === 'string') continue;
    const links = edges.filter((e) => e.source === n.id || e.target === n.id);
    const other =
      links.length === 1 ? byId.get(links[0]!.source === n.id ? links[0]!.target : links[0]!.source) : undefined;
    if (other && other.kind === 'service' && !attached.has(other.id)) {
      n.params = { attachedTo: other.id };
      attached.add(other.id);
      edges.splice(edges.indexOf(links[0]!), 1);
      if (n.reason !== null) n.reason += `, attached to "${other.label ?? other.id}"`;
      else
        warnings.push(
          `sidecar "${n.label ?? n.id}" attached to "${other.label ?? other.id}", the service it was linked to`,
        );
    } else {
      demote(n, 'service', 'it is not linked to exactly one service of its own');
    }
  }
}

/**
 * A layered grid: each node's column is its longest call path from a node nobody calls (loops broken in reading
 * order), rows fill down each column, and each region is a band of rows holding its nodes and zones.
 */
function layout(nodes: DraftNode[], edges: DraftEdge[]): void {
  const column = columns(
    nodes.filter((n) => n.kind !== 'region' && n.kind !== 'sidecar'),
    edges,
  );
  const children = new Map<string | undefined, DraftNode[]>();
  for (const n of nodes) {
    if (n.kind === 'sidecar' && typeof n.params.attachedTo === 'string') continue;
    const key = n.parent;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hasZones = new Set(nodes.filter((n) => n.kind === 'region' && n.parent !== undefined).map((n) => n.parent!));

  /** Columns spanned by a container's nodes, nested ones included. */
  const span = (id: string): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of children.get(id) ?? []) {
      const [a, b] = c.kind === 'region' ? span(c.id) : [column.get(c.id) ?? 0, column.get(c.id) ?? 0];
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
    return lo === Infinity ? [0, 0] : [lo, hi];
  };

  /** Places the contents of a container from `top` down; returns the y below the last row. */
  const place = (id: string | undefined, top: number): number => {
    const list = children.get(id) ?? [];
    const rows = new Map<number, number>();
    let bottom = top;
    for (const n of list) {
      if (n.kind === 'region') continue;
      const col = column.get(n.id) ?? 0;
      const row = rows.get(col) ?? 0;
      rows.set(col, row + 1);
      n.position = { x: PAD + col * COLUMN, y: top + row * ROW };
      bottom = Math.max(bottom, top + row * ROW + ROW - 28);
    }
    for (const region of list) {
      if (region.kind !== 'region') continue;
      const y = bottom + (bottom > top ? 28 : 0);
      const inner = hasZones.has(region.id) ? PAD + 8 : PAD - 8;
      const end = place(region.id, y + REGION_HEADER + 8);
      const [lo, hi] = span(region.id);
      region.position = { x: PAD + lo * COLUMN - inner, y };
      region.size = {
        width: (hi - lo) * COLUMN + NODE_SIZE.width + 2 * inner,
        height: Math.max(140, end - y + inner - 8),
      };
      region.params.size = region.size;
      bottom = y + region.size.height;
    }
    return bottom;
  };
  place(undefined, PAD);

  for (const n of nodes) {
    if (n.kind === 'sidecar' && typeof n.params.attachedTo === 'string') {
      const service = byId.get(n.params.attachedTo);
      n.position = dockedSidecarPosition(service?.position ?? { x: 0, y: 0 });
      if (service?.parent !== undefined) n.parent = service.parent;
    }
  }
}

function columns(nodes: DraftNode[], edges: DraftEdge[]): Map<string, number> {
  const ids = new Set(nodes.map((n) => n.id));
  const outs = new Map<string, string[]>();
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    outs.set(e.source, [...(outs.get(e.source) ?? []), e.target]);
  }
  // Depth-first in reading order; an edge back to a node on the current path closes a loop and is ignored.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (start: string) => {
    const stack: { id: string; i: number }[] = [{ id: start, i: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = (outs.get(top.id) ?? [])[top.i++];
      if (next === undefined) {
        state.set(top.id, 2);
        order.push(top.id);
        stack.pop();
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  };
  const hasIn = new Set(edges.map((e) => e.target));
  for (const n of nodes) if (!hasIn.has(n.id) && !state.has(n.id)) visit(n.id);
  for (const n of nodes) if (!state.has(n.id)) visit(n.id);
  const rank = new Map(order.map((id, i) => [id, order.length - i]));
  const column = new Map<string, number>();
  for (const id of [...order].reverse()) {
    let c = column.get(id) ?? 0;
    column.set(id, c);
    for (const t of outs.get(id) ?? []) {
      // Only forward edges (in the topological order found) push their target right.
      if ((rank.get(t) ?? 0) > (rank.get(id) ?? 0)) {
        c = column.get(id)!;
        column.set(t, Math.max(column.get(t) ?? 0, c + 1));
      }
    }
  }
  return column;
}

/** Regions read with positions but no size get one that holds their nodes. */
function fitRegions(nodes: DraftNode[]): void {
  for (const r of nodes) {
    if (r.kind !== 'region' || r.exact) continue;
    if (r.size !== undefined) {
      r.params.size = { width: Math.round(r.size.width), height: Math.round(r.size.height) };
      continue;
    }
    const inside = nodes.filter((n) => n.parent === r.id && n.position);
    if (inside.length === 0 || !r.position) continue;
    const x1 = Math.max(...inside.map((n) => n.position!.x + (n.size?.width ?? NODE_SIZE.width)));
    const y1 = Math.max(...inside.map((n) => n.position!.y + (n.size?.height ?? NODE_SIZE.height)));
    r.params.size = { width: Math.round(x1 - r.position.x + PAD), height: Math.round(y1 - r.position.y + PAD) };
  }
}

/** A sticky note with the default size. */
export function draftNote(id: string, text: string, position: Point): Note {
  return { id, text, position: roundPoint(position), size: { ...DEFAULT_NOTE_SIZE } };
}
