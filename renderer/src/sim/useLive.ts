import { useContext, useSyncExternalStore } from 'react';
import { BREAKER_HALF_OPEN, BREAKER_OPEN } from './protocol.js';
import type { SimSnapshot } from './simClient.js';
import { SimContext } from './useSimulation.js';

export interface LiveEdge {
  breaker: 'open' | 'halfOpen' | null;
  cut: 'both' | 'oneWay' | null;
  degraded: boolean;
}

// Every node and edge looks itself up on every snapshot: one index per run's id list, not a scan per item.
const indexes = new WeakMap<readonly string[], Map<string, number>>();
/** The position of `id` in a run's id list (-1 when absent), through an index built once per list. */
export function indexOf(ids: readonly string[], id: string): number {
  let index = indexes.get(ids);
  if (!index) indexes.set(ids, (index = new Map(ids.map((x, i) => [x, i]))));
  return index.get(id) ?? -1;
}

const subscribeNone = () => () => undefined;
const noKey = () => '';

function edgeKey(snap: SimSnapshot, id: string): string {
  const live = snap.live;
  if (!live || snap.status === 'idle') return '';
  const i = indexOf(snap.edgeIds, id);
  if (i < 0) return '';
  return `${live.breaker[i]}|${live.cut[i]}|${live.degraded[i]}`;
}

/** The live state of one edge: the breaker guarding it, and whether a fault cuts or degrades it. */
export function useLiveEdge(id: string): LiveEdge | null {
  const client = useContext(SimContext);
  const key = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? () => edgeKey(client.getSnapshot(), id) : noKey,
  );
  if (!key) return null;
  const [breaker, cut, degraded] = key.split('|').map(Number) as number[];
  return {
    breaker: breaker === BREAKER_OPEN ? 'open' : breaker === BREAKER_HALF_OPEN ? 'halfOpen' : null,
    cut: cut === 1 ? 'both' : cut === 2 ? 'oneWay' : null,
    degraded: degraded === 1,
  };
}
