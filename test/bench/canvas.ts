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
import { type Browser, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_VIEWPORT } from '../e2e/browser.js';
import { box, centre, mouseDrag, nodeById } from '../e2e/canvasDriver.js';
import { findChromium } from '../e2e/environment.js';
import { BIG_EDGES, BIG_NODES, bigTopology } from './bigTopology.js';
import {
  counts,
  fail,
  heapMb,
  openApp,
  openDocument,
  phase,
  prepare,
  report,
  reportFailure,
  sleep,
} from './pageBench.js';

/** The viewport's transform: translation and zoom. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const m = /matrix\(([^,]+), [^,]+, [^,]+, [^,]+, ([^,]+), ([^)]+)\)/.exec(transform);
  if (!m) fail(`unexpected viewport transform ${transform}`);
  return { zoom: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
}

async function run(browser: Browser, url: string, file: string): Promise<void> {
  const { context, page, cdp, errors } = await openApp(browser, url);
  console.log(`JS heap of the empty editor: ${await heapMb(cdp)}\n`);

  // (a) open
  let openMs = 0;
  const open = await phase(
    page,
    cdp,
    '(a) opening the document (File > Open until every node and edge is drawn)',
    async () => {
      openMs = await openDocument(page, file, BIG_NODES, BIG_EDGES);
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

main().catch(reportFailure);
