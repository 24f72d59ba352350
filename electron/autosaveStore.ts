/**
 * Autosave and crash recovery. The renderer sends the unsaved document every 30 s; it is kept in the app's data
 * folder (`autosave/current.json`), never in the user's file. A session marker (`autosave/session.json`) is
 * written at start and removed when the app quits cleanly: finding it at the next start means the last session
 * crashed (or was killed), and only then is the autosave offered for recovery. A clean quit never leaves work
 * behind to recover: the user was asked to save or discard it.
 */
import path from 'node:path';
import type { RecoveredAutosave } from '../shared/ipc.js';
import type { FileSystem } from './fileSystem.js';
import { readJson, writeJson } from './jsonFile.js';

export interface AutosaveStore {
  /** Call once at start: notes whether the last session ended cleanly, then marks this one as running. */
  begin(): Promise<void>;
  write(record: Omit<RecoveredAutosave, 'savedAt'>): Promise<void>;
  /** The work a crashed session left, until it is restored or discarded; null after a clean session. */
  recover(): Promise<RecoveredAutosave | null>;
  /** The page crashed in this session: its last autosave becomes recoverable when it reloads. */
  markCrashed(): void;
  /** Drops the autosave (the document was saved, or the user chose not to keep it). */
  discard(): Promise<void>;
  /** The app is quitting cleanly: remove the session marker (synchronous, as the process is about to end). */
  end(): void;
  /** Where the copies live, for the README and the logs. */
  readonly folder: string;
}

function parseRecord(value: unknown): RecoveredAutosave | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text !== 'string' || typeof v.name !== 'string' || typeof v.savedAt !== 'number') return null;
  const filePath = typeof v.filePath === 'string' && path.isAbsolute(v.filePath) ? v.filePath : null;
  return { text: v.text, name: v.name, filePath, savedAt: v.savedAt };
}

export function createAutosaveStore(options: { fs: FileSystem; folder: string; now: () => number }): AutosaveStore {
  const { fs, folder, now } = options;
  const current = path.join(folder, 'current.json');
  const marker = path.join(folder, 'session.json');
  let crashed = false;
  return {
    folder,
    async begin() {
      crashed = (await readJson(fs, marker)) !== undefined;
      if (!crashed) await fs.rm(current, { force: true });
      await writeJson(fs, marker, { startedAt: now() });
    },
    async write(record) {
      await writeJson(fs, current, { ...record, savedAt: now() });
    },
    async recover() {
      if (!crashed) return null;
      return parseRecord(await readJson(fs, current));
    },
    markCrashed() {
      crashed = true;
    },
    async discard() {
      crashed = false;
      await fs.rm(current, { force: true });
    },
    end() {
      fs.rmSync(marker, { force: true });
    },
  };
}
