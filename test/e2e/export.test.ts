import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { renderDiagram } from '../../shared/export/index.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { menu } from './canvasDriver.js';
import { ROOT } from './environment.js';
import { fileStem } from '../../renderer/src/export/fileNames.js';

const TEMPLATE = 'three-tier-web-app.bp.json';
const TEMPLATE_TITLE = 'Single-region web app';

async function loadTemplate(app: OpenApp, title: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Templates', exact: true }).click();
  await app.page.locator('.bp-templates-dialog .bp-template-title').getByText(title, { exact: true }).click();
  await app.page.locator('.react-flow__node').first().waitFor();
}

/** Clicks Download in the open Export dialog and returns the saved file's name and bytes. */
async function download(page: Page, button = 'Download'): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: button, exact: true }).click(),
  ]);
  const file = await saved.path();
  return { name: saved.suggestedFilename(), bytes: await fs.readFile(file), path: file };
}

interface PngChunk {
  type: string;
  data: Buffer;
}

/** The chunks of a PNG file, checking its signature and every length on the way. */
function pngChunks(bytes: Buffer): PngChunk[] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: PngChunk[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** The text of an uncompressed iTXt chunk with `keyword`. */
function iTxt(chunks: PngChunk[], keyword: string): string | null {
  for (const c of chunks) {
    if (c.type !== 'iTXt') continue;
    const nul = c.data.indexOf(0);
    if (c.data.toString('latin1', 0, nul) !== keyword) continue;
    expect(c.data[nul + 1]).toBe(0); // not compressed
    let at = nul + 3;
    at = c.data.indexOf(0, at) + 1; // language tag
    at = c.data.indexOf(0, at) + 1; // translated keyword
    return c.data.toString('utf8', at);
  }
  return null;
}

const nodeCount = (page: Page) => page.locator('.react-flow__node:not(.react-flow__node-note)').count();

/**
 * Waits for an import to either open at once or show its review step, and opens it from the review. Whether the
 * importer asks for a review depends on what it could read for certain.
 */
async function openAfterReview(page: Page, title: RegExp, opened: () => Promise<boolean>): Promise<void> {
  const review = page.getByRole('dialog', { name: title });
  await expect.poll(async () => (await review.count()) > 0 || (await opened()), { timeout: 10_000 }).toBe(true);
  if (await review.count()) await review.getByRole('button', { name: 'Open' }).click();
}

describeInBrowser('export and import in Chromium', () => {
  let app: OpenApp;
  let template: TopologyDocument;
  let pngPath = '';
  let mermaid = '';
  let stem = '';

  beforeAll(async () => {
    template = JSON.parse(await fs.readFile(path.join(ROOT, 'assets/templates', TEMPLATE), 'utf8'));
    stem = fileStem(template.name);
    app = await openApp();
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Opening an import over a template's unsaved document asks first: say yes.
    app.page.on('dialog', (d) => void d.accept());
    await loadTemplate(app, TEMPLATE_TITLE);
  });

  afterAll(async () => {
    await app?.close();
  });

  // A test that failed half-way may leave its dialog open: start each one from the bare editor.
  beforeEach(async () => {
    for (let i = 0; i < 3 && (await app.page.locator('dialog[open]').count()) > 0; i++)
      await app.page.keyboard.press('Escape');
  });

  it('exports a PNG at 2x that carries the document', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name: 'Export', exact: true }).click();
    await screenshot(page, 'export-menu');
    await page.keyboard.press('Escape');
    await menu(page, 'Export', 'PNG image');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByTestId('export-preview').waitFor();
    await expect
      .poll(() => dialog.getByTestId('export-preview').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await dialog.getByRole('radio', { name: /PNG image/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: '2x' }).isChecked()).toBe(true);
    // Nothing is selected: the whole diagram, and the selection cannot be chosen.
    expect(await dialog.getByRole('radio', { name: 'Whole diagram' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Selection' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe(`${stem}@2x.png`);
    await screenshot(page, 'export-dialog');

    const diagram = renderDiagram(template, { theme: 'light', embedDocument: false });
    expect(await dialog.getByTestId('export-meta').innerText()).toContain(
      `${diagram.width * 2} × ${diagram.height * 2} px`,
    );
    const png = await download(page);
    expect(png.name).toBe(`${stem}@2x.png`);
    const chunks = pngChunks(png.bytes);
    const ihdr = chunks[0]!;
    expect(ihdr.type).toBe('IHDR');
    expect(ihdr.data.readUInt32BE(0)).toBe(diagram.width * 2);
    expect(ihdr.data.readUInt32BE(4)).toBe(diagram.height * 2);
    const embedded = iTxt(chunks, 'backpressure.document');
    expect(embedded).not.toBeNull();
    const doc = JSON.parse(embedded!) as TopologyDocument;
    expect(doc.nodes.map((n) => n.id)).toEqual(template.nodes.map((n) => n.id));
    expect(await page.getByRole('dialog', { name: 'Export' }).count()).toBe(0);
    pngPath = path.join(path.dirname(png.path), 'exported.png');
    await fs.copyFile(png.path, pngPath);
    expect(app.errors).toEqual([]);
  });

  it('opens from the keyboard, on the selection when there is one', async () => {
    const { page } = app;
    const first = template.nodes.find((n) => n.kind !== 'region')!;
    await page.locator(`.react-flow__node[data-id="${first.id}"]`).click();
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Selection' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe(`${stem}-selection@2x.png`);
    await dialog.getByRole('radio', { name: 'Dark' }).check({ force: true });
    const one = renderDiagram(template, { theme: 'dark', only: { nodes: [first.id] } });
    expect(await dialog.getByTestId('export-meta').innerText()).toContain(`${one.width * 2} × ${one.height * 2} px`);
    await screenshot(page, 'export-dialog-selection-dark');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape'); // clears the selection
    await page.keyboard.press('Control+i');
    await page.getByRole('dialog', { name: 'Import' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('exports an SVG with every node label, the dark theme on request', async () => {
    const { page } = app;
    await menu(page, 'Export', 'SVG image');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await dialog.getByRole('radio', { name: 'Transparent' }).check({ force: true });
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe(`${stem}.svg`);
    const svg = await download(page);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg /);
    for (const node of template.nodes) expect(text).toContain(node.label ?? node.id);
    expect(text).toBe(renderDiagram(template, { theme: 'dark', background: 'transparent' }).svg);
    expect(app.errors).toEqual([]);
  });

  it('exports Mermaid (copy and download), and imports it back by pasting', async () => {
    const { page } = app;
    await menu(page, 'Export', 'Mermaid');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    mermaid = await dialog.getByRole('textbox', { name: 'Mermaid text' }).inputValue();
    expect(mermaid).toMatch(/^flowchart (LR|TB|TD|RL|BT)$/m);
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await dialog.getByText('Mermaid copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(mermaid);
    const file = await download(page);
    expect(file.name).toBe(`${stem}.mmd`);
    expect(file.bytes.toString('utf8')).toBe(mermaid);

    await menu(page, 'Export', 'Import');
    const importDialog = page.getByRole('dialog', { name: 'Import' });
    await importDialog.getByRole('textbox', { name: /paste/i }).fill(mermaid);
    await screenshot(page, 'import-dialog');
    await importDialog.getByRole('button', { name: 'Import text' }).click();
    await openAfterReview(
      page,
      /^Review/,
      async () => (await page.getByTestId('document-name').innerText()) === template.name,
    );
    await expect.poll(() => page.getByTestId('document-name').innerText()).toBe(template.name);
    await expect.poll(() => nodeCount(page)).toBe(template.nodes.length);
    expect(app.errors).toEqual([]);
  });

  it('reviews guessed kinds of a hand-written Mermaid diagram before opening it', async () => {
    const { page } = app;
    await menu(page, 'Export', 'Import');
    const importDialog = page.getByRole('dialog', { name: 'Import' });
    await importDialog
      .getByRole('textbox', { name: /paste/i })
      .fill(
        'flowchart LR\n  users([Shoppers]) --> edge[Front door]\n  edge --> orders[Orders]\n  orders --> ledger[Ledger]',
      );
    await importDialog.getByRole('button', { name: 'Import text' }).click();
    const review = page.getByRole('dialog', { name: /^Review/ });
    await review.waitFor();
    const rows = review.getByRole('table', { name: 'Guessed kinds' }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await screenshot(page, 'import-review');
    const ledger = review.getByRole('combobox', { name: 'Kind of Ledger' });
    await ledger.selectOption('database');
    await review.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => nodeCount(page)).toBe(4);
    const kinds = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => n.innerText),
    );
    expect(kinds.join('\n')).toContain('Ledger');
    await page.getByText('Ledger', { exact: true }).first().click();
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).innerText()).toMatch(/^database$/im);
  });

  it('imports the exported PNG from a file and gets the same nodes back', async () => {
    const { page } = app;
    await menu(page, 'Export', 'Import');
    await page.getByRole('dialog', { name: 'Import' }).getByTestId('import-file').setInputFiles(pngPath);
    await expect.poll(() => page.getByTestId('document-name').innerText()).toBe(template.name);
    await expect.poll(() => nodeCount(page)).toBe(template.nodes.length);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('imports a file dropped on the canvas, and refuses one it cannot read without changing anything', async () => {
    const { page } = app;
    await menu(page, 'Export', 'Import');
    await page
      .getByRole('dialog', { name: 'Import' })
      .getByTestId('import-file')
      .setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('just some words'),
      });
    const alert = page.getByRole('dialog', { name: 'Import' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^Could not import “notes\.txt”: /);
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Close' }).click();
    expect(await nodeCount(page)).toBe(template.nodes.length);

    const drop = async (name: string, text: string) =>
      page.getByTestId('canvas').evaluate(
        (canvas, file) => {
          const dt = new DataTransfer();
          dt.items.add(new File([file.text], file.name, { type: 'text/plain' }));
          for (const type of ['dragover', 'drop'])
            canvas.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name, text },
      );
    await drop('shop.mmd', 'flowchart LR\n  a([Web users]) --> b[API service]\n  b --> c[(Orders DB)]');
    await openAfterReview(page, /^Review “shop\.mmd”/, async () => (await nodeCount(page)) === 3);
    await expect.poll(() => nodeCount(page)).toBe(3);
    expect(app.errors).toEqual([]);
  });
});
