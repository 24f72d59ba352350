import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { connectNodes, dragFromPalette, nodeById } from './canvasDriver.js';

/** The `::after` chip a mark puts on a node, as the browser computes it ("none" when there is none). */
const chip = (app: OpenApp, id: string) =>
  nodeById(app.page, id).evaluate((el) => getComputedStyle(el, '::after').content);

async function startInterview(app: OpenApp, title: string, options: { interviewerView?: boolean } = {}) {
  await app.page.getByRole('button', { name: 'Mock interview', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Mock interview' });
  await dialog.getByRole('searchbox', { name: 'Search prompts' }).fill(title);
  await dialog.getByRole('option', { name: new RegExp(`^${title}`) }).click();
  if (options.interviewerView) await dialog.getByLabel('Interviewer view').check();
  expect(await dialog.getByLabel('45 min').isChecked()).toBe(true);
  await dialog.getByRole('button', { name: 'Start the interview' }).click();
  await app.page.getByTestId('interview-strip').waitFor();
}

describeInBrowser('mock interview in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts a session with “URL shortener”: clock, phases, prompt, a new document named after it', async () => {
    await startInterview(app, 'URL shortener');
    expect(await app.page.getByTestId('document-name').innerText()).toBe('Mock interview: URL shortener');
    expect(await app.page.getByTestId('interview-clock').innerText()).toMatch(/^4[45]:\d\d left/);
    const current = app.page.getByRole('list', { name: 'Phases' }).locator('[aria-current="step"]');
    expect(await current.innerText()).toMatch(/^Requirements/);
    expect(await app.page.getByTestId('session-panel').innerText()).toMatch(/Functional requirements/i);
  });

  it('builds a minimal design from the palette and checks it against the estimated peak', async () => {
    await dragFromPalette(app.page, 'client', { x: 110, y: 140 });
    await dragFromPalette(app.page, 'service', { x: 360, y: 140 });
    await dragFromPalette(app.page, 'database', { x: 610, y: 140 });
    await connectNodes(app.page, 'client-1', 'service-1');
    await connectNodes(app.page, 'service-1', 'database-1');
    await expect.poll(() => app.page.locator('.react-flow__edge').count()).toBe(2);
    // Timeouts on both callers: one rubric item the minimal design gets right.
    for (const [id, ms] of [
      ['client-1', '1000'],
      ['service-1', '250'],
    ] as const) {
      await nodeById(app.page, id).click();
      const timeout = app.page.getByTestId('inspector').getByLabel('Timeout', { exact: true });
      await timeout.fill(ms);
      await timeout.press('Enter');
    }
    await app.page.getByRole('tab', { name: 'Estimate' }).click();
    await app.page.getByTestId('capacity-check').waitFor();
    expect(await app.page.getByTestId('capacity-check').innerText()).toMatch(/headroom/);
    await app.page.getByRole('tab', { name: /^Notes/ }).click();
    await app.page.getByRole('textbox', { name: 'Notes' }).fill('Reads dominate 100:1. Cache the hot links next.');
    await app.page.getByRole('tab', { name: 'Estimate' }).click();
    await app.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await screenshot(app.page, 'interview-session-light');
  });

  it('deals a drill mid-session: the fault runs live and shows on the canvas', async () => {
    await app.page.getByRole('button', { name: /Deal a drill/ }).click();
    await app.page.getByRole('menuitem', { name: /A region goes down/ }).click();
    await expect.poll(() => app.page.getByTestId('notice').innerText()).toMatch(/^Interviewer: “/);
    await expect.poll(() => chip(app, 'database-1'), { timeout: 10_000 }).toBe('"drill: crashed"');
    // The run itself shows the crash: the node's live state, and the fault recorded in the document.
    await expect
      .poll(() => app.page.getByTestId('live-database-1').getAttribute('class'), { timeout: 20_000 })
      .toMatch(/crashed/);
    await screenshot(app.page, 'interview-drill-light');
    await app.page.getByRole('button', { name: 'Pause', exact: true }).click();
  });

  it('finishes: the score card names what passed and failed, and marks what broke on the canvas', async () => {
    await app.page.getByRole('button', { name: 'Finish', exact: true }).click();
    const card = app.page.getByTestId('score-card');
    await card.waitFor({ timeout: 90_000 });
    expect(Number(await card.getByTestId('score').innerText())).toBeGreaterThanOrEqual(0);
    expect(await card.locator('.bp-iv-rubric-item[data-status="fail"]').count()).toBeGreaterThan(0);
    expect(await card.locator('.bp-iv-rubric-item[data-status="pass"]').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('drill-result').innerText()).toMatch(/Availability[\s\S]*target/);
    expect(await card.innerText()).toContain('Reads dominate 100:1. Cache the hot links next.');
    // The single database is a single point of failure: choosing the item outlines it on the canvas.
    await card.getByTestId('rubric-noSinglePointOfFailure').getByRole('button').click();
    await expect
      .poll(() => nodeById(app.page, 'database-1').evaluate((el) => getComputedStyle(el).outlineStyle))
      .toBe('solid');
    await screenshot(app.page, 'interview-scorecard-light');
    // The replay goes back to the empty canvas the session started from.
    const replay = card.getByRole('slider', { name: 'Replay' });
    await replay.fill('0');
    expect(await card.getByTestId('replay-caption').innerText()).toMatch(/^0:00 · Start · 0 nodes/);
    expect(app.errors).toEqual([]);
  });

  it('keeps the score card over a reload, and shows it in the dark theme', async () => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.page.reload({ waitUntil: 'load' });
    const card = app.page.getByTestId('score-card');
    await card.waitFor();
    expect(await card.locator('.bp-iv-rubric-item[data-status="fail"]').count()).toBeGreaterThan(0);
    await screenshot(app.page, 'interview-scorecard-dark');
  });

  it('interviewer view in the dark: no hints, the rubric live', async () => {
    await startInterview(app, 'URL shortener', { interviewerView: true });
    const panel = app.page.getByTestId('session-panel');
    expect(await panel.getByRole('tab', { name: 'Hints' }).count()).toBe(0);
    await panel.getByRole('tab', { name: 'Rubric' }).click();
    await panel.getByTestId('live-rubric').waitFor();
    expect(await panel.getByTestId('live-rubric').innerText()).toMatch(/failed/);
    await dragFromPalette(app.page, 'client', { x: 110, y: 140 });
    await dragFromPalette(app.page, 'service', { x: 360, y: 140 });
    await connectNodes(app.page, 'client-1', 'service-1');
    await app.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await screenshot(app.page, 'interview-session-dark');
    await app.page.keyboard.press('Alt+I');
    expect(await panel.getByRole('tab', { name: 'Hints' }).count()).toBe(1);
    expect(app.errors).toEqual([]);
  });
});
