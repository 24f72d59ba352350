import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nodeFileSystem } from '../../electron/fileSystem.js';
import { RECENT_LIMIT, createRecentFiles } from '../../electron/recentFiles.js';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  type TrackedWindow,
} from '../../electron/windowState.js';
import { useTempDir } from './tempDir.js';

const tempDir = useTempDir();

const os = () => ({ addRecentDocument: vi.fn(), clearRecentDocuments: vi.fn() });

describe('recent files', () => {
  it('persist across a restart, most recent first, without duplicates', async () => {
    const file = path.join(tempDir(), 'recent-files.json');
    const system = os();
    const first = createRecentFiles({ fs: nodeFileSystem, file, os: system, platform: 'linux' });
    await first.add('/home/ada/a.bp.json');
    await first.add('/home/ada/b.bp.json');
    await first.add('/home/ada/a.bp.json');
    expect(system.addRecentDocument.mock.calls.map((c) => c[0])).toEqual([
      '/home/ada/a.bp.json',
      '/home/ada/b.bp.json',
      '/home/ada/a.bp.json',
    ]);

    const restarted = createRecentFiles({ fs: nodeFileSystem, file, os: os(), platform: 'linux' });
    expect(await restarted.list()).toEqual([
      { path: '/home/ada/a.bp.json', name: 'a.bp.json' },
      { path: '/home/ada/b.bp.json', name: 'b.bp.json' },
    ]);
  });

  it('keeps the last ten, forgets a file on request, and clears the OS list too', async () => {
    const file = path.join(tempDir(), 'recent-files.json');
    const system = os();
    const onChange = vi.fn();
    const recent = createRecentFiles({ fs: nodeFileSystem, file, os: system, platform: 'linux', onChange });
    for (let i = 0; i < 15; i++) await recent.add(`/d/${i}.bp.json`);
    expect((await recent.list()).map((f) => f.name)).toEqual(
      Array.from({ length: RECENT_LIMIT }, (_, i) => `${14 - i}.bp.json`),
    );
    await recent.remove('/d/14.bp.json');
    expect((await recent.list())[0]!.name).toBe('13.bp.json');
    await recent.clear();
    expect(system.clearRecentDocuments).toHaveBeenCalledOnce();
    expect(await createRecentFiles({ fs: nodeFileSystem, file, os: os() }).list()).toEqual([]);
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('treats paths differing in case as one file where the disk does', async () => {
    const recent = createRecentFiles({
      fs: nodeFileSystem,
      file: path.join(tempDir(), 'r.json'),
      os: os(),
      platform: 'win32',
    });
    await recent.add('C:\\Users\\Ada\\A.bp.json');
    await recent.add('C:\\Users\\ada\\a.bp.json');
    expect(await recent.list()).toHaveLength(1);
  });

  it('starts empty from a missing or corrupt file, and drops entries that are not absolute paths', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'recent-files.json');
    expect(await createRecentFiles({ fs: nodeFileSystem, file, os: os() }).list()).toEqual([]);
    fs.writeFileSync(file, '{ not json');
    expect(await createRecentFiles({ fs: nodeFileSystem, file, os: os() }).list()).toEqual([]);
    fs.writeFileSync(file, JSON.stringify({ files: ['relative.bp.json', 42, '/ok.bp.json'] }));
    expect(await createRecentFiles({ fs: nodeFileSystem, file, os: os() }).list()).toEqual([
      { path: '/ok.bp.json', name: 'ok.bp.json' },
    ]);
  });
});

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1050 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('persists size, position and maximised state across a restart', async () => {
    const file = path.join(tempDir(), 'window-state.json');
    expect(await loadWindowState(nodeFileSystem, file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
    await saveWindowState(nodeFileSystem, file, { x: 2000, y: 100, width: 1500, height: 900, maximized: true });
    expect(await loadWindowState(nodeFileSystem, file, [PRIMARY, RIGHT])).toEqual({
      x: 2000,
      y: 100,
      width: 1500,
      height: 900,
      maximized: true,
    });
  });

  it('drops a position on a display that is gone, and shrinks to the largest display', () => {
    const onRight = { x: 2000, y: 100, width: 2400, height: 1300, maximized: false };
    expect(fitToDisplays(onRight, [PRIMARY])).toEqual({ width: 1920, height: 1050, maximized: false });
    expect(fitToDisplays({ x: -5000, y: -5000, width: 900, height: 600, maximized: false }, [PRIMARY])).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('keeps a position whose title bar can still be grabbed, and enforces the minimum size', () => {
    expect(fitToDisplays({ x: -200, y: 10, width: 1000, height: 700, maximized: false }, [PRIMARY])).toMatchObject({
      x: -200,
      y: 10,
    });
    expect(fitToDisplays({ x: 0, y: 0, width: 10, height: 10, maximized: false }, [PRIMARY])).toMatchObject({
      width: 800,
      height: 500,
    });
  });

  it('reads garbage as the default', async () => {
    const file = path.join(tempDir(), 'window-state.json');
    fs.writeFileSync(file, JSON.stringify({ width: 'wide', height: -1 }));
    expect(await loadWindowState(nodeFileSystem, file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('saves the normal bounds once the window stops moving, and when it closes', () => {
    const handlers = new Map<string, () => void>();
    let bounds = { x: 10, y: 20, width: 1000, height: 700 };
    let maximized = false;
    const win: TrackedWindow = {
      on: (event, listener) => handlers.set(event, listener),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      isMinimized: () => false,
      isFullScreen: () => false,
    };
    const save = vi.fn();
    vi.useFakeTimers();
    try {
      trackWindowState(win, save);
      handlers.get('move')!();
      bounds = { ...bounds, x: 40 };
      handlers.get('move')!();
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(600);
      expect(save).toHaveBeenCalledExactlyOnceWith({ x: 40, y: 20, width: 1000, height: 700, maximized: false });
      maximized = true;
      handlers.get('maximize')!();
      handlers.get('close')!();
      expect(save).toHaveBeenLastCalledWith({ x: 40, y: 20, width: 1000, height: 700, maximized: true });
      vi.advanceTimersByTime(600);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
