/**
 * Reading Mermaid flowcharts (`graph`/`flowchart`, any direction): nodes and their shapes, `subgraph`s as regions
 * (nested ones as zones), links of every style (`-->`, `---`, `-.->`, `==>`, `|label|` and `-- label -->`
 * forms), chains (`A --> B --> C`) and `&` groups. Kinds come from this product's classes (`:::bp_database`), then
 * from its shapes, then from names; styling lines are skipped with a warning. Errors give the line.
 */
import { ID_PATTERN } from '../model/schema.js';
import { NODE_KINDS } from '../model/types.js';
import type { NodeKind } from '../model/types.js';
import type { Draft, DraftEdge, DraftNode } from './draft.js';
import { IdMaker, edgeParamsFromLabel, kindFromName } from './infer.js';

/** Outcome of reading a flowchart. */
export type MermaidResult = { ok: true; draft: Draft } | { ok: false; error: string };

type Shape =
  | 'rect'
  | 'round'
  | 'stadium'
  | 'subroutine'
  | 'cylinder'
  | 'circle'
  | 'doubleCircle'
  | 'asymmetric'
  | 'rhombus'
  | 'hexagon'
  | 'parallelogram'
  | 'parallelogramAlt'
  | 'trapezoid'
  | 'trapezoidAlt';

/** Shapes this product writes for one kind only; the others say nothing about the kind. */
const SHAPE_KINDS: Partial<Record<Shape, { kind: NodeKind; name: string }>> = {
  stadium: { kind: 'client', name: 'stadium shape ([ ])' },
  hexagon: { kind: 'dns', name: 'hexagon shape {{ }}' },
  asymmetric: { kind: 'cdn', name: 'flag shape > ]' },
  trapezoid: { kind: 'loadBalancer', name: 'trapezoid shape [/ \\]' },
  cylinder: { kind: 'database', name: 'cylinder shape [( )]' },
  parallelogram: { kind: 'cache', name: 'parallelogram shape [/ /]' },
  subroutine: { kind: 'queue', name: 'subroutine shape [[ ]]' },
  parallelogramAlt: { kind: 'sidecar', name: 'parallelogram shape [\\ \\]' },
};

/** The `@{ shape: … }` names that mean the same as a bracket shape. */
const NAMED_SHAPES: Readonly<Record<string, Shape>> = {
  rect: 'rect',
  rounded: 'round',
  stadium: 'stadium',
  pill: 'stadium',
  terminal: 'stadium',
  subproc: 'subroutine',
  subroutine: 'subroutine',
  'framed-rectangle': 'subroutine',
  cyl: 'cylinder',
  cylinder: 'cylinder',
  database: 'cylinder',
  db: 'cylinder',
  circle: 'circle',
  circ: 'circle',
  'dbl-circ': 'doubleCircle',
  'double-circle': 'doubleCircle',
  odd: 'asymmetric',
  diam: 'rhombus',
  diamond: 'rhombus',
  decision: 'rhombus',
  hex: 'hexagon',
  hexagon: 'hexagon',
  'lean-r': 'parallelogram',
  'lean-right': 'parallelogram',
  'lean-l': 'parallelogramAlt',
  'lean-left': 'parallelogramAlt',
  'trap-b': 'trapezoid',
  trapezoid: 'trapezoid',
  'trap-t': 'trapezoidAlt',
  'inv-trapezoid': 'trapezoidAlt',
};

const OTHER_DIAGRAMS =
  /^(sequenceDiagram|classDiagram(-v2)?|stateDiagram(-v2)?|erDiagram|journey|gantt|pie|quadrantChart|requirementDiagram|gitGraph|C4\w*|mindmap|timeline|sankey(-beta)?|xychart(-beta)?|block(-beta)?|packet(-beta)?|kanban|architecture(-beta)?|radar(-beta)?)\b/;

class ParseError extends Error {}

interface RawNode {
  id: string;
  text?: string;
  shape?: Shape;
  classes: string[];
  subgraph?: string;
  line: number;
}

interface RawSubgraph {
  id: string;
  title: string;
  parent?: string;
  line: number;
}

interface Link {
  directed: boolean;
  both: boolean;
  invisible: boolean;
  label?: string;
  text: string;
}

/** Mermaid entity codes and the little HTML labels carry, as plain text. */
function decodeText(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ', apos: "'" };
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/#([a-z]+);/gi, (m, n: string) => named[n.toLowerCase()] ?? m)
    .replace(/&(quot|amp|lt|gt|nbsp|apos);/g, (_, n: string) => named[n]!)
    .replace(/^`(.*)`$/s, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A cursor over one statement, for error columns. */
class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly line: number,
    readonly column0: number,
  ) {}

  get rest(): string {
    return this.text.slice(this.pos);
  }
  get done(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  match(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.rest);
    if (m) this.pos += m[0].length;
    return m;
  }
  fail(what: string): never {
    const found = this.rest.slice(0, 24);
    throw new ParseError(
      `line ${this.line}, column ${this.column0 + this.pos + 1}: ${what}${found ? `, found "${found}"` : ' at the end of the line'}`,
    );
  }
}

/** Splits a line into statements at `;` outside quotes and brackets. */
function statements(line: string): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && '([{'.includes(c)) depth++;
    else if (!quoted && ')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ';') {
      out.push({ text: line.slice(start, i), column: start });
      start = i + 1;
    }
  }
  out.push({ text: line.slice(start), column: start });
  return out.filter((s) => s.text.trim() !== '');
}

const ID = /^[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*/u;

/** Bracket shapes, longest opening first. */
const OPENERS: readonly [string, Shape, string][] = [
  ['(((', 'doubleCircle', ')))'],
  ['([', 'stadium', '])'],
  ['[(', 'cylinder', ')]'],
  ['[[', 'subroutine', ']]'],
  ['((', 'circle', '))'],
  ['{{', 'hexagon', '}}'],
  ['[/', 'parallelogram', '/]'],
  ['[\\', 'parallelogramAlt', '\\]'],
  ['[', 'rect', ']'],
  ['(', 'round', ')'],
  ['{', 'rhombus', '}'],
  ['>', 'asymmetric', ']'],
];

function parseShape(c: Cursor): { shape: Shape; text: string } | null {
  if (c.rest.startsWith('@{')) return parseNamedShape(c);
  for (const [open, shape0, close0] of OPENERS) {
    if (!c.rest.startsWith(open)) continue;
    c.pos += open.length;
    let shape = shape0;
    let text: string;
    if (c.rest.startsWith('"')) {
      const end = c.rest.indexOf('"', 1);
      if (end < 0) c.fail('a quoted label is not closed');
      text = c.rest.slice(1, end);
      c.pos += end + 1;
    } else {
      const closes = shape0 === 'parallelogram' || shape0 === 'parallelogramAlt' ? ['/]', '\\]'] : [close0];
      const at = closes.map((t) => c.rest.indexOf(t)).filter((k) => k >= 0);
      if (at.length === 0) c.fail(`the shape opened with "${open}" is not closed with "${close0}"`);
      const end = Math.min(...at);
      text = c.rest.slice(0, end);
      c.pos += end;
    }
    // [/ … \] and [\ … /] close differently from how they open: trapezoids.
    if (shape === 'parallelogram' && c.rest.startsWith('\\]')) shape = 'trapezoid';
    else if (shape === 'parallelogramAlt' && c.rest.startsWith('/]')) shape = 'trapezoidAlt';
    const close = shape === 'trapezoid' ? '\\]' : shape === 'trapezoidAlt' ? '/]' : close0;
    if (!c.rest.startsWith(close)) c.fail(`expected "${close}" to close the shape opened with "${open}"`);
    c.pos += close.length;
    return { shape, text };
  }
  return null;
}

/** Mermaid's `A@{ shape: cyl, label: "Orders" }`. */
function parseNamedShape(c: Cursor): { shape: Shape; text: string } {
  const end = c.rest.indexOf('}');
  if (end < 0) c.fail('"@{" is not closed with "}"');
  const body = c.rest.slice(2, end);
  c.pos += end + 1;
  const field = (name: string) => {
    const m = new RegExp(`\\b${name}\\s*:\\s*("([^"]*)"|[^,}]+)`).exec(body);
    return m ? (m[2] ?? m[1]!).trim() : undefined;
  };
  const shape = NAMED_SHAPES[(field('shape') ?? 'rect').toLowerCase()] ?? 'rect';
  return { shape, text: field('label') ?? '' };
}

const PLAIN_LINK = /^(<)?(-{2,}>|-{3,}|={2,}>|={3,}|-\.+->|-\.+-|~~~+|--[ox](?=\s)|==[ox](?=\s))/;

function parseLink(c: Cursor): Link | null {
  c.skipSpace();
  const plain = c.match(PLAIN_LINK);
  if (plain) {
    const token = plain[2]!;
    let label: string | undefined;
    const piped = c.match(/^\s*\|([^|]*)\|/);
    if (piped) label = piped[1]!.replace(/^"(.*)"$/s, '$1');
    return {
      directed: /[>ox]$/.test(token),
      both: plain[1] === '<',
      invisible: token.startsWith('~'),
      label,
      text: plain[0],
    };
  }
  // -- text -->, -. text .->, == text ==>
  const open = c.match(/^(<)?(--|-\.|==)(?=[^->.=])/);
  if (!open) return null;
  const style = open[2]!;
  const closer = style === '--' ? /-{2,}[>ox]?/ : style === '==' ? /={2,}[>ox]?/ : /\.-+>?/;
  const m = closer.exec(c.rest);
  if (!m) c.fail(`the link label after "${style}" has no closing arrow`);
  const text = c.rest.slice(0, m.index);
  c.pos += m.index + m[0].length;
  const token = m[0];
  if (style === '--' && token === '--') c.fail('expected "-->" or "---" to close the link label');
  return {
    directed: /[>ox]$/.test(token),
    both: open[1] === '<',
    invisible: false,
    label: text.trim().replace(/^"(.*)"$/s, '$1'),
    text: `${open[0]}${text}${token}`,
  };
}

/**
 * Reads a Mermaid flowchart into a draft document (see `draft.ts`).
 *
 * @param name the document name when the chart has no `title` in its front matter.
 */
export function parseMermaid(source: string, name = 'Imported diagram'): MermaidResult {
  try {
    return { ok: true, draft: parse(source, name) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

function parse(source: string, fallbackName: string): Draft {
  const lines = source.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  let name = fallbackName;
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (lines[i]?.trim() === '---') {
    const start = i;
    for (i++; i < lines.length && lines[i]!.trim() !== '---'; i++) {
      const title = /^title:\s*(.*)$/.exec(lines[i]!.trim());
      if (title) name = unquoteYaml(title[1]!) || name;
    }
    if (i >= lines.length)
      throw new ParseError(`line ${start + 1}: the front matter opened here is not closed with "---"`);
    i++;
  }

  const nodes = new Map<string, RawNode>();
  const subgraphs = new Map<string, RawSubgraph>();
  const stack: RawSubgraph[] = [];
  const links: { from: string; to: string; link: Link; line: number }[] = [];
  const classAssignments: { ids: string[]; cls: string }[] = [];
  const warnings: string[] = [];
  const styleLines: number[] = [];
  let header = false;

  const mention = (id: string, line: number, shape?: { shape: Shape; text: string }, cls?: string) => {
    let n = nodes.get(id);
    if (!n) {
      if (subgraphs.has(id)) return;
      n = { id, classes: [], line };
      nodes.set(id, n);
    }
    if (shape) {
      n.shape = shape.shape;
      n.text = shape.text;
    }
    if (cls) n.classes.push(...cls.split(','));
    const inside = stack[stack.length - 1];
    if (n.subgraph === undefined && inside) n.subgraph = inside.id;
  };

  for (; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('%%')) continue;
    for (const st of statements(raw)) {
      const text = st.text.trim();
      const column = st.column + (st.text.length - st.text.trimStart().length);
      if (!header) {
        const h = /^(flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*$/i.exec(text);
        if (h) {
          header = true;
          continue;
        }
        const other = OTHER_DIAGRAMS.exec(text);
        if (other) {
          throw new ParseError(
            `line ${lineNo}: this is a Mermaid ${other[1]}, not a flowchart; only flowcharts ("flowchart LR", "graph TD") can be imported`,
          );
        }
        throw new ParseError(
          `line ${lineNo}: expected the flowchart header ("flowchart LR" or "graph TD"), found "${text.slice(0, 40)}"`,
        );
      }
      const keyword = /^(\w+)\b/.exec(text)?.[1];
      if (keyword === 'subgraph') {
        const sg = parseSubgraph(text.slice('subgraph'.length).trim(), lineNo);
        if (nodes.has(sg.id) || subgraphs.has(sg.id)) {
          throw new ParseError(`line ${lineNo}: "${sg.id}" is already used by a node or another subgraph`);
        }
        sg.parent = stack[stack.length - 1]?.id;
        subgraphs.set(sg.id, sg);
        stack.push(sg);
        continue;
      }
      if (keyword === 'end' && text === 'end') {
        if (!stack.pop()) throw new ParseError(`line ${lineNo}: "end" without a subgraph to close`);
        continue;
      }
      if (keyword === 'direction') continue;
      if (keyword === 'classDef' || keyword === 'style' || keyword === 'linkStyle' || keyword === 'click') {
        if (!(keyword === 'classDef' && /^classDef\s+bp_/.test(text))) styleLines.push(lineNo);
        continue;
      }
      if (keyword === 'class') {
        const m = /^class\s+(\S+)\s+(\S+)\s*$/.exec(text);
        if (!m) throw new ParseError(`line ${lineNo}: expected "class <ids> <className>"`);
        classAssignments.push({ ids: m[1]!.split(','), cls: m[2]! });
        if (!m[2]!.startsWith('bp_')) styleLines.push(lineNo);
        continue;
      }
      parseChain(new Cursor(text, lineNo, column), mention, links);
    }
  }
  if (!header) throw new ParseError('line 1: empty: expected a Mermaid flowchart ("flowchart LR" or "graph TD")');
  const open = stack.pop();
  if (open) throw new ParseError(`line ${open.line}: subgraph "${open.title}" is not closed with "end"`);
  for (const a of classAssignments) for (const id of a.ids) nodes.get(id)?.classes.push(a.cls);
  if (nodes.size === 0) throw new ParseError(`line ${lines.length}: the flowchart has no nodes`);

  if (styleLines.length > 0) {
    warnings.push(`${lineList(styleLines)}: styling (classDef, class, style, linkStyle, click) is not imported`);
  }
  return buildDraft(name, nodes, subgraphs, links, warnings);
}

function lineList(lines: number[]): string {
  const shown = lines.slice(0, 8).join(', ');
  return `line${lines.length === 1 ? '' : 's'} ${shown}${lines.length > 8 ? ` and ${lines.length - 8} more` : ''}`;
}

function unquoteYaml(value: string): string {
  const v = value.trim();
  if (v.startsWith('"')) {
    try {
      return String(JSON.parse(v));
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** `id["Title"]`, `id [Title]`, `"Title"` or `Title words`. */
function parseSubgraph(rest: string, line: number): RawSubgraph {
  if (rest === '') throw new ParseError(`line ${line}: a subgraph needs a name ("subgraph api[API tier]")`);
  const withTitle = /^([^\s[\]"]+)\s*\[\s*(?:"([^"]*)"|([^\]]*))\s*\]\s*$/.exec(rest);
  if (withTitle) return { id: withTitle[1]!, title: decodeText(withTitle[2] ?? withTitle[3] ?? ''), line };
  const quoted = /^"([^"]*)"$/.exec(rest);
  const title = decodeText(quoted ? quoted[1]! : rest);
  return { id: title, title, line };
}

function parseChain(
  c: Cursor,
  mention: (id: string, line: number, shape?: { shape: Shape; text: string }, cls?: string) => void,
  links: { from: string; to: string; link: Link; line: number }[],
): void {
  const group = (): string[] => {
    const ids: string[] = [];
    for (;;) {
      c.skipSpace();
      const id = c.match(ID);
      if (!id) c.fail('expected a node id');
      const shape = parseShape(c) ?? undefined;
      const cls = c.match(/^:::([\w-]+(?:,[\w-]+)*)/);
      mention(id[0], c.line, shape, cls?.[1]);
      ids.push(id[0]);
      c.skipSpace();
      if (!c.match(/^&/)) return ids;
    }
  };
  let left = group();
  while (!c.done) {
    const link = parseLink(c);
    if (!link) c.fail('expected a link (-->, ---, -.->, ==>) or the end of the statement');
    const right = group();
    if (!link.invisible) {
      for (const a of left) for (const b of right) links.push({ from: a, to: b, link, line: c.line });
    }
    left = right;
  }
}

function buildDraft(
  name: string,
  raw: Map<string, RawNode>,
  subgraphs: Map<string, RawSubgraph>,
  links: { from: string; to: string; link: Link; line: number }[],
  warnings: string[],
): Draft {
  const ids = new IdMaker();
  const idOf = new Map<string, string>();
  const nodes: DraftNode[] = [];
  for (const sg of subgraphs.values()) {
    idOf.set(sg.id, ids.make(validId(sg.id, sg.title), sg.title));
  }
  for (const sg of subgraphs.values()) {
    const node: DraftNode = { id: idOf.get(sg.id)!, label: sg.title, kind: 'region', reason: null, params: {} };
    if (sg.parent !== undefined) node.parent = idOf.get(sg.parent);
    nodes.push(node);
  }
  for (const n of raw.values()) {
    const text = n.text !== undefined ? decodeText(n.text) : undefined;
    const id = ids.make(validId(n.id, text), text);
    idOf.set(n.id, id);
    const { kind, reason } = kindOf(n, text);
    const node: DraftNode = { id, kind, reason, params: {} };
    if (text !== undefined && text !== '' && text !== id) node.label = text;
    if (n.subgraph !== undefined) node.parent = idOf.get(n.subgraph);
    nodes.push(node);
  }

  const edges: DraftEdge[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const undirected: number[] = [];
  for (const l of links) {
    const from = idOf.get(l.from)!;
    const to = idOf.get(l.to)!;
    const a = byId.get(from);
    const b = byId.get(to);
    // An undirected link between a sidecar and its service attaches it (this is how the exporter writes it).
    if (!l.link.directed && a && b) {
      const [side, service] = a.kind === 'sidecar' ? [a, b] : b.kind === 'sidecar' ? [b, a] : [null, null];
      if (side && service && service.kind === 'service' && side.params.attachedTo === undefined) {
        side.params.attachedTo = service.id;
        continue;
      }
    }
    if (!l.link.directed && !undirected.includes(l.line)) undirected.push(l.line);
    const params = l.link.label ? edgeParamsFromLabel(decodeText(l.link.label)) : {};
    edges.push({ source: from, target: to, params: { ...params }, where: `line ${l.line}` });
    if (l.link.both) {
      edges.push({ source: to, target: from, params: { ...params }, where: `line ${l.line}` });
      warnings.push(`line ${l.line}: a link with arrowheads at both ends became two calls, one each way`);
    }
  }
  if (undirected.length > 0) {
    warnings.push(`${lineList(undirected)}: a link without an arrowhead is read as a call from left to right`);
  }
  return { name, nodes, edges, notes: [], warnings };
}

/** The chart's id when the model accepts it; when it only differs by `_` for `-`/`.`, the label it stands for. */
function validId(id: string, text: string | undefined): string | undefined {
  if (text !== undefined && ID_PATTERN.test(text) && text.replace(/[^A-Za-z0-9_]/g, '_') === id) return text;
  return ID_PATTERN.test(id) ? id : undefined;
}

function kindOf(n: RawNode, text: string | undefined): { kind: NodeKind; reason: string | null } {
  for (const cls of n.classes) {
    const kind = cls.startsWith('bp_') ? cls.slice(3) : '';
    if ((NODE_KINDS as readonly string[]).includes(kind) && kind !== 'region') {
      return { kind: kind as NodeKind, reason: null };
    }
  }
  const byShape = n.shape ? SHAPE_KINDS[n.shape] : undefined;
  if (byShape) return { kind: byShape.kind, reason: byShape.name };
  const byName = kindFromName(text, n.id);
  if (byName) return { kind: byName.kind, reason: `name mentions "${byName.word}"` };
  return { kind: 'service', reason: 'no hint: a service' };
}
