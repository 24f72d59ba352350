/**
 * Benchmark of live playback in real Chromium: opens a generated topology, plays it at 1x (from the start, then
 * again from 1:00, when the charts hold more), waits until the wanted number of packets is in flight, then records the interval between animation frames and every main-thread task
 * over 50 ms (the Long Tasks API) for a few seconds. Two sizes: 200 nodes with 2,000 packets in flight and 500 nodes
 * with 5,000. It prints figures and never fails on timing; it exits non-zero only when something is broken.
 *
 *   npx tsx test/bench/playback.ts                        builds the web app into dist/web first
 *   npx tsx test/bench/playback.ts --no-build             uses dist/web as it is (so does BP_BENCH_SKIP_BUILD=1)
 *   BP_BENCH_ONLY=200 npx tsx test/bench/playback.ts      only the scenario with that many nodes (200 or 500)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';
import { formatProblems, validateDocument } from '../../shared/model/validate.js';
import { CHROMIUM_ARGS, DEFAULT_VIEWPORT } from '../e2e/browser.js';
import { findChromium } from '../e2e/environment.js';
import { laneTopology, type LaneOptions } from './laneTopology.js';
import {
  LONG_FRAME_MS,
  fail,
  openApp,
  openDocument,
  prepare,
  quantile,
  reportFailure,
  sleep,
  startFrames,
} from './pageBench.js';

const MEASURE_MS = 6000;
const WARM_UP_TIMEOUT_MS = 60_000;
/** The second measurement of each scenario starts here, simulated ms into the run. */
const LATER_MS = 60_000;

const SCENARIOS: { name: string; options: LaneOptions; targetFps: number }[] = [
  {
    name: '200 nodes, 2,000 packets in flight',
    options: { regions: 5, lanesPerRegion: 8, packets: 2000 },
    targetFps: 60,
  },
  {
    name: '500 nodes, 5,000 packets in flight',
    options: { regions: 10, lanesPerRegion: 10, packets: 5000 },
    targetFps: 30,
  },
];

declare global {
  interface Window {
    __bpLongTasks?: { stop(): number[] };
  }
}

/** Records the duration of every long task (over 50 ms) from now on. A string, so the page gets it as written. */
const LONG_TASK_RECORDER = `(() => {
  const durations = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  window.__bpLongTasks = { stop() { observer.disconnect(); return durations; } };
})()`;

/** What the packet layer says it shows: packets in flight in view, and how many of them it drew. */
async function overlay(page: Page): Promise<{ inFlight: number; drawn: number }> {
  return page.getByTestId('packet-layer').evaluate((el: HTMLElement) => ({
    inFlight: Number(el.dataset.inFlight ?? 0),
    drawn: Number(el.dataset.drawn ?? 0),
  }));
}

/** Waits until the wanted number of packets is in flight, then records frames and long tasks and prints them. */
async function measure(page: Page, cdp: CDPSession, s: (typeof SCENARIOS)[number], when: string): Promise<void> {
  const warmUp = performance.now();
  for (;;) {
    const seen = await overlay(page);
    if (seen.inFlight >= s.options.packets * 0.8) break;
    if (performance.now() - warmUp > WARM_UP_TIMEOUT_MS)
      fail(`only ${seen.inFlight} packets in flight after ${WARM_UP_TIMEOUT_MS / 1000} s of playing`);
    await sleep(250);
  }

  const before = await cdp.send('Performance.getMetrics');
  await page.evaluate(LONG_TASK_RECORDER);
  await startFrames(page);
  const samples: { inFlight: number; drawn: number }[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < MEASURE_MS) {
    await sleep(500);
    samples.push(await overlay(page));
  }
  const times = await page.evaluate(() => window.__bpFrames!.stop());
  const longTasks = await page.evaluate(() => window.__bpLongTasks!.stop());
  const after = await cdp.send('Performance.getMetrics');
  const clock = await page.getByTestId('sim-clock').textContent();

  const intervals = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  const span = (times.at(-1)! - times[0]!) / 1000;
  const metric = (list: typeof before.metrics, name: string) => list.find((m) => m.name === name)?.value ?? 0;
  const scriptMs = (metric(after.metrics, 'ScriptDuration') - metric(before.metrics, 'ScriptDuration')) * 1000;
  const mean = (f: (x: { inFlight: number; drawn: number }) => number) =>
    Math.round(samples.reduce((a, x) => a + f(x), 0) / samples.length);
  const fps = (intervals.length / span).toFixed(1);
  const long = intervals.filter((v) => v > LONG_FRAME_MS).length;
  console.log(
    `  playing ${when}: ${intervals.length} frames in ${span.toFixed(2)} s: ${fps} fps (target ${s.targetFps}); frame time ` +
      `p50 ${quantile(intervals, 0.5).toFixed(1)} ms, p95 ${quantile(intervals, 0.95).toFixed(1)} ms, ` +
      `max ${intervals.at(-1)!.toFixed(1)} ms; ${long} frame${long === 1 ? '' : 's'} over ${LONG_FRAME_MS} ms\n` +
      `  main-thread tasks over 50 ms: ${longTasks.length}` +
      (longTasks.length ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : ' (none)') +
      `; main-thread script ${Math.round(scriptMs)} ms of ${Math.round(span * 1000)} ms\n` +
      `  packets in flight ${mean((x) => x.inFlight)} on average, ${mean((x) => x.drawn)} drawn; simulated clock at ${clock}\n`,
  );
}

async function scenario(browser: Browser, url: string, dir: string, s: (typeof SCENARIOS)[number]): Promise<void> {
  const { doc, nodes, edges, ratePerLane } = laneTopology(s.options);
  const checked = validateDocument(doc);
  if (!checked.ok) fail(`the generated topology is invalid: ${formatProblems(checked.problems)}`);
  const file = path.join(dir, `${nodes}.bp.json`);
  fs.writeFileSync(file, JSON.stringify(doc));

  const { context, page, cdp, errors } = await openApp(browser, url);
  const openMs = await openDocument(page, file, nodes, edges);
  console.log(
    `${s.name}\n  ${nodes} nodes, ${edges} edges, ${ratePerLane} requests/s per client; opened in ${Math.round(openMs)} ms`,
  );

  await page.getByRole('button', { name: 'Play' }).click();
  await measure(page, cdp, s, 'from the start');
  // Later in a run the charts hold more points and the report more history: measured again from 1:00.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('slider', { name: 'Simulated time' }).fill(String(LATER_MS));
  await page
    .getByTestId('sim-clock')
    .filter({ hasText: /^1:00\.000/ })
    .waitFor({ timeout: WARM_UP_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Play' }).click();
  await measure(page, cdp, s, 'from 1:00');
  if (errors.length) fail(`the page logged errors:\n${errors.join('\n')}`);
  await context.close();
}

async function main(): Promise<void> {
  const lookup = findChromium();
  if (!lookup.found) fail(`no Chromium to run in: ${lookup.reason}`);
  const server = await prepare();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-playback-'));
  const browser = await chromium.launch({ executablePath: lookup.path, args: CHROMIUM_ARGS, headless: true });
  try {
    console.log(
      `Backpressure playback benchmark: playing at 1x, measured for ${MEASURE_MS / 1000} s once the packets are in flight\n` +
        `headless Chromium ${browser.version()} without GPU (software rendering: slower than a desktop), ` +
        `${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}, ${os.cpus().length} CPUs\n`,
    );
    const only = process.env.BP_BENCH_ONLY;
    for (const s of SCENARIOS)
      if (!only || s.name.startsWith(`${only} nodes`)) await scenario(browser, server.url, dir, s);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(reportFailure);
