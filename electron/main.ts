/**
 * Electron main process (ESM, bundled into `dist/electron/main.js`). The only module that imports 'electron' at
 * run time: it wires Electron's objects to the plain modules beside it, which hold the decisions and are tested in
 * Node (security, IPC router, files, autosave, recent files, window state, menu, close guard).
 *
 * Loads the built renderer (`dist/web/index.html`) or, in development when `BACKPRESSURE_DEV_URL` is set (for
 * example `http://localhost:5173` while `npm run web` runs), the Vite dev server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  net,
  protocol,
  screen,
  session,
  type Event as ElectronEvent,
} from 'electron';
import type { IpcEvents, IpcEventChannel } from '../shared/ipc.js';
import { createAutosaveStore } from './autosaveStore.js';
import { createCloseGuard, type CloseGuard } from './closeGuard.js';
import { questionFor } from './dialogs.js';
import { handleDownloads } from './downloads.js';
import { documentsFromArgv } from './fileArgs.js';
import { createFileService } from './fileService.js';
import { nodeFileSystem as fs } from './fileSystem.js';
import { createIpcRouter, registerIpc, type IpcHandlers } from './ipcRouter.js';
import { buildMenuTemplate, type MenuCommand } from './menu.js';
import { createRecentFiles } from './recentFiles.js';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  denyAllPermissions,
  hardenWebContents,
  isAppUrl,
  resolveAppRequest,
  resolveStartTarget,
} from './security.js';
import { claimSingleInstance } from './singleInstance.js';
import { BACKGROUND, windowOptions } from './windowOptions.js';
import { loadWindowState, saveWindowState, trackWindowState } from './windowState.js';

// This file is dist/electron/main.js; the preload and the icon sit beside it, the renderer is in dist/web.
const webRoot = path.join(import.meta.dirname, '..', 'web');
const preload = path.join(import.meta.dirname, 'preload.cjs');
const icon = path.join(import.meta.dirname, 'icon.png');
// An installed app never loads a dev server, whatever the environment says.
const start = resolveStartTarget(app.isPackaged ? undefined : process.env.BACKPRESSURE_DEV_URL, webRoot);

// One name and data folder in development and installed (~/.config/Backpressure, %APPDATA%\Backpressure,
// ~/Library/Application Support/Backpressure), set before the single-instance lock, which is kept there.
// `--user-data-dir=<folder>` chooses another one (a second profile, or a test that must not touch yours).
app.setName('Backpressure');
// Windows groups the taskbar button and the jump list (recent documents) by this id; the installer's appId.
if (process.platform === 'win32') app.setAppUserModelId('dev.backpressure.desktop');
app.setPath(
  'userData',
  app.commandLine.getSwitchValue('user-data-dir') || path.join(app.getPath('appData'), 'Backpressure'),
);
const userData = app.getPath('userData');

let window: BrowserWindow | null = null;
let guard: CloseGuard | null = null;
let rendererReady = false;
/** The renderer sets the title (file name, unsaved marker) once it reports its document; the page's own is ignored. */
let titleFromRenderer = false;
let commands: readonly MenuCommand[] = [];
/** Files to open once the renderer is ready: from the command line, a second launch or the OS. */
const pendingOpens: string[] = documentsFromArgv(process.argv, process.cwd(), process.defaultApp === true);

const recent = createRecentFiles({
  fs,
  file: path.join(userData, 'recent-files.json'),
  os: app,
  onChange: () => refreshMenu(),
});
const autosave = createAutosaveStore({ fs, folder: path.join(userData, 'autosave'), now: Date.now });
const files = createFileService({
  fs,
  recent,
  documentsDir: app.getPath('documents'),
  dialog: {
    showOpenDialog: (options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
  },
});

function send<C extends IpcEventChannel>(channel: C, payload: IpcEvents[C]): void {
  if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
}

function refreshMenu(): void {
  void recent.list().then((list) => {
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: app.getName(),
      developer: !app.isPackaged,
      commands,
      recent: list,
      runCommand: (id) => {
        if (window) send('menu:command', { id });
        else void createWindow();
      },
      openRecent: (file) => openDocument(file),
      clearRecent: () => void recent.clear(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  });
}

/** Reads a document and hands it to the renderer, or tells the user why it could not be read. */
function openDocument(file: string): void {
  if (!window || !rendererReady) {
    if (!pendingOpens.includes(file)) pendingOpens.push(file);
    if (!window && app.isReady()) void createWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.focus();
  files.openPath(file).then(
    (opened) => send('file:opened', opened),
    (error: unknown) => send('app:notice', { message: (error as Error).message, level: 'error' }),
  );
}

const handlers: IpcHandlers = {
  'app:ready': ({ commands: list }) => {
    commands = list;
    rendererReady = true;
    refreshMenu();
    // After this answer reaches the renderer, which subscribed to file:opened before asking.
    setTimeout(() => pendingOpens.splice(0).forEach(openDocument), 0);
    return { platform: process.platform, version: app.getVersion() };
  },
  'file:open': () => files.open(),
  'file:openPath': ({ path: file }) => files.openPath(file),
  'file:save': ({ path: file, text }) => files.save(file, text),
  'file:saveAs': ({ suggestedName, text }) => files.saveAs(suggestedName, text),
  'file:exportSave': ({ suggestedName, data, filters }) => files.exportSave(suggestedName, data, filters),
  'recent:list': () => recent.list(),
  'recent:clear': async () => {
    await recent.clear();
    return null;
  },
  'autosave:write': async ({ text, name, filePath }) => {
    // Only a file this session may write is remembered as the work's home.
    await autosave.write({ text, name, filePath: filePath && files.isGranted(filePath) ? filePath : null });
    return null;
  },
  'autosave:recover': async () => {
    const record = await autosave.recover();
    if (record?.filePath) files.grant(record.filePath);
    return record;
  },
  'autosave:discard': async () => {
    await autosave.discard();
    return null;
  },
  'window:setDocumentState': ({ title, dirty, filePath }) => {
    guard?.setDirty(dirty);
    titleFromRenderer = true;
    if (window) {
      window.setTitle(title);
      if (process.platform === 'darwin') {
        window.setDocumentEdited(dirty);
        window.setRepresentedFilename(filePath ?? '');
      }
    }
    return null;
  },
  'window:close': () => {
    guard?.confirmed();
    return null;
  },
  'window:cancelClose': () => {
    guard?.cancelled();
    return null;
  },
  'edit:native': ({ action }) => {
    window?.webContents[action]();
    return null;
  },
  'dialog:confirm': async (question) => {
    const { box, answers } = questionFor(question, (ms) => new Date(ms).toLocaleTimeString());
    const result = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
    return answers[result.response] ?? answers[box.cancelId]!;
  },
};

const router = createIpcRouter({
  handlers,
  isTrustedSender: (event) =>
    window !== null && event.sender.id === window.webContents.id && isAppUrl(event.senderFrame?.url, start),
  warn: (message) => console.warn(`[ipc] ${message}`),
});

async function createWindow(): Promise<BrowserWindow> {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const stateFile = path.join(userData, 'window-state.json');
  const state = await loadWindowState(fs, stateFile, workAreas);
  const win = new BrowserWindow(windowOptions({ state, preload, dark: nativeTheme.shouldUseDarkColors, icon }));
  window = win;
  rendererReady = false;
  if (state.maximized) win.maximize();
  trackWindowState(win, (next) => {
    saveWindowState(fs, stateFile, next).catch((error: unknown) =>
      console.warn('Could not save the window state:', error),
    );
  });
  const winGuard = createCloseGuard({
    askRenderer: (action) => send('app:beforeClose', { action }),
    rendererAlive: () => rendererReady && !win.webContents.isCrashed(),
    closeWindow: () => win.close(),
    quit: () => app.quit(),
  });
  guard = winGuard;
  win.on('close', (event) => winGuard.onWindowClose(event));
  win.on('closed', () => {
    if (window === win) {
      window = null;
      guard = null;
      rendererReady = false;
    }
  });
  win.on('page-title-updated', (event) => {
    if (titleFromRenderer) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-start-loading', () => {
    rendererReady = false;
    titleFromRenderer = false;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    rendererReady = false;
    if (details.reason === 'clean-exit') return;
    autosave.markCrashed();
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: 'Backpressure stopped working',
        message: 'The window stopped working. Reload it?',
        detail: 'Your work from the last 30 seconds was saved automatically and is offered after the reload.',
        buttons: ['Reload', 'Close'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => (response === 0 ? win.reload() : win.destroy()));
  });
  win.loadURL(start.url).catch((error: unknown) => {
    const hint = start.kind === 'bundle' ? ' (run `npm run build` first)' : ' (is `npm run web` running?)';
    console.error(`Backpressure could not load ${start.url}${hint}:`, error);
    win.show();
  });
  return win;
}

const primary = claimSingleInstance(app, (argv, workingDirectory) => {
  const documents = documentsFromArgv(argv, workingDirectory, process.defaultApp === true);
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
  documents.forEach(openDocument);
});

if (primary) {
  app.enableSandbox();
  // Must happen before 'ready': the app's pages are served from its own scheme (security.ts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, start));
  app.on('session-created', denyAllPermissions);
  // macOS hands documents over with open-file (Finder, the Dock), also before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openDocument(file);
  });
  app.on('before-quit', (event: ElectronEvent) => guard?.onBeforeQuit(event));
  app.on('will-quit', () => autosave.end());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  registerIpc(ipcMain, router);

  // No top-level await on whenReady: Electron emits 'ready' only after the ESM entry point has finished evaluating.
  void app.whenReady().then(async () => {
    if (start.kind === 'bundle') {
      if (!existsSync(path.join(start.root, 'index.html'))) {
        dialog.showErrorBox(
          'Backpressure is not built',
          `${start.root} has no index.html: run \`npm run build\` first.`,
        );
        app.quit();
        return;
      }
      const root = start.root;
      protocol.handle(APP_SCHEME, (request) => {
        const file = resolveAppRequest(request.url, root);
        const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
        return file ? net.fetch(pathToFileURL(file).href).catch(notFound) : notFound();
      });
    }
    denyAllPermissions(session.defaultSession);
    handleDownloads(session.defaultSession, () => app.getPath('documents'));
    nativeTheme.on('updated', () =>
      window?.setBackgroundColor(nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light),
    );
    await autosave.begin().catch((error: unknown) => console.warn('Autosave is not available:', error));
    refreshMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
}
