import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../shared/model/types.js';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { ROOT } from './environment.js';
import {
  box,
  canvasBox,
  centre,
  connectNodes,
  dragFromPalette,
  flowNodes,
  menu,
  mouseDrag,
  nodeById,
  nodeIds,
} from './canvasDriver.js';

/** Without the File System Access API the app falls back to upload and download, which a test can drive. */
async function withoutFilePickers(app: OpenApp): Promise<void> {
  await app.context.addInitScript(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    delete w.showOpenFilePicker;
    delete w.showSaveFilePicker;
  });
  await app.page.reload({ waitUntil: 'load' });
}

async function saveByDownload(app: OpenApp, dir: string): Promise<string> {
  const [download] = await Promise.all([app.page.waitForEvent('download'), menu(app.page, 'File', 'Save')]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function openFile(app: OpenApp, file: string): Promise<void> {
  const [chooser] = await Promise.all([app.page.waitForEvent('filechooser'), menu(app.page, 'File', 'Open')]);
  await chooser.setFiles(file);
}

describeInBrowser('canvas editor in Chromium', () => {
  let app: OpenApp;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bp-e2e-'));
    app = await openApp();
    await withoutFilePickers(app);
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the templates on an empty canvas', async () => {
    await app.page.getByTestId('empty-state').waitFor();
    expect(await app.page.getByTestId('empty-state').getByRole('button').count()).toBeGreaterThanOrEqual(8);
    await screenshot(app.page, 'empty-state');
  });

  describe('building by hand', () => {
    it('drags every palette kind onto the canvas where it is dropped', async () => {
      const kinds = NODE_KINDS.filter((k) => k !== 'region');
      for (const [i, kind] of kinds.entries()) {
        await dragFromPalette(app.page, kind, { x: 120 + (i % 3) * 230, y: 90 + Math.floor(i / 3) * 120 });
      }
      await dragFromPalette(app.page, 'region', { x: 700, y: 500 });
      const ids = await nodeIds(app.page);
      expect(ids).toHaveLength(NODE_KINDS.length);
      for (const kind of NODE_KINDS)
        expect(ids.some((id) => id.startsWith(kind === 'loadBalancer' ? 'lb' : kind))).toBe(true);
      // the first node's centre is where it was dropped
      const c = await canvasBox(app.page);
      const first = centre(await box(nodeById(app.page, 'client-1')));
      expect(Math.abs(first.x - (c.x + 120))).toBeLessThan(20);
      expect(Math.abs(first.y - (c.y + 90))).toBeLessThan(20);
      expect(app.errors).toEqual([]);
    });

    it('undoes and redoes', async () => {
      const before = (await nodeIds(app.page)).length;
      await app.page.keyboard.press('Control+z');
      expect(await nodeIds(app.page)).toHaveLength(before - 1);
      await app.page.keyboard.press('Control+Shift+z');
      expect(await nodeIds(app.page)).toHaveLength(before);
    });

    it('a node dropped into a region moves with it', async () => {
      const region = nodeById(app.page, 'region-1');
      const r = await box(region);
      await dragFromPalette(app.page, 'database', {
        x: r.x - (await canvasBox(app.page)).x + r.width / 2,
        y: r.y - (await canvasBox(app.page)).y + r.height / 2 + 20,
      });
      const db = nodeById(app.page, 'database-2');
      const before = await box(db);
      const header = await box(region.locator('.region-header'));
      await mouseDrag(
        app.page,
        { x: header.x + 40, y: header.y + 12 },
        { x: header.x + 40 - 60, y: header.y + 12 + 40 },
      );
      const after = await box(db);
      const moved = await box(region.locator('.region-header'));
      // the region snaps to the grid; its child moves exactly as far as it did
      expect(Math.abs(moved.x - header.x + 60)).toBeLessThanOrEqual(16);
      expect(Math.abs(moved.y - header.y - 40)).toBeLessThanOrEqual(16);
      expect(after.x - before.x).toBeCloseTo(moved.x - header.x, 0);
      expect(after.y - before.y).toBeCloseTo(moved.y - header.y, 0);
    });

    it('a sidecar dropped on a service attaches and is drawn docked under it', async () => {
      const service = await box(nodeById(app.page, 'service-1'));
      const c = await canvasBox(app.page);
      await dragFromPalette(app.page, 'sidecar', { x: service.x - c.x + service.width / 2, y: service.y - c.y + 20 });
      const sidecar = await box(nodeById(app.page, 'sidecar-2'));
      expect(Math.abs(sidecar.x - service.x)).toBeLessThan(2);
      expect(sidecar.y).toBeGreaterThan(service.y + service.height);
      expect(sidecar.y - (service.y + service.height)).toBeLessThan(16);
    });

    it('connects two nodes, and refuses a connection into a client with a visible reason', async () => {
      const edges = app.page.locator('.react-flow__edge');
      const before = await edges.count();
      await connectNodes(app.page, 'client-1', 'dns-1');
      await expect.poll(() => edges.count()).toBe(before + 1);
      await expect
        .poll(() =>
          app.page
            .getByTestId(/^edge-label-/)
            .first()
            .innerText(),
        )
        .toMatch(/HTTP\/1\.1 · 0\.25 ms/);
      await connectNodes(app.page, 'service-1', 'client-1');
      await app.page.getByTestId('notice').waitFor();
      expect(await app.page.getByTestId('notice').innerText()).toMatch(/client/i);
      expect(await edges.count()).toBe(before + 1);
    });

    it('edits a parameter in the inspector and shows the core validator’s message for a bad value', async () => {
      await nodeById(app.page, 'service-1').click();
      const field = app.page.getByLabel('Concurrency', { exact: true });
      await field.fill('0');
      await field.press('Enter');
      const error = app.page.locator('.field-error').first();
      await error.waitFor();
      expect(await error.innerText()).toMatch(/integer >= 1/);
      await screenshot(app.page, 'inspector');
      await app.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await app.page.keyboard.press('Control+z');
      await nodeById(app.page, 'service-1').click();
      await expect.poll(() => app.page.locator('.field-error').count()).toBe(0);
    });

    it('copies and pastes', async () => {
      const before = (await nodeIds(app.page)).length;
      await nodeById(app.page, 'cache-1').click();
      await app.page.keyboard.press('Control+c');
      await app.page.keyboard.press('Control+v');
      await expect.poll(async () => (await nodeIds(app.page)).length).toBe(before + 1);
    });

    it('saves, reloads with nothing lost, and opens the saved file again', async () => {
      const saved = await saveByDownload(app, dir);
      const text = await fs.readFile(saved, 'utf8');
      expect(text).toContain('"format": "backpressure.topology"');
      expect(await app.page.getByTestId('unsaved-indicator').count()).toBe(0);
      const ids = (await nodeIds(app.page)).sort();
      await app.page.reload({ waitUntil: 'load' });
      await expect.poll(async () => (await nodeIds(app.page)).sort()).toEqual(ids);
      await menu(app.page, 'File', 'New');
      await expect.poll(async () => (await nodeIds(app.page)).length).toBe(0);
      await openFile(app, saved);
      await expect.poll(async () => (await nodeIds(app.page)).sort()).toEqual(ids);
      const again = await saveByDownload(app, dir);
      expect(await fs.readFile(again, 'utf8')).toBe(text);
    });

    it('refuses a broken file, lists every problem and keeps the current document', async () => {
      const ids = (await nodeIds(app.page)).sort();
      const broken = path.join(dir, 'broken.bp.json');
      await fs.writeFile(
        broken,
        JSON.stringify({
          format: 'backpressure.topology',
          version: 1,
          name: 'broken',
          nodes: [
            { id: 'a', kind: 'service', position: { x: 0, y: 0 }, params: { concurrency: 0 } },
            { id: 'b', kind: 'teapot', position: { x: 0, y: 0 }, params: {} },
          ],
          edges: [{ id: 'e', source: 'a', target: 'nowhere', params: {} }],
        }),
      );
      await openFile(app, broken);
      const list = app.page.getByTestId('problem-list');
      await list.waitFor();
      expect(await list.locator('li').count()).toBeGreaterThanOrEqual(3);
      await app.page.getByRole('button', { name: 'Keep the current document' }).click();
      expect((await nodeIds(app.page)).sort()).toEqual(ids);
      const notJson = path.join(dir, 'not-json.bp.json');
      await fs.writeFile(notJson, '{ "format": ');
      await openFile(app, notJson);
      await list.waitFor();
      expect(await list.innerText()).toMatch(/invalid JSON/);
      await app.page.getByRole('button', { name: 'Keep the current document' }).click();
      expect((await nodeIds(app.page)).sort()).toEqual(ids);
      expect(app.errors).toEqual([]);
    });
  });

  describe('templates', () => {
    it('loads each template from the gallery', async () => {
      await menu(app.page, 'File', 'Templates');
      const titles = await app.page.locator('.bp-templates-dialog .bp-template-title').allInnerTexts();
      expect(titles.length).toBeGreaterThanOrEqual(8);
      await app.page.keyboard.press('Escape');
      const catalogue = JSON.parse(await fs.readFile(path.join(ROOT, 'assets/templates/index.json'), 'utf8')) as {
        file: string;
      }[];
      expect(titles).toHaveLength(catalogue.length);
      for (const [i, title] of titles.entries()) {
        const doc = JSON.parse(await fs.readFile(path.join(ROOT, 'assets/templates', catalogue[i]!.file), 'utf8')) as {
          nodes: { id: string }[];
        };
        await menu(app.page, 'File', 'Templates');
        await app.page.locator('.bp-templates-dialog .bp-template-card').nth(i).click();
        await expect.poll(() => app.page.getByTestId('notice').innerText()).toContain(title);
        await expect.poll(async () => (await nodeIds(app.page)).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
        expect(await app.page.getByTestId('document-name').innerText()).not.toBe('');
      }
      expect(app.errors).toEqual([]);
    });

    it('looks right in light and dark', async () => {
      await menu(app.page, 'File', 'Templates');
      await app.page.locator('.bp-templates-dialog .bp-template-card').nth(1).click();
      await app.page.waitForTimeout(300);
      await screenshot(app.page, 'template-light');
      const dark = await openApp({ colorScheme: 'dark' });
      try {
        await dark.page.getByTestId('empty-state').waitFor();
        await dark.page.locator('.bp-template-card').nth(1).click();
        await dark.page.waitForTimeout(300);
        await screenshot(dark.page, 'template-dark');
        const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg).not.toBe('rgb(246, 246, 244)');
        expect(dark.errors).toEqual([]);
      } finally {
        await dark.close();
      }
    });
  });

  it('keeps flow nodes in the DOM in step with the document', async () => {
    expect(await flowNodes(app.page).count()).toBeGreaterThan(0);
  });
});
