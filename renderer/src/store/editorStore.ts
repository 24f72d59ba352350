import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Problem } from '../../../shared/model/schema.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { emptyDocument } from './emptyDocument.js';
import { History } from './history.js';

export interface Selection {
  nodes: string[];
  edges: string[];
  notes: string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], notes: [] };

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

export interface ProblemsReport {
  title: string;
  problems: Problem[];
}

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Dialog = 'templates' | 'shortcuts' | 'document' | 'interview' | 'export' | 'import' | 'record' | null;

/** Where the document lives outside the app: a name to show, and a handle to save back to when the browser has one. */
export interface FileTarget {
  name: string;
  handle?: unknown;
}

export interface EditorState {
  /** The topology document: the source of truth of everything on the canvas. */
  doc: TopologyDocument;
  /** Bumped on every change to `doc` (edits, undo, redo, loads). */
  revision: number;
  /** The revision last saved to (or opened from) a file; differs from `revision` when there are unsaved changes. */
  savedRevision: number;
  /** Bumped each time a whole document is loaded (so the canvas can show it whole). */
  loads: number;
  file: FileTarget | null;
  selection: Selection;
  undoLabel: string | null;
  redoLabel: string | null;
  notice: Notice | null;
  problems: ProblemsReport | null;
  dialog: Dialog;
  snapToGrid: boolean;
  theme: ThemeChoice;
  /** Where new nodes go when added without a drop position (the centre of the visible canvas). */
  viewCenter: { x: number; y: number };
}

export interface EditorActions {
  /** Runs a named edit of the document as one undoable step (or part of the open gesture). */
  edit(label: string, recipe: (draft: TopologyDocument) => void): void;
  beginGesture(label: string): void;
  endGesture(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document (open, new, template, restore): not undoable, clears the history. */
  load(doc: TopologyDocument, file: FileTarget | null, options?: { dirty?: boolean }): void;
  markSaved(file: FileTarget | null): void;
  select(selection: Partial<Selection>, mode?: 'replace' | 'add' | 'toggle'): void;
  clearSelection(): void;
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  showProblems(report: ProblemsReport | null): void;
  openDialog(dialog: Dialog): void;
  set(partial: Partial<Pick<EditorState, 'snapToGrid' | 'theme' | 'viewCenter'>>): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

function existing(doc: TopologyDocument, sel: Selection): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const notes = new Set(doc.notes.map((n) => n.id));
  const keep = {
    nodes: sel.nodes.filter((id) => nodes.has(id)),
    edges: sel.edges.filter((id) => edges.has(id)),
    notes: sel.notes.filter((id) => notes.has(id)),
  };
  return keep.nodes.length === sel.nodes.length &&
    keep.edges.length === sel.edges.length &&
    keep.notes.length === sel.notes.length
    ? sel
    : keep;
}

function merge(a: readonly string[], b: readonly string[], mode: 'replace' | 'add' | 'toggle'): string[] {
  if (mode === 'replace') return [...b];
  if (mode === 'add') return [...new Set([...a, ...b])];
  const out = new Set(a);
  for (const id of b)
    if (out.has(id)) out.delete(id);
    else out.add(id);
  return [...out];
}

let noticeId = 0;

/** The editor's one store: the document with its history, the selection and the UI state around them. */
export function createEditorStore(initial: TopologyDocument = emptyDocument()): EditorStore {
  const history = new History();
  return createStore<EditorState & EditorActions>()((set, get) => {
    const commit = (doc: TopologyDocument | null) => {
      if (!doc || doc === get().doc) return;
      set((s) => ({
        doc,
        revision: s.revision + 1,
        selection: existing(doc, s.selection),
        undoLabel: history.undoLabel,
        redoLabel: history.redoLabel,
      }));
    };
    return {
      doc: initial,
      revision: 0,
      savedRevision: 0,
      loads: 0,
      file: null,
      selection: EMPTY_SELECTION,
      undoLabel: null,
      redoLabel: null,
      notice: null,
      problems: null,
      dialog: null,
      snapToGrid: true,
      theme: 'system',
      viewCenter: { x: 400, y: 300 },

      edit(label, recipe) {
        commit(history.record(get().doc, label, recipe));
        set({ undoLabel: history.undoLabel, redoLabel: history.redoLabel });
      },
      beginGesture(label) {
        history.begin(label);
      },
      endGesture() {
        history.end();
        set({ undoLabel: history.undoLabel, redoLabel: history.redoLabel });
      },
      undo() {
        commit(history.undo(get().doc));
      },
      redo() {
        commit(history.redo(get().doc));
      },
      load(doc, file, options) {
        history.clear();
        set((s) => {
          const revision = s.revision + 1;
          return {
            doc,
            revision,
            savedRevision: options?.dirty ? -1 : revision,
            loads: s.loads + 1,
            file,
            selection: EMPTY_SELECTION,
            undoLabel: null,
            redoLabel: null,
            problems: null,
          };
        });
      },
      markSaved(file) {
        set((s) => ({ savedRevision: s.revision, file }));
      },
      select(partial, mode = 'replace') {
        set((s) => {
          const base = mode === 'replace' ? EMPTY_SELECTION : s.selection;
          return {
            selection: {
              nodes: merge(base.nodes, partial.nodes ?? [], mode),
              edges: merge(base.edges, partial.edges ?? [], mode),
              notes: merge(base.notes, partial.notes ?? [], mode),
            },
          };
        });
      },
      clearSelection() {
        if (get().selection !== EMPTY_SELECTION) set({ selection: EMPTY_SELECTION });
      },
      notify(text, tone = 'info') {
        set({ notice: { id: ++noticeId, tone, text } });
      },
      dismissNotice() {
        set({ notice: null });
      },
      showProblems(report) {
        set({ problems: report });
      },
      openDialog(dialog) {
        set({ dialog });
      },
      set(partial) {
        set(partial);
      },
    };
  });
}

/** True when the document has changes not saved to a file. */
export function isDirty(s: Pick<EditorState, 'revision' | 'savedRevision'>): boolean {
  return s.revision !== s.savedRevision;
}
