import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURE_WEB_PREFERENCES } from '../../electron/security.js';
import { windowOptions } from '../../electron/windowOptions.js';
import { DEFAULT_WINDOW_STATE } from '../../electron/windowState.js';

const options = windowOptions({ state: DEFAULT_WINDOW_STATE, preload: '/app/dist/electron/preload.cjs', dark: true });
const web = options.webPreferences!;

/** The policy `renderer/index.html` declares, as the page gets it. */
function declaredPolicy(): string {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!meta) throw new Error('renderer/index.html declares no Content-Security-Policy');
  return meta[1]!;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('window options', () => {
  it('isolates the page from the preload (contextIsolation)', () => expect(web.contextIsolation).toBe(true));
  it('sandboxes the page (sandbox)', () => expect(web.sandbox).toBe(true));
  it('gives the page no Node (nodeIntegration, in workers and subframes too)', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security and refuses insecure content', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
  });
  it('allows no <webview>, no experimental features, no navigation by drop', () => {
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });
  it('loads the bundled preload, and nothing turns a setting back', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/dist/electron/preload.cjs' });
    expect(Object.keys(web)).not.toContain('enableBlinkFeatures');
    expect(Object.keys(web)).not.toContain('additionalArguments');
  });
  it('opens at the remembered size, hidden until painted, in the system theme', () => {
    expect(options).toMatchObject({ width: 1280, height: 800, show: false, backgroundColor: '#131519' });
    expect(windowOptions({ state: { ...DEFAULT_WINDOW_STATE, x: 5, y: 6 }, preload: 'p', dark: false })).toMatchObject({
      x: 5,
      y: 6,
      backgroundColor: '#f6f6f4',
    });
  });
});

describe('Content-Security-Policy', () => {
  const policy = directives(declaredPolicy());

  it('is the one renderer/index.html declares', () => {
    expect(declaredPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });
  it('falls back to the app itself (default-src)', () => expect(policy.get('default-src')).toEqual(["'self'"]));
  it('runs only the app’s own scripts: no inline script, no eval, no remote origin', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });
  it('starts workers only from the app or its blobs', () =>
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']));
  it('connects nowhere but the app', () => expect(policy.get('connect-src')).toEqual(["'self'"]));
  it('allows no plugins, no <base>, no form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });
  it('names no remote source and no unsafe keyword but inline styles', () => {
    for (const [name, values] of policy) {
      for (const value of values) {
        expect(value, name).not.toMatch(/^(https?|wss?):/);
        expect(value, name).not.toBe('*');
        if (name !== 'style-src') expect(value, name).not.toMatch(/unsafe/);
      }
    }
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
