/**
 * Reading draw.io / diagrams.net files (uncompressed `mxfile` or a bare `mxGraphModel`). Files this product wrote
 * come back exactly, from the Backpressure data on each cell (positions and sizes from the drawing, so moves made
 * in diagrams.net are kept). Other diagrams are read best effort: containers become regions, text cells notes,
 * shapes and names suggest kinds (each choice listed for review), labels on edges give protocol and latency.
 */
import { XMLParser } from 'fast-xml-parser';
import { NODE_KINDS } from '../model/types.js';
import type { Note, NodeKind, Point } from '../model/types.js';
import type { Draft, DraftEdge, DraftNode } from './draft.js';
import { DRAWIO_LAYER_ID, DRAWIO_ROOT_ID } from './drawio.js';
import { DEFAULT_NOTE_SIZE, DEFAULT_REGION_SIZE, NODE_SIZE, nodeSize } from './geometry.js';
import { IdMaker, edgeParamsFromLabel, kindFromName } from './infer.js';

/** Outcome of reading a draw.io file. */
export type DrawioResult = { ok: true; draft: Draft } | { ok: false; error: string };

interface Cell {
  id: string;
  value: string;
  attrs: Record<string, string>;
  style: Record<string, string>;
  /** The style's first bare word (`ellipse`, `text`, `swimlane`...). */
  shapeWord: string;
  vertex: boolean;
  edge: boolean;
  parent?: string;
  source?: string;
  target?: string;
  geo?: { x: number; y: number; width: number; height: number; relative: boolean };
}

type Xml = Record<string, unknown>;

function asArray(v: unknown): Xml[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Xml => typeof x === 'object' && x !== null);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function parseStyle(style: string): { style: Record<string, string>; shapeWord: string } {
  const out: Record<string, string> = {};
  let shapeWord = '';
  for (const part of style.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (shapeWord === '') shapeWord = part;
      out[part] = '1';
    } else out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { style: out, shapeWord };
}

/**
 * The plain text of an HTML label: tags dropped, line breaks as newlines, entities decoded, blank lines and outer
 * space trimmed. `exact` (labels this product wrote) only undoes what {@link htmlLabel} did.
 */
export function labelText(html: string, isHtml: boolean, exact = false): string {
  if (exact) {
    return html
      .replace(/<br>/g, '\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#13;/g, '\r')
      .replace(/&amp;/g, '&');
  }
  if (!isHtml) return html.trim();
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&([a-z]+);/gi, (m, n: string) => named[n.toLowerCase()] ?? m)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function num(v: unknown, fallback = 0): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function readCell(wrapper: Xml | null, cell: Xml): Cell | null {
  const source = wrapper ?? cell;
  const id = str(source.id);
  if (id === undefined) return null;
  const { style, shapeWord } = parseStyle(str(cell.style) ?? '');
  const attrs: Record<string, string> = {};
  if (wrapper) for (const [k, v] of Object.entries(wrapper)) if (typeof v === 'string' && k !== 'id') attrs[k] = v;
  const g = asArray(cell.mxGeometry)[0];
  return {
    id,
    value: wrapper ? (str(wrapper.label) ?? '') : (str(cell.value) ?? ''),
    attrs,
    style,
    shapeWord,
    vertex: str(cell.vertex) === '1',
    edge: str(cell.edge) === '1',
    parent: str(cell.parent),
    source: str(cell.source),
    target: str(cell.target),
    geo: g
      ? { x: num(g.x), y: num(g.y), width: num(g.width), height: num(g.height), relative: str(g.relative) === '1' }
      : undefined,
  };
}

/** Finds the `mxGraphModel` in a parsed file, or says why there is none. */
function findModel(tree: Xml): { model: Xml; warnings: string[] } | { error: string } {
  const mxfile = asArray(tree.mxfile)[0];
  if (mxfile) {
    const diagrams = asArray(mxfile.diagram);
    if (diagrams.length === 0) return { error: 'this draw.io file has no diagram in it' };
    const first = diagrams[0]!;
    const model = asArray(first.mxGraphModel)[0];
    const warnings = diagrams.length > 1 ? [`the file has ${diagrams.length} pages; only the first was imported`] : [];
    if (model) return { model, warnings };
    const text = str(first['#text']);
    if (text !== undefined && text.trim() !== '') {
      return {
        error:
          'this draw.io file is compressed, which cannot be imported: in diagrams.net turn off ' +
          'File > Properties > Compressed, save, and import it again',
      };
    }
    return { error: 'the first page of this draw.io file is empty' };
  }
  const model = asArray(tree.mxGraphModel)[0];
  if (model) return { model, warnings: [] };
  return { error: 'not a draw.io diagram: expected an <mxfile> or <mxGraphModel> element' };
}

/**
 * Reads a draw.io file into a draft document (see `draft.ts`).
 *
 * @param name the document name when the file carries none.
 */
export function parseDrawio(xml: string, name = 'Imported diagram'): DrawioResult {
  let tree: Xml;
  try {
    tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      parseTagValue: false,
      trimValues: false,
      processEntities: true,
      htmlEntities: true,
      isArray: (tag) => ['diagram', 'mxCell', 'object', 'UserObject', 'mxGeometry'].includes(tag),
    }).parse(xml, true) as Xml;
  } catch (e) {
    return { ok: false, error: `not well-formed XML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const found = findModel(tree);
  if ('error' in found) return { ok: false, error: found.error };
  const root = asArray(found.model.root)[0];
  if (!root) return { ok: false, error: 'the diagram has no <root> element' };

  const cells: Cell[] = [];
  for (const c of asArray(root.mxCell)) {
    const cell = readCell(null, c);
    if (cell) cells.push(cell);
  }
  for (const wrapper of [...asArray(root.object), ...asArray(root.UserObject)]) {
    const inner = asArray(wrapper.mxCell)[0] ?? {};
    const cell = readCell(wrapper, inner);
    if (cell) cells.push(cell);
  }
  const fileName = str(asArray(asArray(tree.mxfile)[0]?.diagram)[0]?.name);
  return { ok: true, draft: toDraft(cells, fileName ?? name, found.warnings) };
}

function toDraft(cells: Cell[], name: string, warnings: string[]): Draft {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const rootCell = cells.find((c) => c.id === DRAWIO_ROOT_ID) ?? cells.find((c) => c.parent === undefined);
  const layers = new Set(
    cells.filter((c) => !c.vertex && !c.edge && c.parent !== undefined && c.parent === rootCell?.id).map((c) => c.id),
  );
  layers.add(DRAWIO_LAYER_ID);
  const ours = rootCell?.attrs.bp_document !== undefined || cells.some((c) => c.attrs.bp_kind !== undefined);

  let extra: Record<string, unknown> | undefined;
  const docText = rootCell?.attrs.bp_document;
  if (docText !== undefined) {
    const parsed = parseJson(docText);
    if (isRecord(parsed)) {
      extra = parsed;
      if (typeof parsed.name === 'string') name = parsed.name;
    } else warnings.push('the document settings stored in this file are damaged; defaults were used');
  }
  if (extra) delete extra.name;

  const vertices = cells.filter((c) => c.vertex && !(c.parent !== undefined && byId.get(c.parent)?.edge));
  const hasChildren = new Set(vertices.map((c) => c.parent).filter((p): p is string => p !== undefined));
  // Edge labels drawn as child cells of an edge.
  const edgeLabels = new Map<string, string>();
  for (const c of cells) {
    if (c.vertex && c.parent !== undefined && byId.get(c.parent)?.edge && c.value !== '') {
      edgeLabels.set(c.parent, labelText(c.value, c.style.html === '1'));
    }
  }

  const absolute = new Map<string, Point>();
  const position = (c: Cell, depth = 0): Point => {
    const known = absolute.get(c.id);
    if (known) return known;
    const parent = c.parent !== undefined ? byId.get(c.parent) : undefined;
    const base = parent && parent.vertex && depth < 32 ? position(parent, depth + 1) : { x: 0, y: 0 };
    const p = { x: base.x + (c.geo?.x ?? 0), y: base.y + (c.geo?.y ?? 0) };
    absolute.set(c.id, p);
    return p;
  };

  // Plain diagrams use smaller boxes than the canvas: spread them so canvas-sized nodes do not overlap.
  const scale = ours ? { x: 1, y: 1 } : spread(vertices.filter((c) => !hasChildren.has(c.id)));
  const at = (c: Cell): Point => {
    const p = position(c);
    if (scale.x === 1 && scale.y === 1) return p;
    // Containers grow from their corner, boxes about their centre, so boxes stay inside what holds them.
    if (hasChildren.has(c.id)) return { x: p.x * scale.x, y: p.y * scale.y };
    const w = c.geo?.width ?? 0;
    const h = c.geo?.height ?? 0;
    return { x: (p.x + w / 2) * scale.x - w / 2, y: (p.y + h / 2) * scale.y - h / 2 };
  };

  const ids = new IdMaker([DRAWIO_ROOT_ID, DRAWIO_LAYER_ID]);
  const idOf = new Map<string, string>();
  const nodes: DraftNode[] = [];
  const notes: Note[] = [];
  const regionIds = new Set<string>();
  const cellOf = new Map<DraftNode, string>();
  const isRegion = (c: Cell) =>
    c.attrs.bp_kind === 'region' ||
    (c.attrs.bp_kind === undefined &&
      c.shapeWord !== 'group' &&
      (c.style.container === '1' || c.shapeWord === 'swimlane' || hasChildren.has(c.id)));
  const isNote = (c: Cell) =>
    c.attrs.bp_kind === 'note' ||
    (c.attrs.bp_kind === undefined &&
      (c.shapeWord === 'text' || c.style.shape === 'note' || c.style.shape === 'mxgraph.basic.note'));

  for (const c of vertices) {
    if (c.attrs.bp_kind === undefined && c.shapeWord === 'group') continue;
    const exact = c.attrs.bp_kind !== undefined;
    const text = labelText(c.value, c.style.html === '1', exact);
    if (isNote(c) && !hasChildren.has(c.id)) {
      if (text === '') continue;
      const id = ids.make(c.attrs.bp_kind === 'note' ? c.id : undefined, `note-${text.slice(0, 24)}`);
      const note: Note = { id, text, position: exact ? storedPosition(c, at(c)) : round(at(c)) };
      const size = { width: Math.round(c.geo?.width ?? 200), height: Math.round(c.geo?.height ?? 120) };
      const keepDefault =
        c.attrs.bp_default_size === '1' &&
        size.width === DEFAULT_NOTE_SIZE.width &&
        size.height === DEFAULT_NOTE_SIZE.height;
      if (!keepDefault) note.size = size;
      const stored = c.attrs.bp_extra !== undefined ? parseJson(c.attrs.bp_extra) : undefined;
      if (isRecord(stored)) Object.assign(note, stored, { id: note.id, text: note.text, position: note.position });
      notes.push(note);
      continue;
    }
    if (!ours && text === '' && !isRegion(c)) {
      // An unlabelled shape (a decoration, an icon without a caption) says nothing about the system.
      if (!edgesTouch(cells, c.id)) continue;
    }
    const region = isRegion(c);
    const id = ids.make(c.attrs.bp_kind !== undefined ? c.id : text || undefined, c.id);
    idOf.set(c.id, id);
    if (region) regionIds.add(c.id);
    const node: DraftNode = { id, kind: 'region', reason: null, params: {} };
    if (!(c.attrs.bp_unlabelled === '1' && text === c.id)) node.label = text;
    if (node.label === '' && !exact) delete node.label;
    node.position = exact ? storedPosition(c, at(c)) : round(at(c));
    if (region) {
      node.kind = 'region';
      node.size = {
        width: Math.round((c.geo?.width ?? DEFAULT_REGION_SIZE.width) * scale.x),
        height: Math.round((c.geo?.height ?? DEFAULT_REGION_SIZE.height) * scale.y),
      };
    } else {
      const k = kindOf(c, text);
      node.kind = k.kind;
      node.reason = k.reason;
    }
    if (c.attrs.bp_kind !== undefined) {
      node.exact = true;
      const params = parseJson(c.attrs.bp_params ?? '{}');
      if (isRecord(params)) node.params = params;
      else warnings.push(`cell "${c.id}": its stored parameters are damaged; defaults were used`);
      const stored = c.attrs.bp_extra !== undefined ? parseJson(c.attrs.bp_extra) : undefined;
      if (isRecord(stored)) node.extra = stored;
      // A region resized in diagrams.net keeps its new size; one that was not keeps what the model had.
      if (region) {
        const had = nodeSize({ kind: 'region', params: node.params } as never);
        if (node.size && (had.width !== node.size.width || had.height !== node.size.height))
          node.params.size = node.size;
      }
    } else if (region && node.size) node.params.size = node.size;
    cellOf.set(node, c.id);
    nodes.push(node);
  }

  // Parents: the nearest enclosing container that became a region.
  for (const node of nodes) {
    const c = byId.get(cellOf.get(node)!)!;
    let p = c.parent !== undefined ? byId.get(c.parent) : undefined;
    for (let guard = 0; p && !regionIds.has(p.id) && guard < 32; guard++)
      p = p.parent !== undefined ? byId.get(p.parent) : undefined;
    if (p && regionIds.has(p.id)) node.parent = idOf.get(p.id);
  }

  const order = (n: DraftNode) => {
    const o = Number(byId.get(cellOf.get(n)!)?.attrs.bp_order);
    return Number.isInteger(o) ? o : Infinity;
  };
  nodes.sort((a, b) => order(a) - order(b));

  const edges: DraftEdge[] = [];
  for (const c of cells) {
    if (!c.edge) continue;
    const where = `cell "${c.id}"`;
    const s = c.source !== undefined ? idOf.get(c.source) : undefined;
    const t = c.target !== undefined ? idOf.get(c.target) : undefined;
    if (s === undefined || t === undefined) {
      warnings.push(`${where}: left out a connector that is not attached to a shape at both ends`);
      continue;
    }
    let params: Record<string, unknown> = {};
    if (c.attrs.bp_params !== undefined) {
      const parsed = parseJson(c.attrs.bp_params);
      if (isRecord(parsed)) params = parsed;
      else warnings.push(`${where}: its stored parameters are damaged; defaults were used`);
    } else {
      const text = labelText(c.value, true) || edgeLabels.get(c.id) || '';
      params = { ...edgeParamsFromLabel(text) };
      if (
        c.style.startArrow !== undefined &&
        c.style.startArrow !== 'none' &&
        (c.style.endArrow ?? 'classic') === 'none'
      ) {
        edges.push({ source: t, target: s, params, where });
        continue;
      }
    }
    const edge: DraftEdge = { source: s, target: t, params, where };
    if (c.attrs.bp_params !== undefined) edge.id = c.id;
    edges.push(edge);
  }

  const draft: Draft = { name, nodes, edges, notes, warnings };
  if (extra) draft.extra = extra;
  return draft;
}

function edgesTouch(cells: Cell[], id: string): boolean {
  return cells.some((c) => c.edge && (c.source === id || c.target === id));
}

/** How much to spread a plain diagram so its typical box, grown to a canvas node, keeps its gaps. */
function spread(leaves: Cell[]): { x: number; y: number } {
  const widths = leaves
    .map((c) => c.geo?.width ?? 0)
    .filter((w) => w > 0)
    .sort((a, b) => a - b);
  const heights = leaves
    .map((c) => c.geo?.height ?? 0)
    .filter((h) => h > 0)
    .sort((a, b) => a - b);
  if (widths.length === 0 || heights.length === 0) return { x: 1, y: 1 };
  const w = widths[Math.floor(widths.length / 2)]!;
  const h = heights[Math.floor(heights.length / 2)]!;
  return { x: Math.min(4, Math.max(1, NODE_SIZE.width / w)), y: Math.min(4, Math.max(1, NODE_SIZE.height / h)) };
}

/** Shapes that say what a box is. */
function kindFromStyle(c: Cell): { kind: NodeKind; why: string } | null {
  const shape = (c.style.shape ?? c.shapeWord).toLowerCase();
  const icon = (c.style.resIcon ?? c.style.prIcon ?? '').toLowerCase();
  if (/cylinder|datastore|database|mxgraph\.flowchart\.database/.test(shape))
    return { kind: 'database', why: 'cylinder shape' };
  if (/^(actor|umlactor)$|user|person/.test(shape)) return { kind: 'client', why: 'person shape' };
  // Cloud-provider icons name the service they stand for.
  const named = kindFromName(
    icon.replace(/^mxgraph\.\w+\./, '').replace(/_/g, ' '),
    shape.replace(/^mxgraph\.\w+\./, '').replace(/_/g, ' '),
  );
  if (named && (icon !== '' || shape.startsWith('mxgraph.')))
    return { kind: named.kind, why: `icon "${icon || shape}"` };
  if (shape === 'cloud') return { kind: 'cdn', why: 'cloud shape' };
  if (shape === 'hexagon') return { kind: 'dns', why: 'hexagon shape' };
  if (shape === 'trapezoid') return { kind: 'loadBalancer', why: 'trapezoid shape' };
  if (shape === 'parallelogram') return { kind: 'cache', why: 'parallelogram shape' };
  if (shape === 'process') return { kind: 'queue', why: 'process shape' };
  return null;
}

function kindOf(c: Cell, text: string): { kind: NodeKind; reason: string | null } {
  const bp = c.attrs.bp_kind;
  if (bp !== undefined && (NODE_KINDS as readonly string[]).includes(bp)) return { kind: bp as NodeKind, reason: null };
  const byName = kindFromName(text);
  const byStyle = kindFromStyle(c);
  // A cylinder or a person is clear; a name beats the looser shapes (a cloud drawn for "Internet"...).
  if (byStyle && (byStyle.why === 'cylinder shape' || byStyle.why === 'person shape' || byStyle.why.startsWith('icon')))
    return { kind: byStyle.kind, reason: byStyle.why };
  if (byName) return { kind: byName.kind, reason: `name mentions "${byName.word}"` };
  if (byStyle) return { kind: byStyle.kind, reason: byStyle.why };
  return { kind: 'service', reason: 'no hint: a service' };
}

/**
 * The exact position this product wrote (`bp_position`), unless the shape was moved in diagrams.net: relative
 * coordinates added back to their container's may differ from it in the last bits.
 */
function storedPosition(c: Cell, drawn: Point): Point {
  const stored = c.attrs.bp_position !== undefined ? parseJson(c.attrs.bp_position) : undefined;
  if (isRecord(stored) && typeof stored.x === 'number' && typeof stored.y === 'number') {
    if (Math.abs(stored.x - drawn.x) < 1e-6 && Math.abs(stored.y - drawn.y) < 1e-6) return { x: stored.x, y: stored.y };
  }
  return drawn;
}

function round(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
