import { useContext, useSyncExternalStore } from 'react';
import { BREAKER_HALF_OPEN, BREAKER_OPEN } from './protocol.js';
import type { SimSnapshot } from './simClient.js';
import { SimContext } from './useSimulation.js';

/** What a node shows while a run is on: utilization, queue, replicas up, failures, cache hits. */
export interface LiveNode {
  utilization: number;
  queued: number;
  queueCapacity: number;
  healthy: number;
  replicas: number;
  crashed: boolean;
  errorRate: number;
  hitRatio: number;
}

export interface LiveEdge {
  breaker: 'open' | 'halfOpen' | null;
  cut: 'both' | 'oneWay' | null;
  degraded: boolean;
}

const round = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : Number.NaN);

function nodeKey(snap: SimSnapshot, id: string): string {
  const live = snap.live;
  if (!live || snap.status === 'idle') return '';
  const i = snap.nodeIds.indexOf(id);
  if (i < 0) return '';
  const workers = live.workers[i]!;
  return [
    workers > 0 ? round(live.busy[i]! / workers) : Number.NaN,
    live.queued[i],
    live.queueCapacity[i],
    live.healthy[i],
    live.replicas[i],
    live.crashed[i],
    round(live.errorRate[i]!),
    round(live.hitRatio[i]!),
  ].join('|');
}

const subscribeNone = () => () => undefined;
const noKey = () => '';

/**
 * The live state of one node, re-rendering its component only when what it shows changes (the snapshot key is a
 * short string). Null when no run is showing.
 */
export function useLiveNode(id: string): LiveNode | null {
  const client = useContext(SimContext);
  const key = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? () => nodeKey(client.getSnapshot(), id) : noKey,
  );
  if (!key) return null;
  const [utilization, queued, queueCapacity, healthy, replicas, crashed, errorRate, hitRatio] = key
    .split('|')
    .map(Number) as number[];
  return {
    utilization: utilization!,
    queued: queued!,
    queueCapacity: queueCapacity!,
    healthy: healthy!,
    replicas: replicas!,
    crashed: crashed === 1,
    errorRate: errorRate!,
    hitRatio: hitRatio!,
  };
}

function edgeKey(snap: SimSnapshot, id: string): string {
  const live = snap.live;
  if (!live || snap.status === 'idle') return '';
  const i = snap.edgeIds.indexOf(id);
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
