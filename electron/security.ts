/**
 * The desktop shell's security policy, kept free of the `electron` module so it is tested in plain Node.
 * `main.ts` applies it to the real objects; the small interfaces below are the slices of Electron it needs.
 *
 * The rules (docs/ARCHITECTURE.md, Electron): isolated and sandboxed renderers without Node, no remote content,
 * no navigation away from the app, no new windows, every permission request denied.
 */
import { pathToFileURL } from 'node:url';

/** Where the window loads the app from: the built `index.html`, or the Vite dev server during development. */
export type StartTarget = { kind: 'file'; path: string; url: string } | { kind: 'dev'; url: string };

/** `webPreferences` for every window. No preload yet: the IPC bridge comes with `shared/ipc.ts`. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Chooses what the window loads. `devUrl` (from `BACKPRESSURE_DEV_URL`) must be an http(s) URL on this machine,
 * so a stray environment variable can never make the app load remote content.
 *
 * @example resolveStartTarget(undefined, '/app/dist/web/index.html') // { kind: 'file', path, url: 'file:///app/…' }
 */
export function resolveStartTarget(devUrl: string | undefined, indexHtmlPath: string): StartTarget {
  if (devUrl === undefined || devUrl === '') {
    return { kind: 'file', path: indexHtmlPath, url: pathToFileURL(indexHtmlPath).href };
  }
  let url: URL;
  try {
    url = new URL(devUrl);
  } catch {
    throw new Error(`BACKPRESSURE_DEV_URL is not a URL: ${devUrl}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`BACKPRESSURE_DEV_URL must be an http(s) URL on localhost, got ${devUrl}`);
  }
  return { kind: 'dev', url: url.href };
}

/**
 * Whether the app's window may navigate to `target`: only to the app's own page (the same file, any query or
 * hash) or, in development, to the dev server's origin.
 */
export function isAllowedNavigation(target: string, start: StartTarget): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  const home = new URL(start.url);
  if (start.kind === 'file')
    return url.protocol === 'file:' && url.host === home.host && url.pathname === home.pathname;
  return url.origin === home.origin;
}

/** The part of an Electron event that lets a listener refuse the action. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of Electron's `WebContents` that `hardenWebContents` uses. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Refuses navigation and redirects away from the app, every `window.open` and every `<webview>`.
 * Apply it to every web contents (`app.on('web-contents-created')`), not only the main window's.
 */
export function hardenWebContents(contents: WebContentsLike, start: StartTarget): void {
  const guard = (event: PreventableEvent, url: string): void => {
    if (!isAllowedNavigation(url, start)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The slice of Electron's `Session` that `denyAllPermissions` uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Denies every permission request (camera, notifications, geolocation, ...) and answers every check with no. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
