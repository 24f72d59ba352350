/**
 * `backpressure export <file> --to json|mermaid|drawio|svg|png`: a document as another file. Text formats (and
 * SVG) go to stdout unless `--out` is given; a PNG needs `--out`. The SVG and the PNG carry the document, so they
 * re-open as an editable topology (`backpressure import`, or the app).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { embedDocumentInPng } from '../shared/export/embed.js';
import { toDrawio } from '../shared/export/drawio.js';
import { toMermaid } from '../shared/export/mermaid.js';
import { renderDiagram } from '../shared/export/svg.js';
import { serializeDocument } from '../shared/model/serialize.js';
import type { TopologyDocument } from '../shared/model/types.js';
import { sameFile, writeError, writeFileAtomic } from './atomicFile.js';
import { loadDocument } from './document.js';
import { EXIT_OK, InputError } from './errors.js';
import type { Io } from './io.js';

/** Options of `export` as commander hands them over (strings, checked here). */
export interface ExportOptions {
  to?: string;
  out?: string;
  theme?: string;
  scale?: string;
  transparent?: boolean;
}

export const EXPORT_FORMATS = ['json', 'mermaid', 'drawio', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSIONS: Readonly<Record<string, ExportFormat>> = {
  '.json': 'json',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.drawio': 'drawio',
  '.svg': 'svg',
  '.png': 'png',
};

const SCALES = ['1', '2', '4'];
/** A side longer than this is more than any image viewer or rasteriser should be asked for. */
export const MAX_PNG_SIDE = 16_384;

/** The format to write: `--to`, or else the extension of `--out`. */
function chooseFormat(options: ExportOptions): ExportFormat {
  if (options.to !== undefined) {
    const to = options.to.toLowerCase();
    if (!(EXPORT_FORMATS as readonly string[]).includes(to)) {
      throw new InputError(`--to must be one of ${EXPORT_FORMATS.join(', ')} (got "${options.to}")`);
    }
    return to as ExportFormat;
  }
  const fromOut = options.out !== undefined ? EXTENSIONS[path.extname(options.out).toLowerCase()] : undefined;
  if (fromOut) return fromOut;
  throw new InputError(`--to is required: one of ${EXPORT_FORMATS.join(', ')}`);
}

export function exportCommand(file: string, options: ExportOptions, io: Io): number {
  const format = chooseFormat(options);
  const image = format === 'svg' || format === 'png';
  for (const [flag, given] of [
    ['--theme', options.theme !== undefined],
    ['--scale', options.scale !== undefined],
    ['--transparent', options.transparent === true],
  ] as const) {
    if (given && !image) throw new InputError(`${flag} applies to --to svg and --to png only`);
  }
  if (options.scale !== undefined && format !== 'png') throw new InputError('--scale applies to --to png only');
  const theme = options.theme ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new InputError(`--theme must be light or dark (got "${theme}")`);
  const scale = Number(options.scale ?? '1');
  if (options.scale !== undefined && !SCALES.includes(options.scale)) {
    throw new InputError(`--scale must be 1, 2 or 4 (got "${options.scale}")`);
  }
  if (format === 'png' && options.out === undefined) {
    throw new InputError('--to png writes an image: give the file with --out, e.g. --out diagram.png');
  }

  const input = path.resolve(io.cwd, file);
  const out = options.out !== undefined ? path.resolve(io.cwd, options.out) : undefined;
  if (out !== undefined && sameFile(out, input)) {
    throw new InputError(`--out ${options.out} is the input document; refusing to write over it`);
  }
  const document = loadDocument(input, file);
  const diagram = () => renderDiagram(document, { theme, background: options.transparent ? 'transparent' : 'theme' });

  if (format === 'png') {
    writeBytesAtomic(out!, options.out!, renderPng(document, diagram().svg, scale));
    return EXIT_OK;
  }
  const text =
    format === 'json'
      ? serializeDocument(document)
      : format === 'mermaid'
        ? toMermaid(document)
        : format === 'drawio'
          ? toDrawio(document)
          : diagram().svg;
  if (out !== undefined) writeFileAtomic(out, options.out!, text);
  else io.stdout(text);
  return EXIT_OK;
}

/** Rasterises the diagram with resvg (no browser) and embeds the document in the PNG. */
export function renderPng(document: TopologyDocument, svg: string, scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  if (resvg.width * scale > MAX_PNG_SIDE || resvg.height * scale > MAX_PNG_SIDE) {
    throw new InputError(
      `the diagram is ${Math.ceil(resvg.width * scale)} x ${Math.ceil(resvg.height * scale)} px at --scale ${scale}, ` +
        `larger than ${MAX_PNG_SIDE} px on a side: use a smaller --scale, or --to svg`,
    );
  }
  return embedDocumentInPng(new Uint8Array(resvg.render().asPng()), document);
}

/** Writes bytes all at once or not at all: a temp file beside the target, renamed over it when complete. */
function writeBytesAtomic(target: string, shownName: string, bytes: Uint8Array): void {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = fs.openSync(temp, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw writeError(shownName, err);
  }
}
