import { useReactFlow, useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Point } from '../../../shared/model/types.js';
import { CLICK_FAULT_MS, addFaultNow, isRunShowing, partitionFault } from '../sim/faultMenu.js';
import { SimContext } from '../sim/useSimulation.js';
import { useEditor, useEditorStore } from '../store/useEditor.js';
import { formatTime } from '../timeline/timelineMath.js';
import { describeSide, halfPlane, lineThroughRect, splitByLine } from './partitionLine.js';

/** A line shorter than this on screen is a slip of the mouse, not a line. */
const MIN_LINE_PX = 12;

interface Line {
  /** Canvas (flow) coordinates, so the line stays put when the view pans or zooms. */
  a: Point;
  b: Point;
}

const transformOf = (s: ReactFlowState) => s.transform;

/**
 * Draw a line across the canvas to partition what is on one side of it from the other: the sides are tinted while
 * drawing, then a choice of both ways or one way adds a partition fault for 10 s at the simulated time shown (from
 * 0 when no run is showing). Esc leaves the tool.
 */
export function PartitionTool({ onExit }: { onExit: () => void }) {
  const store = useEditorStore();
  const sim = useContext(SimContext);
  const doc = useEditor((s) => s.doc);
  const rf = useReactFlow();
  const [tx, ty, zoom] = useFlowStore(transformOf);
  const layer = useRef<HTMLDivElement>(null);
  const [line, setLine] = useState<Line | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const el = layer.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Esc leaves the tool, before anything else hears it (the canvas would clear its selection).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onExit();
    };
    globalThis.addEventListener('keydown', onKey, true);
    return () => globalThis.removeEventListener('keydown', onKey, true);
  }, [onExit]);

  const toScreen = (p: Point): Point => ({ x: p.x * zoom + tx, y: p.y * zoom + ty });
  const toFlow = (e: React.PointerEvent): Point => rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });

  const split = useMemo(() => (line ? splitByLine(doc, line.a, line.b) : null), [doc, line]);
  const confirming = line !== null && !drawing;

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = toFlow(e);
    setLine({ a: p, b: p });
    setDrawing(true);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!drawing || !line) return;
    setLine({ a: line.a, b: toFlow(e) });
  };
  const onPointerUp = () => {
    if (!drawing || !line) return;
    setDrawing(false);
    const length = Math.hypot(line.b.x - line.a.x, line.b.y - line.a.y) * zoom;
    if (length < MIN_LINE_PX) setLine(null);
  };

  const apply = (direction: 'both' | 'aToB' | 'bToA') => {
    if (!split) return;
    const [a, b] = split.sides;
    const sides: [string[], string[]] = direction === 'bToA' ? [b, a] : [a, b];
    addFaultNow(sim, store, partitionFault(store.getState().doc, sides, direction !== 'both'));
    onExit();
  };

  const view = { x: 0, y: 0, width: size.width, height: size.height };
  const sa = line ? toScreen(line.a) : null;
  const sb = line ? toScreen(line.b) : null;
  const valid = split !== null && split.nodes[0].length > 0 && split.nodes[1].length > 0;
  const long = sa && sb ? Math.hypot(sb.x - sa.x, sb.y - sa.y) >= MIN_LINE_PX : false;
  const through = sa && sb && long ? lineThroughRect(sa, sb, view) : null;
  const poly = (side: 0 | 1) =>
    sa && sb && long
      ? halfPlane(sa, sb, view, side)
          .map((p) => `${p.x},${p.y}`)
          .join(' ')
      : '';
  // The side letters sit on either side of the line's middle, along its normal.
  const mid = sa && sb ? { x: (sa.x + sb.x) / 2, y: (sa.y + sb.y) / 2 } : null;
  const normal =
    sa && sb && long
      ? {
          x: (sb.y - sa.y) / Math.hypot(sb.x - sa.x, sb.y - sa.y),
          y: -(sb.x - sa.x) / Math.hypot(sb.x - sa.x, sb.y - sa.y),
        }
      : null;
  const letterAt = (sign: number): Point | null =>
    mid && normal ? { x: mid.x + normal.x * 36 * sign, y: mid.y + normal.y * 36 * sign } : null;
  const letterA = letterAt(1);
  const letterB = letterAt(-1);

  const runShowing = isRunShowing(sim);
  const startMs = runShowing ? sim.getSnapshot().timeMs : 0;

  return (
    <div
      ref={layer}
      className={`bp-partition-tool${confirming ? ' confirming' : ''}`}
      data-testid="partition-tool"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onContextMenu={(e) => e.preventDefault()}
    >
      <svg className="bp-partition-preview" width={size.width} height={size.height} aria-hidden>
        {long && (
          <>
            <polygon points={poly(0)} className="side-a" />
            <polygon points={poly(1)} className="side-b" />
          </>
        )}
        {through && (
          <line x1={through[0].x} y1={through[0].y} x2={through[1].x} y2={through[1].y} className="extension" />
        )}
        {sa && sb && long && <line x1={sa.x} y1={sa.y} x2={sb.x} y2={sb.y} className="drawn" />}
        {letterA && long && (
          <text x={letterA.x} y={letterA.y} className="letter side-a">
            A
          </text>
        )}
        {letterB && long && (
          <text x={letterB.x} y={letterB.y} className="letter side-b">
            B
          </text>
        )}
      </svg>
      {!confirming && (
        <div className="bp-partition-hint" role="status">
          {drawing && split
            ? `A: ${split.nodes[0].length} node${split.nodes[0].length === 1 ? '' : 's'} · B: ${split.nodes[1].length} node${split.nodes[1].length === 1 ? '' : 's'}`
            : 'Draw a line across the canvas: what is on one side is cut off from the other. Esc cancels.'}
        </div>
      )}
      {confirming && split && mid && (
        <div
          className="bp-partition-confirm"
          role="dialog"
          aria-label="Partition"
          style={{
            left: Math.min(Math.max(8, mid.x + 16), Math.max(8, size.width - 340)),
            top: Math.min(Math.max(8, mid.y + 16), Math.max(8, size.height - 190)),
          }}
          onPointerDown={(e) => e.stopPropagation()}
        >
          {valid ? (
            <>
              <div className="bp-partition-sides">
                <div>
                  <b className="side-a">A</b> {describeSide(doc, split.sides[0])}
                  <span className="bp-muted"> · {split.nodes[0].length} nodes</span>
                </div>
                <div>
                  <b className="side-b">B</b> {describeSide(doc, split.sides[1])}
                  <span className="bp-muted"> · {split.nodes[1].length} nodes</span>
                </div>
                {split.onLine.length > 0 && (
                  <div className="bp-muted">On the line, so on neither side: {describeSide(doc, split.onLine)}</div>
                )}
              </div>
              <div className="bp-partition-when bp-muted">
                For {CLICK_FAULT_MS / 1000} s from {formatTime(Math.round(startMs))}
                {runShowing ? '' : ' (no run yet: from the start)'}. A region wholly on one side is partitioned as a
                region.
              </div>
              <div className="bp-partition-actions">
                <button type="button" className="primary" autoFocus onClick={() => apply('both')}>
                  Both ways
                </button>
                <button
                  type="button"
                  onClick={() => apply('aToB')}
                  title="Messages from A to B are dropped; B still reaches A"
                >
                  A cannot reach B
                </button>
                <button
                  type="button"
                  onClick={() => apply('bToA')}
                  title="Messages from B to A are dropped; A still reaches B"
                >
                  B cannot reach A
                </button>
                <button type="button" onClick={onExit}>
                  Cancel
                </button>
              </div>
            </>
          ) : (
            <>
              <div>Everything is on one side of that line: draw it between the nodes you want to separate.</div>
              <div className="bp-partition-actions">
                <button type="button" onClick={() => setLine(null)}>
                  Draw again
                </button>
                <button type="button" onClick={onExit}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
