import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  SECURE_WEB_PREFERENCES,
  type PreventableEvent,
  type SessionLike,
  type StartTarget,
  type WebContentsLike,
  denyAllPermissions,
  hardenWebContents,
  isAllowedNavigation,
  resolveAppRequest,
  resolveStartTarget,
} from '../../electron/security.js';

const webRoot = path.resolve('/opt/backpressure/dist/web');
const indexHtml = path.join(webRoot, 'index.html');
const HOME = 'app://backpressure/index.html';
const fileStart = resolveStartTarget(undefined, webRoot);
const devStart = resolveStartTarget('http://localhost:5173', webRoot);

describe('resolveStartTarget', () => {
  it('loads the built renderer from the app’s own scheme by default, never over file://', () => {
    expect(fileStart).toEqual({ kind: 'bundle', root: webRoot, url: HOME });
    expect(resolveStartTarget('', webRoot).kind).toBe('bundle');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
  });

  it('loads the dev server when BACKPRESSURE_DEV_URL names one on this machine', () => {
    expect(devStart).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(resolveStartTarget('http://127.0.0.1:5173/', webRoot).kind).toBe('dev');
  });

  it('refuses remote or non-http dev URLs', () => {
    expect(() => resolveStartTarget('https://example.com', webRoot)).toThrow(/localhost/);
    expect(() => resolveStartTarget('http://localhost.example.com:5173', webRoot)).toThrow(/localhost/);
    expect(() => resolveStartTarget('file:///etc/passwd', webRoot)).toThrow(/localhost/);
    expect(() => resolveStartTarget('not a url', webRoot)).toThrow(/not a URL/);
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app page itself, with any query or hash', () => {
    expect(isAllowedNavigation(HOME, fileStart)).toBe(true);
    expect(isAllowedNavigation(`${HOME}?file=a.bp.json#node-1`, fileStart)).toBe(true);
  });

  it('refuses other pages, files, remote pages and garbage', () => {
    expect(isAllowedNavigation(pathToFileURL(indexHtml).href, fileStart)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL('/etc/passwd').href, fileStart)).toBe(false);
    expect(isAllowedNavigation('app://backpressure/other.html', fileStart)).toBe(false);
    expect(isAllowedNavigation('app://elsewhere/index.html', fileStart)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', fileStart)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', fileStart)).toBe(false);
    expect(isAllowedNavigation('', fileStart)).toBe(false);
  });

  it('allows only the dev server origin in development', () => {
    expect(isAllowedNavigation('http://localhost:5173/?x=1', devStart)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', devStart)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', devStart)).toBe(false);
    expect(isAllowedNavigation('http://evil.example/', devStart)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL(indexHtml).href, devStart)).toBe(false);
  });
});

/** A stand-in for Electron's WebContents that records the handlers it is given. */
function fakeWebContents() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: WebContentsLike = {
    on(event: string, listener: (event: PreventableEvent, url: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  /** Fires `name` with `url` and says whether a listener called preventDefault. */
  const fire = (name: string, url = ''): boolean => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('resolveAppRequest', () => {
  it('serves the files of the built renderer', () => {
    expect(resolveAppRequest(HOME, webRoot)).toBe(indexHtml);
    expect(resolveAppRequest('app://backpressure/', webRoot)).toBe(indexHtml);
    expect(resolveAppRequest('app://backpressure/assets/index-Bx1.js?v=1#x', webRoot)).toBe(
      path.join(webRoot, 'assets', 'index-Bx1.js'),
    );
    expect(resolveAppRequest('app://backpressure/assets/My%20Font.woff2', webRoot)).toBe(
      path.join(webRoot, 'assets', 'My Font.woff2'),
    );
  });

  it('serves nothing outside it, however the path is written', () => {
    for (const url of [
      'app://backpressure/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
      'app://backpressure/..%5C..%5Csecret',
      'app://backpressure/a%00.js',
      'app://backpressure/%E0%A4%A',
      'app://other-host/index.html',
      'file:///opt/backpressure/dist/web/index.html',
      'https://backpressure/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, webRoot), url).toBeNull();
    }
    // Dot segments, plain or encoded, are removed by the URL itself, so they stay inside the root.
    expect(resolveAppRequest('app://backpressure/../../electron/main.js', webRoot)).toBe(
      path.join(webRoot, 'electron', 'main.js'),
    );
    expect(resolveAppRequest('app://backpressure/%2e%2e/%2e%2e/etc/passwd', webRoot)).toBe(
      path.join(webRoot, 'etc', 'passwd'),
    );
  });
});

describe('hardenWebContents', () => {
  function hardened(start: StartTarget) {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, start);
    return fake;
  }

  it('prevents navigation and redirects away from the app', () => {
    const { fire } = hardened(fileStart);
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', HOME)).toBe(false);
    expect(fire('will-navigate', pathToFileURL(indexHtml).href)).toBe(true);
  });

  it('denies window.open and webviews', () => {
    const { fire, open } = hardened(devStart);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('http://localhost:5173/')).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check?.({}, permission)).toBe(false);
    }
  });
});

describe('SECURE_WEB_PREFERENCES', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});
