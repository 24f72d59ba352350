import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp } from './browser.js';
import { box, canvasBox, dragFromPalette, menu, mouseDrag, nodeById, nodeIds } from './canvasDriver.js';

interface Saved {
  pickerCalls: number;
  writes: string[];
}

/**
 * The File System Access API path, with pickers that hand out an in-memory file: the first save asks where, the
 * next ones write back to the same file without asking.
 */
async function fakeFilePickers(app: OpenApp): Promise<void> {
  await app.context.addInitScript(() => {
    const saved = { pickerCalls: 0, writes: [] as string[] };
    (globalThis as unknown as { __saved: typeof saved }).__saved = saved;
    const handle = {
      name: 'picked.bp.json',
      async getFile() {
        return new File([saved.writes.at(-1) ?? ''], 'picked.bp.json');
      },
      async createWritable() {
        let text = '';
        return {
          async write(data: string) {
            text += data;
          },
          async close() {
            saved.writes.push(text);
          },
        };
      },
    };
    const w = globalThis as unknown as Record<string, unknown>;
    w.showSaveFilePicker = async () => {
      saved.pickerCalls++;
      return handle;
    };
    w.showOpenFilePicker = async () => {
      saved.pickerCalls++;
      return [handle];
    };
  });
  await app.page.reload({ waitUntil: 'load' });
}

const saved = (app: OpenApp) => app.page.evaluate(() => (globalThis as unknown as { __saved: Saved }).__saved);

describeInBrowser('editing comforts in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    await fakeFilePickers(app);
    app.page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('box-selects, aligns from the context menu, and undoes the alignment in one step', async () => {
    for (const [kind, x, y] of [
      ['service', 160, 150],
      ['database', 360, 230],
      ['cache', 560, 310],
    ] as const)
      await dragFromPalette(app.page, kind, { x, y });
    const c = await canvasBox(app.page);
    // (well inside the canvas: near its edges the view pans on its own)
    await mouseDrag(app.page, { x: c.x + 60, y: c.y + 60 }, { x: c.x + 680, y: c.y + 400 });
    expect(await app.page.locator('.react-flow__node.selected').count()).toBe(3);
    const before = await Promise.all(['service-1', 'database-1', 'cache-1'].map((id) => box(nodeById(app.page, id))));
    // the selection is drawn as one box over its nodes: right-click it for the selection's menu
    await app.page.locator('.react-flow__nodesselection-rect').click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: /^Align top/ }).click();
    const after = await Promise.all(['service-1', 'database-1', 'cache-1'].map((id) => box(nodeById(app.page, id))));
    expect(new Set(after.map((b) => Math.round(b.y))).size).toBe(1);
    expect(Math.round(after[0]!.y)).toBe(Math.round(Math.min(...before.map((b) => b.y))));
    await app.page.keyboard.press('Control+z');
    const undone = await Promise.all(['service-1', 'database-1', 'cache-1'].map((id) => box(nodeById(app.page, id))));
    expect(undone.map((b) => Math.round(b.y))).toEqual(before.map((b) => Math.round(b.y)));
    await app.page.keyboard.press('Escape');
    await app.page.locator('.react-flow__nodesselection-rect').waitFor({ state: 'detached' });
  });

  it('deletes with the keyboard and duplicates with Ctrl+D', async () => {
    await nodeById(app.page, 'cache-1').click();
    await app.page.keyboard.press('Delete');
    expect(await nodeIds(app.page)).not.toContain('cache-1');
    await nodeById(app.page, 'service-1').click();
    await app.page.keyboard.press('Control+d');
    await expect.poll(() => nodeIds(app.page)).toContain('service-2');
  });

  it('shows the shortcut cheat sheet with ?', async () => {
    await app.page.keyboard.press('?');
    const dialog = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Undo[\s\S]*Ctrl\+Z/);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('saves through the file picker once, then back to the same file', async () => {
    await app.page.keyboard.press('Control+s');
    await expect.poll(async () => (await saved(app)).writes.length).toBe(1);
    expect(await app.page.getByTestId('unsaved-indicator').count()).toBe(0);
    await dragFromPalette(app.page, 'queue', { x: 300, y: 500 });
    expect(await app.page.getByTestId('unsaved-indicator').count()).toBe(1);
    await app.page.keyboard.press('Control+s');
    await expect.poll(async () => (await saved(app)).writes.length).toBe(2);
    const s = await saved(app);
    expect(s.pickerCalls).toBe(1);
    expect(JSON.parse(s.writes[1]!).nodes.map((n: { id: string }) => n.id)).toContain('queue-1');
    expect(await app.page.getByTestId('document-name').locator('..').innerText()).toContain('picked.bp.json');
  });

  it('renames the document from the name and description dialog', async () => {
    await menu(app.page, 'File', 'Name and description');
    const dialog = app.page.getByRole('dialog', { name: 'Name and description' });
    await dialog.getByLabel('Name').fill('Checkout');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    expect(await app.page.getByTestId('document-name').innerText()).toBe('Checkout');
    expect(await app.page.title()).toMatch(/Checkout — Backpressure/);
    expect(app.errors).toEqual([]);
  });
});
