import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type OpenApp, describeInBrowser, openApp, screenshot } from './browser.js';
import { menu } from './canvasDriver.js';
import { SCREENSHOT_DIR } from './environment.js';

async function loadTemplate(app: OpenApp, title: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Templates', exact: true }).click();
  await app.page.locator('.bp-templates-dialog .bp-template-title').getByText(title, { exact: true }).click();
  await app.page.locator('.react-flow__node').first().waitFor();
}

/** Sets the Record dialog up and records; returns the downloaded file. */
async function record(
  page: Page,
  item: string,
  options: { seconds: number; fps?: string },
): Promise<{ name: string; bytes: Buffer }> {
  await menu(page, 'Export', item);
  const dialog = page.getByRole('dialog', { name: 'Record the simulation' });
  await dialog.getByRole('spinbutton', { name: 'Length in seconds' }).fill(String(options.seconds));
  if (options.fps) await dialog.getByRole('radio', { name: options.fps, exact: true }).check({ force: true });
  await screenshot(page, `record-dialog-${item.startsWith('Record GIF') ? 'gif' : 'webm'}`);
  const [saved] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: 'Record', exact: true }).click(),
  ]);
  await page.getByTestId('record-done').waitFor();
  return { name: saved.suggestedFilename(), bytes: await fs.readFile(await saved.path()) };
}

/** Walks a GIF's blocks and counts its frames (image descriptors), failing on anything malformed. */
function gifFrames(bytes: Buffer): { width: number; height: number; frames: number; delays: number[] } {
  expect(bytes.toString('latin1', 0, 6)).toBe('GIF89a');
  const width = bytes.readUInt16LE(6);
  const height = bytes.readUInt16LE(8);
  const flags = bytes[10]!;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const skipSubBlocks = () => {
    while (bytes[at] !== 0) at += bytes[at]! + 1;
    at++;
  };
  let frames = 0;
  const delays: number[] = [];
  for (;;) {
    const block = bytes[at]!;
    if (block === 0x3b) break;
    if (block === 0x21) {
      if (bytes[at + 1] === 0xf9) delays.push(bytes.readUInt16LE(at + 4));
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const local = bytes[at + 9]!;
      at += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      at++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${block.toString(16)} at ${at}`);
    expect(at).toBeLessThan(bytes.length);
  }
  return { width, height, frames, delays };
}

/** EBML: a variable-length integer at `at` (an element id keeps its marker bit, a size does not). */
function vint(bytes: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = bytes[at]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;

/**
 * Counts the clusters and the frames (SimpleBlocks and BlockGroups) of a WebM file by walking its EBML elements.
 * Chromium writes the segment and its clusters with unknown sizes, so a cluster runs to the next one.
 */
function webmFrames(bytes: Buffer): { clusters: number; blocks: number } {
  expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3);
  const element = (at: number) => {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    return { id: id.value, body: at + id.length + size.length, size: size.value, unknown: size.unknown };
  };
  let at = 0;
  let top = element(at);
  while (top.id !== SEGMENT) {
    at = top.body + top.size;
    expect(at).toBeLessThan(bytes.length);
    top = element(at);
  }
  let clusters = 0;
  let blocks = 0;
  const segmentEnd = top.unknown ? bytes.length : top.body + top.size;
  at = top.body;
  while (at < segmentEnd) {
    const e = element(at);
    if (e.id !== CLUSTER) {
      expect(e.unknown).toBe(false);
      at = e.body + e.size;
      continue;
    }
    clusters++;
    const clusterEnd = e.unknown ? segmentEnd : e.body + e.size;
    at = e.body;
    while (at < clusterEnd) {
      const child = element(at);
      if (child.id === CLUSTER) break;
      if (child.id === SIMPLE_BLOCK || child.id === BLOCK_GROUP) blocks++;
      at = child.body + child.size;
    }
  }
  return { clusters, blocks };
}

describeInBrowser('recording the simulation in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    app.page.on('dialog', (d) => void d.accept());
    await loadTemplate(app, 'Single-region web app');
    // Play for a moment: the recording starts where the run is.
    await app.page.getByRole('button', { name: 'Play' }).click();
    await app.page.waitForFunction(
      () => !/^0:00\.[0-4]/.test(document.querySelector('[data-testid="sim-clock"]')?.textContent ?? '0:00.0'),
      undefined,
      { timeout: 20_000 },
    );
    await app.page.getByRole('button', { name: 'Pause' }).click();
  });

  afterAll(async () => {
    await app?.close();
  });

  // A test that failed half-way may leave its dialog open: start each one from the bare editor.
  beforeEach(async () => {
    for (let i = 0; i < 3 && (await app.page.locator('dialog[open]').count()) > 0; i++)
      await app.page.keyboard.press('Escape');
  });

  it('records a 2 s GIF of the running template, frame by frame', async () => {
    const { page } = app;
    const gif = await record(page, 'Record GIF', { seconds: 2, fps: '10' });
    expect(gif.name).toMatch(/^three-tier-web-app-[\d.]+s-x1\.gif$/);
    const info = gifFrames(gif.bytes);
    expect(info.frames).toBe(20);
    expect(info.delays.every((d) => d === 10)).toBe(true);
    expect(info.width).toBeGreaterThan(200);
    expect(await page.getByTestId('record-done').getAttribute('data-frames')).toBe('20');
    console.log(`[recording] GIF ${info.width}x${info.height}, ${info.frames} frames, ${gif.bytes.length} bytes`);

    // The first frame, decoded by the browser, to look at.
    const dataUrl = await page.evaluate(async (b64) => {
      const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/gif' });
      const bitmap = await createImageBitmap(blob);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      return canvas.toDataURL('image/png');
    }, gif.bytes.toString('base64'));
    await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
    await fs.writeFile(
      path.join(SCREENSHOT_DIR, 'recording-gif-frame.png'),
      Buffer.from(dataUrl.split(',')[1]!, 'base64'),
    );
    await page.getByRole('dialog', { name: 'Recording saved' }).getByRole('button', { name: 'Done' }).click();
  });

  it('records the same GIF again from the same start (its own clock, not the wall clock)', async () => {
    const { page } = app;
    const first = await record(page, 'Record GIF', { seconds: 1, fps: '10' });
    await page.getByRole('dialog', { name: 'Recording saved' }).getByRole('button', { name: 'Done' }).click();
    const second = await record(page, 'Record GIF', { seconds: 1, fps: '10' });
    await page.getByRole('dialog', { name: 'Recording saved' }).getByRole('button', { name: 'Done' }).click();
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it('records a 2 s WebM video with more than one frame', async () => {
    const { page } = app;
    const video = await record(page, 'Record video', { seconds: 2 });
    expect(video.name).toMatch(/\.webm$/);
    expect(video.bytes.length).toBeGreaterThan(1000);
    const { clusters, blocks } = webmFrames(video.bytes);
    console.log(`[recording] WebM ${video.bytes.length} bytes, ${clusters} clusters, ${blocks} blocks`);
    expect(blocks).toBeGreaterThan(1);
    expect(Number(await page.getByTestId('record-done').getAttribute('data-frames'))).toBe(60);
    expect(app.errors).toEqual([]);
  });

  it('can be cancelled while it records', async () => {
    const { page } = app;
    await menu(page, 'Export', 'Record video');
    const dialog = page.getByRole('dialog', { name: 'Record the simulation' });
    await dialog.getByRole('spinbutton', { name: 'Length in seconds' }).fill('20');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    const progress = page.getByTestId('record-progress');
    await expect.poll(() => progress.locator('progress').getAttribute('value')).not.toBe('0');
    await page.getByRole('dialog', { name: 'Recording…' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog', { name: 'Record the simulation' }).waitFor();
    await page.getByRole('dialog', { name: 'Record the simulation' }).getByRole('button', { name: 'Cancel' }).click();
    expect(app.errors).toEqual([]);
  });
});
