/**
 * The diagram renderer: a topology document as a standalone SVG, drawn the way the canvas draws it (regions as
 * containers, nodes with their kind's icon and colour, docked sidecars, sticky notes, curved edges with arrowheads
 * and protocol/latency labels), in the light or dark theme. No DOM: the app, the HTML report and the command line
 * all use this one renderer, and the same document always gives the same bytes.
 */
import type { Note, TopologyDocument, TopologyEdge, TopologyNode } from '../model/types.js';
import { documentMetadata } from './embed.js';
import {
  NODE_SIZE,
  REGION_TITLE_HEIGHT,
  SIDECAR_SIZE,
  boundsOf,
  dockedSidecarPosition,
  edgeCurve,
  nodeRect,
  noteRect,
  pointOnCurve,
  rectsOverlap,
  type Curve,
  type Rect,
} from './geometry.js';
import { GLYPH_DASH, KIND_COLORS, KIND_GLYPHS, KIND_TITLES } from './kindStyle.js';
import { edgeLabelText, edgeLatencyForLabel, regionWhere } from './labels.js';
import { escapeXml, textWidth, truncate, wrap } from './text.js';
import { DIAGRAM_THEMES, type DiagramTheme } from './theme.js';
import type { NodeKind } from '../model/types.js';

/** Options of {@link renderDiagram}. */
export interface DiagramOptions {
  theme?: 'light' | 'dark';
  /** `theme` paints the canvas colour behind everything; `transparent` paints nothing there. Default `theme`. */
  background?: 'theme' | 'transparent';
  /** Only these nodes/notes (the selection) and the edges between them; regions included when selected. */
  only?: { nodes: readonly string[]; notes?: readonly string[] };
  /** Embed the (whole) document in <metadata> so the SVG re-opens as an editable topology. Default true. */
  embedDocument?: boolean;
  /** Space around the drawing, in px. Default 24. */
  padding?: number;
}

/** A rendered diagram. */
export interface Diagram {
  /** A complete, standalone, well-formed SVG document (text as <text>, no external refs). */
  svg: string;
  /** CSS px at scale 1. */
  width: number;
  height: number;
  /** Document coordinates of the SVG's top-left corner: point (x, y) of the document is at (x - origin.x, y - origin.y). */
  origin: { x: number; y: number };
}

/** The fonts a diagram asks for; text widths are estimated for the widest of them (see `text.ts`). */
export const DIAGRAM_FONT_FAMILY = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, 'DejaVu Sans', sans-serif";

const NODE_LABEL_SIZE = 12;
const NODE_CAPTION_SIZE = 11;
const EDGE_LABEL_SIZE = 10.5;
const EDGE_LABEL_SMALL_SIZE = 9.5;
const EDGE_LABEL_HEIGHT = 18;
const EDGE_LABEL_PAD_X = 6;
const NOTE_TEXT_SIZE = 12;
const NOTE_LINE_HEIGHT = 17.4;
/** Text starts after the 4 px stripe, 14 px of padding, the 20 px icon and a 10 px gap. */
const NODE_TEXT_X = 48;
const NODE_TEXT_RIGHT = 12;
/** Colours a note may carry that every SVG consumer understands. */
const CSS_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([0-9.,%\s/a-z]+\))$/i;
/** Where along an edge its label may sit, best first: the middle (as on the canvas), then further out. */
const LABEL_POSITIONS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

interface EdgeItem {
  edge: TopologyEdge;
  curve: Curve;
  text: string;
  label: Rect;
  fontSize: number;
}

interface SidecarItem {
  node: TopologyNode;
  rect: Rect;
  attached: boolean;
}

interface Scene {
  regions: { node: TopologyNode; rect: Rect; zone: boolean }[];
  nodes: { node: TopologyNode; rect: Rect }[];
  sidecars: SidecarItem[];
  notes: { note: Note; rect: Rect }[];
  edges: EdgeItem[];
}

/**
 * Renders a document (or the selection `options.only` of it) as an SVG diagram that looks like the canvas.
 *
 * @example
 * const { svg, width, height } = renderDiagram(doc, { theme: 'dark' });
 */
export function renderDiagram(doc: TopologyDocument, options: DiagramOptions = {}): Diagram {
  const theme = DIAGRAM_THEMES[options.theme === 'dark' ? 'dark' : 'light'];
  const padding = Math.max(0, options.padding ?? 24);
  const scene = buildScene(doc, options.only);

  const box = boundsOf([
    ...scene.regions.map((r) => r.rect),
    ...scene.nodes.map((n) => n.rect),
    ...scene.sidecars.map((s) => s.rect),
    ...scene.notes.map((n) => n.rect),
    ...scene.edges.map((e) => e.label),
  ]) ?? { x: 0, y: 0, width: 0, height: 0 };
  const origin = { x: Math.floor(box.x - padding), y: Math.floor(box.y - padding) };
  const width = Math.max(1, Math.ceil(box.x + box.width + padding) - origin.x);
  const height = Math.max(1, Math.ceil(box.y + box.height + padding) - origin.y);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ` font-family="${escapeXml(DIAGRAM_FONT_FAMILY)}" role="img" aria-label="${escapeXml(doc.name)}">`,
  );
  out.push(`<title>${escapeXml(doc.name)}</title>`);
  if (typeof doc.description === 'string' && doc.description !== '') {
    out.push(`<desc>${escapeXml(doc.description)}</desc>`);
  }
  if (options.embedDocument ?? true) out.push(documentMetadata(doc));
  out.push(defs(theme));
  if (options.background !== 'transparent') {
    out.push(`<rect width="${width}" height="${height}" fill="${theme.canvas}"/>`);
  }
  out.push(`<g transform="translate(${num(-origin.x)} ${num(-origin.y)})">`);
  for (const r of scene.regions) out.push(regionSvg(r.node, r.rect, r.zone, theme));
  if (scene.edges.length > 0) {
    out.push(`<g fill="none" stroke="${theme.muted}" stroke-width="1.25" marker-end="url(#bp-arrow)">`);
    for (const e of scene.edges) out.push(`<path d="${curvePath(e.curve)}"/>`);
    out.push('</g>');
  }
  for (const r of scene.regions) out.push(regionTitleSvg(r.node, r.rect, r.zone, theme));
  for (const n of scene.nodes) out.push(nodeSvg(n.node, n.rect, theme));
  for (const s of scene.sidecars) out.push(sidecarSvg(s, theme));
  for (const e of scene.edges) out.push(edgeLabelSvg(e, theme));
  for (const n of scene.notes) out.push(noteSvg(n.note, n.rect, theme));
  out.push('</g>');
  out.push('</svg>');
  return { svg: `${out.join('\n')}\n`, width, height, origin };
}

/** What is drawn, and where: sidecars docked, edges curved, labels placed clear of nodes and of each other. */
function buildScene(doc: TopologyDocument, only: DiagramOptions['only']): Scene {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const nodeIds = only ? new Set(only.nodes) : null;
  const noteIds = only ? new Set(only.notes ?? []) : null;
  const included = (n: TopologyNode) => nodeIds === null || nodeIds.has(n.id);

  const regions: Scene['regions'] = [];
  const nodes: Scene['nodes'] = [];
  const sidecars: SidecarItem[] = [];
  const rects = new Map<string, Rect>();
  for (const node of doc.nodes) {
    if (!included(node)) continue;
    if (node.kind === 'region') {
      regions.push({ node, rect: nodeRect(node), zone: regionDepth(node, byId) > 0 });
    } else if (node.kind === 'sidecar') {
      const service = node.params.attachedTo !== undefined ? byId.get(node.params.attachedTo) : undefined;
      const position = service ? dockedSidecarPosition(service.position) : node.position;
      const rect = { ...position, ...SIDECAR_SIZE };
      sidecars.push({ node, rect, attached: node.params.attachedTo !== undefined });
      rects.set(node.id, rect);
    } else {
      const rect = nodeRect(node);
      nodes.push({ node, rect });
      rects.set(node.id, rect);
    }
  }
  // Outer regions first, so zones are painted on top of the region that holds them.
  regions.sort((a, b) => Number(a.zone) - Number(b.zone));

  const obstacles: Rect[] = [...rects.values()];
  const placed: Rect[] = [];
  const edges: EdgeItem[] = [];
  for (const edge of doc.edges) {
    const from = rects.get(edge.source);
    const to = rects.get(edge.target);
    if (!from || !to) continue;
    const curve = edgeCurve(
      { x: from.x + from.width, y: from.y + from.height / 2 },
      { x: to.x, y: to.y + to.height / 2 },
    );
    const text = edgeLabelText(edge.params, edgeLatencyForLabel(edge, byId));
    const label = placeLabel(curve, text, obstacles, placed);
    placed.push(label.box);
    edges.push({ edge, curve, text, label: label.box, fontSize: label.fontSize });
  }

  const notes = doc.notes
    .filter((n) => noteIds === null || noteIds.has(n.id))
    .map((note) => ({ note, rect: noteRect(note) }));
  return { regions, nodes, sidecars, notes, edges };
}

function regionDepth(node: TopologyNode, byId: ReadonlyMap<string, TopologyNode>): number {
  let depth = 0;
  let parent = node.parent;
  while (parent !== undefined && depth < 4) {
    depth++;
    parent = byId.get(parent)?.parent;
  }
  return depth;
}

/**
 * The label box at the first position along the curve that overlaps nothing; failing that, the same in a smaller
 * type (a label between two close nodes); failing that, the least crowded position.
 */
function placeLabel(
  curve: Curve,
  text: string,
  obstacles: readonly Rect[],
  placed: readonly Rect[],
): { box: Rect; fontSize: number } {
  let best: { box: Rect; fontSize: number } | null = null;
  let bestCost = Infinity;
  for (const fontSize of [EDGE_LABEL_SIZE, EDGE_LABEL_SMALL_SIZE]) {
    const width = textWidth(text, fontSize) + 2 * EDGE_LABEL_PAD_X;
    const height = fontSize === EDGE_LABEL_SIZE ? EDGE_LABEL_HEIGHT : EDGE_LABEL_HEIGHT - 2;
    for (const dy of [0, -(height / 2 + 4), height / 2 + 4]) {
      for (const t of LABEL_POSITIONS) {
        const p = pointOnCurve(curve, t);
        const box = { x: p.x - width / 2, y: p.y + dy - height / 2, width, height };
        let cost = 0;
        for (const r of placed) cost += overlapArea(box, r) * 4;
        for (const r of obstacles) cost += overlapArea(box, r);
        if (cost === 0) return { box, fontSize };
        // Keep labels near the middle, on their line and in the canvas's type size when every place is taken.
        cost += Math.abs(t - 0.5) * 10 + (fontSize === EDGE_LABEL_SIZE ? 0 : 20) + (dy === 0 ? 0 : 30);
        if (cost < bestCost) {
          best = { box, fontSize };
          bestCost = cost;
        }
      }
    }
  }
  return best!;
}

function overlapArea(a: Rect, b: Rect): number {
  if (!rectsOverlap(a, b)) return 0;
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w * h;
}

// ---------------------------------------------------------------------------------------------------------------

/** A number in SVG: at most two decimals, no `-0`. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

function curvePath(c: Curve): string {
  return `M${num(c.from.x)},${num(c.from.y)} C${num(c.c1.x)},${num(c.c1.y)} ${num(c.c2.x)},${num(c.c2.y)} ${num(c.to.x)},${num(c.to.y)}`;
}

function defs(theme: DiagramTheme): string {
  const { width, height } = NODE_SIZE;
  return [
    '<defs>',
    `<marker id="bp-arrow" viewBox="-10 -10 20 20" markerWidth="20" markerHeight="20" markerUnits="userSpaceOnUse" orient="auto" refX="0" refY="0">`,
    `<path d="M-7,-4.5 L0,0 L-7,4.5 Z" fill="${theme.muted}" stroke="${theme.muted}" stroke-width="1" stroke-linejoin="round"/>`,
    '</marker>',
    `<clipPath id="bp-node-shape"><rect width="${width}" height="${height}" rx="10"/></clipPath>`,
    `<filter id="bp-shadow" x="-10%" y="-20%" width="120%" height="150%">`,
    `<feDropShadow dx="0" dy="1" stdDeviation="1.5" flood-color="#101828" flood-opacity="${theme.shadowOpacity}"/>`,
    '</filter>',
    '</defs>',
  ].join('\n');
}

/** A kind's icon, `size` px square, its top-left corner at (x, y). */
function iconSvg(kind: NodeKind, x: number, y: number, size: number, color: string): string {
  const parts = KIND_GLYPHS[kind].map((p) => {
    switch (p.tag) {
      case 'path':
        return `<path d="${p.d}"/>`;
      case 'circle':
        return `<circle cx="${p.cx}" cy="${p.cy}" r="${p.r}"/>`;
      case 'ellipse':
        return `<ellipse cx="${p.cx}" cy="${p.cy}" rx="${p.rx}" ry="${p.ry}"/>`;
      case 'rect':
        return `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="${p.rx}"${p.dashed ? ` stroke-dasharray="${GLYPH_DASH}"` : ''}/>`;
    }
  });
  return (
    `<g transform="translate(${num(x)} ${num(y)}) scale(${num(size / 24)})" fill="none" stroke="${color}"` +
    ` stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${parts.join('')}</g>`
  );
}

function label(node: TopologyNode): string {
  return node.label ?? node.id;
}

function nodeSvg(node: TopologyNode, r: Rect, theme: DiagramTheme): string {
  const color = KIND_COLORS[node.kind];
  const room = r.width - NODE_TEXT_X - NODE_TEXT_RIGHT;
  const name = label(node);
  const text = (s: string, y: number, size: number, fill: string, bold: boolean) =>
    `<text x="${NODE_TEXT_X}" y="${y}" font-size="${size}"${bold ? ' font-weight="600"' : ''} fill="${fill}">${escapeXml(s)}</text>`;
  // A name too long for one line takes the caption's place: the icon and colour still say the kind.
  const lines = textWidth(name, NODE_LABEL_SIZE, true) <= room ? [name] : wrap(name, room, NODE_LABEL_SIZE, 2, true);
  const body =
    lines.length === 1
      ? text(lines[0]!, 29, NODE_LABEL_SIZE, theme.fg, true) +
        text(truncate(KIND_TITLES[node.kind], room, NODE_CAPTION_SIZE), 45, NODE_CAPTION_SIZE, theme.muted, false)
      : text(lines[0]!, 29, NODE_LABEL_SIZE, theme.fg, true) + text(lines[1]!, 45, NODE_LABEL_SIZE, theme.fg, true);
  return [
    `<g transform="translate(${num(r.x)} ${num(r.y)})">`,
    `<title>${escapeXml(`${name} (${KIND_TITLES[node.kind]})`)}</title>`,
    `<rect width="${r.width}" height="${r.height}" rx="10" fill="${theme.nodeBg}" stroke="${theme.border}" filter="url(#bp-shadow)"/>`,
    `<rect width="4" height="${r.height}" fill="${color}" clip-path="url(#bp-node-shape)"/>`,
    iconSvg(node.kind, 18, (r.height - 20) / 2, 20, color),
    body,
    '</g>',
  ].join('');
}

function sidecarSvg(s: SidecarItem, theme: DiagramTheme): string {
  const { width: w, height: h } = s.rect;
  // Docked: square top against the service, rounded bottom corners.
  const shape = s.attached
    ? `<path d="M0,0 H${w} V${h - 8} A8,8 0 0 1 ${w - 8},${h} H8 A8,8 0 0 1 0,${h - 8} Z"`
    : `<rect width="${w}" height="${h}" rx="8"`;
  const mtls = s.node.kind === 'sidecar' && s.node.params.mtls === true;
  const tag = !s.attached ? 'not attached' : mtls ? 'mTLS' : '';
  const tagColor = s.attached ? theme.muted : theme.warn;
  const room = w - 30 - 10 - (tag ? textWidth(tag, 10) + 6 : 0);
  return [
    `<g transform="translate(${num(s.rect.x)} ${num(s.rect.y)})">`,
    `<title>${escapeXml(`${label(s.node)} (${KIND_TITLES.sidecar})`)}</title>`,
    `${shape} fill="${theme.sidecarFill}" stroke="${s.attached ? theme.sidecarBorder : theme.warn}" stroke-dasharray="4 3"/>`,
    iconSvg('sidecar', 10, (h - 14) / 2, 14, theme.fg),
    `<text x="30" y="${num(h / 2 + 4)}" font-size="11" font-weight="600" fill="${theme.fg}">${escapeXml(truncate(label(s.node), room, 11, true))}</text>`,
    tag
      ? `<text x="${w - 10}" y="${num(h / 2 + 3.5)}" font-size="10" text-anchor="end" fill="${tagColor}">${tag}</text>`
      : '',
    '</g>',
  ].join('');
}

function regionSvg(node: TopologyNode, r: Rect, zone: boolean, theme: DiagramTheme): string {
  return [
    `<g transform="translate(${num(r.x)} ${num(r.y)})">`,
    `<title>${escapeXml(`${label(node)} (${zone ? 'Zone' : KIND_TITLES.region})`)}</title>`,
    `<rect width="${r.width}" height="${r.height}" rx="14" fill="${zone ? theme.zoneFill : theme.regionFill}"` +
      ` fill-opacity="${zone ? theme.zoneFillOpacity : theme.regionFillOpacity}" stroke="${theme.regionBorder}"` +
      ` stroke-width="1.5" stroke-dasharray="${zone ? '2 3' : '6 4'}"/>`,
    '</g>',
  ].join('');
}

/**
 * A region's header (icon, name, location), painted above the edges with a halo of the canvas colour, so edges
 * that enter the region never cross out its name.
 */
function regionTitleSvg(node: TopologyNode, r: Rect, zone: boolean, theme: DiagramTheme): string {
  const where = regionWhere(node);
  const whereText = zone && where ? `zone · ${where}` : where;
  const room = r.width - 32 - 12;
  const name = truncate(label(node), room, 12, true);
  const whereRoom = room - textWidth(name, 12, true) - 6;
  const whereShown = whereText && whereRoom > 30 ? truncate(whereText, whereRoom, 11) : '';
  const baseline = REGION_TITLE_HEIGHT / 2 + 4.5;
  const halo = `stroke="${theme.canvas}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
  return [
    `<g transform="translate(${num(r.x)} ${num(r.y)})">`,
    iconSvg('region', 12, (REGION_TITLE_HEIGHT - 14) / 2, 14, theme.muted),
    `<text x="32" y="${baseline}" font-size="12" font-weight="600" fill="${theme.fg}" ${halo}>${escapeXml(name)}` +
      (whereShown
        ? `<tspan dx="6" font-size="11" font-weight="400" fill="${theme.muted}">${escapeXml(whereShown)}</tspan>`
        : '') +
      '</text>',
    '</g>',
  ].join('');
}

function edgeLabelSvg(e: EdgeItem, theme: DiagramTheme): string {
  const { x, y, width, height } = e.label;
  return (
    `<g><rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${height}" rx="${height / 2}" fill="${theme.panel}"` +
    ` stroke="${theme.border}"/><text x="${num(x + width / 2)}" y="${num(y + height / 2 + e.fontSize * 0.35)}"` +
    ` font-size="${e.fontSize}" text-anchor="middle" fill="${theme.muted}">${escapeXml(e.text)}</text></g>`
  );
}

function noteSvg(note: Note, r: Rect, theme: DiagramTheme): string {
  const maxLines = Math.max(0, Math.floor((r.height - 20) / NOTE_LINE_HEIGHT));
  const lines = wrap(note.text, r.width - 24, NOTE_TEXT_SIZE, maxLines);
  const text = lines
    .map(
      (line, i) =>
        `<text x="12" y="${num(10 + 13.5 + i * NOTE_LINE_HEIGHT)}" font-size="${NOTE_TEXT_SIZE}" fill="${theme.noteFg}">${escapeXml(line)}</text>`,
    )
    .join('');
  const fill = typeof note.color === 'string' && CSS_COLOR.test(note.color) ? note.color : theme.note;
  return [
    `<g transform="translate(${num(r.x)} ${num(r.y)})">`,
    `<rect width="${num(r.width)}" height="${num(r.height)}" rx="4" fill="${fill}" filter="url(#bp-shadow)"/>`,
    text,
    '</g>',
  ].join('');
}
