/**
 * Benchmark of the canvas in real Chromium: opens a 500-node, 600-edge document the way a user does (File > Open),
 * then pans, zooms, drags one node, box-selects a region's worth of nodes and drags them, recording the interval
 * between animation frames all along. It prints figures and never fails on timing; it exits non-zero only when
 * something is broken (the document does not open, a gesture has no effect, the page logs an error).
 *
 *   npx tsx test/bench/canvas.ts                        builds the web app into dist/web first
 *   BP_BENCH_SKIP_BUILD=1 npx tsx test/bench/canvas.ts  uses dist/web as it is
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_VIEWPORT } from '../e2e/browser.js';
import { box, centre, menu, mouseDrag, nodeById } from '../e2e/canvasDriver.js';
import { WEB_DIST, findChromium } from '../e2e/environment.js';
import { type StaticServer, buildWeb, serveStatic } from '../e2e/globalSetup.js';
import { BIG_EDGES, BIG_NODES, bigTopology } from './bigTopology.js';

/** A frame interval above this is a visible stutter. */
const LONG_FRAME_MS = 50;
const OPEN_TIMEOUT_MS = 120_000;

interface Frames {
  /** Milliseconds between consecutive animation frames. */
  intervals: number[];
  /** Wall time of the whole gesture, in ms. */
  wallMs: number;
}

/** Main-thread time Chromium spent on script, style and layout during a phase (DevTools Performance metrics). */
interface Work {
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

interface PhaseResult extends Frames, Work {
  name: string;
}

declare global {
  interface Window {
    __bpFrames?: { stop(): number[] };
    __bpChosenAt?: number;
    __bpOpenedAt?: number;
  }
}

class Broken extends Error {}

function fail(message: string): never {
  throw new Broken(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(FRAME_RECORDER);
}

/** Waits for two more frames (so the gesture's last update is painted), stops recording, returns the intervals. */
async function stopFrames(page: Page): Promise<number[]> {
  const times = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return window.__bpFrames!.stop();
  });
  return times.slice(1).map((t, i) => t - times[i]!);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

function work(before: Record<string, number>, after: Record<string, number>): Work {
  const ms = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return { scriptMs: ms('ScriptDuration'), styleMs: ms('RecalcStyleDuration'), layoutMs: ms('LayoutDuration') };
}

/** Runs a gesture while recording frames and main-thread work. */
async function phase(page: Page, cdp: CDPSession, name: string, gesture: () => Promise<void>): Promise<PhaseResult> {
  await sleep(400); // let the previous phase's trailing work (autosave, timers) finish
  const before = await metrics(cdp);
  await startFrames(page);
  const t0 = performance.now();
  await gesture();
  const intervals = await stopFrames(page);
  const wallMs = performance.now() - t0;
  return { name, intervals, wallMs, ...work(before, await metrics(cdp)) };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function report(r: PhaseResult, extra = ''): void {
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
async function heapMb(cdp: CDPSession): Promise<string> {
  await cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(cdp);
  return `${((m.JSHeapUsedSize ?? 0) / 2 ** 20).toFixed(1)} MiB used of ${((m.JSHeapTotalSize ?? 0) / 2 ** 20).toFixed(1)} MiB`;
}

/** The viewport's transform: translation and zoom. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const m = /matrix\(([^,]+), [^,]+, [^,]+, [^,]+, ([^,]+), ([^)]+)\)/.exec(transform);
  if (!m) fail(`unexpected viewport transform ${transform}`);
  return { zoom: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
}

async function counts(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => ({
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
  }));
}

async function prepare(): Promise<StaticServer> {
  if (process.env.BP_BENCH_SKIP_BUILD === '1') {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
      fail(`BP_BENCH_SKIP_BUILD=1 but ${path.join(WEB_DIST, 'index.html')} is missing: run npm run build:web`);
  } else {
    const t0 = performance.now();
    await buildWeb();
    console.log(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return serveStatic(WEB_DIST);
}

async function run(browser: Browser, url: string, file: string): Promise<void> {
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
  console.log(`JS heap of the empty editor: ${await heapMb(cdp)}\n`);

  // (a) open
  let openMs = 0;
  const open = await phase(
    page,
    cdp,
    '(a) opening the document (File > Open until every node and edge is drawn)',
    async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, 'File', 'Open')]);
      await chooser.setFiles(file);
      try {
        await page.waitForFunction(
          ([nodes, edges]) => {
            const done =
              document.querySelectorAll('.react-flow__node').length >= nodes! &&
              document.querySelectorAll('.react-flow__edge').length >= edges!;
            if (done) window.__bpOpenedAt = performance.now();
            return done;
          },
          [BIG_NODES, BIG_EDGES],
          { polling: 'raf', timeout: OPEN_TIMEOUT_MS },
        );
      } catch {
        const c = await counts(page);
        fail(`the document did not open: ${c.nodes} nodes and ${c.edges} edges drawn after ${OPEN_TIMEOUT_MS} ms`);
      }
      openMs = await page.evaluate(() => window.__bpOpenedAt! - window.__bpChosenAt!);
    },
  );
  report(open);
  console.log(`  file chosen to every node and edge drawn: ${Math.round(openMs)} ms`);
  console.log(`  JS heap with the document open: ${await heapMb(cdp)}`);

  const canvas = await box(page.getByTestId('canvas'));
  const middle = centre(canvas);
  const fitted = await viewport(page);
  console.log(`  the whole document is shown at zoom ${fitted.zoom.toFixed(3)}\n`);

  // (b) pan with the mouse wheel: down and right, then back
  await page.mouse.move(middle.x, middle.y);
  const pan = await phase(page, cdp, '(b) panning: 60 wheel events, one every 16 ms', async () => {
    for (let i = 0; i < 60; i++) {
      const sign = i < 30 ? 1 : -1;
      await page.mouse.wheel(sign * 20, sign * 40);
      await sleep(16);
    }
  });
  report(pan);
  const panned = await viewport(page);
  if (Math.abs(panned.x - fitted.x) > 20 || Math.abs(panned.y - fitted.y) > 20)
    fail(`the view did not come back after panning there and back: ${JSON.stringify({ fitted, panned })}`);

  // (c) zoom with ctrl + wheel: in, then out again
  let deepest = 0;
  const zoom = await phase(page, cdp, '(c) zooming: ctrl + wheel, 30 steps in and 30 out', async () => {
    await page.keyboard.down('Control');
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, i < 30 ? -60 : 60);
      if (i === 29) deepest = (await viewport(page)).zoom;
      await sleep(16);
    }
    await page.keyboard.up('Control');
  });
  const back = (await viewport(page)).zoom;
  report(zoom, ` (zoom ${fitted.zoom.toFixed(3)} to ${deepest.toFixed(2)} and back to ${back.toFixed(3)})`);
  if (deepest < fitted.zoom * 4) fail(`ctrl + wheel did not zoom in: zoom ${deepest} from ${fitted.zoom}`);

  // (d) drag one node across the canvas
  const dragged = nodeById(page, 'r6-mid-4');
  const from = centre(await box(dragged));
  const to = { x: Math.min(canvas.x + canvas.width - 40, from.x + 500), y: Math.max(canvas.y + 40, from.y - 250) };
  const drag = await phase(page, cdp, '(d) dragging one node across the canvas in 60 steps', () =>
    mouseDrag(page, from, to, 60),
  );
  report(drag);
  const landed = centre(await box(dragged));
  if (Math.hypot(landed.x - to.x, landed.y - to.y) > 30)
    fail(`the dragged node is at ${JSON.stringify(landed)}, not near ${JSON.stringify(to)}`);

  // (e) box-select the first columns of region 1 (from the empty pane above and left of it), then drag them
  const region = await box(nodeById(page, 'region-1'));
  const start = { x: region.x - 8, y: region.y - 8 };
  const end = { x: region.x + region.width * 0.88, y: region.y + region.height + 4 };
  const select = await phase(page, cdp, '(e) box-selecting the nodes of most of a region', () =>
    mouseDrag(page, start, end, 30),
  );
  const selected = await page.locator('.react-flow__node.selected').count();
  report(select, ` (${selected} nodes selected)`);
  if (selected < 20) fail(`box selection selected ${selected} nodes`);

  const grab = nodeById(page, 'r1-mid-2');
  const grabbed = centre(await box(grab));
  const other = nodeById(page, 'r1-client-1');
  const otherBefore = await box(other);
  const group = await phase(page, cdp, `(e) dragging the ${selected} selected nodes in 60 steps`, () =>
    mouseDrag(page, grabbed, { x: grabbed.x + 120, y: grabbed.y + 90 }, 60),
  );
  report(group);
  const otherAfter = await box(other);
  if (Math.abs(otherAfter.x - otherBefore.x) < 40)
    fail(`the other selected nodes did not move with the one dragged (${otherBefore.x} -> ${otherAfter.x})`);

  const c = await counts(page);
  console.log(`\nJS heap at the end: ${await heapMb(cdp)}; ${c.nodes} nodes and ${c.edges} edges in the DOM`);
  if (errors.length) fail(`the page logged errors:\n${errors.join('\n')}`);
  await context.close();
}

async function main(): Promise<void> {
  const lookup = findChromium();
  if (!lookup.found) fail(`no Chromium to run in: ${lookup.reason}`);
  const server = await prepare();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-'));
  const file = path.join(dir, 'big.bp.json');
  fs.writeFileSync(file, JSON.stringify(bigTopology(), null, 2));
  const browser = await chromium.launch({ executablePath: lookup.path, args: CHROMIUM_ARGS, headless: true });
  try {
    console.log(
      `Backpressure canvas benchmark: ${BIG_NODES} nodes, ${BIG_EDGES} edges\n` +
        `headless Chromium ${browser.version()} without GPU (software rendering: slower than a desktop), ` +
        `${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}, ${os.cpus().length} CPUs\n`,
    );
    await run(browser, server.url, file);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Broken ? `\nBROKEN: ${error.message}` : error);
  process.exitCode = 1;
});
