/**
 * Helpers for the browser tests: launch the system Chromium with playwright-core (never a downloaded browser),
 * open the built app served by globalSetup.ts, collect the errors it logs, and save screenshots.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { describe, inject, test } from 'vitest';
import { SCREENSHOT_DIR, findChromium, isCI } from './environment.js';

/** Headless Chromium without GPU, sandbox (containers often run as root), QUIC or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The size of the desktop window (electron/main.ts), so screenshots match what the app shows there. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

const lookup = findChromium();

/** The Chromium the tests launch, or undefined when there is none. */
export const chromiumPath: string | undefined = lookup.found ? lookup.path : undefined;

/**
 * `describe` for suites that need Chromium. Without one the suite is skipped with a message, except under CI
 * (or with a BP_CHROMIUM that does not exist), where it fails so a missing browser never passes unnoticed.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (lookup.found) {
    describe(name, fn);
  } else if (isCI() || lookup.misconfigured) {
    describe(name, () => {
      test('has a Chromium to run in', () => {
        throw new Error(`The end-to-end tests need Chromium: ${lookup.reason}.`);
      });
    });
  } else {
    console.warn(`[e2e] skipping "${name}": ${lookup.reason}.`);
    describe.skip(name, fn);
  }
}

/** The URL the built web app is served at (provided by globalSetup.ts). */
export function baseUrl(): string {
  const setupError = inject('e2eSetupError');
  if (setupError) throw new Error(setupError);
  const url = inject('e2eBaseUrl');
  if (!url) throw new Error('No e2eBaseUrl: run the browser tests through the e2e project of vitest.config.ts.');
  return url;
}

/** Launches the system Chromium headless. The caller closes it. */
export async function launchChromium(): Promise<Browser> {
  if (!lookup.found) throw new Error(`Cannot launch Chromium: ${lookup.reason}.`);
  return chromium.launch({ executablePath: lookup.path, args: CHROMIUM_ARGS });
}

export interface OpenAppOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Path, query or hash relative to the app's URL, e.g. `?file=x` or `#settings`. Default: the app itself. */
  path?: string;
}

export interface OpenApp {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /**
   * Console errors (`console.error: ...`) and uncaught exceptions (`page error: ...`) the page produced since it
   * was opened, in order. A test that expects a clean run asserts `expect(app.errors).toEqual([])`.
   */
  errors: string[];
  /** Closes the browser. */
  close(): Promise<void>;
}

/**
 * Launches Chromium and opens the app in a fresh context (light scheme and a 1280x800 viewport unless told
 * otherwise; reduced motion, en-US, UTC), waiting for the page's load event. Call `close()` when done.
 */
export async function openApp(options: OpenAppOptions = {}): Promise<OpenApp> {
  const url = new URL(options.path ?? '', baseUrl()).href;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? DEFAULT_VIEWPORT,
      deviceScaleFactor: 1,
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const implicitFavicon = new URL('/favicon.ico', url).href;
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url: source, lineNumber } = message.location();
      // Chromium asks every http origin for /favicon.ico on its own; the app does not link it (nor can it in
      // Electron, over file://), so that 404 is the browser's, not the app's.
      if (source === implicitFavicon) return;
      errors.push(`console.error: ${message.text()}${source ? ` (${source}:${lineNumber + 1})` : ''}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    return { browser, context, page, errors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Saves a PNG of the page's viewport as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Screenshot name "${name}" must be letters, digits, '.', '_' or '-'.`);
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
