import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/model/validate.js';
import type { TopologyDocument, TopologyNode } from '../../shared/model/types.js';
import { canConnect } from '../../renderer/src/store/connect.js';
import {
  addNode,
  alignNodes,
  connect,
  deleteItems,
  distributeNodes,
  extractFragment,
  moveNodes,
  pasteFragment,
  resizeRegion,
  setNodeField,
} from '../../renderer/src/store/docOps.js';
import { createEditorStore, isDirty } from '../../renderer/src/store/editorStore.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { NODE_SIZE, SIDECAR_GAP } from '../../renderer/src/store/geometry.js';

const node = (doc: TopologyDocument, id: string): TopologyNode => {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

/** A region at (0,0) 520x300 with a service inside, and a client outside. */
function withRegion(): { doc: TopologyDocument; region: string; service: string; client: string } {
  const doc = emptyDocument();
  const region = addNode(doc, 'region', { x: 260, y: 150 });
  const service = addNode(doc, 'service', { x: 200, y: 150 });
  const client = addNode(doc, 'client', { x: -400, y: 150 });
  return { doc, region, service, client };
}

describe('adding nodes', () => {
  it('centres the node on the drop point with MODEL.md defaults and a readable label', () => {
    const doc = emptyDocument();
    const id = addNode(doc, 'loadBalancer', { x: 100, y: 100 });
    const n = node(doc, id);
    expect(n.position).toEqual({ x: 100 - NODE_SIZE.width / 2, y: 100 - NODE_SIZE.height / 2 });
    expect(n.params).toEqual({});
    expect(n.label).toBe('Load balancer 1');
    expect(addNode(doc, 'loadBalancer', { x: 0, y: 0 })).not.toBe(id);
    expect(doc.nodes[1]!.label).toBe('Load balancer 2');
  });

  it('joins the region it is dropped in, and stays out of one it is dropped beside', () => {
    const { doc, region, service, client } = withRegion();
    expect(node(doc, service).parent).toBe(region);
    expect(node(doc, client).parent).toBeUndefined();
  });

  it('attaches a sidecar dropped on a service and docks it under it', () => {
    const { doc, service, region } = withRegion();
    const sidecar = addNode(doc, 'sidecar', { x: 200, y: 150 });
    const s = node(doc, sidecar);
    expect(s.kind === 'sidecar' && s.params.attachedTo).toBe(service);
    expect(s.parent).toBe(region);
    const svc = node(doc, service);
    expect(s.position).toEqual({ x: svc.position.x, y: svc.position.y + NODE_SIZE.height + SIDECAR_GAP });
    expect(validateDocument(doc).problems.filter((p) => p.path.startsWith('nodes[3]'))).toEqual([]);
  });

  it('leaves a sidecar dropped on empty canvas unattached, which the validator reports', () => {
    const doc = emptyDocument();
    addNode(doc, 'sidecar', { x: 0, y: 0 });
    const r = validateDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.path.includes('attachedTo'))).toBe(true);
  });
});

describe('moving nodes', () => {
  it('a region carries everything inside it', () => {
    const { doc, region, service } = withRegion();
    const sidecar = addNode(doc, 'sidecar', { x: 200, y: 150 });
    const before = { ...node(doc, service).position };
    const sBefore = { ...node(doc, sidecar).position };
    moveNodes(doc, new Map([[region, { x: 100, y: 50 }]]));
    expect(node(doc, service).position).toEqual({ x: before.x + 100, y: before.y + 50 });
    expect(node(doc, sidecar).position).toEqual({ x: sBefore.x + 100, y: sBefore.y + 50 });
    expect(node(doc, service).parent).toBe(region);
  });

  it('dragging a node into a region makes it a child; out of it, not', () => {
    const { doc, region, client } = withRegion();
    moveNodes(doc, new Map([[client, { x: 300, y: 100 }]]));
    expect(node(doc, client).parent).toBe(region);
    moveNodes(doc, new Map([[client, { x: 900, y: 100 }]]));
    expect(node(doc, client).parent).toBeUndefined();
  });

  it('a region dropped into a region becomes a zone, but regions nest only once', () => {
    const doc = emptyDocument();
    const outer = addNode(doc, 'region', { x: 500, y: 300 });
    resizeRegion(doc, outer, { x: 0, y: 0 }, { width: 1000, height: 600 });
    const zone = addNode(doc, 'region', { x: 2000, y: 2000 });
    moveNodes(doc, new Map([[zone, { x: 40, y: 60 }]]));
    expect(node(doc, zone).parent).toBe(outer);
    const third = addNode(doc, 'region', { x: 3000, y: 3000 });
    moveNodes(doc, new Map([[third, { x: 60, y: 80 }]]));
    // inside the zone geometrically, but a zone cannot hold a zone: it joins the outer region
    expect(node(doc, third).parent).toBe(outer);
    // and a region that holds zones does not become a zone itself
    const other = addNode(doc, 'region', { x: 5000, y: 0 });
    resizeRegion(doc, other, { x: 4000, y: 0 }, { width: 2000, height: 2000 });
    moveNodes(doc, new Map([[outer, { x: 4100, y: 100 }]]));
    expect(node(doc, outer).parent).toBeUndefined();
    expect(validateDocument(doc).problems.filter((p) => p.path.includes('parent'))).toEqual([]);
  });

  it('a sidecar dragged away from its service detaches; dropped on another service it attaches there', () => {
    const { doc, service } = withRegion();
    const other = addNode(doc, 'service', { x: 1200, y: 100 });
    const sidecar = addNode(doc, 'sidecar', { x: 200, y: 150 });
    moveNodes(doc, new Map([[sidecar, { x: 700, y: 600 }]]));
    const s = node(doc, sidecar);
    expect(s.kind === 'sidecar' && s.params.attachedTo).toBeUndefined();
    const o = node(doc, other);
    moveNodes(doc, new Map([[sidecar, { x: o.position.x + 4, y: o.position.y + 4 }]]));
    expect(
      s.kind === 'sidecar' &&
        node(doc, sidecar).kind === 'sidecar' &&
        (node(doc, sidecar).params as { attachedTo?: string }).attachedTo,
    ).toBe(other);
    expect(node(doc, sidecar).position).toEqual({ x: o.position.x, y: o.position.y + NODE_SIZE.height + SIDECAR_GAP });
    expect(service).not.toBe(other);
  });

  it('moving a service keeps its sidecar docked', () => {
    const { doc, service } = withRegion();
    const sidecar = addNode(doc, 'sidecar', { x: 200, y: 150 });
    moveNodes(doc, new Map([[service, { x: 40, y: 60 }]]));
    expect(node(doc, sidecar).position).toEqual({ x: 40, y: 60 + NODE_SIZE.height + SIDECAR_GAP });
  });

  it('resizing a region adopts the nodes now inside it', () => {
    const { doc, region, client } = withRegion();
    resizeRegion(doc, region, { x: -600, y: 0 }, { width: 1200, height: 300 });
    expect(node(doc, client).parent).toBe(region);
  });
});

describe('connections', () => {
  it('refuses what makes no sense, with a reason', () => {
    const { doc, region, service, client } = withRegion();
    const sidecar = addNode(doc, 'sidecar', { x: 200, y: 150 });
    const refuse = (s: string, t: string, pattern: RegExp) => {
      const r = canConnect(doc, s, t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(pattern);
    };
    refuse(service, client, /client/i);
    refuse(service, sidecar, /sidecar/i);
    refuse(client, region, /region/i);
    refuse(service, service, /itself/);
    expect(canConnect(doc, client, service).ok).toBe(true);
    const made = connect(doc, client, service);
    expect('id' in made).toBe(true);
    refuse(client, service, /already/);
    expect(doc.edges).toHaveLength(1);
    expect(validateDocument(doc).problems.filter((p) => p.path.startsWith('edges'))).toEqual([]);
  });
});

describe('deleting', () => {
  it('a region goes with its contents, nodes with their edges, and faults that named them', () => {
    const { doc, region, service, client } = withRegion();
    connect(doc, client, service);
    doc.faults.push({ id: 'f1', kind: 'crash', atMs: 100, node: service });
    doc.faults.push({ id: 'f2', kind: 'partition', atMs: 100, sides: [[client], [service, region]] });
    deleteItems(doc, { nodes: [region], edges: [], notes: [] });
    expect(doc.nodes.map((n) => n.id)).toEqual([client]);
    expect(doc.edges).toEqual([]);
    expect(doc.faults).toEqual([]);
  });
});

describe('copy and paste', () => {
  it('pastes with fresh ids, edges between copies, and the offset', () => {
    const { doc, service, client } = withRegion();
    connect(doc, client, service);
    const fragment = extractFragment(doc, { nodes: [client, service], edges: [], notes: [] });
    const ids = pasteFragment(doc, fragment, { x: 32, y: 32 });
    expect(ids.nodes).toHaveLength(2);
    expect(ids.edges).toHaveLength(1);
    const all = [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
    expect(new Set(all).size).toBe(all.length);
    const copy = doc.edges.find((e) => e.id === ids.edges[0])!;
    expect(ids.nodes).toContain(copy.source);
    expect(ids.nodes).toContain(copy.target);
    const original = node(doc, client);
    const pasted = node(
      doc,
      ids.nodes.find((id) => node(doc, id).kind === 'client')!,
    );
    expect(pasted.position).toEqual({ x: original.position.x + 32, y: original.position.y + 32 });
    expect(validateDocument(doc).ok).toBe(true);
  });
});

describe('align and distribute', () => {
  it('aligns left edges and spreads boxes evenly', () => {
    const doc = emptyDocument();
    const a = addNode(doc, 'service', { x: 100, y: 0 });
    const b = addNode(doc, 'service', { x: 160, y: 200 });
    const c = addNode(doc, 'service', { x: 400, y: 900 });
    alignNodes(doc, [a, b, c], 'left');
    expect(new Set(doc.nodes.map((n) => n.position.x)).size).toBe(1);
    distributeNodes(doc, [a, b, c], 'y');
    const ys = doc.nodes.map((n) => n.position.y).sort((p, q) => p - q);
    expect(ys[1]! - ys[0]!).toBeCloseTo(ys[2]! - ys[1]!, 0);
  });
});

describe('editor store: undo, redo and gestures', () => {
  it('undoes and redoes every edit, and tracks unsaved changes', () => {
    const store = createEditorStore();
    expect(isDirty(store.getState())).toBe(false);
    store.getState().edit('Add service', (d) => void addNode(d, 'service', { x: 0, y: 0 }));
    expect(store.getState().doc.nodes).toHaveLength(1);
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().undoLabel).toBe('Add service');
    store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
    expect(store.getState().redoLabel).toBe('Add service');
    store.getState().redo();
    expect(store.getState().doc.nodes).toHaveLength(1);
    store.getState().markSaved({ name: 'a.bp.json' });
    expect(isDirty(store.getState())).toBe(false);
  });

  it('groups a gesture into one step', () => {
    const store = createEditorStore();
    store.getState().edit('Add', (d) => void addNode(d, 'service', { x: 0, y: 0 }));
    const id = store.getState().doc.nodes[0]!.id;
    store.getState().beginGesture('Type concurrency');
    for (const v of [1, 12, 123])
      store.getState().edit('Set', (d) => setNodeField(d, id, ['params', 'concurrency'], v));
    store.getState().endGesture();
    expect(store.getState().undoLabel).toBe('Type concurrency');
    store.getState().undo();
    expect(store.getState().doc.nodes[0]!.params).toEqual({});
    store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
  });

  it('a new edit clears redo; loading a document is not undoable', () => {
    const store = createEditorStore();
    store.getState().edit('A', (d) => void addNode(d, 'service', { x: 0, y: 0 }));
    store.getState().undo();
    store.getState().edit('B', (d) => void addNode(d, 'client', { x: 0, y: 0 }));
    expect(store.getState().redoLabel).toBeNull();
    store.getState().load(emptyDocument('Other'), { name: 'other.bp.json' });
    expect(store.getState().undoLabel).toBeNull();
    expect(store.getState().doc.name).toBe('Other');
    expect(isDirty(store.getState())).toBe(false);
  });

  it('an edit that changes nothing records nothing', () => {
    const store = createEditorStore();
    store.getState().edit('Nothing', () => undefined);
    expect(store.getState().undoLabel).toBeNull();
    expect(store.getState().revision).toBe(0);
  });

  it('drops deleted items from the selection', () => {
    const store = createEditorStore();
    let id = '';
    store.getState().edit('Add', (d) => {
      id = addNode(d, 'service', { x: 0, y: 0 });
    });
    store.getState().select({ nodes: [id] });
    store.getState().edit('Delete', (d) => deleteItems(d, { nodes: [id], edges: [], notes: [] }));
    expect(store.getState().selection.nodes).toEqual([]);
  });
});

describe('notes and region sizes', () => {
  it('a note colour can be set and removed', async () => {
    const { addNote, updateNote } = await import('../../renderer/src/store/docOps.js');
    const doc = emptyDocument();
    const id = addNote(doc, { x: 0, y: 0 }, 'hello');
    updateNote(doc, id, { color: '#ffd6e0' });
    expect(doc.notes[0]!.color).toBe('#ffd6e0');
    updateNote(doc, id, { color: undefined });
    expect('color' in doc.notes[0]!).toBe(false);
  });

  it('clearing one side of a region size does not move anything', () => {
    const { doc, region, service } = withRegion();
    const before = structuredClone(doc.nodes);
    setNodeField(doc, region, ['params', 'size', 'width'], undefined);
    expect(doc.nodes.find((n) => n.id === service)).toEqual(before.find((n) => n.id === service));
    expect(Number.isNaN(node(doc, region).position.x)).toBe(false);
  });
});
