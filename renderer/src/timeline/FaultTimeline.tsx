import {
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Fault } from '../../../shared/model/types.js';
import { resolveSimulation } from '../sim/resolveSettings.js';
import { SimContext } from '../sim/useSimulation.js';
import type { SimSnapshot } from '../sim/simClient.js';
import { MenuList, type MenuItem } from '../shell/Menu.js';
import { runCommand } from '../store/commands.js';
import { describeShortcut } from '../store/keys.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { FAULT_COLORS, FAULT_KIND_TITLES, faultTitle } from './faultText.js';
import {
  NUDGE_FINE_MS,
  NUDGE_LARGE_MS,
  NUDGE_MS,
  dragSpan,
  endOf,
  formatSpan,
  formatTime,
  nudgeSpan,
  packLanes,
  snapStep,
  ticks,
  type DragMode,
  type Span,
} from './timelineMath.js';
import './timeline.css';

const LANE_PX = 24;
/** Below this many pixels of pointer travel, a press on a bar is a click (select), not a drag. */
const DRAG_THRESHOLD_PX = 3;
/** Bars narrower than this are drawn this wide, so that they can be seen and taken hold of. */
const MIN_BAR_PX = 8;
/** Spans closer than this (in pixels) go into different lanes, so that their labels do not touch. */
const LANE_GAP_PX = 6;

interface Drag {
  id: string;
  mode: DragMode;
  startX: number;
  original: Span;
  preview: Span;
  moved: boolean;
}

const idleSnapshot = (): SimSnapshot | null => null;
const subscribeNone = () => () => undefined;

/** Sets a fault's span in a draft document (a missing `untilMs` removes the key: the fault lasts to the end). */
function setSpan(f: Fault, span: Span): void {
  f.atMs = span.atMs;
  if (span.untilMs === undefined) delete f.untilMs;
  else f.untilMs = span.untilMs;
}

const sameSpan = (a: Span, b: Span) => a.atMs === b.atMs && a.untilMs === b.untilMs;

/**
 * The faults of the document over the run's time, under the canvas: one bar per fault, packed into lanes, coloured
 * by kind, with the playhead. Drag a bar to move it, drag an end to resize it (snapping to 1 s or 100 ms, Alt for
 * finer), arrows nudge the selected one, Delete removes it; each change is one undoable edit, and a run showing
 * follows it (see useFaultRerun).
 */
export function FaultTimeline() {
  const ctx = useCommandContext();
  const { store } = ctx;
  const client = useContext(SimContext);
  const doc = useEditor((s) => s.doc);
  const snap = useSyncExternalStore(
    client ? client.subscribeSnapshot : subscribeNone,
    client ? client.getSnapshot : idleSnapshot,
  );
  const running = snap !== null && snap.status !== 'idle' && snap.status !== 'failed';
  const durationMs = running ? snap.durationMs : resolveSimulation(doc).durationMs;
  const nowMs = running ? (snap.seeking ? snap.seekTargetMs : snap.timeMs) : null;

  const track = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [selected, setSelected] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; id: string } | null>(null);
  const dragRef = useRef<Drag | null>(null);

  // Measured whenever the track appears (the timeline is not drawn for an empty document) and resizes.
  const observer = useRef<ResizeObserver | null>(null);
  const trackRef = useCallback((el: HTMLDivElement | null) => {
    track.current = el;
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setWidth(el.clientWidth || 800);
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(() => setWidth(el.clientWidth || 800));
    observer.current.observe(el);
  }, []);

  // A fault removed (undo, another edit) is no longer selected.
  useEffect(() => {
    if (selected && !doc.faults.some((f) => f.id === selected)) setSelected(null);
  }, [doc.faults, selected]);

  const msPerPx = durationMs / Math.max(1, width);
  const spanOf = useCallback(
    (f: Fault): Span => (drag && drag.id === f.id ? drag.preview : { atMs: f.atMs, untilMs: f.untilMs }),
    [drag],
  );
  const { lane, lanes } = useMemo(
    () =>
      packLanes(
        doc.faults.map((f) => ({ id: f.id, ...spanOf(f) })),
        durationMs,
        LANE_GAP_PX * msPerPx,
      ),
    [doc.faults, durationMs, msPerPx, spanOf],
  );
  const tickTimes = useMemo(() => ticks(durationMs, width), [durationMs, width]);
  const pct = (ms: number) => `${(Math.min(Math.max(ms, 0), durationMs) / durationMs) * 100}%`;

  const commit = (id: string, span: Span, label: string) => {
    store.getState().edit(label, (d) => {
      const f = d.faults.find((x) => x.id === id);
      if (f) setSpan(f, span);
    });
  };

  const remove = (id: string) => {
    const index = doc.faults.findIndex((f) => f.id === id);
    if (index < 0) return;
    store.getState().edit('Delete fault', (d) => {
      const i = d.faults.findIndex((f) => f.id === id);
      if (i >= 0) d.faults.splice(i, 1);
    });
    setSelected(null);
    // keep the keyboard in the timeline: on the next bar, or the one before
    const next = doc.faults[index + 1] ?? doc.faults[index - 1];
    requestAnimationFrame(() => {
      const el = next ? track.current?.querySelector<HTMLElement>(`[data-fault-id="${CSS.escape(next.id)}"]`) : null;
      if (el) {
        el.focus();
        setSelected(next!.id);
      }
    });
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>, f: Fault) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.focus();
    e.currentTarget.setPointerCapture(e.pointerId);
    setSelected(f.id);
    const handle = (e.target as HTMLElement).dataset.handle;
    const mode: DragMode = handle === 'start' ? 'start' : handle === 'end' ? 'end' : 'move';
    const span = { atMs: f.atMs, untilMs: f.untilMs };
    dragRef.current = { id: f.id, mode, startX: e.clientX, original: span, preview: span, moved: false };
    setDrag(dragRef.current);
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = dragRef.current;
    if (!d) return;
    const dx = e.clientX - d.startX;
    if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    const preview = dragSpan(d.original, d.mode, dx * msPerPx, durationMs, snapStep(msPerPx, e.altKey));
    dragRef.current = { ...d, moved: true, preview };
    setDrag(dragRef.current);
  };

  const endDrag = (commitIt: boolean) => {
    const d = dragRef.current;
    dragRef.current = null;
    setDrag(null);
    if (commitIt && d && d.moved && !sameSpan(d.preview, d.original))
      commit(d.id, d.preview, d.mode === 'move' ? 'Move fault' : 'Resize fault');
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>, f: Fault) => {
    if (e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const step = e.altKey ? NUDGE_FINE_MS : e.shiftKey ? NUDGE_LARGE_MS : NUDGE_MS;
      const span = { atMs: f.atMs, untilMs: f.untilMs };
      const next = nudgeSpan(span, e.key === 'ArrowLeft' ? -step : step, durationMs);
      if (!sameSpan(next, span)) commit(f.id, next, 'Move fault');
    } else if (e.key === 'Delete' || e.key === 'Backspace') remove(f.id);
    else if (e.key === 'Escape') {
      if (dragRef.current) endDrag(false);
      else {
        setSelected(null);
        e.currentTarget.blur();
      }
    } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const r = e.currentTarget.getBoundingClientRect();
      setMenu({ x: r.left + 8, y: r.bottom, id: f.id });
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const seekTo = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!client || !running || e.button !== 0) return;
    const r = e.currentTarget.getBoundingClientRect();
    client.seek(Math.round(((e.clientX - r.left) / r.width) * durationMs));
  };

  const selectedFault = doc.faults.find((f) => f.id === selected) ?? null;
  const shown = drag?.moved ? doc.faults.find((f) => f.id === drag.id) : selectedFault;
  const partitionKey = describeShortcut('P');

  if (doc.nodes.length === 0) return null;
  return (
    <section className="bp-timeline" aria-label="Fault timeline" data-testid="fault-timeline">
      <div className="bp-timeline-head">
        <span className="bp-timeline-title">
          Faults{doc.faults.length > 0 && <span className="bp-muted"> {doc.faults.length}</span>}
        </span>
        {shown ? (
          <span className="bp-timeline-detail" data-testid="fault-detail">
            <span className="bp-fault-dot" style={{ background: FAULT_COLORS[shown.kind] }} />
            <span className="bp-timeline-detail-title">{faultTitle(doc, shown)}</span>
            <span className="bp-timeline-detail-span" data-testid="fault-span">
              {formatSpan(spanOf(shown))}
            </span>
            <button
              type="button"
              className="bp-link-button"
              onClick={() => remove(shown.id)}
              title="Delete this fault (Delete)"
            >
              Delete
            </button>
          </span>
        ) : (
          <span className="bp-timeline-hint bp-muted">
            {doc.faults.length > 0
              ? 'Drag a bar to move it, its ends to resize it (Alt: finer); arrows nudge, Delete removes.'
              : ''}
          </span>
        )}
        <button
          type="button"
          className="bp-timeline-partition"
          onClick={() => runCommand(ctx, 'insert.partition')}
          title={`Draw a line across the canvas to partition one side from the other (${partitionKey})`}
        >
          Draw partition <kbd>{partitionKey}</kbd>
        </button>
      </div>
      <div className="bp-timeline-ruler" onPointerDown={seekTo} title={running ? 'Click to jump to a time' : undefined}>
        {tickTimes.map((t) => (
          <span key={t} className={`bp-timeline-tick${t >= durationMs ? ' last' : ''}`} style={{ left: pct(t) }}>
            {formatTime(t)}
          </span>
        ))}
        {nowMs !== null && <span className="bp-timeline-playhead-cap" style={{ left: pct(nowMs) }} />}
      </div>
      <div
        className="bp-timeline-track"
        ref={trackRef}
        style={{ height: Math.max(1, lanes) * LANE_PX + 4 }}
        onPointerDown={(e) => {
          if (e.target === e.currentTarget) setSelected(null);
        }}
      >
        {tickTimes.map((t) => (
          <span key={t} className="bp-timeline-grid" style={{ left: pct(t) }} />
        ))}
        {nowMs !== null && <span className="bp-timeline-past" style={{ width: pct(nowMs) }} />}
        {doc.faults.length === 0 && (
          <span className="bp-timeline-empty bp-muted">
            Right-click a node or an edge, or draw a partition line ({partitionKey}), to add a fault.
          </span>
        )}
        {doc.faults.map((f) => {
          const span = spanOf(f);
          const end = endOf(span, durationMs);
          const left = (Math.min(span.atMs, durationMs) / durationMs) * width;
          const right = (Math.min(end, durationMs) / durationMs) * width;
          const barWidth = Math.max(MIN_BAR_PX, right - left);
          const continues = span.untilMs === undefined || span.untilMs > durationMs;
          const title = faultTitle(doc, f);
          const isSelected = f.id === selected;
          return (
            <div
              key={f.id}
              role="button"
              tabIndex={0}
              aria-pressed={isSelected}
              aria-label={`${title}, ${formatSpan(span)}`}
              title={`${title}\n${formatSpan(span)}\n${FAULT_KIND_TITLES[f.kind]} fault: drag to move, drag an end to resize`}
              data-fault-id={f.id}
              data-kind={f.kind}
              className={`bp-fault-bar${isSelected ? ' selected' : ''}${drag?.id === f.id && drag.moved ? ' dragging' : ''}${continues ? ' continues' : ''}`}
              style={{
                left: Math.min(left, width - MIN_BAR_PX),
                width: barWidth,
                top: (lane.get(f.id) ?? 0) * LANE_PX + 2,
                ['--fault-color' as string]: FAULT_COLORS[f.kind],
              }}
              onPointerDown={(e) => onPointerDown(e, f)}
              onPointerMove={onPointerMove}
              onPointerUp={() => endDrag(true)}
              onPointerCancel={() => endDrag(false)}
              onLostPointerCapture={() => dragRef.current && endDrag(true)}
              onKeyDown={(e) => onKeyDown(e, f)}
              onFocus={() => setSelected(f.id)}
              onContextMenu={(e) => {
                e.preventDefault();
                setSelected(f.id);
                setMenu({ x: e.clientX, y: e.clientY, id: f.id });
              }}
            >
              <span className="bp-fault-handle start" data-handle="start" aria-hidden />
              <span className="bp-fault-label">{title}</span>
              {continues ? (
                <span className="bp-fault-arrow" aria-hidden>
                  ▸
                </span>
              ) : (
                <span className="bp-fault-handle end" data-handle="end" aria-hidden />
              )}
            </div>
          );
        })}
        {nowMs !== null && <span className="bp-timeline-playhead" style={{ left: pct(nowMs) }} />}
      </div>
      {menu && (
        <FaultMenu
          menu={menu}
          onClose={() => setMenu(null)}
          durationMs={durationMs}
          nowMs={nowMs}
          onDelete={remove}
          onSpan={commit}
        />
      )}
    </section>
  );
}

function FaultMenu({
  menu,
  onClose,
  durationMs,
  nowMs,
  onDelete,
  onSpan,
}: {
  menu: { x: number; y: number; id: string };
  onClose: () => void;
  durationMs: number;
  nowMs: number | null;
  onDelete: (id: string) => void;
  onSpan: (id: string, span: Span, label: string) => void;
}) {
  const doc = useEditor((s) => s.doc);
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth - 4) el.style.left = `${Math.max(4, menu.x - r.width)}px`;
    if (r.bottom > innerHeight - 4) el.style.top = `${Math.max(4, menu.y - r.height)}px`;
  }, [menu.x, menu.y]);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    globalThis.addEventListener('pointerdown', away, true);
    return () => globalThis.removeEventListener('pointerdown', away, true);
  }, [onClose]);
  const f = doc.faults.find((x) => x.id === menu.id);
  if (!f) return null;
  const length = endOf(f, durationMs) - f.atMs;
  const items: MenuItem[] = [];
  if (nowMs !== null && Math.round(nowMs) !== f.atMs)
    items.push({
      label: `Start at the current time (${formatTime(nowMs)})`,
      run: () => {
        const atMs = Math.min(Math.round(nowMs), durationMs - 100);
        onSpan(f.id, f.untilMs === undefined ? { atMs } : { atMs, untilMs: atMs + length }, 'Move fault');
      },
    });
  if (f.untilMs === undefined)
    items.push({
      label: 'End after 10 s',
      run: () => onSpan(f.id, { atMs: f.atMs, untilMs: f.atMs + 10_000 }, 'Resize fault'),
    });
  else items.push({ label: 'Last to the end of the run', run: () => onSpan(f.id, { atMs: f.atMs }, 'Resize fault') });
  items.push('separator', { label: 'Delete fault', hint: describeShortcut('Delete'), run: () => onDelete(f.id) });
  return (
    <div className="bp-context-menu" ref={box} style={{ left: menu.x, top: menu.y }}>
      <MenuList items={items} onDone={onClose} label="Fault" />
    </div>
  );
}
