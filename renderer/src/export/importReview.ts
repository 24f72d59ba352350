import { NODE_KINDS, type NodeKind, type TopologyDocument, type TopologyNode } from '../../../shared/model/types.js';
import { initialParams } from '../store/kinds.js';

/** One node whose kind the importer guessed (from its shape, label or style), with why. */
export interface KindGuess {
  nodeId: string;
  label: string;
  kind: NodeKind;
  reason: string;
}

/** A successful import, as the importer returns it. */
export interface ImportedDocument {
  doc: TopologyDocument;
  format: string;
  guesses: readonly KindGuess[];
  warnings: readonly string[];
  /** What the validator still finds wrong (the inspector lists it once the document is open). */
  problems?: readonly unknown[];
}

/** Files the importer reads, for the file picker. */
export const IMPORT_ACCEPT = '.bp.json,.json,.mmd,.mermaid,.md,.txt,.drawio,.xml,.svg,.png';

const EXTENSIONS = IMPORT_ACCEPT.split(',');

/** Whether a file's name says it is something Import reads. */
export function isImportableName(name: string): boolean {
  const lower = name.toLowerCase();
  return EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Formats whose files carry no positions: the diagram is laid out after opening. */
export function wantsLayout(format: string): boolean {
  return format === 'mermaid';
}

/** Whether to show the review step before opening: some kinds were guessed, or something was left out. */
export function needsReview(result: Pick<ImportedDocument, 'guesses' | 'warnings'>): boolean {
  return result.guesses.length > 0 || result.warnings.length > 0;
}

/** Kinds offered in the review step, in the palette's order. */
export const REVIEW_KINDS: readonly NodeKind[] = NODE_KINDS;

/**
 * The imported document with the kinds chosen in the review step. A node whose kind changes starts from the new
 * kind's defaults (the params of one kind mean nothing to another), and nodes that a region held lose their parent
 * when it stops being a region. The document given is not changed.
 */
export function applyKindChoices(doc: TopologyDocument, choices: Readonly<Record<string, NodeKind>>): TopologyDocument {
  const changed = doc.nodes.filter((n) => choices[n.id] !== undefined && choices[n.id] !== n.kind);
  if (changed.length === 0) return doc;
  const lostRegions = new Set(changed.filter((n) => n.kind === 'region').map((n) => n.id));
  const nodes = doc.nodes.map((n): TopologyNode => {
    const kind = choices[n.id];
    let node: TopologyNode = n;
    if (kind !== undefined && kind !== n.kind) node = { ...n, kind, params: initialParams(kind) } as TopologyNode;
    if (node.parent !== undefined && lostRegions.has(node.parent)) {
      const { parent: _parent, ...rest } = node;
      node = rest as TopologyNode;
    }
    return node;
  });
  return { ...doc, nodes };
}

/** What the notice says after an import opens. */
export function importedMessage(name: string, result: ImportedDocument, formatLabel: string): string {
  const n = result.doc.nodes.length;
  const e = result.doc.edges.length;
  const parts = [
    `Imported “${name}” from ${formatLabel}: ${n} node${n === 1 ? '' : 's'}, ${e} edge${e === 1 ? '' : 's'}`,
  ];
  const left = result.warnings.length;
  if (left) parts.push(`${left} thing${left === 1 ? '' : 's'} left out`);
  const problems = result.problems?.length ?? 0;
  if (problems) parts.push(`${problems} problem${problems === 1 ? '' : 's'} to fix, listed in the inspector`);
  return parts.join('; ');
}

/** How people call the formats the importer names. */
export function formatLabel(format: string): string {
  const labels: Record<string, string> = {
    json: 'a Backpressure document',
    document: 'a Backpressure document',
    bp: 'a Backpressure document',
    mermaid: 'Mermaid',
    drawio: 'draw.io',
    svg: 'an SVG image',
    png: 'a PNG image',
  };
  return labels[format] ?? format;
}
