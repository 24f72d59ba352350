/**
 * A topology document carried inside an exported image, so the image re-opens as an editable topology: in an SVG,
 * as the text of a `<backpressure:document>` element in `<metadata>`; in a PNG, as an `iTXt` chunk (see
 * `pngText.ts`). Either way the text is the document's JSON, keys in the saved-file order.
 */
import { XMLParser } from 'fast-xml-parser';
import { serializeDocument } from '../model/serialize.js';
import type { TopologyDocument } from '../model/types.js';
import { PngFormatError, insertPngText, readPngText } from './pngText.js';

/** The XML namespace of the embedded-document element. */
export const EMBED_NAMESPACE = 'urn:backpressure:topology';
/** The keyword of the PNG text chunk that holds the document. */
export const PNG_DOCUMENT_KEYWORD = 'backpressure.document';

/** The document as one line of JSON, keys in the order of a saved `.bp.json` file. */
export function documentJson(doc: TopologyDocument): string {
  return JSON.stringify(JSON.parse(serializeDocument(doc)));
}

/** Escapes XML character data: only `&`, `<` and `>` need it, which keeps embedded JSON compact. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<metadata>` element of an SVG that carries `doc`. */
export function documentMetadata(doc: TopologyDocument): string {
  return (
    `<metadata><backpressure:document xmlns:backpressure="${EMBED_NAMESPACE}" type="application/json">` +
    `${escapeText(documentJson(doc))}</backpressure:document></metadata>`
  );
}

/** Outcome of looking for an embedded document. */
export type EmbeddedText = { ok: true; text: string } | { ok: false; error: string };

/**
 * The JSON text of the document embedded in an SVG, or why there is none. Any namespace prefix is accepted for the
 * element, as editors that re-save an SVG may rename it.
 */
export function extractSvgDocument(svg: string): EmbeddedText {
  let tree: unknown;
  try {
    tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: true,
    }).parse(svg, true);
  } catch (e) {
    return { ok: false, error: `not well-formed XML: ${e instanceof Error ? e.message : String(e)}` };
  }
  const found = findDocumentElement(tree, false, 0);
  if (found === undefined) {
    return {
      ok: false,
      error: 'this SVG carries no Backpressure document (no <backpressure:document> in its <metadata>)',
    };
  }
  return { ok: true, text: found };
}

function findDocumentElement(node: unknown, inMetadata: boolean, depth: number): string | undefined {
  if (depth > 64 || typeof node !== 'object' || node === null) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findDocumentElement(item, inMetadata, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith('@')) continue;
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    if (inMetadata && local === 'document' && key.includes(':')) {
      const text = elementText(value);
      if (text !== undefined) return text;
    }
    const found = findDocumentElement(value, inMetadata || local === 'metadata', depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function elementText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return elementText(value[0]);
  if (typeof value === 'object' && value !== null) {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

/**
 * A copy of a rendered PNG that carries `doc`, so the image re-opens as an editable topology.
 *
 * @example const png = embedDocumentInPng(await canvasToPngBytes(), doc);
 */
export function embedDocumentInPng(png: Uint8Array, doc: TopologyDocument): Uint8Array {
  return insertPngText(png, PNG_DOCUMENT_KEYWORD, documentJson(doc));
}

/** The JSON text of the document embedded in a PNG, or why there is none (a damaged file included). */
export function extractPngDocument(png: Uint8Array): EmbeddedText {
  try {
    const text = readPngText(png, PNG_DOCUMENT_KEYWORD);
    if (text === undefined) {
      return {
        ok: false,
        error: `this PNG carries no Backpressure document (no "${PNG_DOCUMENT_KEYWORD}" text chunk)`,
      };
    }
    return { ok: true, text };
  } catch (e) {
    if (e instanceof PngFormatError) return { ok: false, error: e.message };
    throw e;
  }
}
