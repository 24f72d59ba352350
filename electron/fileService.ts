/**
 * Opening, saving and exporting documents for the renderer, over injected dialogs and file system.
 *
 * The renderer never names a file to write on its own: `save` writes only to a file this session opened or
 * saved through a dialog, the command line, the OS or the recent list (the "granted" files). `openPath` (for
 * recent and dropped files) reads only `.json` files that are Backpressure documents, so a compromised renderer
 * cannot use it to read other files.
 */
import path from 'node:path';
import { IPC_MAX_BYTES, type OpenedFile, type SavedFile } from '../shared/ipc.js';
import { writeFileAtomic } from './atomicWrite.js';
import { DOCUMENT_EXTENSION } from './fileArgs.js';
import { fileError, type FileSystem } from './fileSystem.js';
import type { RecentFiles } from './recentFiles.js';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The native dialogs, as Electron's `dialog` (bound to the app window) provides them. */
export interface DialogApi {
  showOpenDialog(options: {
    title?: string;
    defaultPath?: string;
    filters: FileFilter[];
    properties: ('openFile' | 'dontAddToRecent')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title?: string;
    defaultPath: string;
    filters: FileFilter[];
    properties?: ('showOverwriteConfirmation' | 'createDirectory')[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export const DOCUMENT_FILTERS: FileFilter[] = [
  { name: 'Backpressure topology', extensions: ['bp.json'] },
  { name: 'JSON', extensions: ['json'] },
];

export interface FileService {
  open(): Promise<OpenedFile | null>;
  /** Reads a document by path (recent, dropped, command line); refuses what is not a Backpressure document. */
  openPath(file: string): Promise<OpenedFile>;
  save(file: string, text: string): Promise<SavedFile>;
  saveAs(suggestedName: string, text: string): Promise<SavedFile | null>;
  exportSave(suggestedName: string, data: string | Uint8Array, filters: FileFilter[]): Promise<SavedFile | null>;
  /** Allows `save` to write `file` (the file of a recovered autosave, which the main process itself recorded). */
  grant(file: string): void;
  isGranted(file: string): boolean;
}

/** Whether text is a Backpressure document by its `format`, before any closer validation. */
export function looksLikeDocument(text: string): boolean {
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    const format = (value as { format?: unknown } | null)?.format;
    return typeof format === 'string' && format.startsWith('backpressure.');
  } catch {
    return false;
  }
}

export function createFileService(options: {
  fs: FileSystem;
  dialog: DialogApi;
  recent: RecentFiles;
  /** Where dialogs start when there is no current file (the user's documents folder). */
  documentsDir: string;
  platform?: NodeJS.Platform;
}): FileService {
  const { fs, dialog, recent, documentsDir, platform = process.platform } = options;
  const granted = new Set<string>();
  const key = (file: string) => {
    const resolved = path.resolve(file);
    return platform === 'linux' ? resolved : resolved.toLowerCase();
  };
  const grant = (file: string) => void granted.add(key(file));
  let lastFolder = documentsDir;

  async function read(file: string): Promise<OpenedFile> {
    const name = path.basename(file);
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new Error(`Cannot open “${name}”: it is not a file`);
      if (stat.size > IPC_MAX_BYTES) throw new Error(`Cannot open “${name}”: it is larger than 64 MB`);
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Cannot open')) throw error;
      throw fileError('Cannot open', name, error);
    }
    grant(file);
    lastFolder = path.dirname(file);
    await recent.add(file);
    return { path: file, name, text };
  }

  async function write(file: string, data: string | Uint8Array, what: string): Promise<SavedFile> {
    const name = path.basename(file);
    try {
      await writeFileAtomic(fs, file, data);
    } catch (error) {
      throw fileError(what, name, error);
    }
    lastFolder = path.dirname(file);
    return { path: file, name };
  }

  return {
    grant,
    isGranted: (file) => granted.has(key(file)),
    async open() {
      const result = await dialog.showOpenDialog({
        title: 'Open a topology',
        defaultPath: lastFolder,
        filters: DOCUMENT_FILTERS,
        properties: ['openFile'],
      });
      const file = result.filePaths[0];
      if (result.canceled || !file) return null;
      return read(file);
    },
    async openPath(file) {
      const name = path.basename(file);
      if (!name.toLowerCase().endsWith('.json')) throw new Error(`Cannot open “${name}”: not a .bp.json file`);
      const opened = await read(file).catch(async (error: unknown) => {
        await recent.remove(file);
        throw error;
      });
      if (!looksLikeDocument(opened.text)) {
        granted.delete(key(file));
        await recent.remove(file);
        throw new Error(`Cannot open “${name}”: it is not a Backpressure document`);
      }
      return opened;
    },
    async save(file, text) {
      if (!granted.has(key(file))) {
        throw new Error(`Cannot save “${path.basename(file)}”: choose where to save it with Save as`);
      }
      const saved = await write(file, text, 'Cannot save');
      await recent.add(file);
      return saved;
    },
    async saveAs(suggestedName, text) {
      const result = await dialog.showSaveDialog({
        title: 'Save the topology',
        defaultPath: path.join(lastFolder, suggestedName),
        filters: DOCUMENT_FILTERS,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (result.canceled || !result.filePath) return null;
      // Linux file choosers do not add the filter's extension themselves.
      const file = path.extname(result.filePath) ? result.filePath : result.filePath + DOCUMENT_EXTENSION;
      const saved = await write(file, text, 'Cannot save');
      grant(file);
      await recent.add(file);
      return saved;
    },
    async exportSave(suggestedName, data, filters) {
      const result = await dialog.showSaveDialog({
        title: 'Export',
        defaultPath: path.join(lastFolder, suggestedName),
        filters,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (result.canceled || !result.filePath) return null;
      const wanted = filters[0]?.extensions[0];
      const file =
        path.extname(result.filePath) || !wanted ? result.filePath : `${result.filePath}.${wanted.replace(/^\./, '')}`;
      return write(file, data, 'Cannot export');
    },
  };
}
