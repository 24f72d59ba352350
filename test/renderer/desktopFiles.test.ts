import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktopBridge } from '../../renderer/src/files/bridge.js';
import {
  connectDesktop,
  desktopFiles,
  filePathOf,
  offerRecovery,
  runMenuCommand,
  startDesktopAutosave,
  syncDocumentState,
} from '../../renderer/src/files/desktopFiles.js';
import { insertNode, type CommandContext } from '../../renderer/src/store/commands.js';
import { createEditorStore, isDirty, type EditorStore } from '../../renderer/src/store/editorStore.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { serializeDocument } from '../../shared/model/serialize.js';
import type { BackpressureBridge, IpcEvents, OpenedFile } from '../../shared/ipc.js';

type Listeners = { [K in keyof IpcEvents]: ((payload: IpcEvents[K]) => void)[] };

/** A bridge as the preload exposes it, answering like the main process would, and recording every call. */
function fakeBridge(overrides: Partial<BackpressureBridge> = {}) {
  const listeners: Listeners = { 'menu:command': [], 'file:opened': [], 'app:beforeClose': [], 'app:notice': [] };
  const on =
    <K extends keyof IpcEvents>(channel: K) =>
    (listener: (payload: IpcEvents[K]) => void) => {
      listeners[channel].push(listener);
      return () => undefined;
    };
  const bridge: BackpressureBridge = {
    ready: vi.fn(async () => ({ platform: 'linux', version: '0.1.0' })),
    openDialog: vi.fn(async () => null),
    openPath: vi.fn(async (path: string) => ({ path, name: path.split('/').pop()!, text: '' })),
    save: vi.fn(async (path: string) => ({ path, name: path.split('/').pop()! })),
    saveAs: vi.fn(async () => null),
    exportSave: vi.fn(async () => null),
    recentFiles: vi.fn(async () => []),
    clearRecentFiles: vi.fn(async () => null),
    writeAutosave: vi.fn(async () => null),
    recoverAutosave: vi.fn(async () => null),
    discardAutosave: vi.fn(async () => null),
    setDocumentState: vi.fn(async () => null),
    closeWindow: vi.fn(async () => null),
    cancelClose: vi.fn(async () => null),
    nativeEdit: vi.fn(async () => null),
    confirm: vi.fn(async () => 'cancel' as const),
    pathForFile: vi.fn(() => ''),
    onMenuCommand: on('menu:command'),
    onFileOpened: on('file:opened'),
    onBeforeClose: on('app:beforeClose'),
    onNotice: on('app:notice'),
    ...overrides,
  };
  const emit = <K extends keyof IpcEvents>(channel: K, payload: IpcEvents[K]) =>
    listeners[channel].forEach((l) => l(payload));
  return { bridge, emit };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A store holding a saved document at `path` with one unsaved edit. */
function editedStore(path: string | null = '/home/ada/shop.bp.json'): EditorStore {
  const store = createEditorStore();
  store.getState().load(emptyDocument('Shop'), path ? { name: 'shop.bp.json', handle: { path } } : null);
  store.getState().edit('Rename', (doc) => {
    doc.name = 'Shop v2';
  });
  return store;
}

const documentFile = (name = 'chat.bp.json', docName = 'Chat'): OpenedFile => ({
  path: `/home/ada/${name}`,
  name,
  text: serializeDocument(emptyDocument(docName)),
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('desktop bridge', () => {
  it('is found only where the preload exposed it', () => {
    const { bridge } = fakeBridge();
    expect(desktopBridge({ backpressure: bridge })).toBe(bridge);
    expect(desktopBridge({})).toBeNull();
    expect(desktopBridge({ backpressure: { ready: 1 } })).toBeNull();
  });
});

describe('desktop files', () => {
  it('saves back to the file the document came from, and drops the autosave', async () => {
    const store = editedStore();
    const { bridge } = fakeBridge();
    await desktopFiles(store, bridge).save();
    expect(bridge.save).toHaveBeenCalledWith('/home/ada/shop.bp.json', serializeDocument(store.getState().doc));
    expect(isDirty(store.getState())).toBe(false);
    expect(bridge.discardAutosave).toHaveBeenCalled();
    expect(store.getState().notice?.text).toBe('Saved “shop.bp.json”');
  });

  it('saves a new document through the native Save as dialog, then back to the file chosen', async () => {
    const store = editedStore(null);
    const { bridge } = fakeBridge({
      saveAs: vi.fn(async () => ({ path: '/home/ada/shop-v2.bp.json', name: 'shop-v2.bp.json' })),
    });
    const files = desktopFiles(store, bridge);
    await files.save();
    expect(bridge.saveAs).toHaveBeenCalledWith('shop-v2.bp.json', expect.stringContaining('"Shop v2"'));
    expect(filePathOf(store.getState().file)).toBe('/home/ada/shop-v2.bp.json');
    store.getState().edit('Rename', (doc) => void (doc.name = 'Shop v3'));
    await files.save();
    expect(bridge.save).toHaveBeenCalledWith('/home/ada/shop-v2.bp.json', expect.stringContaining('"Shop v3"'));
  });

  it('keeps the changes unsaved when the save fails or is cancelled, and says why', async () => {
    const store = editedStore();
    const { bridge } = fakeBridge({
      save: vi.fn(async () => {
        throw new Error('Cannot save “shop.bp.json”: permission denied');
      }),
    });
    await desktopFiles(store, bridge).save();
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: 'Cannot save “shop.bp.json”: permission denied',
    });
    await desktopFiles(store, bridge).saveAs();
    expect(isDirty(store.getState())).toBe(true);
  });

  it('keeps an edit made while saving as unsaved', async () => {
    const store = editedStore();
    let finish: () => void = () => undefined;
    const { bridge } = fakeBridge({
      save: vi.fn(
        (path: string) =>
          new Promise<{ path: string; name: string }>((resolve) => {
            finish = () => resolve({ path, name: 'shop.bp.json' });
          }),
      ),
    });
    const saving = desktopFiles(store, bridge).save();
    store.getState().edit('Rename', (doc) => void (doc.name = 'Typed meanwhile'));
    finish();
    await saving;
    expect(isDirty(store.getState())).toBe(true);
    expect(filePathOf(store.getState().file)).toBe('/home/ada/shop.bp.json');
  });

  it('opens a file from the native dialog, asking first about unsaved changes', async () => {
    const store = editedStore();
    const opened = documentFile();
    const confirm = vi.fn(async () => 'discard' as const);
    const { bridge } = fakeBridge({ openDialog: vi.fn(async () => opened), confirm });
    await desktopFiles(store, bridge).open();
    expect(confirm).toHaveBeenCalledWith({ kind: 'unsaved', name: 'Shop v2', action: 'open' });
    expect(store.getState().doc.name).toBe('Chat');
    expect(filePathOf(store.getState().file)).toBe('/home/ada/chat.bp.json');
    expect(isDirty(store.getState())).toBe(false);
    expect(bridge.discardAutosave).toHaveBeenCalled();
  });

  it('keeps the current document when the user cancels, or saves it first when asked to', async () => {
    const store = editedStore();
    const cancel = fakeBridge({ confirm: vi.fn(async () => 'cancel' as const) });
    expect(await desktopFiles(store, cancel.bridge).openFile(documentFile())).toBe(false);
    expect(store.getState().doc.name).toBe('Shop v2');

    const save = fakeBridge({ confirm: vi.fn(async () => 'save' as const) });
    expect(await desktopFiles(store, save.bridge).openFile(documentFile())).toBe(true);
    expect(save.bridge.save).toHaveBeenCalledWith('/home/ada/shop.bp.json', expect.stringContaining('"Shop v2"'));
    expect(store.getState().doc.name).toBe('Chat');
  });

  it('refuses a file that is not a Backpressure document, listing the problems, without asking', async () => {
    const store = editedStore();
    const { bridge } = fakeBridge();
    const ok = await desktopFiles(store, bridge).openFile({
      path: '/x/notes.bp.json',
      name: 'notes.bp.json',
      text: '{"a":',
    });
    expect(ok).toBe(false);
    expect(bridge.confirm).not.toHaveBeenCalled();
    expect(store.getState().problems?.title).toBe('“notes.bp.json” is not a Backpressure document');
    expect(store.getState().doc.name).toBe('Shop v2');
  });

  it('starts a new document after asking', async () => {
    const store = editedStore();
    const { bridge } = fakeBridge({ confirm: vi.fn(async () => 'discard' as const) });
    await desktopFiles(store, bridge).newDocument();
    expect(store.getState().doc.nodes).toEqual([]);
    expect(store.getState().file).toBeNull();
  });
});

describe('recovery and autosave', () => {
  const record = {
    text: serializeDocument(emptyDocument('Recovered work')),
    name: 'Recovered work',
    filePath: '/home/ada/shop.bp.json',
    savedAt: 1_700_000_000_000,
  };

  it('restores the autosave after a crash as unsaved work bound to the user’s file, which is not written', async () => {
    const store = createEditorStore();
    const { bridge } = fakeBridge({
      recoverAutosave: vi.fn(async () => record),
      confirm: vi.fn(async () => 'restore' as const),
    });
    expect(await offerRecovery(store, bridge)).toBe(true);
    expect(bridge.confirm).toHaveBeenCalledWith({ kind: 'recover', name: 'Recovered work', savedAt: record.savedAt });
    expect(store.getState().doc.name).toBe('Recovered work');
    expect(isDirty(store.getState())).toBe(true);
    expect(filePathOf(store.getState().file)).toBe('/home/ada/shop.bp.json');
    expect(bridge.save).not.toHaveBeenCalled();
  });

  it('discards the autosave when the user does not want it back', async () => {
    const store = createEditorStore();
    const { bridge } = fakeBridge({
      recoverAutosave: vi.fn(async () => record),
      confirm: vi.fn(async () => 'discard' as const),
    });
    expect(await offerRecovery(store, bridge)).toBe(false);
    expect(bridge.discardAutosave).toHaveBeenCalled();
    expect(store.getState().doc.name).toBe('Untitled topology');
  });

  it('copies unsaved work every 30 s, only when it changed, and drops the copy once saved', async () => {
    vi.useFakeTimers();
    const store = editedStore();
    const { bridge } = fakeBridge();
    const stop = startDesktopAutosave(store, bridge, vi.fn());
    await vi.advanceTimersByTimeAsync(29_000);
    expect(bridge.writeAutosave).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(bridge.writeAutosave).toHaveBeenCalledExactlyOnceWith({
      text: serializeDocument(store.getState().doc),
      name: 'Shop v2',
      filePath: '/home/ada/shop.bp.json',
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(bridge.writeAutosave).toHaveBeenCalledTimes(1);
    store.getState().markSaved(store.getState().file);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(bridge.discardAutosave).toHaveBeenCalledTimes(1);
    stop();
    store.getState().edit('Rename', (doc) => void (doc.name = 'After stop'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bridge.writeAutosave).toHaveBeenCalledTimes(1);
  });

  it('reports a failing autosave once, not every 30 s', async () => {
    vi.useFakeTimers();
    const store = editedStore();
    const onError = vi.fn();
    const { bridge } = fakeBridge({
      writeAutosave: vi.fn(async () => {
        throw new Error('disk full');
      }),
    });
    startDesktopAutosave(store, bridge, onError);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(onError).toHaveBeenCalledExactlyOnceWith('Autosave failed: disk full');
  });
});

describe('the window', () => {
  it('shows the file name and an unsaved marker in the title', () => {
    const store = editedStore();
    const { bridge } = fakeBridge();
    syncDocumentState(store, bridge);
    expect(bridge.setDocumentState).toHaveBeenLastCalledWith({
      title: '• shop.bp.json — Backpressure',
      dirty: true,
      filePath: '/home/ada/shop.bp.json',
    });
    store.getState().markSaved(store.getState().file);
    expect(bridge.setDocumentState).toHaveBeenLastCalledWith({
      title: 'shop.bp.json — Backpressure',
      dirty: false,
      filePath: '/home/ada/shop.bp.json',
    });
    const calls = vi.mocked(bridge.setDocumentState).mock.calls.length;
    store.getState().select({ nodes: [] });
    expect(bridge.setDocumentState).toHaveBeenCalledTimes(calls);
  });

  it('runs the menu’s commands, and edits a focused text field natively instead', () => {
    const store = createEditorStore();
    const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
    insertNode(ctx, 'service', { x: 0, y: 0 });
    store.getState().clearSelection();
    const { bridge } = fakeBridge();
    runMenuCommand(ctx, bridge, 'edit.selectAll');
    expect(store.getState().selection.nodes).toHaveLength(1);

    store.getState().clearSelection();
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    runMenuCommand(ctx, bridge, 'edit.selectAll');
    expect(bridge.nativeEdit).toHaveBeenCalledWith('selectAll');
    expect(store.getState().selection.nodes).toHaveLength(0);
    // Commands that are not text editing still run from a text field.
    runMenuCommand(ctx, bridge, 'insert.note');
    expect(store.getState().doc.notes).toHaveLength(1);
  });

  it('asks before closing with unsaved changes: closes after Don’t Save, stays after Cancel', async () => {
    const store = editedStore();
    const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
    const answers = ['cancel', 'discard'] as const;
    let asked = 0;
    const { bridge, emit } = fakeBridge({ confirm: vi.fn(async () => answers[asked++]!) });
    await connectDesktop(ctx, desktopFiles(store, bridge), bridge);
    expect(bridge.ready).toHaveBeenCalledWith(
      expect.arrayContaining([{ id: 'file.save', label: 'Save', shortcut: 'Mod+S' }]),
    );

    emit('app:beforeClose', { action: 'close' });
    await flush();
    expect(bridge.cancelClose).toHaveBeenCalledOnce();
    expect(bridge.closeWindow).not.toHaveBeenCalled();

    emit('app:beforeClose', { action: 'quit' });
    await flush();
    expect(bridge.confirm).toHaveBeenLastCalledWith({ kind: 'unsaved', name: 'Shop v2', action: 'quit' });
    expect(bridge.closeWindow).toHaveBeenCalledOnce();
  });

  it('opens files the system hands over and runs commands chosen in the menu', async () => {
    const store = createEditorStore();
    const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
    const { bridge, emit } = fakeBridge();
    await connectDesktop(ctx, desktopFiles(store, bridge), bridge);
    emit('file:opened', documentFile('chat.bp.json', 'Chat'));
    await flush();
    expect(store.getState().doc.name).toBe('Chat');
    emit('menu:command', { id: 'insert.note' });
    expect(store.getState().doc.notes).toHaveLength(1);
    emit('app:notice', { message: 'Cannot open “x.bp.json”: permission denied', level: 'error' });
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: 'Cannot open “x.bp.json”: permission denied',
    });
  });

  it('opens a .bp.json dropped on the window by its path, so Save writes back to it', async () => {
    const store = createEditorStore();
    const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
    const opened = documentFile('dropped.bp.json', 'Dropped');
    const { bridge } = fakeBridge({
      pathForFile: vi.fn(() => opened.path),
      openPath: vi.fn(async () => opened),
    });
    await connectDesktop(ctx, desktopFiles(store, bridge), bridge);
    const file = new File([opened.text], 'dropped.bp.json', { type: 'application/json' });
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
    document.body.dispatchEvent(drop);
    await flush();
    await flush();
    expect(drop.defaultPrevented).toBe(true);
    expect(bridge.openPath).toHaveBeenCalledWith('/home/ada/dropped.bp.json');
    expect(store.getState().doc.name).toBe('Dropped');
    expect(filePathOf(store.getState().file)).toBe('/home/ada/dropped.bp.json');
  });
});
