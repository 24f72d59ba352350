import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempPathFor, writeFileAtomic } from '../../electron/atomicWrite.js';
import { nodeFileSystem, type FileHandleLike, type FileSystem } from '../../electron/fileSystem.js';
import { useTempDir } from './tempDir.js';

const tempDir = useTempDir();

/** The real file system, except that writes stop after `bytes` bytes with ENOSPC, as on a full disk. */
function diskFullAfter(bytes: number): FileSystem {
  return {
    ...nodeFileSystem,
    async open(file, flags, mode) {
      const handle = await nodeFileSystem.open(file, flags, mode);
      const failing: FileHandleLike = {
        async writeFile(data) {
          const buffer = typeof data === 'string' ? Buffer.from(data) : data;
          await handle.writeFile(buffer.subarray(0, bytes));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
      return failing;
    },
  };
}

const listing = (dir: string) => fs.readdirSync(dir).sort();

describe('writeFileAtomic', () => {
  it('writes a new file and an existing one, leaving no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.bp.json');
    await writeFileAtomic(nodeFileSystem, file, 'first');
    await writeFileAtomic(nodeFileSystem, file, new TextEncoder().encode('second'));
    expect(fs.readFileSync(file, 'utf8')).toBe('second');
    expect(listing(dir)).toEqual(['a.bp.json']);
  });

  it('leaves the original intact and removes the temporary file when the write fails halfway', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.bp.json');
    const original = JSON.stringify({ format: 'backpressure.topology', nodes: ['x'.repeat(1000)] });
    fs.writeFileSync(file, original);
    const replacement = 'y'.repeat(5000);

    await expect(writeFileAtomic(diskFullAfter(2000), file, replacement)).rejects.toMatchObject({ code: 'ENOSPC' });

    expect(fs.readFileSync(file, 'utf8')).toBe(original);
    expect(listing(dir)).toEqual(['a.bp.json']);
  });

  it('leaves the original intact when the final rename fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.bp.json');
    fs.writeFileSync(file, 'original');
    const failingRename: FileSystem = {
      ...nodeFileSystem,
      rename: async () => {
        throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      },
    };
    await expect(writeFileAtomic(failingRename, file, 'new')).rejects.toMatchObject({ code: 'EPERM' });
    expect(fs.readFileSync(file, 'utf8')).toBe('original');
    expect(listing(dir)).toEqual(['a.bp.json']);
  });

  it('writes through a temporary file in the same folder (so the rename is atomic)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.bp.json');
    const opened: string[] = [];
    const spy: FileSystem = {
      ...nodeFileSystem,
      open: (p, flags, mode) => {
        opened.push(p);
        return nodeFileSystem.open(p, flags, mode);
      },
    };
    await writeFileAtomic(spy, file, 'x');
    expect(opened).toHaveLength(1);
    expect(path.dirname(opened[0]!)).toBe(dir);
    expect(path.basename(opened[0]!)).toMatch(/^\.a\.bp\.json\.[0-9a-f]+\.tmp$/);
    expect(tempPathFor(file, 'abc')).toBe(path.join(dir, '.a.bp.json.abc.tmp'));
  });

  it.skipIf(process.platform === 'win32')('keeps the permission bits of the file it replaces', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'private.bp.json');
    fs.writeFileSync(file, 'x', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    await writeFileAtomic(nodeFileSystem, file, 'y');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
