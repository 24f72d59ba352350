import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toDrawio } from '../../../shared/export/drawio.js';
import { importDocument } from '../../../shared/export/import.js';
import { serializeDocument } from '../../../shared/model/serialize.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { parseDocument } from '../../../shared/model/validate.js';
import { arbValidDocument, exampleDocument } from '../model/arbitraries.js';

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

function drawioBack(doc: TopologyDocument) {
  const r = importDocument({ name: 'x.drawio', text: toDrawio(doc) });
  if (!r.ok) throw new Error(r.error);
  return r;
}

type Cells = { id: string; parent?: string; vertex?: string; edge?: string; style?: string; x?: number; y?: number }[];

function cells(xml: string): Cells {
  const tree = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  }).parse(xml);
  const root = tree.mxfile[0].diagram[0].mxGraphModel[0].root[0];
  const out: Cells = [];
  for (const o of root.object ?? []) {
    const c = o.mxCell[0];
    const g = c.mxGeometry?.[0];
    out.push({ id: o.id, parent: c.parent, vertex: c.vertex, edge: c.edge, style: c.style, x: g?.x, y: g?.y });
  }
  return out;
}

describe('draw.io export', () => {
  it.each(TEMPLATES)('%s: comes back as the same document', (file) => {
    const doc = template(file);
    const xml = toDrawio(doc);
    expect(XMLValidator.validate(xml)).toBe(true);
    const r = drawioBack(doc);
    expect(r.format).toBe('drawio');
    expect(r.guesses).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.doc).toEqual(doc);
    expect(serializeDocument(r.doc)).toBe(serializeDocument(doc));
  });

  it('nests nodes in their region container with relative coordinates', () => {
    const doc = template('multi-region.bp.json');
    const list = cells(toDrawio(doc));
    const region = doc.nodes.find((n) => n.kind === 'region')!;
    const child = doc.nodes.find((n) => n.parent === region.id)!;
    const regionCell = list.find((c) => c.id === region.id)!;
    const childCell = list.find((c) => c.id === child.id)!;
    expect(regionCell.style).toMatch(/container=1/);
    expect(childCell.parent).toBe(region.id);
    expect(Number(childCell.x)).toBe(child.position.x - region.position.x);
    expect(Number(childCell.y)).toBe(child.position.y - region.position.y);
    const edgeCell = list.find((c) => c.id === doc.edges[0]!.id)!;
    expect(edgeCell.edge).toBe('1');
    expect(toDrawio(doc)).toMatch(/bp_kind="database" bp_params="\{&quot;concurrency&quot;:64/);
  });

  it('keeps what was moved or resized in diagrams.net', () => {
    const doc = template('three-tier-web-app.bp.json');
    const moved = toDrawio(doc).replace(
      /(<object id="api"[^>]*>[^]*?<mxGeometry x=")(-?[\d.]+)(" y=")(-?[\d.]+)/,
      (_, a: string, _x: string, b: string) => `${a}1000${b}2000`,
    );
    const r = importDocument({ name: 'x.drawio', text: moved });
    expect(r.ok && r.doc.nodes.find((n) => n.id === 'api')?.position).toEqual({ x: 1000, y: 2000 });
  });

  it('round-trips every kind, faults, notes and odd labels', () => {
    const doc = exampleDocument();
    doc.nodes[0]!.label = '  <b>Users</b> & "friends"\nsecond line\r\n ';
    doc.notes.push({
      id: 'odd-note',
      text: 'a <note>\n\n with  spaces & more',
      position: { x: 1.5, y: -2.25 },
      color: '#ffd',
    });
    expect(drawioBack(doc).doc).toEqual(doc);
  });

  it('any valid document survives json and draw.io round trips', () => {
    fc.assert(
      fc.property(arbValidDocument(), (doc) => {
        const json = parseDocument(serializeDocument(doc));
        expect(json.ok && json.document).toEqual(doc);
        expect(drawioBack(doc).doc).toEqual(doc);
      }),
      { numRuns: 60 },
    );
  });
});

const PLAIN = `<mxfile host="app.diagrams.net" agent="Mozilla/5.0" version="24.7.17">
  <diagram id="pg1" name="Shop architecture">
    <mxGraphModel dx="1000" dy="600" grid="1" gridSize="10">
      <root>
        <mxCell id="0" />
        <mxCell id="1" parent="0" />
        <mxCell id="u" value="Shoppers" style="shape=umlActor;verticalLabelPosition=bottom;html=1;" vertex="1" parent="1">
          <mxGeometry x="20" y="150" width="30" height="60" as="geometry" />
        </mxCell>
        <mxCell id="vpc" value="AWS eu-west-1" style="swimlane;whiteSpace=wrap;html=1;" vertex="1" parent="1">
          <mxGeometry x="150" y="40" width="520" height="300" as="geometry" />
        </mxCell>
        <mxCell id="alb" value="ALB" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="vpc">
          <mxGeometry x="20" y="110" width="100" height="50" as="geometry" />
        </mxCell>
        <mxCell id="api" value="Checkout&lt;br&gt;service" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="vpc">
          <mxGeometry x="180" y="110" width="100" height="50" as="geometry" />
        </mxCell>
        <mxCell id="pg" value="orders" style="shape=cylinder3;whiteSpace=wrap;html=1;" vertex="1" parent="vpc">
          <mxGeometry x="360" y="60" width="60" height="80" as="geometry" />
        </mxCell>
        <UserObject label="Session store (Redis)" id="redis">
          <mxCell style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="vpc">
            <mxGeometry x="360" y="190" width="100" height="50" as="geometry" />
          </mxCell>
        </UserObject>
        <mxCell id="txt" value="Peak: 2k req/s" style="text;html=1;" vertex="1" parent="1">
          <mxGeometry x="20" y="380" width="120" height="30" as="geometry" />
        </mxCell>
        <mxCell id="e1" value="HTTPS" style="edgeStyle=orthogonalEdgeStyle;html=1;" edge="1" parent="1" source="u" target="alb">
          <mxGeometry relative="1" as="geometry" />
        </mxCell>
        <mxCell id="e2" style="edgeStyle=orthogonalEdgeStyle;html=1;" edge="1" parent="vpc" source="alb" target="api">
          <mxGeometry relative="1" as="geometry" />
        </mxCell>
        <mxCell id="e2l" value="gRPC 2 ms" style="edgeLabel;html=1;" vertex="1" connectable="0" parent="e2">
          <mxGeometry x="-0.1" relative="1" as="geometry" />
        </mxCell>
        <mxCell id="e3" value="" style="html=1;" edge="1" parent="vpc" source="api" target="pg">
          <mxGeometry relative="1" as="geometry" />
        </mxCell>
        <mxCell id="e4" value="" style="html=1;" edge="1" parent="vpc" source="api" target="redis">
          <mxGeometry relative="1" as="geometry" />
        </mxCell>
        <mxCell id="e5" value="" style="html=1;" edge="1" parent="1" source="api">
          <mxGeometry relative="1" as="geometry"><mxPoint x="900" y="100" as="targetPoint" /></mxGeometry>
        </mxCell>
      </root>
    </mxGraphModel>
  </diagram>
</mxfile>
`;

describe('draw.io import of other diagrams', () => {
  it('reads containers, shapes, labels and connectors, listing every guess', () => {
    const r = importDocument({ name: 'shop.drawio', text: PLAIN });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.name).toBe('Shop architecture');
    const byLabel = new Map(r.doc.nodes.map((n) => [n.label ?? n.id, n]));
    const region = byLabel.get('AWS eu-west-1')!;
    expect(region.kind).toBe('region');
    expect(region.kind === 'region' && region.params.location).toBe('eu-west');
    expect(byLabel.get('Shoppers')?.kind).toBe('client');
    expect(byLabel.get('ALB')?.kind).toBe('loadBalancer');
    expect(byLabel.get('Checkout\nservice')?.kind).toBe('service');
    expect(byLabel.get('orders')?.kind).toBe('database');
    // A cache would need an origin; this one is a leaf, so a database.
    expect(byLabel.get('Session store (Redis)')?.kind).toBe('database');
    for (const label of ['ALB', 'Checkout\nservice', 'orders', 'Session store (Redis)']) {
      expect(byLabel.get(label)?.parent, label).toBe(region.id);
    }
    expect(byLabel.get('Shoppers')?.parent).toBeUndefined();
    expect(r.doc.notes.map((n) => n.text)).toEqual(['Peak: 2k req/s']);

    const edge = (a: string, b: string) =>
      r.doc.edges.find((e) => e.source === byLabel.get(a)!.id && e.target === byLabel.get(b)!.id);
    expect(edge('Shoppers', 'ALB')?.params).toEqual({ protocol: 'http1.1', tls: 'tls1.3' });
    expect(edge('ALB', 'Checkout\nservice')?.params).toEqual({ protocol: 'grpc', latencyMs: 2 });
    expect(r.doc.edges).toHaveLength(4);
    expect(r.warnings.join('\n')).toMatch(/cell "e5": left out a connector that is not attached/);

    const reasons = new Map(r.guesses.map((g) => [g.label, g.reason]));
    expect(reasons.get('orders')).toMatch(/cylinder/);
    expect(reasons.get('Shoppers')).toMatch(/person/);
    expect(reasons.get('ALB')).toMatch(/alb/);
    expect(reasons.get('Session store (Redis)')).toMatch(/redis.*no origin/);
    expect(reasons.get('AWS eu-west-1')).toMatch(/eu-west/);
    expect(r.problems).toEqual([]);

    // Small boxes are spread so canvas-sized nodes keep their gaps; children stay inside their container.
    const alb = byLabel.get('ALB')!.position;
    const api = byLabel.get('Checkout\nservice')!.position;
    expect(api.x - alb.x).toBeGreaterThanOrEqual(176);
    expect(alb.x).toBeGreaterThan(region.position.x);
  });

  it('explains a compressed file and refuses what is not a diagram', () => {
    const compressed = '<mxfile><diagram id="a" name="p">7VhbT+IwFP41e9RsK7ArbzJ2M6E=</diagram></mxfile>';
    const r = importDocument({ name: 'c.drawio', text: compressed });
    expect(!r.ok && r.error).toMatch(/compressed.*File > Properties/);
    const bad = importDocument({ name: 'c.drawio', text: '<mxfile><diagram>' });
    expect(!bad.ok && bad.error).toMatch(/not well-formed XML/);
    const other = importDocument({ name: 'c.drawio', text: '<html><body/></html>' });
    expect(!other.ok && other.error).toMatch(/not a draw.io diagram/);
  });

  it('reads a diagrams.net editable SVG', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" content="${PLAIN.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"><g/></svg>`;
    const r = importDocument({ name: 'shop.drawio.svg', text: svg });
    expect(r.ok && r.format).toBe('svg');
    expect(r.ok && r.doc.nodes.length).toBe(6);
  });
});
