/**
 * Gestures on the editor as a user makes them: drag from the palette, drag nodes, connect handles, use menus.
 * Positions are in page pixels.
 */
import type { Locator, Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} is not visible`);
  return b;
}

export const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

export function nodeById(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** All topology nodes and notes on the canvas. */
export function flowNodes(page: Page): Locator {
  return page.locator('.react-flow__node');
}

/** The canvas pane's box. */
export async function canvasBox(page: Page): Promise<Box> {
  return box(page.getByTestId('canvas'));
}

/** Drags a palette item to a point of the canvas given relative to the canvas's top-left corner. */
export async function dragFromPalette(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  const c = await canvasBox(page);
  await page
    .locator(`button[data-kind="${kind}"]`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x: at.x, y: at.y } });
  void c;
}

/** Presses the mouse at `from`, moves in steps to `to`, releases. */
export async function mouseDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Drags from a node's source handle (its right side) onto another node. */
export async function connectNodes(page: Page, source: string, target: string): Promise<void> {
  const handle = await box(nodeById(page, source).locator('.react-flow__handle.source'));
  const to = await box(nodeById(page, target));
  await mouseDrag(page, centre(handle), centre(to));
}

/** Opens a menu of the menu bar and clicks one of its items. */
export async function menu(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name, exact: true }).click();
  const escaped = item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An item's name is its label, an ellipsis when it opens a dialog, and its shortcut: `Save as… Ctrl+Shift+S`.
  await page.getByRole('menuitem', { name: new RegExp(`^${escaped}…?( \\S+)?$`) }).click();
}

/** The ids of the nodes on the canvas (not notes). */
export async function nodeIds(page: Page): Promise<string[]> {
  return page
    .locator('.react-flow__node:not(.react-flow__node-note)')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? ''));
}
