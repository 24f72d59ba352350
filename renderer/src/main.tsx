import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './app.css';
import { readAutosave, startAutosave } from './files/autosave.js';
import { browserFiles } from './files/browserFiles.js';
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
  const restored = await readAutosave();
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
    files: browserFiles(store),
    clipboard: { fragment: null, pastes: 0 },
  };
  startAutosave(store, (message) => store.getState().notify(message, 'error'));
  globalThis.addEventListener('beforeunload', (e) => {
    // Autosave keeps the work, but a file the user saved is behind: say so before they leave.
    const s = store.getState();
    if (s.file && s.revision !== s.savedRevision) e.preventDefault();
  });
  const worker = new Worker(new URL('./sim/worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
  const sim = new SimClient(worker as unknown as WorkerLike);
  const root = globalThis.document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App ctx={ctx} sim={sim} />
    </StrictMode>,
  );
}

void start();
