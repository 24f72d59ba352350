import type { TopologyDocument } from '../../../shared/model/types.js';

/** Every id in use: nodes, edges, faults and notes share one namespace. */
export function usedIds(doc: TopologyDocument): Set<string> {
  const ids = new Set<string>();
  for (const n of doc.nodes) ids.add(n.id);
  for (const e of doc.edges) ids.add(e.id);
  for (const f of doc.faults) ids.add(f.id);
  for (const n of doc.notes) ids.add(n.id);
  return ids;
}

/** `base-1`, `base-2`, ... : the first one not in `used`, which it is then added to. */
export function freshId(base: string, used: Set<string>): string {
  const stem =
    base
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/-\d+$/, '')
      .slice(0, 56) || 'node';
  for (let i = 1; ; i++) {
    const id = `${stem}-${i}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}
