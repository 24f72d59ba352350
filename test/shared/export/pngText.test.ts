import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { embedDocumentInPng, extractPngDocument } from '../../../shared/export/embed.js';
import {
  PngFormatError,
  crc32,
  insertPngText,
  isPng,
  pngChunks,
  pngSize,
  readPngText,
} from '../../../shared/export/pngText.js';
import { decodeUtf8, encodeUtf8 } from '../../../shared/export/utf8.js';
import { parseDocument } from '../../../shared/model/validate.js';
import { exampleDocument } from '../model/arbitraries.js';

function smallPng(): Uint8Array {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#2563eb"/></svg>';
  return new Uint8Array(new Resvg(svg).render().asPng());
}

/** A chunk built by hand, to read what other tools write. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function beforeIend(png: Uint8Array, extra: Uint8Array): Uint8Array {
  const iend = pngChunks(png).at(-1)!;
  return new Uint8Array([...png.subarray(0, iend.offset), ...extra, ...png.subarray(iend.offset)]);
}

describe('PNG text chunks', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(encodeUtf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('inserts an iTXt chunk before IEND and reads it back, Unicode included', () => {
    const png = smallPng();
    const text = '{"name":"Zürich → 東京 🚀"}';
    const out = insertPngText(png, 'backpressure.document', text);
    const types = pngChunks(out).map((c) => c.type);
    expect(types.at(-1)).toBe('IEND');
    expect(types.at(-2)).toBe('iTXt');
    expect(readPngText(out, 'backpressure.document')).toBe(text);
    expect(readPngText(out, 'other')).toBeUndefined();
    expect(pngSize(out)).toEqual({ width: 30, height: 20 });
    // The image data is untouched: resvg-independent check that only one chunk was added.
    expect(out.length).toBe(png.length + 12 + 'backpressure.document'.length + 5 + encodeUtf8(text).length);
  });

  it('replaces a chunk with the same keyword instead of adding a second', () => {
    const once = insertPngText(smallPng(), 'k', 'first');
    const twice = insertPngText(once, 'k', 'second');
    expect(pngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(readPngText(twice, 'k')).toBe('second');
  });

  it('reads tEXt chunks written by other tools', () => {
    const data = new Uint8Array([...encodeUtf8('Comment'), 0, ...[0x63, 0x61, 0x66, 0xe9]]);
    expect(readPngText(beforeIend(smallPng(), chunk('tEXt', data)), 'Comment')).toBe('café');
  });

  it('refuses what is not a PNG, damaged chunks and compressed text', () => {
    expect(isPng(encodeUtf8('hello'))).toBe(false);
    expect(() => pngChunks(encodeUtf8('not a png at all'))).toThrow(PngFormatError);
    const damaged = insertPngText(smallPng(), 'k', 'text');
    damaged[damaged.length - 20] ^= 0xff;
    expect(() => readPngText(damaged, 'k')).toThrow(/CRC|damaged/);
    expect(() => pngChunks(smallPng().subarray(0, 40))).toThrow(/damaged PNG/);
    const compressed = new Uint8Array([...encodeUtf8('k'), 0, 1, 0, 0, 0, 120, 156]);
    expect(() => readPngText(beforeIend(smallPng(), chunk('iTXt', compressed)), 'k')).toThrow(/compressed/);
    expect(() => insertPngText(smallPng(), '', 'x')).toThrow(RangeError);
  });

  it('carries a whole document', () => {
    const doc = exampleDocument();
    const found = extractPngDocument(embedDocumentInPng(smallPng(), doc));
    expect(found.ok).toBe(true);
    const back = parseDocument(found.ok ? found.text : '');
    expect(back.ok && back.document).toEqual(doc);
    const none = extractPngDocument(smallPng());
    expect(none).toEqual({ ok: false, error: expect.stringContaining('no Backpressure document') });
    expect(extractPngDocument(encodeUtf8('plain text')).ok).toBe(false);
  });
});

describe('UTF-8', () => {
  it('encodes like TextEncoder and rejects malformed input', () => {
    for (const s of ['', 'ascii', 'é', '€', '𝄞 music', 'mixed Zürich 東京 🚀']) {
      expect(encodeUtf8(s)).toEqual(new TextEncoder().encode(s));
      expect(decodeUtf8(new TextEncoder().encode(s))).toBe(s);
    }
    expect(decodeUtf8(new Uint8Array([0xc0, 0x80]))).toBeNull(); // overlong
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBeNull(); // surrogate
    expect(decodeUtf8(new Uint8Array([0xe2, 0x82]))).toBeNull(); // truncated
    expect(decodeUtf8(new Uint8Array([0xff]))).toBeNull();
  });
});
