/**
 * Mermaid flowcharts: a document as `flowchart LR` text (regions as nested subgraphs, each kind its own shape and
 * class, edges labelled with protocol and latency), readable by any Mermaid renderer and by this product's importer.
 */
import type { NodeKind, TopologyDocument, TopologyNode } from '../model/types.js';
import { KIND_COLORS } from './kindStyle.js';
import { edgeLabelText, edgeLatencyForLabel } from './labels.js';

/** The opening and closing brackets of each kind's shape; the importer maps them back. */
export const MERMAID_SHAPES: Readonly<Record<Exclude<NodeKind, 'region'>, readonly [string, string]>> = {
  client: ['([', '])'],
  dns: ['{{', '}}'],
  cdn: ['>', ']'],
  loadBalancer: ['[/', '\\]'],
  service: ['[', ']'],
  database: ['[(', ')]'],
  cache: ['[/', '/]'],
  queue: ['[[', ']]'],
  sidecar: ['[\\', '\\]'],
};

/** The class each kind's nodes carry (`:::bp_service`), which names the kind exactly for the importer. */
export function mermaidClass(kind: NodeKind): string {
  return `bp_${kind}`;
}

const RESERVED = new Set([
  'end',
  'graph',
  'flowchart',
  'subgraph',
  'style',
  'classdef',
  'class',
  'click',
  'linkstyle',
  'direction',
  'default',
  'call',
  'href',
]);

/** Mermaid ids for the model's ids: `.` and `-` become `_`, reserved words get a prefix, clashes a suffix. */
export function mermaidIds(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(base) || RESERVED.has(base.toLowerCase()) || /^[ox]_?$/i.test(base)) base = `n_${base}`;
    let safe = base;
    for (let n = 2; used.has(safe); n++) safe = `${base}_${n}`;
    used.add(safe);
    out.set(id, safe);
  }
  return out;
}

/** Text inside Mermaid quotes: quotes, `#`, `<`, `>` and `&` as Mermaid entity codes, lines joined. */
export function mermaidText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;');
}

/**
 * The document as a Mermaid flowchart, left to right. Sidecars hang off their service with an undirected dotted
 * link (`-.-`); notes, faults and parameters other than protocol and latency are not part of a flowchart.
 *
 * @example writeFile('topology.mmd', toMermaid(doc))
 */
export function toMermaid(doc: TopologyDocument): string {
  const ids = mermaidIds(doc.nodes.map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const children = new Map<string | undefined, TopologyNode[]>();
  for (const n of doc.nodes) {
    const parent = n.parent !== undefined && byId.get(n.parent)?.kind === 'region' ? n.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }

  const lines: string[] = ['---', `title: ${JSON.stringify(doc.name)}`, '---', 'flowchart LR'];
  const seen = new Set<string>();
  const emit = (parent: string | undefined, depth: number) => {
    const indent = '  '.repeat(depth);
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      const id = ids.get(n.id)!;
      const text = mermaidText(n.label ?? n.id);
      if (n.kind === 'region') {
        lines.push(`${indent}subgraph ${id}["${text}"]`);
        if (depth < 8) emit(n.id, depth + 1);
        lines.push(`${indent}end`);
      } else {
        const [open, close] = MERMAID_SHAPES[n.kind];
        lines.push(`${indent}${id}${open}"${text}"${close}:::${mermaidClass(n.kind)}`);
      }
    }
  };
  emit(undefined, 1);

  for (const e of doc.edges) {
    const s = ids.get(e.source);
    const t = ids.get(e.target);
    if (s === undefined || t === undefined) continue;
    const latency = edgeLatencyForLabel(e, byId);
    lines.push(`  ${s} -->|"${mermaidText(edgeLabelText(e.params, latency))}"| ${t}`);
  }
  for (const n of doc.nodes) {
    if (n.kind !== 'sidecar' || n.params.attachedTo === undefined) continue;
    const service = ids.get(n.params.attachedTo);
    if (service !== undefined) lines.push(`  ${service} -.- ${ids.get(n.id)}`);
  }

  const used = [...new Set(doc.nodes.map((n) => n.kind))].filter((k) => k !== 'region');
  for (const kind of used) {
    lines.push(`  classDef ${mermaidClass(kind)} stroke:${KIND_COLORS[kind]},stroke-width:2px`);
  }
  return `${lines.join('\n')}\n`;
}
