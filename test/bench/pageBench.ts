/**
 * What the browser benchmarks share: build and serve the web app, launch the system Chromium, open a document the
 * way a user does (File > Open), record the interval between animation frames and the main thread's work during a
 * phase, and print the figures. A benchmark never fails on timing; `fail()` is for something broken.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { DEFAULT_VIEWPORT } from '../e2e/browser.js';
import { menu } from '../e2e/canvasDriver.js';
import { WEB_DIST } from '../e2e/environment.js';
import { type StaticServer, buildWeb, serveStatic } from '../e2e/globalSetup.js';

/** A frame interval above this is a visible stutter. */
export const LONG_FRAME_MS = 50;
export const OPEN_TIMEOUT_MS = 120_000;

export interface Frames {
  /** Milliseconds between consecutive animation frames. */
  intervals: number[];
  /** Wall time of the whole gesture, in ms. */
  wallMs: number;
}

/** Main-thread time Chromium spent on script, style and layout during a phase (DevTools Performance metrics). */
export interface Work {
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

export interface PhaseResult extends Frames, Work {
  name: string;
}

declare global {
  interface Window {
    __bpFrames?: { stop(): number[] };
    __bpChosenAt?: number;
    __bpOpenedAt?: number;
  }
}

export class Broken extends Error {}

export function fail(message: string): never {
  throw new Broken(message);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts recording the timestamp of every animation frame in the page. (A string, so the page gets it as written:
 * tsx would wrap named functions in a helper the page does not have.)
 */
const FRAME_RECORDER = `(() => {
  const times = [];
  let on = true;
  const tick = (t) => {
    times.push(t);
    if (on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__bpFrames = { stop() { on = false; return times; } };
})()`;

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(FRAME_RECORDER);
}

/** Waits for two more frames (so the gesture's last update is painted), stops recording, returns the intervals. */
export async function stopFrames(page: Page): Promise<number[]> {
  const times = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return window.__bpFrames!.stop();
  });
  return times.slice(1).map((t, i) => t - times[i]!);
}

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

export function work(before: Record<string, number>, after: Record<string, number>): Work {
  const ms = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return { scriptMs: ms('ScriptDuration'), styleMs: ms('RecalcStyleDuration'), layoutMs: ms('LayoutDuration') };
}

/** Runs a gesture while recording frames and main-thread work. */
export async function phase(
  page: Page,
  cdp: CDPSession,
  name: string,
  gesture: () => Promise<void>,
): Promise<PhaseResult> {
  await sleep(400); // let the previous phase's trailing work (autosave, timers) finish
  const before = await metrics(cdp);
  await startFrames(page);
  const t0 = performance.now();
  await gesture();
  const intervals = await stopFrames(page);
  const wallMs = performance.now() - t0;
  return { name, intervals, wallMs, ...work(before, await metrics(cdp)) };
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function report(r: PhaseResult, extra = ''): void {
  const s = [...r.intervals].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  const long = s.filter((v) => v > LONG_FRAME_MS).length;
  const f = (v: number) => v.toFixed(1);
  console.log(
    `${r.name}${extra}\n` +
      `  ${s.length} frames in ${(r.wallMs / 1000).toFixed(2)} s; frame interval mean ${f(mean)} ms, ` +
      `p50 ${f(quantile(s, 0.5))}, p95 ${f(quantile(s, 0.95))}, max ${f(s.at(-1) ?? NaN)} ms; ` +
      `${long} long frame${long === 1 ? '' : 's'} (over ${LONG_FRAME_MS} ms)\n` +
      `  main thread: script ${Math.round(r.scriptMs)} ms, style ${Math.round(r.styleMs)} ms, ` +
      `layout ${Math.round(r.layoutMs)} ms`,
  );
}

/** The live JS heap, after a garbage collection. */
export async function heapMb(cdp: CDPSession): Promise<string> {
  await cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(cdp);
  return `${((m.JSHeapUsedSize ?? 0) / 2 ** 20).toFixed(1)} MiB used of ${((m.JSHeapTotalSize ?? 0) / 2 ** 20).toFixed(1)} MiB`;
}

export async function counts(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => ({
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
  }));
}

/** Builds the web app (unless BP_BENCH_SKIP_BUILD=1 or `--no-build` was given) and serves it. */
export async function prepare(): Promise<StaticServer> {
  if (process.env.BP_BENCH_SKIP_BUILD === '1' || process.argv.includes('--no-build')) {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
      fail(`BP_BENCH_SKIP_BUILD=1 but ${path.join(WEB_DIST, 'index.html')} is missing: run npm run build:web`);
  } else {
    const t0 = performance.now();
    await buildWeb();
    console.log(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return serveStatic(WEB_DIST);
}

export interface BenchPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Errors the page logged so far. */
  errors: string[];
}

/** A fresh page of the app at `url`, with the empty editor shown, errors collected and DevTools metrics on. */
export async function openApp(browser: Browser, url: string): Promise<BenchPage> {
  const context = await browser.newContext({
    viewport: DEFAULT_VIEWPORT,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  // Without the File System Access API the app opens files with <input type=file>, which Playwright can fill.
  await context.addInitScript(() => {
    delete (globalThis as unknown as Record<string, unknown>).showOpenFilePicker;
    document.addEventListener(
      'change',
      (e) => {
        if ((e.target as HTMLInputElement | null)?.type === 'file') window.__bpChosenAt = performance.now();
      },
      true,
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.stack ?? e.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await page.getByTestId('empty-state').waitFor();
  return { context, page, cdp, errors };
}

/**
 * Opens `file` with File > Open and waits until `nodes` nodes and `edges` edges are drawn; returns the time from
 * choosing the file to the last of them drawn, in ms.
 */
export async function openDocument(page: Page, file: string, nodes: number, edges: number): Promise<number> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, 'File', 'Open')]);
  await chooser.setFiles(file);
  try {
    await page.waitForFunction(
      ([n, e]) => {
        const done =
          document.querySelectorAll('.react-flow__node').length >= n! &&
          document.querySelectorAll('.react-flow__edge').length >= e!;
        if (done) window.__bpOpenedAt = performance.now();
        return done;
      },
      [nodes, edges],
      { polling: 'raf', timeout: OPEN_TIMEOUT_MS },
    );
  } catch {
    const c = await counts(page);
    fail(`the document did not open: ${c.nodes} nodes and ${c.edges} edges drawn after ${OPEN_TIMEOUT_MS} ms`);
  }
  return page.evaluate(() => window.__bpOpenedAt! - window.__bpChosenAt!);
}

/** Prints the error and sets a failing exit code; for a benchmark's `main().catch(...)`. */
export function reportFailure(error: unknown): void {
  console.error(error instanceof Broken ? `\nBROKEN: ${error.message}` : error);
  process.exitCode = 1;
}
