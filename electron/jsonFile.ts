/**
 * Small JSON files in the app's data folder (recent files, window state, the session marker): read leniently,
 * written atomically. A missing, unreadable or corrupt file reads as `undefined`, so the app starts with defaults
 * rather than failing.
 */
import path from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import type { FileSystem } from './fileSystem.js';

/** Reads and parses `file`; undefined when it is missing or not JSON. */
export async function readJson(fs: FileSystem, file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON to `file` atomically, creating its folder when needed. */
export async function writeJson(fs: FileSystem, file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(fs, file, `${JSON.stringify(value, null, 2)}\n`);
}
