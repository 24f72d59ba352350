import { memo, useContext, useSyncExternalStore } from 'react';
import type { SimSnapshot } from '../sim/simClient.js';
import { SimContext } from '../sim/useSimulation.js';
import { indexOf } from '../sim/useLive.js';
import { liveBadge } from './liveBadges.js';

const subscribeNone = () => () => undefined;
const noKey = () => '';

/**
 * While a run shows: `on`, or why the node serves nothing (`crashed`, `ejected`, `marked down`: every replica out
 * of rotation); '' when no run shows.
 */
export function liveStatus(snap: SimSnapshot, id: string): string {
  const live = snap.live;
  if (!live || snap.status === 'idle') return '';
  const i = indexOf(snap.nodeIds, id);
  if (i < 0) return '';
  const badge = liveBadge(live, i);
  return badge.tone === 'normal' ? 'on' : badge.text;
}

/**
 * The strip at the bottom of a node while a run is on. Its bars and words are painted by LiveBadgeLayer on a
 * canvas; this element keeps their place (the node's summary line is hidden under it), greys the node when all
 * its replicas are crashed or out of rotation, and says why in `data-state`. It re-renders only when that changes.
 */
export const LiveNodeState = memo(function LiveNodeState({ id }: { id: string }) {
  const client = useContext(SimContext);
  const status = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? () => liveStatus(client.getSnapshot(), id) : noKey,
  );
  if (!status) return null;
  const grey = status === 'on' ? '' : status === 'crashed' ? ' crashed' : ' out-of-rotation';
  return <div className={`bp-live${grey}`} data-testid={`live-${id}`} data-state={status} />;
});
