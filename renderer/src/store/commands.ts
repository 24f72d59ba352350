import type { NodeKind, Point } from '../../../shared/model/types.js';
import {
  addNode,
  addNote,
  alignNodes,
  deleteItems,
  distributeNodes,
  extractFragment,
  moveNodes,
  pasteFragment,
  type AlignMode,
  type Fragment,
} from './docOps.js';
import { EMPTY_SELECTION, type EditorStore } from './editorStore.js';
import { GRID, PASTE_OFFSET, bounds, nodeRect, noteRect } from './geometry.js';
import { autoLayout } from './layout.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { resolveSimulation } from '../sim/resolveSettings.js';
import type { SimClient } from '../sim/simClient.js';
import { INTERVIEW_COMMANDS } from '../interview/commands.js';
import { EXPORT_COMMANDS } from '../export/exportCommands.js';
import { REPORT_COMMANDS } from '../report/reportCommands.js';

/** What the canvas offers commands: where the user is looking, and the camera. */
export interface ViewApi {
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomTo100(): void;
  /** Starts (or leaves) drawing a partition line across the canvas. */
  drawPartition?(): void;
}

/** File operations, which differ between the browser and the desktop shell. */
export interface FileApi {
  newDocument(): void | Promise<void>;
  open(): void | Promise<void>;
  save(): void | Promise<void>;
  saveAs(): void | Promise<void>;
}

export interface CommandContext {
  store: EditorStore;
  view: ViewApi | null;
  files: FileApi | null;
  clipboard: { fragment: Fragment | null; pastes: number };
  /** The simulation the playback bar drives, for the Simulation commands; absent where nothing runs. */
  sim?: SimClient | null;
}

export interface Command {
  id: string;
  label: string;
  /** Key combinations in `Mod+Shift+Z` form; `Mod` is Ctrl, or Cmd on a Mac. The first one is shown. */
  shortcuts?: string[];
  group: 'File' | 'Edit' | 'Arrange' | 'View' | 'Insert' | 'Simulation' | 'Interview' | 'Help';
  enabled?(ctx: CommandContext): boolean;
  run(ctx: CommandContext): void | Promise<void>;
}

const hasSelection = ({ store }: CommandContext) => {
  const s = store.getState().selection;
  return s.nodes.length + s.edges.length + s.notes.length > 0;
};
const atLeast = (n: number) => (ctx: CommandContext) => ctx.store.getState().selection.nodes.length >= n;

function copy(ctx: CommandContext): boolean {
  const { doc, selection } = ctx.store.getState();
  if (!hasSelection(ctx)) return false;
  ctx.clipboard.fragment = extractFragment(doc, selection);
  ctx.clipboard.pastes = 0;
  const text = JSON.stringify({ format: 'backpressure.fragment', ...ctx.clipboard.fragment });
  void globalThis.navigator?.clipboard?.writeText(text).catch(() => undefined);
  return true;
}

/** Pastes a fragment, each successive paste a little further away, and selects what was pasted. */
export function pasteInto(ctx: CommandContext, fragment: Fragment, label = 'Paste'): void {
  ctx.clipboard.pastes++;
  const d = PASTE_OFFSET * ctx.clipboard.pastes;
  let ids = EMPTY_SELECTION as { nodes: readonly string[]; edges: readonly string[]; notes: readonly string[] };
  ctx.store.getState().edit(label, (doc) => {
    ids = pasteFragment(doc, fragment, { x: d, y: d });
  });
  ctx.store.getState().select({ nodes: [...ids.nodes], edges: [...ids.edges], notes: [...ids.notes] });
}

function nudge(dx: number, dy: number): Command['run'] {
  return ({ store }) => {
    const { selection, doc, edit } = store.getState();
    const moves = new Map<string, Point>();
    for (const n of doc.nodes)
      if (selection.nodes.includes(n.id)) moves.set(n.id, { x: n.position.x + dx, y: n.position.y + dy });
    edit('Move', (draft) => {
      moveNodes(draft, moves);
      for (const note of draft.notes)
        if (selection.notes.includes(note.id)) note.position = { x: note.position.x + dx, y: note.position.y + dy };
    });
  };
}

function align(mode: AlignMode, label: string): Command {
  return {
    id: `arrange.align.${mode}`,
    label,
    group: 'Arrange',
    enabled: atLeast(2),
    run: ({ store }) => {
      const { selection, edit } = store.getState();
      edit(label, (doc) => alignNodes(doc, selection.nodes, mode));
    },
  };
}

/** Adds a node of `kind` at the centre of the visible canvas (the palette's click and keyboard path). */
export function insertNode(ctx: CommandContext, kind: NodeKind, at?: Point): string {
  const state = ctx.store.getState();
  const where = at ?? state.viewCenter;
  let id = '';
  state.edit(`Add ${kind}`, (doc) => {
    id = addNode(doc, kind, where);
  });
  ctx.store.getState().select({ nodes: [id] });
  return id;
}

export const COMMANDS: Command[] = [
  { id: 'file.new', label: 'New', group: 'File', shortcuts: ['Alt+N'], run: (c) => c.files?.newDocument() },
  { id: 'file.open', label: 'Open…', group: 'File', shortcuts: ['Mod+O'], run: (c) => c.files?.open() },
  { id: 'file.save', label: 'Save', group: 'File', shortcuts: ['Mod+S'], run: (c) => c.files?.save() },
  { id: 'file.saveAs', label: 'Save as…', group: 'File', shortcuts: ['Mod+Shift+S'], run: (c) => c.files?.saveAs() },
  {
    id: 'file.templates',
    label: 'Templates…',
    group: 'File',
    shortcuts: ['Mod+Shift+O'],
    run: ({ store }) => store.getState().openDialog('templates'),
  },
  {
    id: 'file.properties',
    label: 'Name and description…',
    group: 'File',
    run: ({ store }) => store.getState().openDialog('document'),
  },
  ...EXPORT_COMMANDS,
  ...REPORT_COMMANDS,
  {
    id: 'edit.undo',
    label: 'Undo',
    group: 'Edit',
    shortcuts: ['Mod+Z'],
    enabled: ({ store }) => store.getState().undoLabel !== null,
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: ({ store }) => store.getState().redoLabel !== null,
    run: ({ store }) => store.getState().redo(),
  },
  {
    id: 'edit.cut',
    label: 'Cut',
    group: 'Edit',
    shortcuts: ['Mod+X'],
    enabled: hasSelection,
    run: (ctx) => {
      if (!copy(ctx)) return;
      const { selection, edit } = ctx.store.getState();
      edit('Cut', (doc) => deleteItems(doc, selection));
      ctx.clipboard.pastes = -1;
    },
  },
  {
    id: 'edit.copy',
    label: 'Copy',
    group: 'Edit',
    shortcuts: ['Mod+C'],
    enabled: hasSelection,
    run: (c) => void copy(c),
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    group: 'Edit',
    shortcuts: ['Mod+V'],
    enabled: (c) => c.clipboard.fragment !== null,
    run: (ctx) => {
      if (ctx.clipboard.fragment) pasteInto(ctx, ctx.clipboard.fragment);
    },
  },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    group: 'Edit',
    shortcuts: ['Mod+D'],
    enabled: hasSelection,
    run: (ctx) => {
      const { doc, selection } = ctx.store.getState();
      pasteInto({ ...ctx, clipboard: { fragment: null, pastes: 0 } }, extractFragment(doc, selection), 'Duplicate');
    },
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    group: 'Edit',
    shortcuts: ['Delete', 'Backspace'],
    enabled: hasSelection,
    run: ({ store }) => {
      const { selection, edit } = store.getState();
      edit('Delete', (doc) => deleteItems(doc, selection));
      store.getState().clearSelection();
    },
  },
  {
    id: 'edit.selectAll',
    label: 'Select all',
    group: 'Edit',
    shortcuts: ['Mod+A'],
    run: ({ store }) => {
      const { doc, select } = store.getState();
      select({
        nodes: doc.nodes.map((n) => n.id),
        edges: doc.edges.map((e) => e.id),
        notes: doc.notes.map((n) => n.id),
      });
    },
  },
  {
    id: 'edit.deselect',
    label: 'Select none',
    group: 'Edit',
    shortcuts: ['Escape'],
    run: ({ store }) => store.getState().clearSelection(),
  },
  {
    id: 'edit.nudgeLeft',
    label: 'Nudge left',
    group: 'Edit',
    shortcuts: ['ArrowLeft'],
    enabled: atLeast(1),
    run: nudge(-GRID, 0),
  },
  {
    id: 'edit.nudgeRight',
    label: 'Nudge right',
    group: 'Edit',
    shortcuts: ['ArrowRight'],
    enabled: atLeast(1),
    run: nudge(GRID, 0),
  },
  {
    id: 'edit.nudgeUp',
    label: 'Nudge up',
    group: 'Edit',
    shortcuts: ['ArrowUp'],
    enabled: atLeast(1),
    run: nudge(0, -GRID),
  },
  {
    id: 'edit.nudgeDown',
    label: 'Nudge down',
    group: 'Edit',
    shortcuts: ['ArrowDown'],
    enabled: atLeast(1),
    run: nudge(0, GRID),
  },
  align('left', 'Align left'),
  align('centerX', 'Align centres horizontally'),
  align('right', 'Align right'),
  align('top', 'Align top'),
  align('centerY', 'Align middles vertically'),
  align('bottom', 'Align bottom'),
  {
    id: 'arrange.distribute.x',
    label: 'Distribute horizontally',
    group: 'Arrange',
    enabled: atLeast(3),
    run: ({ store }) => {
      const { selection, edit } = store.getState();
      edit('Distribute horizontally', (doc) => distributeNodes(doc, selection.nodes, 'x'));
    },
  },
  {
    id: 'arrange.distribute.y',
    label: 'Distribute vertically',
    group: 'Arrange',
    enabled: atLeast(3),
    run: ({ store }) => {
      const { selection, edit } = store.getState();
      edit('Distribute vertically', (doc) => distributeNodes(doc, selection.nodes, 'y'));
    },
  },
  {
    id: 'arrange.autoLayout',
    label: 'Auto-layout',
    group: 'Arrange',
    shortcuts: ['Shift+L'],
    enabled: ({ store }) => store.getState().doc.nodes.length > 0,
    run: async (ctx) => {
      const before = ctx.store.getState().doc;
      const { positions, sizes } = await autoLayout(before);
      const state = ctx.store.getState();
      if (state.doc !== before) return; // edited meanwhile: the layout is stale
      state.edit('Auto-layout', (doc) => {
        for (const n of doc.nodes) {
          const p = positions.get(n.id);
          if (p) n.position = p;
          const size = sizes.get(n.id);
          if (size && n.kind === 'region') n.params.size = size;
        }
      });
      ctx.view?.fitView();
    },
  },
  {
    id: 'insert.note',
    label: 'Sticky note',
    group: 'Insert',
    shortcuts: ['N'],
    run: ({ store }) => {
      const state = store.getState();
      let id = '';
      state.edit('Add note', (doc) => {
        id = addNote(doc, state.viewCenter, '');
      });
      store.getState().select({ notes: [id] });
    },
  },
  {
    id: 'insert.partition',
    label: 'Partition line',
    group: 'Insert',
    shortcuts: ['P'],
    enabled: (c) => c.view?.drawPartition !== undefined && c.store.getState().doc.nodes.length > 1,
    run: (c) => c.view?.drawPartition?.(),
  },
  { id: 'view.fit', label: 'Fit view', group: 'View', shortcuts: ['Shift+1'], run: (c) => c.view?.fitView() },
  { id: 'view.zoomIn', label: 'Zoom in', group: 'View', shortcuts: ['Mod+=', '+'], run: (c) => c.view?.zoomIn() },
  { id: 'view.zoomOut', label: 'Zoom out', group: 'View', shortcuts: ['Mod+-', '-'], run: (c) => c.view?.zoomOut() },
  { id: 'view.zoom100', label: 'Zoom to 100%', group: 'View', shortcuts: ['Shift+0'], run: (c) => c.view?.zoomTo100() },
  {
    id: 'view.snap',
    label: 'Snap to grid',
    group: 'View',
    shortcuts: ["Mod+'"],
    run: ({ store }) => store.getState().set({ snapToGrid: !store.getState().snapToGrid }),
  },
  {
    id: 'view.theme',
    label: 'Theme: system, light, dark',
    group: 'View',
    shortcuts: ['Alt+T'],
    run: ({ store }) => {
      const order = ['system', 'light', 'dark'] as const;
      const next = order[(order.indexOf(store.getState().theme) + 1) % order.length]!;
      store.getState().set({ theme: next });
      store.getState().notify(`Theme: ${next === 'system' ? 'follows the system' : next}`);
    },
  },
  {
    id: 'sim.playPause',
    label: 'Play or pause',
    group: 'Simulation',
    // Bound by the playback bar (a Space typed into a field or on a button stays theirs); listed for the menus.
    shortcuts: ['Space'],
    enabled: (c) => Boolean(c.sim),
    run: (ctx) => {
      const sim = ctx.sim!;
      if (sim.getSnapshot().status === 'playing') sim.pause();
      else if (runIsStale(sim, ctx.store.getState().doc)) startRun(ctx, true);
      else sim.play();
    },
  },
  {
    id: 'sim.step',
    label: 'Step 10 ms',
    group: 'Simulation',
    enabled: (c) => Boolean(c.sim),
    run: (ctx) => {
      if (runIsStale(ctx.sim!, ctx.store.getState().doc)) startRun(ctx, false);
      ctx.sim!.step();
    },
  },
  {
    id: 'sim.restart',
    label: 'Restart',
    group: 'Simulation',
    enabled: (c) => Boolean(c.sim),
    run: (ctx) => startRun(ctx, true),
  },
  ...INTERVIEW_COMMANDS,
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    group: 'Help',
    shortcuts: ['?'],
    run: ({ store }) => store.getState().openDialog('shortcuts'),
  },
];

/**
 * Whether the simulation must start a new run before playing or stepping: it has none, it failed, or its run is
 * of other settings or another version of the design than the one being edited.
 */
export function runIsStale(sim: SimClient, doc: TopologyDocument): boolean {
  const snap = sim.getSnapshot();
  if (snap.status === 'idle' || snap.status === 'failed') return true;
  const { seed, durationMs } = resolveSimulation(doc);
  return snap.seed !== seed || snap.durationMs !== durationMs || sim.runDocument !== doc;
}

/** Starts a run of the document as it is now, from 0; plays it unless told otherwise. */
function startRun(ctx: CommandContext, play: boolean): void {
  const doc = ctx.store.getState().doc;
  const { seed, durationMs } = resolveSimulation(doc);
  ctx.sim!.load(doc, seed, durationMs);
  if (play) ctx.sim!.play();
}

export const COMMANDS_BY_ID: ReadonlyMap<string, Command> = new Map(COMMANDS.map((c) => [c.id, c]));

/** Runs a command by id when it is enabled; returns whether it ran. */
export function runCommand(ctx: CommandContext, id: string): boolean {
  const command = COMMANDS_BY_ID.get(id);
  if (!command || (command.enabled && !command.enabled(ctx))) return false;
  const result = command.run(ctx);
  if (result instanceof Promise)
    result.catch((error: unknown) =>
      ctx.store
        .getState()
        .notify(`${command.label} failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  return true;
}

/** The bounding box of what is selected, or of everything when nothing is. */
export function selectionBounds(ctx: CommandContext) {
  const { doc, selection } = ctx.store.getState();
  const nodes = selection.nodes.length ? doc.nodes.filter((n) => selection.nodes.includes(n.id)) : doc.nodes;
  return bounds([...nodes.map(nodeRect), ...doc.notes.map(noteRect)]);
}
