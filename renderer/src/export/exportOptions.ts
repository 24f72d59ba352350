import type { TopologyDocument } from '../../../shared/model/types.js';
import type { Selection, ThemeChoice } from '../store/editorStore.js';
import { formatInfo, type ExportFormat } from './exportFormats.js';
import { exportFileName } from './fileNames.js';

export type ExportScale = 1 | 2 | 4;
export const EXPORT_SCALES: readonly ExportScale[] = [1, 2, 4];
export type ThemeOption = 'app' | 'light' | 'dark';

/** Everything the Export dialog asks. */
export interface ExportOptions {
  format: ExportFormat;
  scale: ExportScale;
  background: 'theme' | 'transparent';
  theme: ThemeOption;
  scope: 'all' | 'selection';
}

/** How `renderDiagram` is asked to draw (the shared exporter's options). */
export interface DrawOptions {
  theme: 'light' | 'dark';
  background: 'theme' | 'transparent';
  only?: { nodes: string[]; notes: string[] };
  embedDocument: boolean;
  padding: number;
}

/** Room around the drawing, in document units (pixels at 1x). */
export const EXPORT_PADDING = 24;

/** The nodes and notes an image of the selection shows: the selected ones, and both ends of selected edges. */
export function selectedItems(doc: TopologyDocument, selection: Selection): { nodes: string[]; notes: string[] } {
  const nodes = new Set(selection.nodes);
  for (const e of doc.edges)
    if (selection.edges.includes(e.id)) {
      nodes.add(e.source);
      nodes.add(e.target);
    }
  return {
    nodes: doc.nodes.filter((n) => nodes.has(n.id)).map((n) => n.id),
    notes: doc.notes.filter((n) => selection.notes.includes(n.id)).map((n) => n.id),
  };
}

/** True when the selection holds something an image can show. */
export function hasDrawableSelection(doc: TopologyDocument, selection: Selection): boolean {
  const items = selectedItems(doc, selection);
  return items.nodes.length + items.notes.length > 0;
}

/** What the dialog starts with: the preset format (else PNG), 2x, the app's theme, the selection when there is one. */
export function defaultExportOptions(preset: ExportFormat | null, selectionExists: boolean): ExportOptions {
  return {
    format: preset ?? 'png',
    scale: 2,
    background: 'theme',
    theme: 'app',
    scope: selectionExists ? 'selection' : 'all',
  };
}

/** The theme a picture is drawn in: the one chosen, or the app's (which may follow the system). */
export function resolveTheme(option: ThemeOption, app: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  if (option !== 'app') return option;
  if (app !== 'system') return app;
  return systemDark ? 'dark' : 'light';
}

/** Whether the system asks for dark colours now. */
export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * The options `renderDiagram` gets for an export. An SVG carries the whole document in itself; a PNG carries it
 * in a text chunk written after rasterising, so its SVG does not need it.
 */
export function drawOptionsFor(
  options: ExportOptions,
  doc: TopologyDocument,
  selection: Selection,
  app: ThemeChoice,
  systemDark: boolean,
): DrawOptions {
  const draw: DrawOptions = {
    theme: resolveTheme(options.theme, app, systemDark),
    background: options.background,
    embedDocument: options.format === 'svg',
    padding: EXPORT_PADDING,
  };
  if (options.scope === 'selection' && hasDrawableSelection(doc, selection)) draw.only = selectedItems(doc, selection);
  return draw;
}

/** The name the export is saved under, from the document's name and the options. */
export function exportNameFor(docName: string, options: ExportOptions): string {
  const info = formatInfo(options.format);
  return exportFileName(docName, options.format, {
    selection: info.image && options.scope === 'selection',
    scale: options.format === 'png' ? options.scale : 1,
  });
}

/** Pixel size of a PNG of a `width` x `height` drawing at `scale`. */
export function pixelSize(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Browsers refuse canvases much past this many pixels; a larger PNG asks for a smaller scale instead. */
export const MAX_CANVAS_PIXELS = 16_384 * 16_384 * 0.25;

/** Whether a PNG of this size can be drawn; otherwise, why not. */
export function canRasterize(
  width: number,
  height: number,
  scale: number,
): { ok: true } | { ok: false; reason: string } {
  const px = pixelSize(width, height, scale);
  if (px.width > 16_384 || px.height > 16_384 || px.width * px.height > MAX_CANVAS_PIXELS)
    return {
      ok: false,
      reason: `${px.width} × ${px.height} px is more than a browser can draw: choose a smaller scale or the selection.`,
    };
  return { ok: true };
}
