import { parseDocument } from '../../../shared/model/validate.js';
import { serializeDocument } from '../../../shared/model/serialize.js';
import type { FileApi } from '../store/commands.js';
import { isDirty, type EditorStore, type FileTarget } from '../store/editorStore.js';
import { emptyDocument } from '../store/emptyDocument.js';
import { loadableDocument } from './loadable.js';
import { downloadText } from './download.js';

interface WritableLike {
  write(data: string): Promise<void>;
  close(): Promise<void>;
}
interface FileHandleLike {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<WritableLike>;
}
interface PickerWindow {
  showOpenFilePicker?: (options: object) => Promise<FileHandleLike[]>;
  showSaveFilePicker?: (options: object) => Promise<FileHandleLike>;
}

const TYPES = [{ description: 'Backpressure topology', accept: { 'application/json': ['.bp.json', '.json'] } }];
const picker = () => globalThis as unknown as PickerWindow;
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

function suggestedName(store: EditorStore): string {
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

/** Asks before throwing away unsaved changes. */
export function confirmDiscard(store: EditorStore, action: string): boolean {
  if (!isDirty(store.getState())) return true;
  return globalThis.confirm(`${action}? Your unsaved changes to “${store.getState().doc.name}” will be lost.`);
}

/**
 * Opens the text of a file into the editor. A file that is not a Backpressure document (not JSON, another format,
 * a shape the canvas cannot draw) shows every problem and leaves the current document as it was. A document whose
 * shape is right but whose content has problems (one saved mid-edit: a sidecar not yet attached, a value out of
 * range) opens, and the inspector lists what to fix.
 */
export function openText(store: EditorStore, text: string, file: FileTarget): boolean {
  const result = parseDocument(text);
  const doc = result.ok ? result.document : loadableDocument(text);
  if (!doc) {
    store
      .getState()
      .showProblems({ title: `“${file.name}” is not a Backpressure document`, problems: result.problems });
    return false;
  }
  if (!confirmDiscard(store, `Open “${file.name}”`)) return false;
  store.getState().load(doc, file);
  const count = result.problems.length;
  store
    .getState()
    .notify(
      count === 0
        ? `Opened “${file.name}”`
        : `Opened “${file.name}”: ${count} problem${count === 1 ? '' : 's'} to fix, listed in the inspector`,
      count === 0 ? 'info' : 'error',
    );
  return true;
}

function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = globalThis.document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.bp.json,application/json';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    globalThis.document.body.append(input);
    input.click();
  });
}

async function writeHandle(handle: FileHandleLike, text: string): Promise<void> {
  const w = await handle.createWritable();
  await w.write(text);
  await w.close();
}

/** New, open and save in a browser: the File System Access API where there is one, upload and download otherwise. */
export function browserFiles(store: EditorStore): FileApi {
  const report = (e: unknown, what: string) => {
    if (!isAbort(e)) store.getState().notify(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  };
  const saveAs = async () => {
    const text = serializeDocument(store.getState().doc);
    const name = suggestedName(store);
    try {
      const show = picker().showSaveFilePicker;
      if (show) {
        const handle = await show({ suggestedName: name, types: TYPES });
        await writeHandle(handle, text);
        store.getState().markSaved({ name: handle.name, handle });
      } else {
        downloadText(name, text, 'application/json');
        store.getState().markSaved({ name });
      }
      store.getState().notify(`Saved “${store.getState().file?.name ?? name}”`);
    } catch (e) {
      report(e, 'Save');
    }
  };
  return {
    newDocument() {
      if (!confirmDiscard(store, 'Start a new document')) return;
      store.getState().load(emptyDocument(), null);
    },
    async open() {
      try {
        const show = picker().showOpenFilePicker;
        if (show) {
          const [handle] = await show({ types: TYPES, multiple: false });
          if (!handle) return;
          const file = await handle.getFile();
          openText(store, await file.text(), { name: handle.name, handle });
        } else {
          const file = await pickWithInput();
          if (file) openText(store, await file.text(), { name: file.name });
        }
      } catch (e) {
        report(e, 'Open');
      }
    },
    async save() {
      const target = store.getState().file;
      const handle = target?.handle as FileHandleLike | undefined;
      if (!handle?.createWritable) return saveAs();
      try {
        await writeHandle(handle, serializeDocument(store.getState().doc));
        store.getState().markSaved(target);
        store.getState().notify(`Saved “${target!.name}”`);
      } catch (e) {
        report(e, 'Save');
      }
    },
    saveAs,
  };
}
