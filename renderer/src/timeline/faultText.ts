import type { Fault, FaultKind, TopologyDocument } from '../../../shared/model/types.js';

/** One colour per fault kind, the same on the timeline bars and their legend. */
export const FAULT_COLORS: Record<FaultKind, string> = {
  partition: '#7c3aed',
  cut: '#dc2626',
  crash: '#475569',
  slow: '#d97706',
  errors: '#db2777',
  degrade: '#0891b2',
  surge: '#2563eb',
};

export const FAULT_KIND_TITLES: Record<FaultKind, string> = {
  partition: 'Partition',
  cut: 'Cut',
  crash: 'Crash',
  slow: 'Slow',
  errors: 'Errors',
  degrade: 'Degrade',
  surge: 'Surge',
};

function nodeLabel(doc: TopologyDocument, id: string): string {
  return doc.nodes.find((n) => n.id === id)?.label ?? id;
}

function edgeLabel(doc: TopologyDocument, id: string): string {
  const e = doc.edges.find((x) => x.id === id);
  return e ? `${nodeLabel(doc, e.source)} → ${nodeLabel(doc, e.target)}` : id;
}

function list(labels: string[], max = 2): string {
  if (labels.length === 0) return 'nothing';
  return labels.length > max ? `${labels.slice(0, max).join(', ')} +${labels.length - max}` : labels.join(', ');
}

/** What a fault does, with the labels of what it hits: `Crash: API (black hole)`, `Partition: US East ⇹ EU West`. */
export function faultTitle(doc: TopologyDocument, f: Fault): string {
  switch (f.kind) {
    case 'partition': {
      const [a, b] = f.sides.map((side) => list(side.map((id) => nodeLabel(doc, id))));
      return `Partition: ${a} ${f.oneWay ? '↛' : '⇹'} ${b}`;
    }
    case 'cut':
      return `Cut${f.oneWay ? ' one way' : ''}: ${list(
        f.edges.map((id) => edgeLabel(doc, id)),
        1,
      )}`;
    case 'crash': {
      const replica = f.replica === undefined ? '' : ` #${f.replica}`;
      return `Crash: ${nodeLabel(doc, f.node)}${replica}${f.mode === 'blackhole' ? ' (black hole)' : ''}`;
    }
    case 'slow':
      return `Slow ×${f.factor}: ${nodeLabel(doc, f.node)}`;
    case 'errors':
      return `Errors ${Math.round(f.errorRate * 100)}%: ${nodeLabel(doc, f.node)}`;
    case 'degrade': {
      const what = [
        f.addLatencyMs ? `+${f.addLatencyMs} ms` : '',
        f.lossRate ? `${Math.round(f.lossRate * 1000) / 10}% loss` : '',
      ].filter(Boolean);
      return `Degrade: ${edgeLabel(doc, f.edge)}${what.length ? ` (${what.join(', ')})` : ''}`;
    }
    case 'surge':
      return f.factor === 0
        ? `Stop traffic: ${nodeLabel(doc, f.node)}`
        : `Surge ×${f.factor}: ${nodeLabel(doc, f.node)}`;
  }
}
