/**
 * Where the end-to-end tests find their browser, the Electron binary and the built app. Plain Node, no Vitest
 * imports: the global setup (main process) and the test files (workers) both use it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * `npm run build:web` writes the renderer here; the e2e server serves it. BP_WEB_DIST points the server at another
 * build (with BP_E2E_SKIP_BUILD=1), so that several builds can be tested side by side.
 */
export const WEB_DIST = process.env.BP_WEB_DIST
  ? path.resolve(process.env.BP_WEB_DIST)
  : path.join(ROOT, 'dist', 'web');
/** `npm run build:node` writes the Electron main process here. */
export const ELECTRON_MAIN = path.join(ROOT, 'dist', 'electron', 'main.js');
/** Screenshots taken by the tests, kept as CI artifacts (test-results/ is git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

/** Where a system Chromium or Chrome usually lives, in the order they are tried. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_HINT =
  'install it with `apt-get install -y chromium` (Debian/Ubuntu, as root) or point BP_CHROMIUM at a Chromium or Chrome binary';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL the built web app is served at during the run, e.g. `http://127.0.0.1:41234/`. */
    e2eBaseUrl: string;
    /** Why the global setup could not build or serve the app (empty when it could); the e2e tests fail with it. */
    e2eSetupError: string;
  }
}

/** A browser to drive, or why there is none. */
export type ChromiumLookup = { found: true; path: string } | { found: false; reason: string; misconfigured: boolean };

/** True when running under CI (`CI` set to anything but empty, `0` or `false`). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to launch: `BP_CHROMIUM` when set (and then it must exist), otherwise the first of
 * CHROMIUM_CANDIDATES that exists. Never downloads anything.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const override = env.BP_CHROMIUM?.trim();
  if (override) {
    return isExecutableFile(override)
      ? { found: true, path: override }
      : { found: false, reason: `BP_CHROMIUM=${override} is not an executable file`, misconfigured: true };
  }
  const found = CHROMIUM_CANDIDATES.find(isExecutableFile);
  if (found) return { found: true, path: found };
  return {
    found: false,
    reason: `no Chromium found (looked for ${CHROMIUM_CANDIDATES.join(', ')}): ${CHROMIUM_HINT}`,
    misconfigured: false,
  };
}

/** The Electron executable inside a dist folder, as the electron package lays it out per platform. */
function electronExecutable(dist: string): string {
  switch (process.platform) {
    case 'darwin':
      return path.join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
    case 'win32':
      return path.join(dist, 'electron.exe');
    default:
      return path.join(dist, 'electron');
  }
}

/**
 * The Electron binary from `ELECTRON_OVERRIDE_DIST_PATH`, when that is set and the binary exists. The `electron`
 * package itself is never imported: loading it downloads the binary when it is missing.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (!dist) return undefined;
  const executable = electronExecutable(dist);
  return isExecutableFile(executable) ? executable : undefined;
}

/** The window title: `Backpressure` in index.html, then `<document name> — Backpressure` once the app runs. */
export const WINDOW_TITLE = /^(?:.+ — )?Backpressure$/;

export const ELECTRON_MISSING =
  'Electron binary not present: set ELECTRON_OVERRIDE_DIST_PATH to run the desktop window test';
