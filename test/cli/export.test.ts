import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPngDocument, extractSvgDocument } from '../../shared/export/embed.js';
import { pngChunks, pngSize } from '../../shared/export/pngText.js';
import { renderDiagram } from '../../shared/export/svg.js';
import { parseDocument } from '../../shared/model/validate.js';
import { ROOT, STACK_FRAME, TEMPLATE, TEMPLATES, cli, tempDir } from './helpers.js';

function templateDoc(file: string) {
  const r = parseDocument(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  if (!r.ok) throw new Error(file);
  return r.document;
}

/** The RGBA bytes of a PNG's image data, inflated (each row still starts with its filter byte). */
function imageData(png: Uint8Array): Uint8Array {
  const idat = pngChunks(png).filter((c) => c.type === 'IDAT');
  return inflateSync(Buffer.concat(idat.map((c) => png.subarray(c.dataOffset, c.dataOffset + c.length))));
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('backpressure export', () => {
  it('prints JSON, Mermaid, draw.io and SVG to stdout', async () => {
    const doc = templateDoc(TEMPLATE);
    const json = await cli(['export', TEMPLATE, '--to', 'json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(fs.readFileSync(path.join(ROOT, TEMPLATE), 'utf8'));
    const mermaid = await cli(['export', TEMPLATE, '--to', 'mermaid']);
    expect(mermaid.stdout).toMatch(/^---\ntitle: .*\n---\nflowchart LR\n/);
    const drawio = await cli(['export', TEMPLATE, '--to', 'drawio']);
    expect(XMLValidator.validate(drawio.stdout)).toBe(true);
    expect(drawio.stdout).toContain('<mxfile');
    const svg = await cli(['export', TEMPLATE, '--to', 'svg', '--theme', 'dark']);
    expect(svg.code).toBe(0);
    expect(svg.stdout).toBe(renderDiagram(doc, { theme: 'dark' }).svg);
    expect(svg.stderr).toBe('');
  });

  it.each(TEMPLATES)('%s: a PNG of the right size, not blank, that carries the document', async (file) => {
    const out = path.join(dir, 'diagram.png');
    const r = await cli(['export', file, '--to', 'png', '--scale', '2', '--out', out]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const png = new Uint8Array(fs.readFileSync(out));
    const { width, height } = renderDiagram(templateDoc(file));
    expect(pngSize(png)).toEqual({ width: width * 2, height: height * 2 });
    const pixels = imageData(png);
    expect(pixels.length).toBe(height * 2 * (1 + width * 2 * 4));
    expect(new Set(pixels).size).toBeGreaterThan(20);
    const embedded = extractPngDocument(png);
    const back = parseDocument(embedded.ok ? embedded.text : '');
    expect(back.ok && back.document).toEqual(templateDoc(file));
  });

  it('writes a transparent PNG and infers the format from --out', async () => {
    const out = path.join(dir, 'clear.png');
    expect((await cli(['export', TEMPLATE, '--transparent', '--out', out])).code).toBe(0);
    const pixels = imageData(new Uint8Array(fs.readFileSync(out)));
    // The first row (filter byte, then RGBA of the top-left corner) is in the padding: fully transparent.
    expect(pixels[4]).toBe(0);
    const svgOut = path.join(dir, 'd.svg');
    expect((await cli(['export', TEMPLATE, '--out', svgOut])).code).toBe(0);
    expect(extractSvgDocument(fs.readFileSync(svgOut, 'utf8')).ok).toBe(true);
    const mmd = path.join(dir, 'd.mmd');
    expect((await cli(['export', TEMPLATE, '--out', mmd])).code).toBe(0);
    expect(fs.readFileSync(mmd, 'utf8')).toContain('flowchart LR');
  });

  it.each([
    [['--to', 'pdf'], /--to must be one of json, mermaid, drawio, svg, png \(got "pdf"\)/],
    [[], /--to is required/],
    [['--to', 'png'], /--to png writes an image: give the file with --out/],
    [['--to', 'png', '--scale', '3', '--out', 'x.png'], /--scale must be 1, 2 or 4/],
    [['--to', 'svg', '--theme', 'blue'], /--theme must be light or dark/],
    [['--to', 'mermaid', '--theme', 'dark'], /--theme applies to --to svg and --to png only/],
    [['--to', 'svg', '--scale', '2'], /--scale applies to --to png only/],
    [['--to', 'json', '--out', TEMPLATE], /is the input document; refusing to write over it/],
  ])('refuses %j with a clear message', async (flags, message) => {
    const r = await cli(['export', TEMPLATE, ...flags], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('lists the problems of an invalid document and writes nothing', async () => {
    const bad = path.join(dir, 'bad.bp.json');
    fs.writeFileSync(bad, '{"format":"backpressure.topology","version":1,"nodes":"x"}');
    const out = path.join(dir, 'out.png');
    const r = await cli(['export', bad, '--to', 'png', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.bp\.json: .*invalid/s);
    expect(fs.existsSync(out)).toBe(false);
    const missing = await cli(['export', path.join(dir, 'nope.bp.json'), '--to', 'json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });
});

describe('backpressure import', () => {
  it('converts a Mermaid flowchart and reports the guesses on stderr', async () => {
    const mmd = path.join(dir, 'shop.mmd');
    fs.writeFileSync(mmd, 'flowchart LR\n  web([Browsers]) --> api[Checkout API] --> db[(Orders DB)]\n');
    const out = path.join(dir, 'shop.bp.json');
    const r = await cli(['import', mmd, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/read as mermaid/);
    expect(r.stderr).toMatch(/guessed kind Database for "Orders DB" \(db\): cylinder shape/);
    expect(r.stderr).toMatch(/review the 3 guesses above/);
    const doc = parseDocument(fs.readFileSync(out, 'utf8'));
    expect(doc.ok && doc.document.name).toBe('shop');
    expect(doc.ok && doc.document.nodes.map((n) => n.kind)).toEqual(['client', 'service', 'database']);
    // Valid and runnable as it is.
    expect((await cli(['validate', out])).code).toBe(0);
  });

  it('re-opens its own SVG, PNG and draw.io exports exactly', async () => {
    for (const ext of ['svg', 'png', 'drawio']) {
      const exported = path.join(dir, `d.${ext}`);
      expect((await cli(['export', TEMPLATE, '--out', exported])).code).toBe(0);
      const r = await cli(['import', exported]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, TEMPLATE), 'utf8'));
      expect(r.stderr).toBe(`${exported}: read as ${ext}\n`);
    }
  });

  it('says where a Mermaid file is wrong', async () => {
    const mmd = path.join(dir, 'bad.mmd');
    fs.writeFileSync(mmd, 'flowchart LR\n  a --> b\n  subgraph x\n');
    const r = await cli(['import', mmd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `backpressure: cannot import ${mmd} (mermaid): line 3: subgraph "x" is not closed with "end"\n`,
    );
  });

  it('writes a document that still has problems, lists them and exits 2', async () => {
    const mmd = path.join(dir, 'loop.mmd');
    fs.writeFileSync(mmd, 'flowchart LR\n  a[Svc A] <--> b[Svc B]\n');
    const out = path.join(dir, 'loop.bp.json');
    const r = await cli(['import', mmd, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loop\.bp\.json: edges\[0\]: calls loop forever|loop\.bp\.json: .*loop/);
    expect(fs.existsSync(out)).toBe(true);
  });

  it('refuses files it cannot read', async () => {
    const png = path.join(dir, 'plain.png');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const r = await cli(['import', png]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot import .*plain\.png \(png\): damaged PNG/);
    const txt = path.join(dir, 'notes.txt');
    fs.writeFileSync(txt, 'just some notes\n');
    expect((await cli(['import', txt])).stderr).toMatch(/unrecognised file/);
    const same = await cli(['import', TEMPLATE, '--out', TEMPLATE]);
    expect(same.code).toBe(2);
  });
});
