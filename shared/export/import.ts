/**
 * One entry point for every file a topology can come from: a `.bp.json` document, a Mermaid flowchart, a draw.io
 * diagram, or an SVG or PNG exported with its document inside. The format is recognised from the file name and the
 * content; what had to be guessed is listed so the user can review it.
 */
import type { Problem } from '../model/schema.js';
import type { TopologyDocument } from '../model/types.js';
import { formatProblems, parseDocument, validateDocument } from '../model/validate.js';
import { finishDraft } from './draft.js';
import type { Draft } from './draft.js';
import { parseDrawio } from './drawioImport.js';
import { extractPngDocument, extractSvgDocument } from './embed.js';
import type { Guess } from './infer.js';
import { parseMermaid } from './mermaidImport.js';
import { isPng } from './pngText.js';
import { decodeUtf8 } from './utf8.js';

export type { Guess } from './infer.js';

/** The formats {@link importDocument} reads. */
export const IMPORT_FORMATS = ['json', 'mermaid', 'drawio', 'svg', 'png'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What to import: a file's name (for its extension) and its content, as text or as bytes. */
export interface ImportInput {
  name?: string;
  text?: string;
  bytes?: Uint8Array;
}

/** The imported document, with what was guessed and anything else worth knowing. */
export type ImportResult =
  | {
      ok: true;
      doc: TopologyDocument;
      format: ImportFormat;
      /** Kinds (and region locations) chosen without being told, for review. */
      guesses: Guess[];
      warnings: string[];
      /** What the validator still finds wrong with the document (empty when it is valid). */
      problems: Problem[];
    }
  | { ok: false; format?: ImportFormat; error: string };

const MAX_LISTED_PROBLEMS = 20;

/** The format a file's name says, or null when it says none. */
export function formatFromName(name: string | undefined): ImportFormat | null {
  const lower = (name ?? '').toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.mmd') || lower.endsWith('.mermaid')) return 'mermaid';
  if (lower.endsWith('.drawio') || lower.endsWith('.dio') || lower.endsWith('.drawio.xml')) return 'drawio';
  if (lower.endsWith('.svg')) return 'svg';
  if (lower.endsWith('.png')) return 'png';
  return null;
}

/** The format a file's content looks like, or null. */
export function sniffFormat(text: string): ImportFormat | null {
  const head = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 4096);
  if (head.startsWith('{')) return 'json';
  if (/<svg[\s>]/.test(head)) return 'svg';
  if (/<(mxfile|mxGraphModel)[\s>]/.test(head)) return 'drawio';
  const firstLine = head
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('%%'));
  if (firstLine[0] === '---' || /^(flowchart|graph)\b/.test(firstLine[0] ?? '')) return 'mermaid';
  return null;
}

function documentName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(bp\.json|json|mmd|mermaid|drawio\.xml|drawio|dio|xml|svg|png)$/i, '');
  return stem.trim() || 'Imported diagram';
}

/**
 * Reads a topology from any supported file. Never throws on bad input: the error says what is wrong and where
 * (a line for Mermaid, a path for JSON).
 *
 * @example
 * const r = importDocument({ name: 'arch.mmd', text });
 * if (r.ok) open(r.doc, r.guesses); else alert(r.error);
 */
export function importDocument(input: ImportInput): ImportResult {
  const bytes = input.bytes;
  let format = formatFromName(input.name);
  if (bytes !== undefined && isPng(bytes)) format = 'png';
  if (format === 'png') {
    if (bytes === undefined) return { ok: false, format, error: 'a PNG must be given as bytes, not text' };
    const found = extractPngDocument(bytes);
    if (!found.ok) return { ok: false, format, error: found.error };
    return fromJson(found.text, 'png', 'the document inside this PNG');
  }

  let text = input.text;
  if (text === undefined && bytes !== undefined) {
    const decoded = decodeUtf8(bytes);
    if (decoded === null) {
      return { ok: false, ...(format ? { format } : {}), error: 'not a text file (not UTF-8) and not a PNG' };
    }
    text = decoded;
  }
  if (text === undefined) return { ok: false, error: 'nothing to import: no text and no bytes' };
  text = text.replace(/^\ufeff/, '');
  // A name that says nothing (or the wrong thing for this content) is overruled by what the content clearly is.
  const sniffed = sniffFormat(text);
  if (format === null || (format === 'json' && sniffed !== null && sniffed !== 'json')) format = sniffed;
  if (format === null) {
    return {
      ok: false,
      error:
        'unrecognised file: expected a Backpressure document (.bp.json), a Mermaid flowchart (.mmd), a draw.io ' +
        'diagram (.drawio), or an SVG or PNG exported from Backpressure',
    };
  }

  switch (format) {
    case 'json':
      return fromJson(text, 'json', '');
    case 'svg': {
      const found = extractSvgDocument(text);
      if (found.ok) return fromJson(found.text, 'svg', 'the document inside this SVG');
      // diagrams.net's "editable SVG" carries its diagram in the content attribute.
      const drawio = /<svg[^>]*\scontent="([^"]*)"/.exec(text);
      if (drawio) return fromDraft(parseDrawio(unescapeAttribute(drawio[1]!), documentName(input.name)), 'svg');
      return { ok: false, format, error: found.error };
    }
    case 'mermaid':
      return fromDraft(parseMermaid(text, documentName(input.name)), 'mermaid');
    case 'drawio':
      return fromDraft(parseDrawio(text, documentName(input.name)), 'drawio');
  }
  return { ok: false, format, error: `cannot import ${format} here` };
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&amp;/g, '&');
}

function fromJson(text: string, format: ImportFormat, what: string): ImportResult {
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = parsed.problems.length - shown.length;
    const intro = what ? `${what} is not a valid topology:\n` : '';
    return {
      ok: false,
      format,
      error: `${intro}${formatProblems(shown)}${more > 0 ? `\n…and ${more} more problem${more === 1 ? '' : 's'}` : ''}`,
    };
  }
  return { ok: true, doc: parsed.document, format, guesses: [], warnings: [], problems: [] };
}

function fromDraft(
  read: { ok: true; draft: Draft } | { ok: false; error: string },
  format: ImportFormat,
): ImportResult {
  if (!read.ok) return { ok: false, format, error: read.error };
  const { doc, guesses, warnings } = finishDraft(read.draft);
  const checked = validateDocument(doc);
  if (checked.ok) return { ok: true, doc: checked.document, format, guesses, warnings, problems: [] };
  return { ok: true, doc, format, guesses, warnings, problems: checked.problems };
}
