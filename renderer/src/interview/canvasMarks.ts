import type { Fault } from '../../../shared/model/types.js';

/** A mark on one node of the canvas: an outline in a tone, and optionally a chip with a short text. */
export interface NodeMark {
  id: string;
  tone: 'pass' | 'fail' | 'info' | 'drill';
  chip?: string;
}

export interface EdgeMark {
  id: string;
  tone: NodeMark['tone'];
}

/** A CSS string literal of any text (ids and chips come from the document). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/**
 * The style sheet that draws marks on the canvas by the ids React Flow puts on its elements (`data-id`), so the
 * canvas needs no knowledge of interviews: rubric items, the bottleneck, drill faults and what broke in the drill.
 */
export function marksCss(nodes: readonly NodeMark[], edges: readonly EdgeMark[]): string {
  const rules: string[] = [];
  for (const m of nodes) {
    const sel = `.react-flow__node[data-id=${cssString(m.id)}]`;
    rules.push(`${sel}{outline:3px solid var(--bp-mark-${m.tone});outline-offset:4px;border-radius:10px}`);
    if (m.chip) rules.push(`${sel}::after{content:${cssString(m.chip)};background:var(--bp-mark-${m.tone})}`);
  }
  for (const m of edges) {
    const sel = `.react-flow__edge[data-id=${cssString(m.id)}] .react-flow__edge-path`;
    rules.push(`${sel}{stroke:var(--bp-mark-${m.tone}) !important;stroke-width:3px !important}`);
  }
  return rules.join('\n');
}

/** What a fault does, in a word or two for a chip on the node it hits. */
export function faultChip(fault: Fault): string {
  switch (fault.kind) {
    case 'crash':
      return 'drill: crashed';
    case 'partition':
      return 'drill: cut off';
    case 'cut':
      return 'drill: cut';
    case 'slow':
      return `drill: ${fault.factor}× slower`;
    case 'errors':
      return `drill: ${Math.round(fault.errorRate * 100)}% errors`;
    case 'degrade':
      return 'drill: degraded';
    case 'surge':
      return `drill: ${fault.factor}× traffic`;
  }
}

/** Whether a fault is in force at simulated time `t`. */
export const faultActive = (fault: Fault, t: number) =>
  t >= fault.atMs && (fault.untilMs === undefined || t < fault.untilMs);
