import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type ElectronApplication, type Page, _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_VIEWPORT, baseUrl, describeInBrowser, launchChromium } from './browser.js';
import { dragFromPalette, flowNodes } from './canvasDriver.js';
import { ELECTRON_MAIN, ELECTRON_MISSING, ROOT, WEB_DIST, WINDOW_TITLE, findElectron } from './environment.js';

const electronBinary = findElectron();
if (!electronBinary) console.warn(`[e2e] ${ELECTRON_MISSING}.`);

const PRELOAD = path.join(path.dirname(ELECTRON_MAIN), 'preload.cjs');

describe.skipIf(!electronBinary)('desktop window (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let scratch: string;

  beforeAll(async () => {
    const setupError = inject('e2eSetupError');
    if (setupError) throw new Error(setupError);
    if (!fs.existsSync(ELECTRON_MAIN) || !fs.existsSync(PRELOAD)) {
      const build = spawnSync('npm', ['run', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error(`npm run build:node failed (exit ${build.status})`);
    }
    // globalSetup.ts builds dist/web when an Electron binary is present.
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html'))).toBe(true);

    // The built dist/web, never a dev server named in the caller's environment.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[0] !== 'BACKPRESSURE_DEV_URL' && entry[1] !== undefined,
      ),
    );
    // A data folder of its own, so the test neither reads nor changes the user's recent files and autosave.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-desktop-'));
    // Chromium's sandbox refuses to start as root, as in most CI containers.
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: electronBinary,
      args: [...sandbox, ELECTRON_MAIN, `--user-data-dir=${path.join(scratch, 'profile')}`],
      cwd: ROOT,
      env,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('load');
  });

  afterAll(async () => {
    // Whatever a failed test left unsaved, quit without the question box.
    await app?.evaluate(({ dialog }) => {
      dialog.showMessageBox = (async () => ({ response: 1, checkboxChecked: false })) as typeof dialog.showMessageBox;
    });
    await app?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('opens a window titled Backpressure', async () => {
    expect(await page.title()).toMatch(WINDOW_TITLE);
  });

  it('gives the page no Node, only the named functions of the bridge', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const bridge = (g.backpressure ?? {}) as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.values(bridge).every((v) => typeof v === 'function') && Object.keys(bridge).length > 10,
      };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridge: true });
  });

  it('has the native menu, with the renderer’s commands', async () => {
    await expect
      .poll(() => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('file.save')?.label ?? null))
      .toBe('Save');
  });

  it('drags a node onto the canvas and saves it through the (stubbed) native dialog', async () => {
    await dragFromPalette(page, 'service', { x: 320, y: 220 });
    await expect.poll(() => flowNodes(page).count()).toBe(1);

    const target = path.join(scratch, 'desktop-smoke.bp.json');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('file.save')?.click());

    await expect.poll(() => fs.existsSync(target), { timeout: 10_000 }).toBe(true);
    const saved = JSON.parse(fs.readFileSync(target, 'utf8')) as { format: string; nodes: { kind: string }[] };
    expect(saved.format).toBe('backpressure.topology');
    expect(saved.nodes.map((n) => n.kind)).toEqual(['service']);
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle()))
      .toBe('desktop-smoke.bp.json — Backpressure');
    // Nothing but the file itself in its folder: the save went through a temporary file and a rename.
    expect(fs.readdirSync(scratch).filter((f) => f !== 'profile')).toEqual(['desktop-smoke.bp.json']);
  });
});

/**
 * The preload's bridge as the page sees it, played by a script in the page: it answers like the main process
 * and records every call in `window.__bridgeCalls`, so the desktop renderer runs in Chromium where Electron
 * cannot (this machine, most CI). What reaches the main process is covered by test/electron.
 */
function installStandInBridge(): void {
  type Listener = (payload: unknown) => void;
  const g = globalThis as unknown as Record<string, unknown>;
  const calls: [string, unknown[]][] = [];
  const listeners: Record<string, Listener[]> = {};
  const record =
    (name: string, answer: (...args: unknown[]) => unknown = () => null) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return answer(...args);
    };
  const on = (channel: string) => (listener: Listener) => {
    (listeners[channel] ??= []).push(listener);
    return () => undefined;
  };
  g.__bridgeCalls = calls;
  g.__bridgeEmit = (channel: string, payload: unknown) => (listeners[channel] ?? []).forEach((l) => l(payload));
  g.backpressure = {
    ready: record('ready', () => ({ platform: 'linux', version: '0.0.0' })),
    openDialog: record('openDialog'),
    openPath: record('openPath'),
    save: record('save', (path) => ({ path, name: String(path).split('/').pop() })),
    saveAs: record('saveAs', () => ({ path: '/home/ada/desktop-smoke.bp.json', name: 'desktop-smoke.bp.json' })),
    exportSave: record('exportSave'),
    recentFiles: record('recentFiles', () => []),
    clearRecentFiles: record('clearRecentFiles'),
    writeAutosave: record('writeAutosave'),
    recoverAutosave: record('recoverAutosave'),
    discardAutosave: record('discardAutosave'),
    setDocumentState: record('setDocumentState'),
    closeWindow: record('closeWindow'),
    cancelClose: record('cancelClose'),
    nativeEdit: record('nativeEdit'),
    confirm: record('confirm', () => 'discard'),
    pathForFile: () => '',
    onMenuCommand: on('menu:command'),
    onFileOpened: on('file:opened'),
    onBeforeClose: on('app:beforeClose'),
    onNotice: on('app:notice'),
  };
}

const bridgeCalls = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      ((globalThis as unknown as { __bridgeCalls: [string, unknown[]][] }).__bridgeCalls ?? []).filter(
        (c) => c[0] === n,
      ),
    name,
  );

describeInBrowser('desktop renderer (Chromium, stand-in bridge)', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT, reducedMotion: 'reduce' });
    await context.addInitScript(installStandInBridge);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl(), { waitUntil: 'load' });
    await page.waitForFunction(() =>
      (globalThis as unknown as { __bridgeCalls: [string][] }).__bridgeCalls.some((c) => c[0] === 'ready'),
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('tells the shell its commands for the menu, and the title', async () => {
    const [[, [commands]]] = (await bridgeCalls(page, 'ready')) as [string, [{ id: string }[]]][];
    expect(commands.map((c) => c.id)).toEqual(expect.arrayContaining(['file.save', 'sim.playPause', 'help.shortcuts']));
    const states = await bridgeCalls(page, 'setDocumentState');
    expect(states.at(-1)?.[1][0]).toEqual({ title: 'Untitled topology — Backpressure', dirty: false, filePath: null });
  });

  it('drags a node, saves with Ctrl+S through the native Save as, then saves back to that file', async () => {
    await dragFromPalette(page, 'service', { x: 320, y: 220 });
    await expect.poll(() => flowNodes(page).count()).toBe(1);
    await page.keyboard.press('Control+s');
    await expect.poll(() => bridgeCalls(page, 'saveAs').then((c) => c.length)).toBe(1);
    const [[, [name, text]]] = (await bridgeCalls(page, 'saveAs')) as [string, [string, string]][];
    expect(name).toBe('untitled-topology.bp.json');
    expect((JSON.parse(text) as { nodes: { kind: string }[] }).nodes.map((n) => n.kind)).toEqual(['service']);
    await expect
      .poll(() => bridgeCalls(page, 'setDocumentState').then((c) => c.at(-1)?.[1][0]))
      .toEqual({
        title: 'desktop-smoke.bp.json — Backpressure',
        dirty: false,
        filePath: '/home/ada/desktop-smoke.bp.json',
      });

    await dragFromPalette(page, 'database', { x: 620, y: 220 });
    await expect.poll(() => flowNodes(page).count()).toBe(2);
    await page.keyboard.press('Control+s');
    await expect.poll(() => bridgeCalls(page, 'save').then((c) => c.length)).toBe(1);
    const [[, [savedPath]]] = (await bridgeCalls(page, 'save')) as [string, [string]][];
    expect(savedPath).toBe('/home/ada/desktop-smoke.bp.json');
  });

  it('runs the commands the native menu sends, and opens the files the system hands over', async () => {
    await page.evaluate(() =>
      (globalThis as unknown as { __bridgeEmit(c: string, p: unknown): void }).__bridgeEmit('menu:command', {
        id: 'insert.note',
      }),
    );
    await expect.poll(() => page.locator('.react-flow__node-note').count()).toBe(1);
    const doc = {
      format: 'backpressure.topology',
      version: 1,
      name: 'Handed over',
      simulation: {},
      nodes: [],
      edges: [],
    };
    await page.evaluate(
      (text) =>
        (globalThis as unknown as { __bridgeEmit(c: string, p: unknown): void }).__bridgeEmit('file:opened', {
          path: '/home/ada/handed-over.bp.json',
          name: 'handed-over.bp.json',
          text,
        }),
      JSON.stringify(doc),
    );
    // The note made it unsaved: the shell is asked first (the stand-in answers Don't Save), then the file opens.
    await expect.poll(() => flowNodes(page).count()).toBe(0);
    expect((await bridgeCalls(page, 'confirm')).at(-1)?.[1][0]).toEqual({
      kind: 'unsaved',
      name: 'Untitled topology',
      action: 'open',
    });
    expect(errors).toEqual([]);
  });
});
