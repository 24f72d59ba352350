import { memo } from 'react';
import { useLiveNode } from '../sim/useLive.js';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Under a node's name while a run is on: utilization and queue bars, replicas up, failures, cache hits. */
export const LiveNodeState = memo(function LiveNodeState({ id }: { id: string }) {
  const live = useLiveNode(id);
  if (!live) return null;
  const parts: string[] = [];
  if (Number.isFinite(live.utilization)) parts.push(`busy ${pct(live.utilization)}`);
  if (live.queued > 0) parts.push(`queue ${live.queued}${live.queueCapacity ? `/${live.queueCapacity}` : ''}`);
  if (live.replicas > 1 || live.healthy < live.replicas) parts.push(`up ${live.healthy}/${live.replicas}`);
  if (live.errorRate > 0) parts.push(`fail ${pct(live.errorRate)}`);
  if (Number.isFinite(live.hitRatio)) parts.push(`hits ${pct(live.hitRatio)}`);
  const util = Number.isFinite(live.utilization) ? live.utilization : 0;
  const queue = live.queueCapacity > 0 ? Math.min(1, live.queued / live.queueCapacity) : 0;
  return (
    <div
      className={`bp-live${live.crashed ? ' crashed' : ''}`}
      data-testid={`live-${id}`}
      title={live.crashed ? 'Crashed' : parts.join(' · ')}
    >
      <span
        className="bp-live-bar util"
        style={{ width: pct(util) }}
        data-level={util > 0.85 ? 'high' : util > 0.6 ? 'mid' : 'low'}
      />
      {queue > 0 && <span className="bp-live-bar queue" style={{ width: pct(queue) }} />}
      <span className="bp-live-text">{live.crashed ? 'crashed' : parts.slice(0, 2).join(' · ')}</span>
    </div>
  );
});
