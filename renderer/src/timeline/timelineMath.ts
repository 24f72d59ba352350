/** A fault's time span, as in the document: active on [atMs, untilMs); no `untilMs` means to the end of the run. */
export interface Span {
  atMs: number;
  untilMs?: number;
}

/** What a drag takes hold of: the whole bar, or one of its ends. */
export type DragMode = 'move' | 'start' | 'end';

/** The shortest fault the timeline makes. */
export const MIN_FAULT_MS = 100;
/** Keyboard nudges: an arrow key, with Shift, with Alt. */
export const NUDGE_MS = 1_000;
export const NUDGE_LARGE_MS = 5_000;
export const NUDGE_FINE_MS = 100;

/**
 * The grid a drag snaps to: whole seconds when a tenth of a second is too small to aim at (under 8 px), 100 ms
 * otherwise; `fine` (Alt held) takes the next finer grid, down to 10 ms.
 */
export function snapStep(msPerPx: number, fine = false): number {
  const coarse = 100 / msPerPx < 8 ? 1_000 : 100;
  return fine ? coarse / 10 : coarse;
}

export function snapTo(ms: number, step: number): number {
  return Math.round(ms / step) * step;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Where a span ends on the timeline: its `untilMs`, or the end of the run. */
export function endOf(span: Span, durationMs: number): number {
  return span.untilMs ?? durationMs;
}

/**
 * The span after dragging by `deltaMs`: moving keeps its length, resizing keeps the other end. The dragged edge
 * snaps to `step`; everything stays within the run (a span already reaching past the end is not pulled back in by
 * merely touching it) and at least `MIN_FAULT_MS` long. A span without an end keeps none when moved.
 */
export function dragSpan(span: Span, mode: DragMode, deltaMs: number, durationMs: number, step: number): Span {
  if (deltaMs === 0) return { ...span };
  const at = span.atMs;
  const end = endOf(span, durationMs);
  const open = span.untilMs === undefined;
  if (mode === 'move') {
    const length = end - at;
    const latest = open
      ? durationMs - MIN_FAULT_MS
      : Math.max(Math.min(at, durationMs - MIN_FAULT_MS), durationMs - length);
    const next = clamp(snapTo(at + deltaMs, step), 0, Math.max(0, latest));
    return open ? { atMs: next } : { atMs: next, untilMs: next + length };
  }
  if (mode === 'start') {
    const next = clamp(snapTo(at + deltaMs, step), 0, Math.max(0, Math.min(end, durationMs) - MIN_FAULT_MS));
    return open ? { atMs: next } : { atMs: next, untilMs: end };
  }
  const next = clamp(snapTo(end + deltaMs, step), at + MIN_FAULT_MS, Math.max(at + MIN_FAULT_MS, durationMs));
  return { atMs: at, untilMs: next };
}

/** The span moved by `deltaMs` (keyboard nudges): its length kept, clamped within the run, not snapped. */
export function nudgeSpan(span: Span, deltaMs: number, durationMs: number): Span {
  return dragSpan(span, 'move', deltaMs, durationMs, 1);
}

export interface LaneItem {
  id: string;
  atMs: number;
  untilMs?: number;
}

/**
 * Packs spans into as few lanes as possible (greedy by start, the interval-partitioning optimum): a span goes into
 * the first lane whose last span ended at least `gapMs` before it starts. Returns the lane of each id and the count.
 */
export function packLanes(
  items: readonly LaneItem[],
  durationMs: number,
  gapMs = 0,
): { lane: Map<string, number>; lanes: number } {
  const order = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.atMs - b.item.atMs || a.index - b.index);
  const laneEnds: number[] = [];
  const lane = new Map<string, number>();
  for (const { item } of order) {
    const end = Math.max(item.atMs, Math.min(endOf(item, durationMs), durationMs));
    let l = laneEnds.findIndex((e) => e + gapMs <= item.atMs);
    if (l < 0) {
      l = laneEnds.length;
      laneEnds.push(end);
    } else laneEnds[l] = end;
    lane.set(item.id, l);
  }
  return { lane, lanes: laneEnds.length };
}

const TICK_STEPS = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** Tick times for an axis `widthPx` wide over the run: the finest round step that leaves `minPx` between ticks. */
export function ticks(durationMs: number, widthPx: number, minPx = 64): number[] {
  if (durationMs <= 0 || widthPx <= 0) return [0];
  const msPerPx = durationMs / widthPx;
  const step = TICK_STEPS.find((s) => s / msPerPx >= minPx) ?? Math.ceil((minPx * msPerPx) / 600_000) * 600_000;
  const out: number[] = [];
  for (let t = 0; t <= durationMs + 1e-9; t += step) out.push(Math.round(t));
  return out;
}

/** A time on the timeline: `12 s`, `12.5 s`, `1:30`, `1:30.5`. */
export function formatTime(ms: number): string {
  const s = Math.round(ms) / 1000;
  const decimals = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.round(v * 100) % 10 === 0 ? 1 : 2));
  if (s < 60) return `${decimals(s)} s`;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  const r = decimals(Number(rest.toFixed(3)));
  return `${m}:${rest < 10 ? '0' : ''}${r}`;
}

/** A span for people: `12 s → 22 s (10 s)`, or `12 s → end`. */
export function formatSpan(span: Span): string {
  if (span.untilMs === undefined) return `${formatTime(span.atMs)} → end of run`;
  return `${formatTime(span.atMs)} → ${formatTime(span.untilMs)} (${formatTime(span.untilMs - span.atMs)})`;
}
