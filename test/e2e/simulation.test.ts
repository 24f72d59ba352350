import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';

async function loadTemplate(app: OpenApp, title: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Templates', exact: true }).click();
  await app.page.locator('.bp-templates-dialog .bp-template-title').getByText(title, { exact: true }).click();
  await app.page.locator('.react-flow__node').first().waitFor();
}

async function runToEnd(app: OpenApp): Promise<void> {
  await app.page.getByLabel('Speed').selectOption('max');
  await app.page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => app.page.getByTestId('sim-status').innerText(), { timeout: 60_000 }).toBe('Run complete');
}

/** The Summary tab's clients table, as text. */
async function clientSummary(app: OpenApp): Promise<string> {
  await app.page.getByRole('tab', { name: 'Summary' }).click();
  const table = app.page.locator('table.bp-summary-table').first();
  await table.waitFor();
  return table.innerText();
}

describeInBrowser('live simulation in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('plays a template to the end and fills the dashboard; the same seed gives the same numbers', async () => {
    await loadTemplate(app, 'Cascading failure');
    await runToEnd(app);
    expect(await app.page.getByTestId('sim-clock').innerText()).toMatch(/^1:00\.000/);
    await app.page.getByRole('tab', { name: 'Clients' }).click();
    await screenshot(app.page, 'simulation-dashboard');
    const first = await clientSummary(app);
    expect(first).toMatch(/\d/);
    await app.page.getByRole('button', { name: 'Restart' }).click();
    await runToEnd(app);
    expect(await clientSummary(app)).toBe(first);
    expect(app.errors).toEqual([]);
  });

  it('scrubbing back shows the run as it was then', async () => {
    const scrubber = app.page.getByRole('slider', { name: 'Simulated time' });
    await scrubber.fill('6000');
    await expect.poll(() => app.page.getByTestId('sim-clock').innerText(), { timeout: 30_000 }).toMatch(/^0:06\.000/);
    await expect.poll(() => app.page.getByTestId('sim-status').innerText()).not.toMatch(/Re-running/);
    const early = await clientSummary(app);
    await runToEnd(app);
    expect(await clientSummary(app)).not.toBe(early);
  });

  it('crashing a node from its context menu during a run records the fault and fails requests', async () => {
    await loadTemplate(app, 'Single-region web app');
    await app.page.getByLabel('Speed').selectOption('1');
    await app.page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => app.page.getByTestId('sim-clock').innerText()).not.toMatch(/^0:00\.000/);
    // packets are drawn on the overlay while the run plays
    const layer = app.page.getByTestId('packet-layer');
    await expect
      .poll(async () => Number(await layer.getAttribute('data-drawn')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // and every node's live state (bars, words) on the badge layer
    const badges = app.page.getByTestId('live-badges');
    await expect
      .poll(async () => Number(await badges.getAttribute('data-badges')))
      .toBe(await app.page.locator('.react-flow__node-topology').count());
    await screenshot(app.page, 'simulation-running');
    const db = app.page.locator('.react-flow__node:has(.kind-database)').first();
    await db.click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: /^Crash \(refuse connections\)/ }).click();
    await app.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => app.page.getByTestId('inspector').innerText()).toMatch(/1\s*fault/);
    await app.page.getByLabel('Speed').selectOption('max');
    await expect.poll(() => app.page.getByTestId('sim-status').innerText(), { timeout: 60_000 }).toBe('Run complete');
    const summary = await clientSummary(app);
    await screenshot(app.page, 'simulation-crash');
    // failures show in the clients table: its "failed" column is no longer all zeros
    expect(summary).toMatch(/unavailable|failed/i);
    expect(app.errors).toEqual([]);
  });

  it('draws the edges a partition cuts while it holds, and not before', async () => {
    await loadTemplate(app, 'Partition between two regions');
    await app.page.getByRole('button', { name: 'Step' }).click();
    const cut = app.page.locator('.react-flow__edge-path.cut');
    const scrubber = app.page.getByRole('slider', { name: 'Simulated time' });
    await scrubber.fill('30000');
    await expect.poll(() => app.page.getByTestId('sim-clock').innerText(), { timeout: 30_000 }).toMatch(/^0:30\.000/);
    await expect.poll(() => cut.count()).toBeGreaterThan(0);
    await screenshot(app.page, 'simulation-partition');
    await scrubber.fill('9000');
    await expect.poll(() => app.page.getByTestId('sim-clock').innerText(), { timeout: 30_000 }).toMatch(/^0:09\.000/);
    await expect.poll(() => cut.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
