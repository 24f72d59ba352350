/**
 * Recently opened and saved documents: kept in `recent-files.json` in the app's data folder (most recent first,
 * no duplicates) and handed to the operating system's own list (Windows jump list, macOS Open Recent, the Linux
 * recent-files store) through `addRecentDocument`.
 */
import path from 'node:path';
import type { RecentFile } from '../shared/ipc.js';
import type { FileSystem } from './fileSystem.js';
import { readJson, writeJson } from './jsonFile.js';

/** How many documents the list keeps. */
export const RECENT_LIMIT = 10;

/** The operating system's recent-documents list (Electron's `app`). */
export interface OsRecentDocuments {
  addRecentDocument(path: string): void;
  clearRecentDocuments(): void;
}

export interface RecentFiles {
  list(): Promise<RecentFile[]>;
  /** Puts `file` first; returns the new list. */
  add(file: string): Promise<RecentFile[]>;
  /** Forgets `file` (it could not be opened); returns the new list. */
  remove(file: string): Promise<RecentFile[]>;
  clear(): Promise<RecentFile[]>;
}

/** Case-insensitive file systems (Windows, macOS by default) name one file in several ways. */
const sameKey = (a: string, b: string, platform: NodeJS.Platform) =>
  platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();

function parse(value: unknown): string[] {
  const paths = (value as { files?: unknown } | undefined)?.files;
  if (!Array.isArray(paths)) return [];
  return paths.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).slice(0, RECENT_LIMIT);
}

/** The recent-files list persisted in `file` (JSON: `{ "files": ["/abs/path.bp.json", …] }`). */
export function createRecentFiles(options: {
  fs: FileSystem;
  file: string;
  os: OsRecentDocuments;
  platform?: NodeJS.Platform;
  /** Called with the new list after each change (the native menu's Open Recent shows it). */
  onChange?(list: RecentFile[]): void;
}): RecentFiles {
  const { fs, file, os, platform = process.platform, onChange } = options;
  let cache: string[] | null = null;
  const load = async () => (cache ??= parse(await readJson(fs, file)));
  const view = (paths: string[]): RecentFile[] => paths.map((p) => ({ path: p, name: path.basename(p) }));
  const store = async (paths: string[]) => {
    cache = paths;
    onChange?.(view(paths));
    await writeJson(fs, file, { files: paths });
    return view(paths);
  };
  return {
    list: async () => view(await load()),
    async add(added) {
      const paths = (await load()).filter((p) => !sameKey(p, added, platform));
      os.addRecentDocument(added);
      return store([added, ...paths].slice(0, RECENT_LIMIT));
    },
    async remove(removed) {
      return store((await load()).filter((p) => !sameKey(p, removed, platform)));
    },
    async clear() {
      os.clearRecentDocuments();
      return store([]);
    },
  };
}
