import { useContext, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { SimContext } from '../sim/useSimulation.js';
import type { SimSnapshot } from '../sim/simClient.js';
import { useEditor } from '../store/useEditor.js';
import type { HoverStore } from './hoverStore.js';
import { edgeTooltip, nodeTooltip } from './liveTooltipContent.js';

const noSnapshot = (): SimSnapshot | null => null;
const subscribeNone = () => () => undefined;
const OFFSET = 14;

/**
 * The numbers of the hovered node or edge while a run is shown, updated with each frame: a tooltip drawn by the
 * app (the browser's `title` cannot update while it is open), next to the pointer and kept inside the canvas.
 */
export function LiveTooltip({ hover }: { hover: HoverStore }) {
  const client = useContext(SimContext);
  const target = useSyncExternalStore(hover.subscribe, hover.get);
  const snap = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? client.getSnapshot : noSnapshot,
  );
  const doc = useEditor((s) => s.doc);
  const box = useRef<HTMLDivElement>(null);

  const live = snap && snap.status !== 'idle' && snap.status !== 'failed' ? snap.live : null;
  const view = live && snap ? { live, report: snap.report, nodeIds: snap.nodeIds, edgeIds: snap.edgeIds } : null;
  const content =
    target && view
      ? target.kind === 'node'
        ? nodeTooltip(doc, view, target.id)
        : edgeTooltip(doc, view, target.id)
      : null;

  // Beside the pointer, flipped to the other side when it would leave the canvas.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !target) return;
    const area = el.offsetParent?.getBoundingClientRect() ?? {
      left: 0,
      top: 0,
      right: innerWidth,
      bottom: innerHeight,
    };
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    let x = target.x + OFFSET;
    let y = target.y + OFFSET;
    if (x + w > area.right - 4) x = target.x - OFFSET - w;
    if (y + h > area.bottom - 4) y = target.y - OFFSET - h;
    el.style.left = `${Math.max(4, x - area.left)}px`;
    el.style.top = `${Math.max(4, y - area.top)}px`;
  });

  if (!content || !target) return null;
  return (
    <div className="bp-live-tooltip" ref={box} role="tooltip" data-testid="live-tooltip">
      <div className="bp-live-tooltip-head">
        <span className="bp-live-tooltip-title">{content.title}</span>
        <span className="bp-live-tooltip-kind">{content.subtitle}</span>
        {content.status && (
          <span className={`bp-live-tooltip-status ${content.status.tone}`}>{content.status.text}</span>
        )}
      </div>
      <dl>
        {content.rows.map((r) => (
          <div key={r.label} className={r.tone ?? undefined}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
