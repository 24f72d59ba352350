/**
 * The desktop shell's security policy, kept free of the `electron` module so it is tested in plain Node.
 * `main.ts` applies it to the real objects; the small interfaces below are the slices of Electron it needs.
 *
 * The rules (docs/ARCHITECTURE.md, Electron): isolated and sandboxed renderers without Node, no remote content,
 * no navigation away from the app, no new windows, every permission request denied.
 */
import path from 'node:path';

/**
 * The app's own scheme: the built renderer is served as `app://backpressure/…` from `dist/web`, never over
 * `file://`, so the page has a real origin, gets no `file://` privileges, and can reach no other file.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'backpressure';
/** How `APP_SCHEME` is registered (before the app is ready): a standard, secure origin with fetch. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/**
 * Where the window loads the app from: the built renderer (`root` is `dist/web`, served under `APP_SCHEME`), or
 * the Vite dev server during development.
 */
export type StartTarget = { kind: 'bundle'; root: string; url: string } | { kind: 'dev'; url: string };

/**
 * The Content-Security-Policy of the app's page, as `renderer/index.html` declares it in its `<meta>` (a page
 * loaded from `file://` has no response headers to carry it). Only the app's own scripts run: no inline script,
 * no `eval`, no remote origin anywhere; workers only from the app or its blobs. Inline styles are allowed because
 * React and React Flow position elements with style attributes. A test keeps index.html equal to this.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * `webPreferences` for every window; `main.ts` adds the preload (the bridge of `shared/ipc.ts`). `safeDialogs`
 * stops a page from opening alert boxes in a loop.
 */
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
  safeDialogs: true,
  spellcheck: false,
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Chooses what the window loads. `devUrl` (from `BACKPRESSURE_DEV_URL`) must be an http(s) URL on this machine,
 * so a stray environment variable can never make the app load remote content.
 *
 * @example resolveStartTarget(undefined, '/app/dist/web') // { kind: 'bundle', root, url: 'app://backpressure/index.html' }
 */
export function resolveStartTarget(devUrl: string | undefined, webRoot: string): StartTarget {
  if (devUrl === undefined || devUrl === '') {
    return { kind: 'bundle', root: webRoot, url: `${APP_SCHEME}://${APP_HOST}/index.html` };
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
  if (start.kind === 'bundle')
    return url.protocol === home.protocol && url.host === home.host && url.pathname === home.pathname;
  return url.origin === home.origin;
}

/**
 * The file of `root` an `app://backpressure/…` request names, or null when it names anything else: another
 * scheme or host, a path that climbs out of `root` (also when percent-encoded), a NUL. `/` is `index.html`.
 */
export function resolveAppRequest(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
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

/** Whether an IPC message comes from the app's own page (the frame's URL), and not from anything else. */
export function isAppUrl(url: string | undefined, start: StartTarget): boolean {
  return url !== undefined && isAllowedNavigation(url, start);
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
