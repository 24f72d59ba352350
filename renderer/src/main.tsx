import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './app.css';
import { readAutosave, startAutosave } from './files/autosave.js';
import { browserFiles } from './files/browserFiles.js';
import { desktopBridge } from './files/bridge.js';
import { connectDesktop, desktopFiles } from './files/desktopFiles.js';
import { loadableDocument } from './files/loadable.js';
import { SimClient, type WorkerLike } from './sim/simClient.js';
import type { CommandContext } from './store/commands.js';
import { createEditorStore, type ThemeChoice } from './store/editorStore.js';

async function start() {
  const store = createEditorStore();
  try {
    const saved = globalThis.localStorage?.getItem('backpressure.theme');
    if (saved === 'light' || saved === 'dark' || saved === 'system')
      store.getState().set({ theme: saved as ThemeChoice });
  } catch {
    // no storage: follow the system
  }
  // In the desktop app the main process keeps the autosave (and offers it after a crash), not IndexedDB.
  const bridge = desktopBridge();
  const desktop = bridge ? desktopFiles(store, bridge) : null;
  const restored = bridge ? null : await readAutosave();
  if (restored) {
    const doc = loadableDocument(JSON.stringify(restored.doc));
    if (doc) {
      store.getState().load(doc, restored.file, { dirty: restored.dirty });
      if (restored.dirty && doc.nodes.length > 0)
        store.getState().notify(`Restored your unsaved work from ${new Date(restored.savedAt).toLocaleTimeString()}`);
    }
  }
  const ctx: CommandContext = {
    store,
    view: null,
    files: desktop ?? browserFiles(store),
    clipboard: { fragment: null, pastes: 0 },
  };
  if (!bridge) startAutosave(store, (message) => store.getState().notify(message, 'error'));
  // The desktop window asks natively on close (a beforeunload refusal would silently keep it open).
  if (!bridge)
    globalThis.addEventListener('beforeunload', (e) => {
      // Autosave keeps the work, but a file the user saved is behind: say so before they leave.
      const s = store.getState();
      if (s.file && s.revision !== s.savedRevision) e.preventDefault();
    });
  const worker = new Worker(new URL('./sim/worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
  const sim = new SimClient(worker as unknown as WorkerLike);
  ctx.sim = sim;
  const root = globalThis.document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App ctx={ctx} sim={sim} />
    </StrictMode>,
  );
  if (bridge && desktop)
    void connectDesktop(ctx, desktop, bridge).catch((error: unknown) =>
      store.getState().notify(`The desktop shell did not answer: ${String(error)}`, 'error'),
    );
}

void start();
