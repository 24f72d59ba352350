import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAutosaveStore } from '../../electron/autosaveStore.js';
import { nodeFileSystem } from '../../electron/fileSystem.js';
import { useTempDir } from './tempDir.js';

const tempDir = useTempDir();

/** One run of the app: a store over the same folder, as each start creates it. */
const session = (folder: string, now = 1_700_000_000_000) =>
  createAutosaveStore({ fs: nodeFileSystem, folder, now: () => now });

const work = { text: '{"format":"backpressure.topology"}', name: 'Checkout', filePath: '/home/ada/checkout.bp.json' };

describe('autosave and crash recovery', () => {
  it('finds the autosave after a crash (the session never ended)', async () => {
    const folder = path.join(tempDir(), 'autosave');
    const crashed = session(folder, 1000);
    await crashed.begin();
    await crashed.write(work);
    // The process dies here: no end().

    const next = session(folder, 2000);
    await next.begin();
    expect(await next.recover()).toEqual({ ...work, savedAt: 1000 });
  });

  it('offers nothing after a clean quit, and removes what a clean session left', async () => {
    const folder = path.join(tempDir(), 'autosave');
    const clean = session(folder);
    await clean.begin();
    await clean.write(work);
    clean.end();

    const next = session(folder);
    await next.begin();
    expect(await next.recover()).toBeNull();
    expect(fs.existsSync(path.join(folder, 'current.json'))).toBe(false);
  });

  it('offers nothing after a crash when the work had been saved or discarded', async () => {
    const folder = path.join(tempDir(), 'autosave');
    const first = session(folder);
    await first.begin();
    await first.write(work);
    await first.discard();

    const next = session(folder);
    await next.begin();
    expect(await next.recover()).toBeNull();
  });

  it('never touches the user’s file', async () => {
    const dir = tempDir();
    const userFile = path.join(dir, 'checkout.bp.json');
    fs.writeFileSync(userFile, 'the saved version');
    const s = session(path.join(dir, 'autosave'));
    await s.begin();
    await s.write({ ...work, filePath: userFile });
    expect(fs.readFileSync(userFile, 'utf8')).toBe('the saved version');
  });

  it('keeps the last autosave of a page that crashed, for its reload', async () => {
    const s = session(path.join(tempDir(), 'autosave'), 5);
    await s.begin();
    await s.write(work);
    expect(await s.recover()).toBeNull();
    s.markCrashed();
    expect(await s.recover()).toEqual({ ...work, savedAt: 5 });
  });

  it('ignores a corrupt autosave', async () => {
    const folder = path.join(tempDir(), 'autosave');
    const first = session(folder);
    await first.begin();
    fs.writeFileSync(path.join(folder, 'current.json'), '{"text": 42');
    const next = session(folder);
    await next.begin();
    expect(await next.recover()).toBeNull();
  });
});
