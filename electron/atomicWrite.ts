/**
 * Atomic file writes: the data goes to a temporary file in the target's folder, is flushed to the disk, and only
 * then renamed over the target. A crash or a failed write at any point leaves the previous file whole (a rename
 * within one folder is atomic), and the temporary file is removed when the write fails.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FileSystem } from './fileSystem.js';

/** The temporary file beside `target`: hidden, and unique per write. */
export function tempPathFor(target: string, unique = randomBytes(6).toString('hex')): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${unique}.tmp`);
}

/**
 * Writes `data` to `target` atomically. A file that already exists keeps its permission bits. Throws the
 * file system's error when any step fails, after removing the temporary file.
 */
export async function writeFileAtomic(fs: FileSystem, target: string, data: string | Uint8Array): Promise<void> {
  let mode = 0o644;
  try {
    mode = (await fs.stat(target)).mode & 0o777;
  } catch {
    // a new file
  }
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
