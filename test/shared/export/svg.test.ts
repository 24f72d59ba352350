import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as rendererGeometry from '../../../renderer/src/store/geometry.js';
import { KIND_TITLES as RENDERER_KIND_TITLES } from '../../../renderer/src/store/kinds.js';
import { KIND_COLORS as RENDERER_KIND_COLORS, KindIcon } from '../../../renderer/src/palette/kindVisuals.js';
import { extractSvgDocument } from '../../../shared/export/embed.js';
import * as geometry from '../../../shared/export/geometry.js';
import { KIND_COLORS, KIND_GLYPHS, KIND_TITLES } from '../../../shared/export/kindStyle.js';
import { escapeXml, textWidth, truncate, wrap } from '../../../shared/export/text.js';
import { renderDiagram } from '../../../shared/export/svg.js';
import { DIAGRAM_THEMES } from '../../../shared/export/theme.js';
import { NODE_KINDS, type TopologyDocument } from '../../../shared/model/types.js';
import { parseDocument } from '../../../shared/model/validate.js';
import { exampleDocument } from '../model/arbitraries.js';

const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../../assets/templates');
const TEMPLATES = fs
  .readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.bp.json'))
  .sort();

function template(file: string): TopologyDocument {
  const r = parseDocument(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.document;
}

/** Every `<title>` text of the SVG, decoded. */
function titles(svg: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'title') (Array.isArray(child) ? child : [child]).forEach((t) => out.push(String(t)));
        else walk(child);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false }).parse(svg));
  return out;
}

describe('renderDiagram', () => {
  it.each(TEMPLATES)('%s: a well-formed SVG naming every node, that carries the document', (file) => {
    const doc = template(file);
    const d = renderDiagram(doc);
    expect(XMLValidator.validate(d.svg)).toBe(true);
    expect(d.svg).toContain(`viewBox="0 0 ${d.width} ${d.height}"`);
    const named = titles(d.svg);
    for (const n of doc.nodes) expect(named.some((t) => t.startsWith(`${n.label ?? n.id} (`))).toBe(true);
    expect(d.svg.match(/marker-end="url\(#bp-arrow\)"/g)).toHaveLength(doc.edges.length > 0 ? 1 : 0);
    expect((d.svg.match(/<path d="M[^"]* C/g) ?? []).length).toBe(doc.edges.length);

    const embedded = extractSvgDocument(d.svg);
    expect(embedded.ok).toBe(true);
    const back = parseDocument(embedded.ok ? embedded.text : '');
    expect(back.ok && back.document).toEqual(doc);
  });

  it('is deterministic, and the themes differ', () => {
    const doc = template('global-app.bp.json');
    expect(renderDiagram(doc).svg).toBe(renderDiagram(structuredClone(doc)).svg);
    const dark = renderDiagram(doc, { theme: 'dark' });
    expect(dark.svg).not.toBe(renderDiagram(doc).svg);
    expect(dark.svg).toContain('fill="#17191e"');
    expect(renderDiagram(doc).svg).toContain('fill="#fbfbfa"');
  });

  it('covers every box with the padding around it and reports the origin', () => {
    const doc = template('three-tier-web-app.bp.json');
    const d = renderDiagram(doc, { padding: 10 });
    const boxes = doc.nodes.map(geometry.nodeRect);
    const minX = Math.min(...boxes.map((b) => b.x), ...doc.notes.map((n) => n.position.x));
    const minY = Math.min(...boxes.map((b) => b.y), ...doc.notes.map((n) => n.position.y));
    expect(d.origin.x).toBeLessThanOrEqual(minX - 10);
    expect(d.origin.y).toBeLessThanOrEqual(minY - 10);
    expect(d.origin.x).toBeGreaterThan(minX - 10 - 40);
    expect(d.svg).toContain(`translate(${-d.origin.x} ${-d.origin.y})`);
  });

  it('draws only the selection, with the edges between selected nodes', () => {
    const doc = template('three-tier-web-app.bp.json');
    const [a, b, c] = doc.nodes.filter((n) => n.kind !== 'region');
    const d = renderDiagram(doc, { only: { nodes: [a!.id, b!.id] } });
    const named = titles(d.svg).join('\n');
    expect(named).toContain(a!.label ?? a!.id);
    expect(named).toContain(b!.label ?? b!.id);
    expect(named).not.toContain(c!.label ?? c!.id);
    const between = doc.edges.filter(
      (e) => [a!.id, b!.id].includes(e.source) && [a!.id, b!.id].includes(e.target),
    ).length;
    expect((d.svg.match(/<path d="M[^"]* C/g) ?? []).length).toBe(between);
    expect(d.svg).not.toContain('#fff3a8'); // no notes unless asked for
    expect(d.width).toBeLessThan(renderDiagram(doc).width);
  });

  it('leaves out the document, or the background, when asked', () => {
    const doc = template('retry-storm.bp.json');
    const plain = renderDiagram(doc, { embedDocument: false, background: 'transparent' });
    expect(plain.svg).not.toContain('<metadata>');
    expect(plain.svg).not.toContain(`<rect width="${plain.width}" height="${plain.height}"`);
    expect(extractSvgDocument(plain.svg).ok).toBe(false);
    expect(renderDiagram(doc).svg).toContain(`<rect width="${plain.width}" height="${plain.height}"`);
  });

  it('escapes every text, and a document with every kind stays well-formed', () => {
    const doc = exampleDocument();
    doc.name = 'A <b>"quoted"</b> & \'odd\' ]]> name';
    doc.nodes[0]!.label = 'Users <script>alert(1)</script> & "friends"';
    doc.notes.push({ id: 'n-x', text: 'line one\nline <two> & ]]>\n\u0001 control', position: { x: 0, y: 600 } });
    const d = renderDiagram(doc, { theme: 'dark' });
    expect(XMLValidator.validate(d.svg)).toBe(true);
    expect(d.svg).not.toContain('<script>');
    expect(titles(d.svg)).toContain(doc.name);
    const embedded = extractSvgDocument(d.svg);
    expect(embedded.ok && JSON.parse(embedded.text).nodes[0].label).toBe(doc.nodes[0]!.label);
    for (const kind of NODE_KINDS) {
      if (doc.nodes.some((n) => n.kind === kind))
        expect(d.svg).toContain(`(${kind === 'region' ? '' : KIND_TITLES[kind]}`);
    }
  });

  it('draws an empty document as a small blank image', () => {
    const doc = template('retry-storm.bp.json');
    const d = renderDiagram({ ...doc, nodes: [], edges: [], notes: [] });
    expect(XMLValidator.validate(d.svg)).toBe(true);
    expect(d.width).toBe(48);
    expect(d.height).toBe(48);
  });
});

describe('the canvas and the exporters share one look', () => {
  it('has the same geometry constants as the canvas', () => {
    for (const key of [
      'NODE_SIZE',
      'SIDECAR_SIZE',
      'SIDECAR_GAP',
      'DEFAULT_REGION_SIZE',
      'MIN_REGION_SIZE',
      'DEFAULT_NOTE_SIZE',
      'REGION_HEADER',
    ] as const) {
      expect(geometry[key], key).toEqual(rendererGeometry[key]);
    }
    expect(geometry.dockedSidecarPosition({ x: 10, y: 20 })).toEqual(
      rendererGeometry.dockedSidecarPosition({ x: 10, y: 20 }),
    );
  });

  it('paints with the colours of the light and dark themes of the app', () => {
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../../renderer/src/app.css'), 'utf8');
    const block = (selector: string) => {
      const start = css.indexOf(`${selector} {`);
      const body = css.slice(start, css.indexOf('}', start));
      return Object.fromEntries([...body.matchAll(/--bp-([\w-]+):\s*([^;]+);/g)].map(([, k, v]) => [k, v!.trim()]));
    };
    for (const [name, vars] of [
      ['light', block(':root')],
      ['dark', block(":root[data-theme='dark']")],
    ] as const) {
      const t = DIAGRAM_THEMES[name];
      expect(
        [t.canvas, t.fg, t.muted, t.border, t.nodeBg, t.panel, t.regionBorder, t.note, t.noteFg, t.warn],
        name,
      ).toEqual(
        ['canvas', 'fg', 'muted', 'border', 'node-bg', 'panel', 'region-border', 'note', 'note-fg', 'warn'].map(
          (k) => vars[k],
        ),
      );
    }
  });

  it('has the same kind colours, names and icons as the canvas', () => {
    expect(KIND_COLORS).toEqual(RENDERER_KIND_COLORS);
    expect(KIND_TITLES).toEqual(RENDERER_KIND_TITLES);
    for (const kind of NODE_KINDS) {
      const markup = renderToStaticMarkup(createElement(KindIcon, { kind }));
      const parts = [...markup.matchAll(/<(path|circle|ellipse|rect)\s([^>]*?)\/?>/g)].map(([, tag, attrs]) => {
        const a = Object.fromEntries([...attrs!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
        return { tag, ...a };
      });
      const mine = KIND_GLYPHS[kind].map((p) => {
        const { dashed, ...rest } = p as typeof p & { dashed?: boolean };
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(rest)) out[k] = String(v);
        if (dashed) out['stroke-dasharray'] = '3 2.6';
        return out;
      });
      expect(parts, kind).toEqual(mine);
    }
  });
});

describe('text helpers', () => {
  it('escapes markup, quotes and characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'\u0000\n`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\ufffd&#10;');
  });

  it('truncates and wraps to the width estimate', () => {
    expect(textWidth('iiii', 12)).toBeLessThan(textWidth('WWWW', 12));
    expect(textWidth('abc', 12, true)).toBeGreaterThan(textWidth('abc', 12));
    const cut = truncate('A rather long service name indeed', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(80);
    expect(truncate('short', 80, 12)).toBe('short');
    const lines = wrap('one two three four five six seven eight', 60, 12);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(60);
    expect(wrap('a\nb', 100, 12)).toEqual(['a', 'b']);
    const capped = wrap('one two three four five six seven eight', 60, 12, 2);
    expect(capped).toHaveLength(2);
    expect(capped[1]!.endsWith('…')).toBe(true);
  });
});
