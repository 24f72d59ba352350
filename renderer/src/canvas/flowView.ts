import type { Edge, Node } from '@xyflow/react';
import { edgeLatencyMs } from '../../../shared/model/geo.js';
import type { Note, TopologyDocument, TopologyEdge, TopologyNode } from '../../../shared/model/types.js';
import type { Selection } from '../store/editorStore.js';
import { nodeSize, noteRect } from '../store/geometry.js';

export interface TopologyNodeData extends Record<string, unknown> {
  node: TopologyNode;
  /** Problems the validator found on this node (their count drives a badge). */
  problems: number;
}
export interface NoteNodeData extends Record<string, unknown> {
  note: Note;
}
export interface TopologyEdgeData extends Record<string, unknown> {
  edge: TopologyEdge;
  latencyMs: number;
  derived: boolean;
  problems: number;
}

export type FlowNode = Node<TopologyNodeData, 'topology' | 'region' | 'sidecar'> | Node<NoteNodeData, 'note'>;
export type FlowEdge = Edge<TopologyEdgeData, 'topology'>;

/** The parent React Flow nests a node in: its region, or for an attached sidecar, its service. */
function flowParent(node: TopologyNode, byId: ReadonlyMap<string, TopologyNode>): TopologyNode | undefined {
  if (node.kind === 'sidecar' && node.params.attachedTo !== undefined) {
    const service = byId.get(node.params.attachedTo);
    if (service) return service;
  }
  if (node.parent === undefined) return undefined;
  const parent = byId.get(node.parent);
  return parent?.kind === 'region' ? parent : undefined;
}

function rank(node: TopologyNode, parent: TopologyNode | undefined): number {
  if (node.kind === 'region') return parent ? 1 : 0;
  if (node.kind === 'sidecar') return 3;
  return 2;
}

/**
 * Caches one React Flow node per document node object: immer keeps an unchanged node the same object, so after
 * an edit only the nodes that changed get new view objects, and memoised node components skip the rest.
 *
 * Every view carries its size as `measured` too: React Flow takes a node object without it for a new node, forgets
 * where its handles are and measures it again, and until then draws none of its edges (a flicker on select, and a
 * measurement per node per step of a drag).
 */
export class FlowViewCache {
  private nodes = new WeakMap<object, { key: string; view: FlowNode }>();
  private edges = new WeakMap<object, { key: string; view: FlowEdge }>();
  /** The latency of every edge of the last document seen: a selection change does not need them again. */
  private latencies: { doc: TopologyDocument; ms: number[] } | null = null;

  flowNodes(doc: TopologyDocument, selection: Selection, problemCounts: ReadonlyMap<string, number>): FlowNode[] {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const selectedNodes = new Set(selection.nodes);
    const selectedNotes = new Set(selection.notes);
    const entries: { rank: number; view: FlowNode }[] = [];
    for (const node of doc.nodes) {
      const parent = flowParent(node, byId);
      const selected = selectedNodes.has(node.id);
      const problems = problemCounts.get(node.id) ?? 0;
      const ppos = parent?.position;
      const key = `${selected}|${problems}|${parent?.id ?? ''}|${ppos?.x ?? 0},${ppos?.y ?? 0}`;
      let cached = this.nodes.get(node);
      if (!cached || cached.key !== key) {
        const size = nodeSize(node);
        const view: FlowNode = {
          id: node.id,
          type: node.kind === 'region' ? 'region' : node.kind === 'sidecar' ? 'sidecar' : 'topology',
          position: parent
            ? { x: node.position.x - parent.position.x, y: node.position.y - parent.position.y }
            : node.position,
          ...(parent ? { parentId: parent.id } : {}),
          data: { node, problems },
          width: size.width,
          height: size.height,
          measured: { ...size },
          selected,
          zIndex: node.kind === 'region' ? (parent ? -1 : -2) : node.kind === 'sidecar' ? 1 : 0,
          ariaLabel: `${node.label ?? node.id} (${node.kind})`,
          ...(node.kind === 'region' ? { dragHandle: '.region-header' } : {}),
        } as FlowNode;
        cached = { key, view };
        this.nodes.set(node, cached);
      }
      entries.push({ rank: rank(node, parent), view: cached.view });
    }
    // React Flow needs parents before their children.
    entries.sort((a, b) => a.rank - b.rank);
    const out = entries.map((e) => e.view);
    for (const note of doc.notes) {
      const selected = selectedNotes.has(note.id);
      const key = `${selected}`;
      let cached = this.nodes.get(note);
      if (!cached || cached.key !== key) {
        const r = noteRect(note);
        cached = {
          key,
          view: {
            id: note.id,
            type: 'note',
            position: note.position,
            data: { note },
            width: r.width,
            height: r.height,
            measured: { width: r.width, height: r.height },
            selected,
            zIndex: 2,
            ariaLabel: 'Sticky note',
          },
        };
        this.nodes.set(note, cached);
      }
      out.push(cached.view);
    }
    return out;
  }

  flowEdges(doc: TopologyDocument, selection: Selection, problemCounts: ReadonlyMap<string, number>): FlowEdge[] {
    const latencies = this.latenciesOf(doc);
    const selected = new Set(selection.edges);
    return doc.edges.map((edge, i) => {
      const latencyMs = latencies[i]!;
      const isSelected = selected.has(edge.id);
      const problems = problemCounts.get(edge.id) ?? 0;
      const key = `${isSelected}|${latencyMs}|${problems}`;
      let cached = this.edges.get(edge);
      if (!cached || cached.key !== key) {
        cached = {
          key,
          view: {
            id: edge.id,
            type: 'topology',
            source: edge.source,
            target: edge.target,
            selected: isSelected,
            data: { edge, latencyMs, derived: typeof edge.params.latencyMs !== 'number', problems },
            ariaLabel: `${edge.source} calls ${edge.target}`,
          },
        };
        this.edges.set(edge, cached);
      }
      return cached.view;
    });
  }

  /** The latency of each edge of `doc`, in order. */
  private latenciesOf(doc: TopologyDocument): number[] {
    if (this.latencies?.doc !== doc) {
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      this.latencies = { doc, ms: doc.edges.map((e) => edgeLatencyMs(e, byId)) };
    }
    return this.latencies.ms;
  }
}

/** How many validator problems each node and edge has, keyed by id. */
export function problemCountsById(doc: TopologyDocument, problems: readonly { path: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of problems) {
    const m = /^(nodes|edges)\[(\d+)\]/.exec(p.path);
    if (!m) continue;
    const item = m[1] === 'nodes' ? doc.nodes[Number(m[2])] : doc.edges[Number(m[2])];
    if (item) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  }
  return counts;
}
