/**
 * Files written all at once or not at all: content goes to a temp file in the target's directory, which is renamed
 * over the target only when everything was written. A reader never sees half a report or half a trace, and a
 * failed run leaves the previous file alone.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './errors.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
};

/** Turns a failed file-system call on an output into an input error that names the file the user gave. */
export function writeError(shownName: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return err instanceof Error ? err : new Error(String(err));
  return new InputError(`cannot write ${shownName}: ${REASONS[code] ?? code.toLowerCase()}`);
}

/** A file being written through a temp file; `commit()` puts it in place, `abort()` throws it away. */
export class AtomicFile {
  private fd: number | null;
  private readonly tempPath: string;

  /**
   * @param target absolute path of the file to write.
   * @param shownName how the user wrote it, for error messages.
   */
  constructor(
    private readonly target: string,
    private readonly shownName: string,
  ) {
    const dir = path.dirname(target);
    this.tempPath = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.fd = fs.openSync(this.tempPath, 'wx', 0o644);
    } catch (err) {
      throw writeError(shownName, err);
    }
  }

  /** Appends text; synchronous, so memory stays bounded however much is written. */
  write(text: string): void {
    if (this.fd === null) throw new Error('AtomicFile: write after commit or abort');
    try {
      fs.writeSync(this.fd, text);
    } catch (err) {
      this.abort();
      throw writeError(this.shownName, err);
    }
  }

  /** Flushes the temp file to disk and renames it over the target. */
  commit(): void {
    if (this.fd === null) throw new Error('AtomicFile: commit after commit or abort');
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = null;
      fs.renameSync(this.tempPath, this.target);
    } catch (err) {
      this.abort();
      throw writeError(this.shownName, err);
    }
  }

  /** Removes the temp file; safe to call more than once. */
  abort(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already unusable; the unlink below is what matters
      }
      this.fd = null;
    }
    try {
      fs.rmSync(this.tempPath, { force: true });
    } catch {
      // nothing more we can do; a stray temp file is better than hiding the real error
    }
  }
}

/** Writes `text` to `target` atomically. */
export function writeFileAtomic(target: string, shownName: string, text: string): void {
  const file = new AtomicFile(target, shownName);
  file.write(text);
  file.commit();
}

/**
 * True when two paths name the same file: the same resolved path, or (when both exist) the same inode, which also
 * catches symlinks and hard links.
 */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
