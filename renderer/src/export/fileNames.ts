import { formatInfo, type ExportFormat } from './exportFormats.js';

/**
 * A file name stem from a document's name: letters, digits, dots, dashes and underscores, words joined by dashes,
 * lower case (the same rule Save uses), or `topology` when nothing is left.
 */
export function fileStem(name: string): string {
  return (
    name
      .trim()
      .replace(/[^A-Za-z0-9_. -]+/g, '')
      .replace(/\s+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .toLowerCase() || 'topology'
  );
}

export interface ExportNameOptions {
  /** Only the selection is drawn. */
  selection?: boolean;
  /** Pixel scale of a PNG: 2 gives `name@2x.png`, the usual mark of a high-density image. */
  scale?: number;
}

/** The file an export is saved as: `three-tier-web-app.png`, `…-selection@2x.png`, `….bp.json`, `….mmd`. */
export function exportFileName(docName: string, format: ExportFormat, options: ExportNameOptions = {}): string {
  const info = formatInfo(format);
  let stem = fileStem(docName);
  if (info.image && options.selection) stem += '-selection';
  if (format === 'png' && options.scale && options.scale !== 1) stem += `@${options.scale}x`;
  return stem + info.extension;
}

/** The file a recording is saved as: `retry-storm-12.5s-x2.gif`. */
export function recordingFileName(
  docName: string,
  kind: 'gif' | 'webm',
  startMs: number,
  speed: number,
  selection = false,
): string {
  const at = Number((startMs / 1000).toFixed(1));
  return `${fileStem(docName)}${selection ? '-selection' : ''}-${at}s-x${speed}.${kind}`;
}
