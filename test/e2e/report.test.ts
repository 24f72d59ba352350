import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildReportHtml, runForReport } from '../../shared/export/report/index.js';
import { parseDocument } from '../../shared/model/validate.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { DEFAULT_VIEWPORT, type OpenApp, describeInBrowser, launchChromium, openApp, screenshot } from './browser.js';
import { ROOT, SCREENSHOT_DIR } from './environment.js';

/** The cascading-failure template, as the app and the command line read it. */
async function cascadingFailure(): Promise<TopologyDocument> {
  const text = await fs.readFile(path.join(ROOT, 'assets/templates/cascading-failure.bp.json'), 'utf8');
  const result = parseDocument(text);
  if (!result.ok) throw new Error('the cascading-failure template does not validate');
  return result.document;
}

/** The boxes of the elements matching `selector`, in CSS pixels. */
function boxes(page: Page, selector: string) {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.closest('[id]')?.id ?? '', width: r.width, height: r.height };
    }),
  );
}

describeInBrowser('the HTML simulation report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let file: string;
  let doc: TopologyDocument;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    doc = await cascadingFailure();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backpressure-report-'));
    file = path.join(dir, 'cascading-failure.report.html');
    await fs.writeFile(file, buildReportHtml(runForReport(doc)));
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: DEFAULT_VIEWPORT,
      colorScheme: 'light',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('draws every chart: lines with a real extent, axes and legends', async () => {
    const lines = await boxes(page, 'figure.chart path.line');
    const charts = new Set(lines.map((l) => l.id));
    expect([...charts]).toEqual([
      'chart-success',
      'chart-latency',
      'chart-throughput',
      'chart-attempts',
      'chart-utilization',
      'chart-queue',
    ]);
    for (const line of lines) {
      // across most of the plot (the run is 60 s, the lines start near 0 and end near 60 s)
      expect(line.width, line.id).toBeGreaterThan(300);
    }
    // and not flat, except attempts per request (no client retries here: 1.0 throughout)
    for (const id of ['chart-success', 'chart-latency', 'chart-throughput', 'chart-utilization', 'chart-queue']) {
      expect(Math.max(...lines.filter((l) => l.id === id).map((l) => l.height)), id).toBeGreaterThan(60);
    }
    const figures = await boxes(page, 'figure.chart svg');
    for (const f of figures) expect(f.height).toBeGreaterThan(150);
  });

  it('shows the diagram, the timeline and the tables', async () => {
    const [diagram] = await boxes(page, '.diagram-light svg');
    expect(diagram!.width).toBeGreaterThan(500);
    expect(await page.locator('.diagram-dark').isVisible()).toBe(false);
    const [fault] = await boxes(page, '#timeline rect.tl-fault');
    // 15 s of a 60 s run on a track of about three quarters of the page's width
    expect(fault!.width).toBeGreaterThan(150);
    expect(await page.locator('#summary table').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'report-light');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-light-full.png'), fullPage: true });
  });

  it('follows a dark colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(19, 21, 25)');
    expect(await page.locator('.diagram-light').isVisible()).toBe(false);
    expect(await page.locator('.diagram-dark svg').isVisible()).toBe(true);
    await screenshot(page, 'report-dark');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-dark-full.png'), fullPage: true });
    await page.locator('#charts').screenshot({ path: path.join(SCREENSHOT_DIR, 'report-dark-charts.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('downloads the document it embeds', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.download').click()]);
    expect(download.suggestedFilename()).toBe('cascading-failure.bp.json');
    const text = await fs.readFile(await download.path(), 'utf8');
    expect(JSON.parse(text)).toEqual(doc);
  });

  it('logged no error and asked for nothing but itself', () => {
    expect(errors).toEqual([]);
    expect(requests.filter((url) => url !== `file://${file}`)).toEqual([]);
  });
});

describeInBrowser('exporting the report from the app', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('builds the report in a worker and downloads it, from the dashboard', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page
      .locator('.bp-templates-dialog .bp-template-title')
      .getByText('Cascading failure', { exact: true })
      .click();
    await page.locator('.react-flow__node').first().waitFor();
    // a run opens the dashboard, whose toolbar has the export
    await page.getByRole('button', { name: 'Play' }).click();
    const button = page.getByRole('button', { name: 'Export report…' });
    await button.waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
    expect(download.suggestedFilename()).toBe('cascading-failure.report.html');
    const html = await fs.readFile(await download.path(), 'utf8');
    expect(html).toContain('<h1>Cascading failure: a slow database takes the site down</h1>');
    expect(html).toContain('backpressure run cascading-failure.bp.json --seed 1 --duration 60s');
    expect(html.match(/<path d="M[^"]+" class="line/g)?.length).toBeGreaterThanOrEqual(8);
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Exported the report');
    await screenshot(page, 'report-exported-from-app');

    // the same run as the command line's: the document and settings of the editor, whatever the playback did
    const doc = await cascadingFailure();
    const expected = buildReportHtml({ ...runForReport(doc), fileName: 'cascading-failure.bp.json' });
    expect(html).toBe(expected);
    expect(app.errors).toEqual([]);
  });
});
