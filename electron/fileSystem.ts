/**
 * The slice of Node's `fs` the main process's file logic uses. Production passes `nodeFileSystem`; the tests pass
 * an in-memory or failing stand-in, so atomic saves, autosave and persistence are tested without a disk to break.
 */
import fs from 'node:fs';

/** An open file, as `fs.promises.open` returns it. */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileSystem {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: 'wx', mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
  stat(path: string): Promise<{ mode: number; size: number; isFile(): boolean }>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Synchronous removal, for the last moment of a quitting process when nothing asynchronous will finish. */
  rmSync(path: string, options: { force: true }): void;
}

export const nodeFileSystem: FileSystem = {
  readFile: (path, encoding) => fs.promises.readFile(path, encoding),
  open: (path, flags, mode) => fs.promises.open(path, flags, mode),
  rename: (from, to) => fs.promises.rename(from, to),
  rm: (path, options) => fs.promises.rm(path, options),
  stat: (path) => fs.promises.stat(path),
  mkdir: (path, options) => fs.promises.mkdir(path, options),
  rmSync: (path, options) => fs.rmSync(path, options),
};

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'the file or its folder does not exist',
  ENOTDIR: 'a parent is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is in use',
};

/** A file-system error as a sentence for people: `Cannot save “a.bp.json”: permission denied`. */
export function fileError(what: string, name: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    typeof code === 'string' ? (REASONS[code] ?? code) : error instanceof Error ? error.message : String(error);
  return new Error(`${what} “${name}”: ${reason}`);
}
