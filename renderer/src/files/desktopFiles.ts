/**
 * The app's files in the desktop shell, over the preload's bridge (`shared/ipc.ts`): native open and save
 * dialogs, saving back to the file a document came from (atomically, by the main process), the unsaved-changes
 * question as a native box, files handed over by the system (command line, second launch, Finder, Open Recent,
 * a drop on the window), the window's title and unsaved marker, autosave to the app's data folder every 30 s
 * with recovery after a crash, and the native menu's commands.
 */
import type { OpenedFile, RecoveredAutosave, UnsavedAnswer } from '../../../shared/ipc.js';
import { serializeDocument } from '../../../shared/model/serialize.js';
import { parseDocument } from '../../../shared/model/validate.js';
import { COMMANDS, runCommand, type CommandContext, type FileApi } from '../store/commands.js';
import { isDirty, type EditorStore, type FileTarget } from '../store/editorStore.js';
import { emptyDocument } from '../store/emptyDocument.js';
import { isTypingTarget } from '../store/keys.js';
import type { BackpressureBridge } from './bridge.js';
import { loadableDocument } from './loadable.js';

/** How often unsaved work is copied to the app's data folder. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** The path of the file a document lives in on this machine, or null (a new document, or one from the web app). */
export function filePathOf(file: FileTarget | null): string | null {
  const path = (file?.handle as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path !== '' ? path : null;
}

const targetFor = (file: { path: string; name: string }): FileTarget => ({
  name: file.name,
  handle: { path: file.path },
});

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A file name for a new document, from its name: `Checkout flow` → `checkout-flow.bp.json`. */
export function suggestedFileName(store: EditorStore): string {
  const { file, doc } = store.getState();
  if (file?.name) return file.name;
  const stem =
    doc.name
      .trim()
      .replace(/[^A-Za-z0-9_. -]+/g, '')
      .replace(/\s+/g, '-')
      .toLowerCase() || 'topology';
  return `${stem}.bp.json`;
}

/** The window title: the file's name (or the document's), the unsaved marker, the app. */
export function windowTitle(store: EditorStore): string {
  const s = store.getState();
  return `${isDirty(s) ? '• ' : ''}${s.file?.name ?? s.doc.name} — Backpressure`;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface DesktopFiles extends FileApi {
  /** Opens a file the main process read (dialog, command line, Open Recent, drop); false when it was not opened. */
  openFile(opened: OpenedFile): Promise<boolean>;
  /**
   * Deals with unsaved changes before `action`: asks, saves when asked to. True when the work may be replaced
   * (nothing unsaved, saved, or discarded), false when the user cancelled or the save did not happen.
   */
  resolveUnsaved(action: 'close' | 'quit' | 'open' | 'new'): Promise<boolean>;
}

export function desktopFiles(store: EditorStore, bridge: BackpressureBridge): DesktopFiles {
  const notify = (text: string, tone: 'info' | 'error' = 'info') => store.getState().notify(text, tone);

  /** Marks what was written as saved; edits made while it was being written stay unsaved. */
  const markSaved = (revision: number, target: FileTarget) => {
    if (store.getState().revision === revision) store.getState().markSaved(target);
    else store.setState({ savedRevision: revision, file: target });
    void bridge.discardAutosave().catch(() => undefined);
  };

  const saveAs = async (): Promise<boolean> => {
    const { doc, revision } = store.getState();
    try {
      const saved = await bridge.saveAs(suggestedFileName(store), serializeDocument(doc));
      if (!saved) return false;
      markSaved(revision, targetFor(saved));
      notify(`Saved “${saved.name}”`);
      return true;
    } catch (e) {
      notify(message(e), 'error');
      return false;
    }
  };

  const save = async (): Promise<boolean> => {
    const { doc, revision, file } = store.getState();
    const path = filePathOf(file);
    if (!path) return saveAs();
    try {
      const saved = await bridge.save(path, serializeDocument(doc));
      markSaved(revision, targetFor(saved));
      notify(`Saved “${saved.name}”`);
      return true;
    } catch (e) {
      notify(message(e), 'error');
      return false;
    }
  };

  const resolveUnsaved: DesktopFiles['resolveUnsaved'] = async (action) => {
    if (!isDirty(store.getState())) return true;
    let answer: UnsavedAnswer;
    try {
      answer = (await bridge.confirm({ kind: 'unsaved', name: store.getState().doc.name, action })) as UnsavedAnswer;
    } catch (e) {
      notify(message(e), 'error');
      return false;
    }
    if (answer === 'save') return save();
    if (answer === 'discard') {
      await bridge.discardAutosave().catch(() => undefined);
      return true;
    }
    return false;
  };

  /**
   * Opens text read from a file. One that is not a Backpressure document shows every problem and leaves the
   * current document alone; one with problems in its content opens, and the inspector lists them.
   */
  const openFile: DesktopFiles['openFile'] = async (opened) => {
    const result = parseDocument(opened.text);
    const doc = result.ok ? result.document : loadableDocument(opened.text);
    if (!doc) {
      store
        .getState()
        .showProblems({ title: `“${opened.name}” is not a Backpressure document`, problems: result.problems });
      return false;
    }
    if (!(await resolveUnsaved('open'))) return false;
    store.getState().load(doc, targetFor(opened));
    const count = result.problems.length;
    notify(
      count === 0
        ? `Opened “${opened.name}”`
        : `Opened “${opened.name}”: ${count} problem${count === 1 ? '' : 's'} to fix, listed in the inspector`,
      count === 0 ? 'info' : 'error',
    );
    return true;
  };

  return {
    openFile,
    resolveUnsaved,
    async newDocument() {
      if (await resolveUnsaved('new')) store.getState().load(emptyDocument(), null);
    },
    async open() {
      try {
        const opened = await bridge.openDialog();
        if (opened) await openFile(opened);
      } catch (e) {
        notify(message(e), 'error');
      }
    },
    save: async () => void (await save()),
    saveAs: async () => void (await saveAs()),
  };
}

/** Restores the work a crashed session left, when the user wants it back; discards it otherwise. */
export async function offerRecovery(store: EditorStore, bridge: BackpressureBridge): Promise<boolean> {
  let record: RecoveredAutosave | null;
  try {
    record = await bridge.recoverAutosave();
  } catch {
    return false;
  }
  if (!record) return false;
  const doc = loadableDocument(record.text);
  const answer = doc
    ? await bridge.confirm({ kind: 'recover', name: record.name, savedAt: record.savedAt })
    : 'discard';
  if (!doc || answer !== 'restore') {
    await bridge.discardAutosave().catch(() => undefined);
    return false;
  }
  // Unsaved, and bound to the user's file only for a later Save: the file itself is not touched.
  const file = record.filePath ? targetFor({ path: record.filePath, name: baseName(record.filePath) }) : null;
  store.getState().load(doc, file, { dirty: true });
  store.getState().notify(`Restored your unsaved work on “${record.name}”`);
  return true;
}

interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}
const realTimers: Timers = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (id) => globalThis.clearInterval(id as number),
};

/**
 * Copies the document to the app's data folder every `intervalMs` while it has unsaved changes (and only when it
 * changed since the last copy); drops the copy once nothing is unsaved. Returns a function that stops it.
 */
export function startDesktopAutosave(
  store: EditorStore,
  bridge: BackpressureBridge,
  onError: (message: string) => void,
  options: { intervalMs?: number; timers?: Timers } = {},
): () => void {
  const { intervalMs = AUTOSAVE_INTERVAL_MS, timers = realTimers } = options;
  let written: number | null = null;
  let failed = false;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    const s = store.getState();
    busy = true;
    try {
      if (isDirty(s)) {
        if (written === s.revision) return;
        await bridge.writeAutosave({ text: serializeDocument(s.doc), name: s.doc.name, filePath: filePathOf(s.file) });
        written = s.revision;
      } else if (written !== null) {
        await bridge.discardAutosave();
        written = null;
      }
      failed = false;
    } catch (e) {
      if (!failed) onError(`Autosave failed: ${message(e)}`);
      failed = true;
    } finally {
      busy = false;
    }
  };
  const id = timers.setInterval(() => void tick(), intervalMs);
  return () => timers.clearInterval(id);
}

/** Keeps the window's title, unsaved marker and file (for macOS's proxy icon) in step with the document. */
export function syncDocumentState(store: EditorStore, bridge: BackpressureBridge): () => void {
  let last = '';
  const push = () => {
    const s = store.getState();
    const state = { title: windowTitle(store), dirty: isDirty(s), filePath: filePathOf(s.file) };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    void bridge.setDocumentState(state).catch(() => undefined);
  };
  push();
  return store.subscribe(push);
}

const NATIVE_EDITS = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
} as const;

/**
 * Runs a command chosen in the native menu. A text-editing command chosen while a text field has the focus edits
 * the field (natively), as the same keys do in a browser.
 */
export function runMenuCommand(ctx: CommandContext, bridge: BackpressureBridge, id: string): void {
  const native = NATIVE_EDITS[id as keyof typeof NATIVE_EDITS];
  if (native && isTypingTarget(globalThis.document?.activeElement ?? null)) {
    void bridge.nativeEdit(native).catch(() => undefined);
    return;
  }
  runCommand(ctx, id);
}

/** Opens `.bp.json` files dropped on the window by their path, so Save writes back to them. */
function handleDrops(files: DesktopFiles, bridge: BackpressureBridge, notify: (m: string) => void): () => void {
  const documentFile = (e: DragEvent): File | null => {
    const file = e.dataTransfer?.files?.[0];
    return file && file.name.toLowerCase().endsWith('.bp.json') ? file : null;
  };
  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };
  const onDrop = (e: DragEvent) => {
    const file = documentFile(e);
    if (!file) return;
    e.preventDefault();
    e.stopPropagation();
    const path = bridge.pathForFile(file);
    const opened = path ? bridge.openPath(path) : file.text().then((text) => ({ path: '', name: file.name, text }));
    opened.then((o) => files.openFile(o)).catch((err: unknown) => notify(message(err)));
  };
  globalThis.addEventListener('dragover', onDragOver);
  globalThis.addEventListener('drop', onDrop, true);
  return () => {
    globalThis.removeEventListener('dragover', onDragOver);
    globalThis.removeEventListener('drop', onDrop, true);
  };
}

/**
 * Connects the editor to the desktop shell: the menu's commands, files handed over by the system, the
 * unsaved-changes question on close and quit, the title, autosave and, first of all, the recovery of work a
 * crash left behind. Resolves once the main process knows the renderer is ready.
 */
export async function connectDesktop(
  ctx: CommandContext,
  files: DesktopFiles,
  bridge: BackpressureBridge,
): Promise<void> {
  const { store } = ctx;
  const notifyError = (m: string) => store.getState().notify(m, 'error');
  bridge.onMenuCommand(({ id }) => runMenuCommand(ctx, bridge, id));
  bridge.onFileOpened((opened) => void files.openFile(opened));
  bridge.onNotice(({ message: text, level }) => store.getState().notify(text, level));
  bridge.onBeforeClose(({ action }) => {
    void files.resolveUnsaved(action).then((proceed) => (proceed ? bridge.closeWindow() : bridge.cancelClose()));
  });
  handleDrops(files, bridge, notifyError);
  await offerRecovery(store, bridge);
  syncDocumentState(store, bridge);
  startDesktopAutosave(store, bridge, notifyError);
  await bridge.ready(COMMANDS.map((c) => ({ id: c.id, label: c.label, shortcut: c.shortcuts?.[0] })));
}
