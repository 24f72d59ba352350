/**
 * Text chunks in PNG files, as pure bytes: a topology document travels inside an exported PNG as an `iTXt` chunk
 * (UTF-8, uncompressed), inserted before `IEND`, and is read back from `iTXt` or `tEXt`. Rasterising is done
 * elsewhere (the command line with resvg, the app with a canvas); both then call {@link insertPngText}.
 */

import { decodeUtf8, encodeUtf8 } from './utf8.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One chunk of a PNG: its four-letter type, where its data starts and how long it is. */
export interface PngChunk {
  type: string;
  /** Offset of the chunk (its length field) in the file. */
  offset: number;
  dataOffset: number;
  length: number;
}

/** A PNG that cannot be read, with the reason. */
export class PngFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngFormatError';
  }
}

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/**
 * The chunks of a PNG, in order, up to and including `IEND`.
 *
 * @throws PngFormatError when the signature, a chunk's length or a CRC is wrong, or `IEND` is missing.
 */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new PngFormatError('not a PNG file (its first 8 bytes are not the PNG signature)');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError(`damaged PNG: bad chunk type at byte ${at + 4}`);
    const dataOffset = at + 8;
    if (dataOffset + length + 4 > bytes.length) {
      throw new PngFormatError(`damaged PNG: chunk ${type} at byte ${at} runs past the end of the file`);
    }
    const stored = u32(bytes, dataOffset + length);
    if (crc32(bytes.subarray(at + 4, dataOffset + length)) !== stored) {
      throw new PngFormatError(`damaged PNG: chunk ${type} at byte ${at} fails its CRC check`);
    }
    chunks.push({ type, offset: at, dataOffset, length });
    at = dataOffset + length + 4;
    if (type === 'IEND') return chunks;
  }
  throw new PngFormatError('damaged PNG: it ends before its IEND chunk');
}

/** The width and height in pixels from a PNG's `IHDR` chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const first = pngChunks(bytes)[0];
  if (!first || first.type !== 'IHDR' || first.length < 8) throw new PngFormatError('damaged PNG: no IHDR chunk first');
  return { width: u32(bytes, first.dataOffset), height: u32(bytes, first.dataOffset + 4) };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function checkKeyword(keyword: string): void {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword !== keyword.trim() || keyword.includes('  ')) {
    throw new RangeError(
      `a PNG text keyword is 1-79 printable Latin-1 characters without leading, trailing or double spaces (got "${keyword}")`,
    );
  }
}

/** Keyword of a `tEXt`/`iTXt` chunk's data (the bytes before the first NUL). */
function keywordOf(bytes: Uint8Array, c: PngChunk): string | undefined {
  const data = bytes.subarray(c.dataOffset, c.dataOffset + c.length);
  const nul = data.indexOf(0);
  return nul > 0 ? String.fromCharCode(...data.subarray(0, nul)) : undefined;
}

/**
 * A copy of `png` with `text` under `keyword` in an uncompressed `iTXt` chunk (UTF-8), inserted just before `IEND`.
 * A `tEXt`/`iTXt` chunk with the same keyword is replaced, so inserting twice keeps one.
 *
 * @example const withDoc = insertPngText(pngBytes, 'backpressure.document', documentJson(doc));
 */
export function insertPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  checkKeyword(keyword);
  const chunks = pngChunks(png);
  const key = encodeUtf8(keyword);
  const value = encodeUtf8(text);
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
  const data = new Uint8Array(key.length + 5 + value.length);
  data.set(key, 0);
  data.set(value, key.length + 5);
  const added = chunk('iTXt', data);

  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of chunks) {
    const whole = png.subarray(c.offset, c.dataOffset + c.length + 4);
    if ((c.type === 'iTXt' || c.type === 'tEXt') && keywordOf(png, c) === keyword) continue;
    if (c.type === 'IEND') parts.push(added);
    parts.push(whole);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The text under `keyword` in a PNG's `iTXt` (uncompressed) or `tEXt` chunk, or `undefined` when there is none.
 *
 * @throws PngFormatError when the PNG is damaged, or the text is compressed (Backpressure never writes it so).
 */
export function readPngText(png: Uint8Array, keyword: string): string | undefined {
  for (const c of pngChunks(png)) {
    if (c.type !== 'iTXt' && c.type !== 'tEXt') continue;
    if (keywordOf(png, c) !== keyword) continue;
    const data = png.subarray(c.dataOffset, c.dataOffset + c.length);
    const afterKey = data.indexOf(0) + 1;
    if (c.type === 'tEXt') return latin1(data.subarray(afterKey));
    if (data[afterKey] !== 0)
      throw new PngFormatError(`the "${keyword}" text in this PNG is compressed, which is not supported`);
    const language = data.indexOf(0, afterKey + 2);
    const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
    if (translated < 0) throw new PngFormatError(`damaged PNG: the "${keyword}" iTXt chunk is truncated`);
    const text = decodeUtf8(data.subarray(translated + 1));
    if (text === null) throw new PngFormatError(`damaged PNG: the "${keyword}" text is not UTF-8`);
    return text;
  }
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
