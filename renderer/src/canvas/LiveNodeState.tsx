import { memo, useContext, useSyncExternalStore } from 'react';
import { useLiveNode } from '../sim/useLive.js';
import type { SimSnapshot } from '../sim/simClient.js';
import { SimContext } from '../sim/useSimulation.js';

const pct = (v: number) => `${Math.round(v * 100)}%`;
const subscribeNone = () => () => undefined;
const noKey = () => '';

// Every node looks itself up on every snapshot: one index per run's id list, not a scan per node.
const indexes = new WeakMap<readonly string[], Map<string, number>>();
function indexOf(ids: readonly string[], id: string): number {
  let index = indexes.get(ids);
  if (!index) indexes.set(ids, (index = new Map(ids.map((x, i) => [x, i]))));
  return index.get(id) ?? -1;
}

/** Replicas out of rotation as a short key (`ejected|markedDown|outOfRotation`), so a node re-renders on change only. */
function rotationKey(snap: SimSnapshot, id: string): string {
  const live = snap.live;
  if (!live || snap.status === 'idle' || !live.outOfRotation) return '';
  const i = indexOf(snap.nodeIds, id);
  if (i < 0) return '';
  return `${live.ejected[i]}|${live.markedDown[i]}|${live.outOfRotation[i]}`;
}

function useRotation(id: string): { ejected: number; markedDown: number; out: number } {
  const client = useContext(SimContext);
  const key = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? () => rotationKey(client.getSnapshot(), id) : noKey,
  );
  const [ejected = 0, markedDown = 0, out = 0] = key ? key.split('|').map(Number) : [];
  return { ejected, markedDown, out };
}

/**
 * Under a node's name while a run is on: utilization and queue bars, replicas up, failures, cache hits. A node whose
 * replicas are all crashed, or all taken out of rotation (ejected, failing health checks), is greyed.
 */
export const LiveNodeState = memo(function LiveNodeState({ id }: { id: string }) {
  const live = useLiveNode(id);
  const rotation = useRotation(id);
  if (!live) return null;
  const serving = live.healthy - rotation.out;
  const outOfRotation = !live.crashed && rotation.out > 0 && serving <= 0;
  const why = rotation.ejected > 0 && rotation.markedDown === 0 ? 'ejected' : 'marked down';
  const parts: string[] = [];
  if (Number.isFinite(live.utilization)) parts.push(`busy ${pct(live.utilization)}`);
  if (live.queued > 0) parts.push(`queue ${live.queued}${live.queueCapacity ? `/${live.queueCapacity}` : ''}`);
  if (live.replicas > 1 || serving < live.replicas) parts.push(`up ${Math.max(0, serving)}/${live.replicas}`);
  if (live.errorRate > 0) parts.push(`fail ${pct(live.errorRate)}`);
  if (Number.isFinite(live.hitRatio)) parts.push(`hits ${pct(live.hitRatio)}`);
  const util = Number.isFinite(live.utilization) ? live.utilization : 0;
  const queue = live.queueCapacity > 0 ? Math.min(1, live.queued / live.queueCapacity) : 0;
  return (
    <div
      className={`bp-live${live.crashed ? ' crashed' : ''}${outOfRotation ? ' out-of-rotation' : ''}`}
      data-testid={`live-${id}`}
    >
      <span
        className="bp-live-bar util"
        style={{ width: pct(util) }}
        data-level={util > 0.85 ? 'high' : util > 0.6 ? 'mid' : 'low'}
      />
      {queue > 0 && <span className="bp-live-bar queue" style={{ width: pct(queue) }} />}
      <span className="bp-live-text">
        {live.crashed ? 'crashed' : outOfRotation ? why : parts.slice(0, 2).join(' · ')}
      </span>
    </div>
  );
});
