import { createStore as createIdbStore, del, get, set } from 'idb-keyval';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { isDirty, type EditorStore, type FileTarget } from '../store/editorStore.js';

const KEY = 'current';

export interface AutosaveRecord {
  doc: TopologyDocument;
  file: FileTarget | null;
  dirty: boolean;
  savedAt: number;
}

let idb: ReturnType<typeof createIdbStore> | null = null;
const database = () => (idb ??= createIdbStore('backpressure', 'autosave'));

export async function readAutosave(): Promise<AutosaveRecord | null> {
  try {
    const record = await get<AutosaveRecord>(KEY, database());
    return record && typeof record === 'object' && record.doc ? record : null;
  } catch {
    return null;
  }
}

export async function clearAutosave(): Promise<void> {
  await del(KEY, database()).catch(() => undefined);
}

async function write(record: AutosaveRecord): Promise<void> {
  try {
    await set(KEY, record, database());
  } catch {
    // A file handle may not be storable: keep the document, drop the handle.
    await set(KEY, { ...record, file: record.file ? { name: record.file.name } : null }, database());
  }
}

/**
 * Keeps a copy of the document in IndexedDB, written as soon as it changes (at most one write in flight; changes
 * made meanwhile are written right after it), so a reload or a crash loses nothing. It never touches the user's
 * file. Returns a function that stops it.
 */
export function startAutosave(store: EditorStore, onError: (message: string) => void): () => void {
  let writing = false;
  let pending = false;
  let failed = false;
  const flush = () => {
    if (writing) {
      pending = true;
      return;
    }
    writing = true;
    pending = false;
    const s = store.getState();
    write({ doc: s.doc, file: s.file, dirty: isDirty(s), savedAt: Date.now() })
      .then(() => {
        failed = false;
      })
      .catch((e: unknown) => {
        if (!failed) onError(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`);
        failed = true;
      })
      .finally(() => {
        writing = false;
        if (pending) flush();
      });
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.savedRevision === prev.savedRevision && s.file === prev.file) return;
    flush();
  });
  return unsubscribe;
}
