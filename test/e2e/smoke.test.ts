import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { WINDOW_TITLE } from './environment.js';

describeInBrowser('web app in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is titled Backpressure', async () => {
    const html = await (await app.page.request.get(app.page.url())).text();
    expect(html).toContain('<title>Backpressure</title>');
    expect(await app.page.title()).toMatch(WINDOW_TITLE);
  });

  it('renders into #root', async () => {
    await app.page.locator('#root > *').first().waitFor({ state: 'visible' });
    expect(await app.page.locator('#root').innerText()).not.toBe('');
  });

  it('loads without console or page errors', async () => {
    await screenshot(app.page, 'smoke');
    expect(app.errors).toEqual([]);
  });
});
