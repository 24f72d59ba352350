import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnectEnd,
  type ReactFlowState,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Point } from '../../../shared/model/types.js';
import { kindFromDataTransfer } from '../palette/dnd.js';
import { importDroppedFiles, isFileDrag } from '../export/importFiles.js';
import { KIND_COLORS } from '../palette/kindVisuals.js';
import { insertNode } from '../store/commands.js';
import { canConnect } from '../store/connect.js';
import { connect, moveNodes, resizeRegion, updateNote } from '../store/docOps.js';
import type { Selection } from '../store/editorStore.js';
import { GRID, bounds, nodeRect, noteRect, type Rect } from '../store/geometry.js';
import { PacketLayer } from '../overlay/PacketLayer.js';
import { SimContext } from '../sim/useSimulation.js';
import { useCommandContext, useEditor, useProblems } from '../store/useEditor.js';
import { CanvasActionsContext, type CanvasActions } from './canvasActions.js';
import { TemplateCards } from '../shell/TemplatesDialog.js';
import { ContextMenu, type ContextMenuState } from './ContextMenu.js';
import { EdgeLabelLayerContext } from './edgeLabelLayer.js';
import { FlowViewCache, problemCountsById, type FlowEdge, type FlowNode } from './flowView.js';
import { NoteNodeView } from './NoteNodeView.js';
import { RegionNodeView } from './RegionNodeView.js';
import { SidecarNodeView } from './SidecarNodeView.js';
import { TopologyEdgeView } from './TopologyEdgeView.js';
import { TopologyNodeView } from './TopologyNodeView.js';
import { HoverStore } from './hoverStore.js';
import { LiveTooltip } from './LiveTooltip.js';
import { LiveBadgeLayer } from './LiveBadgeLayer.js';
import { PartitionTool } from './PartitionTool.js';
import './canvas.css';

const NODE_TYPES = {
  topology: TopologyNodeView,
  region: RegionNodeView,
  sidecar: SidecarNodeView,
  note: NoteNodeView,
};
const EDGE_TYPES = { topology: TopologyEdgeView };
const DEFAULT_EDGE_OPTIONS = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const SNAP_GRID: [number, number] = [GRID, GRID];
const MINIMAP_SIZE = { width: 160, height: 110 };
const PRO_OPTIONS = { hideAttribution: true };
/**
 * Above this many nodes, only what is on screen is rendered, and zoomed out below DETAIL_ZOOM (where their text
 * would be under 4 px high) nodes are drawn as plain boxes (canvas.css) and edges without labels.
 */
const LARGE_DOCUMENT = 150;
const DETAIL_ZOOM = 0.35;

const isZoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

interface LocalOverride {
  position?: XYPosition;
  width?: number;
  height?: number;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function minimapColor(node: FlowNode): string {
  if (node.type === 'note') return '#f5d76e';
  if (node.type === 'region') return 'transparent';
  return KIND_COLORS[(node.data as { node: { kind: keyof typeof KIND_COLORS } }).node.kind];
}

/**
 * The canvas: a React Flow view of the document. Drags and resizes move nodes locally and become one command when
 * they end; everything else (connect, drop from the palette, delete) is a command straight away.
 */
export function Canvas() {
  const ctx = useCommandContext();
  const sim = useContext(SimContext);
  const { store } = ctx;
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const snapToGrid = useEditor((s) => s.snapToGrid);
  const theme = useEditor((s) => s.theme);
  const loads = useEditor((s) => s.loads);
  const problems = useProblems();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const cache = useMemo(() => new FlowViewCache(), []);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, LocalOverride>>(new Map());
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const [partitioning, setPartitioning] = useState(false);
  const connectionMade = useRef(false);
  const zoomedOut = useFlowStore(isZoomedOut);
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);

  const counts = useMemo(() => problemCountsById(doc, problems), [doc, problems]);
  const baseNodes = useMemo(() => cache.flowNodes(doc, selection, counts), [cache, doc, selection, counts]);
  const edges = useMemo(() => cache.flowEdges(doc, selection, counts), [cache, doc, selection, counts]);
  const nodes = useMemo(() => {
    if (overrides.size === 0) return baseNodes;
    return baseNodes.map((n) => {
      const o = overrides.get(n.id);
      return o
        ? ({
            ...n,
            ...(o.position ? { position: o.position } : {}),
            ...(o.width ? { width: o.width, height: o.height, measured: { width: o.width, height: o.height } } : {}),
          } as FlowNode)
        : n;
    });
  }, [baseNodes, overrides]);

  useLayoutEffect(() => {
    setLabelLayer(wrapper.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, []);

  const updateViewCenter = useCallback(() => {
    const el = wrapper.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const c = rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    store.getState().set({ viewCenter: { x: Math.round(c.x), y: Math.round(c.y) } });
  }, [rf, store]);

  /** Frames the whole document, from its own geometry (so it does not wait for React Flow to measure nodes). */
  const fitDocument = useCallback(
    (animate: boolean) => {
      const { doc: current } = store.getState();
      const r = bounds([...current.nodes.map(nodeRect), ...current.notes.map(noteRect)]);
      if (!r) return;
      void rf.fitBounds(r, { padding: 0.12, ...(animate ? { duration: 200 } : {}) }).then(() => {
        if (rf.getZoom() > 1.25) void rf.zoomTo(1.25);
        updateViewCenter();
      });
    },
    [rf, store, updateViewCenter],
  );

  // A new document (opened, template, restored) is shown whole. Fitting an empty canvas would be queued by React
  // Flow until the first node appears, and then jump the view away from where the user dropped it.
  useEffect(() => {
    const t = setTimeout(() => fitDocument(false), 30);
    return () => clearTimeout(t);
  }, [loads, fitDocument]);

  useEffect(() => {
    ctx.view = {
      fitView: () => fitDocument(true),
      zoomIn: () => void rf.zoomIn({ duration: 150 }),
      zoomOut: () => void rf.zoomOut({ duration: 150 }),
      zoomTo100: () => void rf.zoomTo(1, { duration: 150 }),
      drawPartition: () => setPartitioning((on) => !on),
    };
    return () => {
      ctx.view = null;
    };
  }, [ctx, rf, fitDocument]);

  const selectionFromChanges = useCallback(
    (changes: readonly { type: string; id?: string; selected?: boolean }[], kind: 'nodes' | 'edges') => {
      const selects = changes.filter((c) => c.type === 'select');
      if (selects.length === 0) return;
      const current = store.getState().selection;
      const noteIds = new Set(store.getState().doc.notes.map((n) => n.id));
      const next: Selection = { nodes: [...current.nodes], edges: [...current.edges], notes: [...current.notes] };
      for (const c of selects) {
        const list = kind === 'edges' ? 'edges' : noteIds.has(c.id!) ? 'notes' : 'nodes';
        const set = new Set(next[list]);
        if (c.selected) set.add(c.id!);
        else set.delete(c.id!);
        next[list] = [...set];
      }
      if (
        !sameIds(next.nodes, current.nodes) ||
        !sameIds(next.edges, current.edges) ||
        !sameIds(next.notes, current.notes)
      )
        store.getState().select(next);
    },
    [store],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const local = changes.filter(
        (c) => (c.type === 'position' && c.position && c.dragging !== false) || (c.type === 'dimensions' && c.resizing),
      );
      if (local.length)
        setOverrides((prev) => {
          const next = new Map(prev);
          for (const c of local) {
            if (c.type === 'position' && c.position) next.set(c.id, { ...next.get(c.id), position: c.position });
            else if (c.type === 'dimensions' && c.dimensions)
              next.set(c.id, { ...next.get(c.id), width: c.dimensions.width, height: c.dimensions.height });
          }
          return next;
        });
      selectionFromChanges(changes, 'nodes');
    },
    [selectionFromChanges],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => selectionFromChanges(changes, 'edges'),
    [selectionFromChanges],
  );

  const absolute = useCallback(
    (id: string): Point | null => {
      const n = rf.getInternalNode(id);
      return n
        ? { x: Math.round(n.internals.positionAbsolute.x), y: Math.round(n.internals.positionAbsolute.y) }
        : null;
    },
    [rf],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      const { doc: current, edit } = store.getState();
      const noteIds = new Set(current.notes.map((n) => n.id));
      const moves = new Map<string, Point>();
      const noteMoves = new Map<string, Point>();
      for (const n of dragged) {
        const p = absolute(n.id);
        if (!p) continue;
        (noteIds.has(n.id) ? noteMoves : moves).set(n.id, p);
      }
      edit(dragged.length === 1 ? 'Move' : `Move ${dragged.length} items`, (draft) => {
        if (moves.size) moveNodes(draft, moves);
        for (const [id, position] of noteMoves) updateNote(draft, id, { position });
      });
      setOverrides(new Map());
    },
    [store, absolute],
  );

  const canvasActions = useMemo<CanvasActions>(
    () => ({
      commitResize(id, rect: Rect) {
        const { doc: current, edit } = store.getState();
        const internal = rf.getInternalNode(id);
        const parentAbs = internal?.parentId ? absolute(internal.parentId) : null;
        const position = { x: rect.x + (parentAbs?.x ?? 0), y: rect.y + (parentAbs?.y ?? 0) };
        const size = { width: rect.width, height: rect.height };
        if (current.notes.some((n) => n.id === id)) edit('Resize note', (d) => updateNote(d, id, { position, size }));
        else edit('Resize region', (d) => resizeRegion(d, id, position, size));
        setOverrides(new Map());
      },
      editNoteText(id, text) {
        store.getState().edit('Edit note', (d) => updateNote(d, id, { text }));
      },
    }),
    [store, rf, absolute],
  );

  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) => canConnect(store.getState().doc, c.source, c.target).ok,
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      connectionMade.current = true;
      let result: ReturnType<typeof connect> = { reason: '' };
      store.getState().edit('Connect', (d) => {
        result = connect(d, c.source, c.target);
      });
      if ('reason' in result && result.reason) store.getState().notify(result.reason, 'error');
    },
    [store],
  );

  const onConnectStart = useCallback(() => {
    connectionMade.current = false;
  }, []);

  /** A connection dropped on a node's body (not exactly on its handle) connects too; a refused one says why. */
  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (connectionMade.current || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const el = globalThis.document.elementFromPoint(point.clientX, point.clientY);
      const targetId = state.toNode?.id ?? el?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null;
      if (!targetId) return;
      const from = state.fromHandle?.type === 'target' ? targetId : state.fromNode.id;
      const to = state.fromHandle?.type === 'target' ? state.fromNode.id : targetId;
      if (from === to && targetId === state.fromNode.id) return; // let go where it started: nothing meant
      const check = canConnect(store.getState().doc, from, to);
      if (!check.ok) {
        store.getState().notify(check.reason, 'error');
        return;
      }
      store.getState().edit('Connect', (d) => void connect(d, from, to));
    },
    [store],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (
      [...e.dataTransfer.types].some((t) => t.startsWith('application/x-backpressure')) ||
      isFileDrag(e.dataTransfer)
    ) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      if (isFileDrag(e.dataTransfer) && e.dataTransfer.files.length > 0) {
        e.preventDefault();
        void importDroppedFiles(ctx, e.dataTransfer.files);
        return;
      }
      const kind = kindFromDataTransfer(e.dataTransfer);
      if (!kind) return;
      e.preventDefault();
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      insertNode(ctx, kind, { x: Math.round(at.x), y: Math.round(at.y) });
    },
    [ctx, rf],
  );

  const onInit = useCallback(() => {
    fitDocument(false);
    setTimeout(updateViewCenter, 50);
  }, [updateViewCenter, fitDocument]);

  const openMenu = useCallback(
    (e: React.MouseEvent | MouseEvent, target: ContextMenuState['target']) => {
      e.preventDefault();
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (target.kind === 'node' || target.kind === 'edge' || target.kind === 'note') {
        const sel = store.getState().selection;
        const key = target.kind === 'node' ? 'nodes' : target.kind === 'edge' ? 'edges' : 'notes';
        if (!sel[key].includes(target.id)) store.getState().select({ [key]: [target.id] });
      }
      setMenu({ x: e.clientX, y: e.clientY, flow: { x: Math.round(at.x), y: Math.round(at.y) }, target });
    },
    [rf, store],
  );

  // Handlers passed to React Flow keep their identity across renders: a new one would re-render every node and
  // edge wrapper (React Flow hands them to each), which at a few hundred nodes costs a frame per drag step.
  const onNodeContextMenu = useCallback(
    (e: React.MouseEvent, n: FlowNode) => openMenu(e, { kind: n.type === 'note' ? 'note' : 'node', id: n.id }),
    [openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (e: React.MouseEvent, edge: FlowEdge) => openMenu(e, { kind: 'edge', id: edge.id }),
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: React.MouseEvent | MouseEvent) => openMenu(e, { kind: 'pane' }),
    [openMenu],
  );
  const onSelectionContextMenu = useCallback((e: React.MouseEvent) => openMenu(e, { kind: 'selection' }), [openMenu]);
  const closeMenu = useCallback(() => setMenu(null), []);

  // The live tooltip follows the pointer over nodes and edges (an external store: the canvas does not re-render).
  const hover = useMemo(() => new HoverStore(), []);
  const exitPartition = useCallback(() => setPartitioning(false), []);
  const onNodeHover = useCallback(
    (e: React.MouseEvent, n: FlowNode) =>
      hover.set(
        e.buttons === 0 && n.type === 'topology' ? { kind: 'node', id: n.id, x: e.clientX, y: e.clientY } : null,
      ),
    [hover],
  );
  const onEdgeHover = useCallback(
    (e: React.MouseEvent, edge: FlowEdge) =>
      hover.set(e.buttons === 0 ? { kind: 'edge', id: edge.id, x: e.clientX, y: e.clientY } : null),
    [hover],
  );
  const onHoverEnd = useCallback(() => hover.set(null), [hover]);

  const colorMode = theme === 'system' ? 'system' : theme;
  const empty = doc.nodes.length === 0 && doc.notes.length === 0;
  const large = doc.nodes.length > LARGE_DOCUMENT;
  const simplified = large && zoomedOut;

  return (
    <CanvasActionsContext.Provider value={canvasActions}>
      <EdgeLabelLayerContext.Provider value={simplified ? null : labelLayer}>
        <div
          className={simplified ? 'bp-canvas bp-simplified' : 'bp-canvas'}
          ref={wrapper}
          onDragOver={onDragOver}
          onDrop={onDrop}
          data-testid="canvas"
        >
          <ReactFlow<FlowNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={onNodeDragStop}
            onConnect={onConnect}
            onConnectStart={onConnectStart}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onInit={onInit}
            onMoveEnd={updateViewCenter}
            onNodeContextMenu={onNodeContextMenu}
            onEdgeContextMenu={onEdgeContextMenu}
            onPaneContextMenu={onPaneContextMenu}
            onSelectionContextMenu={onSelectionContextMenu}
            onPaneClick={closeMenu}
            onNodeMouseEnter={onNodeHover}
            onNodeMouseMove={onNodeHover}
            onNodeMouseLeave={onHoverEnd}
            onNodeDragStart={onHoverEnd}
            onEdgeMouseEnter={onEdgeHover}
            onEdgeMouseMove={onEdgeHover}
            onEdgeMouseLeave={onHoverEnd}
            snapToGrid={snapToGrid}
            snapGrid={SNAP_GRID}
            selectionOnDrag
            panOnDrag={[1, 2]}
            panOnScroll
            zoomOnPinch
            selectionKeyCode={null}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            deleteKeyCode={null}
            disableKeyboardA11y
            onlyRenderVisibleElements={large}
            colorMode={colorMode}
            minZoom={0.05}
            maxZoom={4}
            proOptions={PRO_OPTIONS}
            connectionRadius={28}
            elevateNodesOnSelect={false}
          >
            <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
            {sim && <LiveBadgeLayer />}
            {sim && <PacketLayer source={sim} doc={doc} />}
            <MiniMap
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={2}
              ariaLabel="Minimap"
              style={MINIMAP_SIZE}
            />
            <Controls showInteractive={false} position="bottom-left">
              <ControlButton
                onClick={() => setPartitioning((on) => !on)}
                title="Draw a partition line (P)"
                aria-label="Draw a partition line"
                aria-pressed={partitioning}
                className={partitioning ? 'bp-control-active' : undefined}
              >
                <svg viewBox="0 0 16 16" aria-hidden>
                  <path d="M3 14 L13 2" strokeWidth="2" stroke="currentColor" strokeDasharray="3 2" fill="none" />
                </svg>
              </ControlButton>
            </Controls>
          </ReactFlow>
          {empty && (
            <div className="bp-empty-state" data-testid="empty-state">
              <div className="bp-empty-panel">
                <h2>Start a topology</h2>
                <p className="bp-muted">
                  Drag a node from the palette onto the canvas, or start from one of these templates.
                </p>
                <TemplateCards compact />
              </div>
            </div>
          )}
          {partitioning && <PartitionTool onExit={exitPartition} />}
          {!menu && !partitioning && <LiveTooltip hover={hover} />}
          {menu && <ContextMenu state={menu} onClose={closeMenu} />}
        </div>
      </EdgeLabelLayerContext.Provider>
    </CanvasActionsContext.Provider>
  );
}
