import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { box, centre, nodeById } from './canvasDriver.js';

async function loadTemplate(app: OpenApp, title: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Templates', exact: true }).click();
  await app.page.locator('.bp-templates-dialog .bp-template-title').getByText(title, { exact: true }).click();
  await app.page.locator('.react-flow__node').first().waitFor();
  // the view is fitted to the new document shortly after it opens
  await app.page.waitForTimeout(400);
}

/** Shows the run at `ms` (starting one when needed), paused. */
async function showTime(page: Page, ms: number, clock: RegExp): Promise<void> {
  await page.getByRole('slider', { name: 'Simulated time' }).fill(String(ms));
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 30_000 }).toMatch(clock);
  await expect.poll(() => page.getByTestId('sim-status').innerText()).not.toMatch(/Re-running/);
}

/** The middle of an edge's curve, in page pixels (an edge's box centre may be off a curved path). */
async function edgeMiddle(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-interaction`).evaluate((el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
}

const bars = (page: Page) => page.getByTestId('fault-timeline').locator('.bp-fault-bar');
const cutEdges = (page: Page) => page.locator('.react-flow__edge-path.cut');

describeInBrowser('faults: the timeline, partition lines, live state', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp({ viewport: { width: 1440, height: 900 } });
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('cuts an edge from its context menu: drawn cut on the canvas and shown on the timeline', async () => {
    const { page } = app;
    await loadTemplate(app, 'Single-region web app');
    await expect.poll(() => page.getByTestId('fault-timeline').innerText()).toMatch(/Right-click a node or an edge/);
    await showTime(page, 3_000, /^0:03\.000/);
    const at = await edgeMiddle(page, 'lb-api');
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await page.getByRole('menuitem', { name: /^Cut for 10 s/ }).click();
    await expect.poll(() => cutEdges(page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge[data-id="lb-api"] .cut').count()).toBe(1);
    await expect.poll(() => bars(page).count()).toBe(1);
    expect(await bars(page).first().getAttribute('data-kind')).toBe('cut');
    expect(await bars(page).first().innerText()).toContain('Cut: Load balancer (L7) → API (3 replicas)');
    // the edge's live tooltip says so too
    await page.mouse.move(at.x, at.y);
    const tip = page.getByTestId('live-tooltip');
    await expect.poll(() => tip.innerText()).toMatch(/cut/);
    expect(await tip.innerText()).toMatch(/Messages[\s\S]*\/s/);
    await screenshot(page, 'faults-cut-edge');
    expect(app.errors).toEqual([]);
  });

  it('shows live numbers in a tooltip over a node while a run is shown', async () => {
    const { page } = app;
    await page.mouse.move(5, 5);
    const api = await box(nodeById(page, 'api'));
    await page.mouse.move(api.x + api.width / 2, api.y + 10);
    const tip = page.getByTestId('live-tooltip');
    await tip.waitFor();
    const text = await tip.innerText();
    for (const label of ['Utilization', 'Queue', 'In flight', 'Arrivals', 'Errors', 'Replicas in rotation'])
      expect(text).toContain(label);
    expect(text).toMatch(/Arrivals\s+[\d.,]+\/s/);
    await screenshot(page, 'faults-node-tooltip');
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.count()).toBe(0);
  });

  it('draws a partition line between two regions: previewed, on the timeline, drawn on the canvas', async () => {
    const { page } = app;
    await loadTemplate(app, 'Two regions, one primary database');
    await showTime(page, 2_000, /^0:02\.000/);
    expect(await cutEdges(page).count()).toBe(0);
    // keys go to the canvas, not to the scrubber just used
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await page.getByTestId('partition-tool').waitFor();
    const us = await box(nodeById(page, 'us-east'));
    const eu = await box(nodeById(page, 'eu-west'));
    const y = (us.y + us.height + eu.y) / 2;
    await page.mouse.move(us.x - 40, y - 20);
    await page.mouse.down();
    await page.mouse.move(us.x + us.width / 2, y, { steps: 6 });
    await page.mouse.move(us.x + us.width + 40, y + 20, { steps: 6 });
    await page.mouse.up();
    const confirm = page.getByRole('dialog', { name: 'Partition' });
    await confirm.waitFor();
    const sides = await confirm.innerText();
    expect(sides).toMatch(/A\s+us-east \(Virginia\) · 4 nodes/);
    expect(sides).toMatch(/B\s+eu-west \(Dublin\) · 3 nodes/);
    await screenshot(page, 'faults-partition-drawn');
    await confirm.getByRole('button', { name: 'Both ways' }).click();
    await expect.poll(() => page.getByTestId('partition-tool').count()).toBe(0);
    await expect.poll(() => bars(page).count(), { timeout: 10_000 }).toBe(1);
    const bar = bars(page).first();
    expect(await bar.getAttribute('data-kind')).toBe('partition');
    expect(await bar.innerText()).toContain('Partition: us-east (Virginia) ⇹ eu-west (Dublin)');
    // the EU API's calls to the primary database cross the partition: drawn cut while it holds
    await expect.poll(() => page.locator('.react-flow__edge[data-id="eu-api-db"] .cut').count()).toBe(1);
    await bar.click();
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → 12 s (10 s)');
    await screenshot(page, 'faults-timeline');
    expect(app.errors).toEqual([]);
  });

  it('drags a timeline bar later: the fault starts later, the run follows, and undo puts it back', async () => {
    const { page } = app;
    const bar = bars(page).first();
    const track = await box(page.getByTestId('fault-timeline').locator('.bp-timeline-track'));
    const b = await box(bar);
    const from = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    // 10 s of a 60 s run
    const dx = (track.width * 10_000) / 60_000;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + dx / 2, from.y, { steps: 5 });
    // the time is shown while dragging
    expect(await page.getByTestId('fault-span').innerText()).toMatch(/^\d+ s → \d+ s \(10 s\)$/);
    await page.mouse.move(from.x + dx, from.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('12 s → 22 s (10 s)');
    // the run was re-run to 0:02 with the fault moved: it does not hold any more at the time shown
    await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 30_000 }).toMatch(/^0:02\.000/);
    await expect.poll(() => cutEdges(page).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('sim-status').innerText()).not.toMatch(/Edited since this run/);
    await screenshot(page, 'faults-timeline-dragged');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → 12 s (10 s)');
    await expect.poll(() => cutEdges(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // arrows nudge by a second, Shift by five: each one undoable step
    await bar.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('8 s → 18 s (10 s)');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('3 s → 13 s (10 s)');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → 12 s (10 s)');
    expect(app.errors).toEqual([]);
  });

  it('resizes a bar by its end and deletes it from the timeline (undo brings it back)', async () => {
    const { page } = app;
    const bar = bars(page).first();
    const track = await box(page.getByTestId('fault-timeline').locator('.bp-timeline-track'));
    const b = await box(bar);
    const grip = { x: b.x + b.width - 3, y: b.y + b.height / 2 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + (track.width * 5_000) / 60_000, grip.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → 17 s (15 s)');
    // to the end of the run: drawn to the end with an arrow
    await bar.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Last to the end of the run' }).click();
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → end of run');
    expect(await bar.locator('.bp-fault-arrow').count()).toBe(1);
    // an overlapping fault gets a lane of its own
    await page.getByLabel('Speed').selectOption('1');
    await showTime(page, 6_000, /^0:06\.000/);
    await nodeById(page, 'us-api').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Slow down 5×/ }).click();
    await expect.poll(() => bars(page).count(), { timeout: 10_000 }).toBe(2);
    const tops = await bars(page).evaluateAll((els) => els.map((el) => (el as HTMLElement).offsetTop));
    expect(tops[0]).not.toBe(tops[1]);
    await expect.poll(() => page.getByTestId('sim-status').innerText()).not.toMatch(/Re-running/);
    await screenshot(page, 'faults-timeline-lanes');
    await page.keyboard.press('Control+z');
    await expect.poll(() => bars(page).count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('fault-span').innerText()).toBe('2 s → 17 s (15 s)');
    await bar.focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => bars(page).count()).toBe(0);
    await expect.poll(() => page.getByTestId('fault-timeline').innerText()).toMatch(/draw a partition line/);
    await expect.poll(() => cutEdges(page).count(), { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => bars(page).count()).toBe(1);
    // and from its context menu
    await bars(page).first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Delete fault/ }).click();
    await expect.poll(() => bars(page).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('Esc leaves the partition tool without adding anything', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Draw a partition line' }).click();
    await page.getByTestId('partition-tool').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('partition-tool').count()).toBe(0);
    expect(await bars(page).count()).toBe(0);
  });

  it('greys a target its DNS health check marked down during a partition', async () => {
    const { page } = app;
    await loadTemplate(app, 'Partition between two regions');
    await showTime(page, 45_000, /^0:45\.000/);
    const east = page.getByTestId('live-east-lb');
    await expect.poll(() => east.getAttribute('class')).toMatch(/out-of-rotation/);
    expect(await east.getAttribute('data-state')).toBe('marked down');
    expect(await page.getByTestId('live-west-lb').getAttribute('class')).not.toMatch(/out-of-rotation/);
    const lb = await box(nodeById(page, 'east-lb'));
    await page.mouse.move(centre(lb).x, lb.y + 12);
    const tip = page.getByTestId('live-tooltip');
    await expect.poll(() => tip.innerText()).toMatch(/marked down/);
    expect(await tip.innerText()).toMatch(/Replicas in rotation\s+0 of 1 \(1 failing health check\)/);
    await screenshot(page, 'faults-marked-down');
    expect(app.errors).toEqual([]);
  });
});
