/**
 * draw.io / diagrams.net files: a document as an uncompressed `mxfile`, regions as containers holding their nodes
 * (relative coordinates), each kind its own shape and colour, edges labelled with protocol and latency. Every cell
 * also carries the Backpressure data (`bp_kind`, `bp_params`...) so the file imports back without loss.
 */
import { serializeDocument } from '../model/serialize.js';
import type { Note, NodeKind, TopologyDocument, TopologyNode } from '../model/types.js';
import { DEFAULT_NOTE_SIZE, nodeSize } from './geometry.js';
import { KIND_COLORS } from './kindStyle.js';
import { edgeLabelText, edgeLatencyForLabel } from './labels.js';
import { escapeXml } from './text.js';

/** Ids of the two structural cells; `:` cannot occur in a model id, so they never clash with one. */
export const DRAWIO_ROOT_ID = 'bp:root';
export const DRAWIO_LAYER_ID = 'bp:layer';

const NODE_BASE = 'whiteSpace=wrap;html=1;fillColor=#ffffff;strokeWidth=2;fontColor=#1d1f23;fontStyle=1;';

/** The shape part of each kind's style; the importer recognises these shapes in files without Backpressure data. */
export const DRAWIO_SHAPES: Readonly<Record<NodeKind, string>> = {
  client: 'rounded=1;arcSize=50;',
  dns: 'shape=hexagon;perimeter=hexagonPerimeter2;fixedSize=1;size=14;',
  cdn: 'ellipse;shape=cloud;',
  loadBalancer: 'shape=trapezoid;perimeter=trapezoidPerimeter;fixedSize=1;size=14;',
  service: 'rounded=1;arcSize=10;',
  database: 'shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=8;',
  cache: 'shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1;size=14;',
  queue: 'shape=process;backgroundOutline=1;size=0.08;',
  sidecar: 'rounded=1;dashed=1;',
  region: 'rounded=1;arcSize=14;absoluteArcSize=1;dashed=1;container=1;collapsible=0;recursiveResize=0;',
};

function nodeStyle(node: TopologyNode, zone: boolean): string {
  const color = KIND_COLORS[node.kind];
  if (node.kind === 'region') {
    return (
      DRAWIO_SHAPES.region +
      `html=1;verticalAlign=top;align=left;spacingLeft=12;spacingTop=2;fontStyle=1;fontColor=#1d1f23;strokeWidth=1.5;` +
      `strokeColor=#9aa5b8;fillColor=${zone ? '#f7f5fe' : '#f4f7fe'};${zone ? 'dashPattern=2 3;' : ''}`
    );
  }
  if (node.kind === 'sidecar') {
    return `${DRAWIO_SHAPES.sidecar}whiteSpace=wrap;html=1;fillColor=#e7f4f3;strokeColor=#0d9488;fontColor=#1d1f23;fontSize=11;fontStyle=1;`;
  }
  return `${DRAWIO_SHAPES[node.kind]}${NODE_BASE}strokeColor=${color};`;
}

const EDGE_STYLE =
  'edgeStyle=orthogonalEdgeStyle;curved=1;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=#5f6570;' +
  'fontSize=10;fontColor=#5f6570;labelBackgroundColor=#ffffff;exitX=1;exitY=0.5;exitDx=0;exitDy=0;entryX=0;entryY=0.5;entryDx=0;entryDy=0;';
const NOTE_STYLE =
  'shape=note;size=14;whiteSpace=wrap;html=1;align=left;verticalAlign=top;spacing=10;fillColor=#fff3a8;strokeColor=#e3d37a;fontColor=#3b3410;';

/** Text for an HTML label (draw.io's `html=1`): markup characters escaped, newlines as line breaks. */
export function htmlLabel(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '<br>');
}

function attr(name: string, value: string): string {
  return ` ${name}="${escapeXml(value)}"`;
}

function geometry(x: number, y: number, width: number, height: number): string {
  return `<mxGeometry x="${x}" y="${y}" width="${width}" height="${height}" as="geometry"/>`;
}

const NODE_FIELDS = new Set(['id', 'kind', 'label', 'position', 'parent', 'params']);
const NOTE_FIELDS = new Set(['id', 'text', 'position', 'size']);
const DOC_SECTIONS = new Set(['nodes', 'edges', 'notes']);

/** The fields of `value` other than `known`, or undefined when there are none. */
function others(value: Record<string, unknown>, known: Set<string>): Record<string, unknown> | undefined {
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => !known.has(k)));
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * The document as a draw.io file (uncompressed XML, which diagrams.net opens and saves as well as compressed).
 *
 * @example writeFile('topology.drawio', toDrawio(doc))
 */
export function toDrawio(doc: TopologyDocument): string {
  // The saved-file form fixes the key order of everything written as JSON.
  const ordered = JSON.parse(serializeDocument(doc)) as TopologyDocument;
  const byId = new Map(ordered.nodes.map((n) => [n.id, n]));
  const regionOf = (n: TopologyNode) =>
    n.parent !== undefined && byId.get(n.parent)?.kind === 'region' ? n.parent : undefined;
  const depth = (n: TopologyNode) => (regionOf(n) === undefined ? 0 : 1);
  // Containers before what they contain: regions, then zones, then the rest.
  const order = [...ordered.nodes].sort((a, b) => rank(a) - rank(b));
  function rank(n: TopologyNode): number {
    return n.kind === 'region' ? depth(n) : 2;
  }

  const cells: string[] = [];
  const rest = others(ordered as unknown as Record<string, unknown>, DOC_SECTIONS) ?? {};
  cells.push(
    `<object id="${DRAWIO_ROOT_ID}" label=""${attr('bp_document', JSON.stringify(rest))}><mxCell/></object>`,
    `<mxCell id="${DRAWIO_LAYER_ID}" parent="${DRAWIO_ROOT_ID}"/>`,
  );

  const index = new Map(ordered.nodes.map((n, i) => [n, i]));
  for (const n of order) {
    const parent = regionOf(n);
    const origin = parent !== undefined ? byId.get(parent)!.position : { x: 0, y: 0 };
    const size = nodeSize(n);
    const extra = others(n as unknown as Record<string, unknown>, NODE_FIELDS);
    cells.push(
      `<object${attr('id', n.id)}${attr('label', htmlLabel(n.label ?? n.id))}${attr('bp_kind', n.kind)}` +
        `${attr('bp_params', JSON.stringify(n.params))}${n.label === undefined ? attr('bp_unlabelled', '1') : ''}` +
        `${parent !== undefined ? attr('bp_position', JSON.stringify(n.position)) : ''}` +
        // Containers come first in the file; this keeps the document's own order.
        attr('bp_order', String(index.get(n))) +
        `${extra ? attr('bp_extra', JSON.stringify(extra)) : ''}>` +
        `<mxCell${attr('style', nodeStyle(n, depth(n) > 0))} vertex="1"${attr('parent', parent ?? DRAWIO_LAYER_ID)}>` +
        geometry(n.position.x - origin.x, n.position.y - origin.y, size.width, size.height) +
        '</mxCell></object>',
    );
  }

  for (const e of ordered.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const latency = edgeLatencyForLabel(e, byId);
    const extra = others(e as unknown as Record<string, unknown>, new Set(['id', 'source', 'target', 'params']));
    cells.push(
      `<object${attr('id', e.id)}${attr('label', htmlLabel(edgeLabelText(e.params, latency)))}` +
        `${attr('bp_params', JSON.stringify(e.params))}${extra ? attr('bp_extra', JSON.stringify(extra)) : ''}>` +
        `<mxCell${attr('style', EDGE_STYLE)} edge="1"${attr('parent', DRAWIO_LAYER_ID)}${attr('source', e.source)}${attr('target', e.target)}>` +
        '<mxGeometry relative="1" as="geometry"/></mxCell></object>',
    );
  }

  for (const note of ordered.notes) cells.push(noteCell(note));

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="Backpressure" type="device">',
    `<diagram${attr('id', 'backpressure')}${attr('name', ordered.name)}>`,
    '<mxGraphModel grid="1" gridSize="16" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">',
    '<root>',
    ...cells,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

function noteCell(note: Note): string {
  const size = note.size ?? DEFAULT_NOTE_SIZE;
  const extra = others(note as unknown as Record<string, unknown>, NOTE_FIELDS);
  const style =
    typeof note.color === 'string' ? `${NOTE_STYLE}fillColor=${note.color.replace(/[;=]/g, '')};` : NOTE_STYLE;
  return (
    `<object${attr('id', note.id)}${attr('label', htmlLabel(note.text))} bp_kind="note"` +
    `${note.size === undefined ? attr('bp_default_size', '1') : ''}${extra ? attr('bp_extra', JSON.stringify(extra)) : ''}>` +
    `<mxCell${attr('style', style)} vertex="1"${attr('parent', DRAWIO_LAYER_ID)}>` +
    geometry(note.position.x, note.position.y, size.width, size.height) +
    '</mxCell></object>'
  );
}
