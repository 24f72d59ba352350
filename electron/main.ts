/**
 * Electron main process (ESM). The only module that imports 'electron'; the decisions live in `security.ts`.
 *
 * Loads the built renderer (`dist/web/index.html`, from `npm run build`) or, when `BACKPRESSURE_DEV_URL` is set
 * (for example `http://localhost:5173` while `npm run web` runs), the Vite dev server.
 */
import path from 'node:path';
import { BrowserWindow, app, nativeTheme, session } from 'electron';
import {
  SECURE_WEB_PREFERENCES,
  type StartTarget,
  denyAllPermissions,
  hardenWebContents,
  resolveStartTarget,
} from './security.js';

// This file is emitted as dist/electron/main.js; the renderer is built into dist/web.
const indexHtml = path.join(import.meta.dirname, '..', 'web', 'index.html');
const start = resolveStartTarget(process.env.BACKPRESSURE_DEV_URL, indexHtml);

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, start));
app.on('session-created', denyAllPermissions);

function createWindow(target: StartTarget): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Backpressure',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171b' : '#f7f7f5',
    webPreferences: { ...SECURE_WEB_PREFERENCES },
  });
  window.once('ready-to-show', () => window.show());
  const loaded = target.kind === 'file' ? window.loadFile(target.path) : window.loadURL(target.url);
  loaded.catch((error: unknown) => {
    const hint = target.kind === 'file' ? ' (run `npm run build` first)' : ' (is `npm run web` running?)';
    console.error(`Backpressure could not load ${target.url}${hint}:`, error);
    window.show();
  });
  return window;
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// No top-level await on whenReady: Electron emits 'ready' only after the ESM entry point has finished evaluating.
void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  createWindow(start);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(start);
  });
});
