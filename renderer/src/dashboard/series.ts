import type { Report } from '../../../shared/engine/index.js';
import type { Fault } from '../../../shared/model/types.js';
import type { SeriesSample } from '../sim/protocol.js';

/**
 * Chart data from the simulation's samples, in the shape uPlot draws: one x column (simulated seconds) and one
 * column per series, all the same length. Columns are typed arrays that grow by doubling; uPlot gets views of them
 * (no copy), and a frame costs only the samples that are new, however long the run. A row with nothing to plot
 * (no request finished in that interval) holds NaN; the chart draws NaN as a gap.
 */

/** A series column: a value per row of the x column, NaN where there is nothing to plot. */
export type Values = Float64Array;

export const CLIENT_METRICS = ['success', 'throughput', 'p50', 'p95', 'p99', 'amplification'] as const;
export type ClientMetric = (typeof CLIENT_METRICS)[number];
export const NODE_METRICS = ['utilization', 'queued'] as const;
export type NodeMetric = (typeof NODE_METRICS)[number];

/** One series of a chart: a client's or a node's metric. */
export type SeriesKey =
  { kind: 'client'; id: string; metric: ClientMetric } | { kind: 'node'; id: string; metric: NodeMetric };

type ClientSample = SeriesSample['clients'][string];

/** Success rate in percent of the requests that finished in the interval; NaN when none did. */
export function successRate(c: ClientSample): number {
  const finished = c.succeeded + c.failed;
  return finished > 0 ? (100 * c.succeeded) / finished : Number.NaN;
}

/** Requests that succeeded per simulated second over an interval of `intervalMs`; NaN for an empty interval. */
export function throughput(c: ClientSample, intervalMs: number): number {
  return intervalMs > 0 ? (c.succeeded * 1000) / intervalMs : Number.NaN;
}

/** Attempts per request started in the interval (1 without retries, more with them); NaN when none started. */
export function amplification(c: ClientSample): number {
  return c.started > 0 ? c.attempts / c.started : Number.NaN;
}

/** A latency percentile of the interval; NaN when no request finished in it. */
function percentile(c: ClientSample, q: number): number {
  return c.succeeded + c.failed > 0 && Number.isFinite(q) ? q : Number.NaN;
}

const INITIAL_ROWS = 256;

/** A growing column of doubles. */
class Column {
  buf: Float64Array;

  constructor(capacity: number, fillTo = 0) {
    this.buf = new Float64Array(capacity);
    this.buf.fill(Number.NaN, 0, fillTo);
  }

  set(row: number, v: number): void {
    if (row >= this.buf.length) {
      const grown = new Float64Array(Math.max(this.buf.length * 2, row + 1));
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[row] = v;
  }
}

interface ClientColumns {
  success: Column;
  throughput: Column;
  p50: Column;
  p95: Column;
  p99: Column;
  amplification: Column;
}

interface NodeColumns {
  utilization: Column;
  queued: Column;
}

/** The chart columns of one run, built incrementally from its samples. */
export class SeriesTable {
  private readonly times = new Column(INITIAL_ROWS);
  private rows = 0;
  private lastMs = 0;
  private consumed = 0;
  private first: SeriesSample | undefined;
  private readonly clientColumns = new Map<string, ClientColumns>();
  private readonly nodeColumns = new Map<string, NodeColumns>();
  private readonly views = new Map<Column, Float64Array>();
  /** Changes whenever the table does. */
  revision = 0;
  /** Changes whenever the table starts over with another run. */
  generation = 0;

  /** A table of all of `samples`. */
  static of(samples: readonly SeriesSample[]): SeriesTable {
    const table = new SeriesTable();
    table.sync(samples);
    return table;
  }

  /** Rows so far (one per sample). */
  get length(): number {
    return this.rows;
  }

  /** The x column: each sample's time in simulated seconds. */
  get x(): Float64Array {
    return this.view(this.times);
  }

  /** Client ids, in the order they first appeared. */
  get clientIds(): string[] {
    return [...this.clientColumns.keys()];
  }

  /** Node ids, in the order they first appeared. */
  get nodeIds(): string[] {
    return [...this.nodeColumns.keys()];
  }

  /** The column of one series (a view, valid until the next change), or undefined when the run has no such series. */
  column(key: SeriesKey): Values | undefined {
    const column =
      key.kind === 'client' ? this.clientColumns.get(key.id)?.[key.metric] : this.nodeColumns.get(key.id)?.[key.metric];
    return column && this.view(column);
  }

  private view(column: Column): Float64Array {
    let v = this.views.get(column);
    if (!v || v.length !== this.rows || v.buffer !== column.buf.buffer) {
      v = column.buf.subarray(0, this.rows);
      this.views.set(column, v);
    }
    return v;
  }

  /**
   * Brings the table up to date with `samples`, the run's samples so far (the same run growing, or another run):
   * appends the samples it has not seen, or starts over when `samples` is not a continuation of what it read.
   * Returns whether anything changed.
   */
  sync(samples: readonly SeriesSample[]): boolean {
    let restart = false;
    if (this.consumed > 0) {
      restart =
        samples.length < this.consumed ||
        samples[0] !== this.first ||
        (samples.length > this.consumed && samples[this.consumed].tMs <= this.lastMs);
    }
    if (restart) this.reset();
    if (samples.length === this.consumed) return restart;
    this.first = samples[0];
    for (let i = this.consumed; i < samples.length; i++) this.append(samples[i]);
    this.consumed = samples.length;
    this.revision++;
    return true;
  }

  private reset(): void {
    this.rows = 0;
    this.lastMs = 0;
    this.consumed = 0;
    this.first = undefined;
    this.clientColumns.clear();
    this.nodeColumns.clear();
    this.views.clear();
    this.generation++;
    this.revision++;
  }

  private newColumn(): Column {
    return new Column(Math.max(this.times.buf.length, INITIAL_ROWS), this.rows);
  }

  private append(sample: SeriesSample): void {
    const row = this.rows;
    this.times.set(row, sample.tMs / 1000);
    const intervalMs =
      Number.isFinite(sample.intervalMs) && sample.intervalMs > 0 ? sample.intervalMs : sample.tMs - this.lastMs;
    this.lastMs = sample.tMs;

    let seen = 0;
    for (const id in sample.clients) {
      const c = sample.clients[id];
      let col = this.clientColumns.get(id);
      if (!col) {
        col = {
          success: this.newColumn(),
          throughput: this.newColumn(),
          p50: this.newColumn(),
          p95: this.newColumn(),
          p99: this.newColumn(),
          amplification: this.newColumn(),
        };
        this.clientColumns.set(id, col);
      }
      col.success.set(row, successRate(c));
      col.throughput.set(row, throughput(c, intervalMs));
      col.p50.set(row, percentile(c, c.p50));
      col.p95.set(row, percentile(c, c.p95));
      col.p99.set(row, percentile(c, c.p99));
      col.amplification.set(row, amplification(c));
      seen++;
    }
    if (seen < this.clientColumns.size) {
      // a client this sample does not mention: nothing to plot for it
      for (const [id, col] of this.clientColumns) {
        if (!(id in sample.clients)) for (const m of CLIENT_METRICS) col[m].set(row, Number.NaN);
      }
    }
    seen = 0;
    for (const id in sample.nodes) {
      const n = sample.nodes[id];
      let col = this.nodeColumns.get(id);
      if (!col) {
        col = { utilization: this.newColumn(), queued: this.newColumn() };
        this.nodeColumns.set(id, col);
      }
      col.utilization.set(row, n.utilization * 100);
      col.queued.set(row, n.queued);
      seen++;
    }
    if (seen < this.nodeColumns.size) {
      for (const [id, col] of this.nodeColumns) {
        if (!(id in sample.nodes)) {
          col.utilization.set(row, Number.NaN);
          col.queued.set(row, Number.NaN);
        }
      }
    }
    this.rows = row + 1;
  }
}

/** Which run a series comes from. */
export type Side = 'current' | 'baseline';

const EPS = 1e-9;

const keyString = (key: SeriesKey) => `${key.kind}\t${key.metric}\t${key.id}`;

/**
 * Two runs on one x axis, for overlaying a baseline on the current run. Runs of one design and seed sample at the
 * same times, so usually the current run's times are the first times of the baseline's: the x column is then the
 * baseline's, its columns are used as they are, and the current columns are padded with NaN to its length (only
 * new rows are copied per update). Otherwise the x column is the union of both runs' times, rebuilt per update.
 * Without a baseline the current table's columns are used as they are.
 */
export class Overlay {
  private cur: SeriesTable | null = null;
  private base: SeriesTable | null = null;
  private mode: 'single' | 'prefix' | 'union' = 'single';
  /** Rows of the current run known to share the baseline's times. */
  private checked = 0;
  private unionX: Float64Array = new Float64Array(0);
  private curRows: Int32Array = new Int32Array(0);
  private baseRows: Int32Array = new Int32Array(0);
  private padded = new Map<string, { out: Float64Array; filled: number }>();
  private projected = new Map<string, Float64Array>();
  /** The tables' generation and revision when last updated (-1: not yet). */
  private seen = { curGeneration: -1, curRevision: -1, baseRevision: -1 };
  private version = 0;

  /** Changes whenever the aligned data does. */
  get revision(): number {
    return this.version;
  }

  /** Lines the runs up; cheap when nothing changed. Returns whether the aligned data changed. */
  update(cur: SeriesTable, base: SeriesTable | null): boolean {
    const baseRevision = base ? base.generation * 1e9 + base.revision : -1;
    const seen = this.seen;
    if (
      cur !== this.cur ||
      base !== this.base ||
      seen.curGeneration !== cur.generation ||
      seen.baseRevision !== baseRevision
    ) {
      // another run on either side: start over
      this.cur = cur;
      this.base = base;
      this.checked = 0;
      this.padded.clear();
    } else if (seen.curRevision === cur.revision) return false;
    this.seen = { curGeneration: cur.generation, curRevision: cur.revision, baseRevision };
    this.version++;
    this.projected.clear();
    if (!base) {
      this.mode = 'single';
      return true;
    }
    const cx = cur.x;
    const bx = base.x;
    let prefix = cx.length <= bx.length;
    for (let i = this.checked; prefix && i < cx.length; i++) {
      if (Math.abs(cx[i] - bx[i]) > EPS) prefix = false;
    }
    if (prefix) {
      this.checked = cx.length;
      this.mode = 'prefix';
      return true;
    }
    this.checked = 0;
    this.padded.clear();
    this.mode = 'union';
    this.join(cx, bx);
    return true;
  }

  /** The x column in simulated seconds. */
  get x(): Float64Array {
    if (this.mode === 'single' || !this.base) return this.cur?.x ?? new Float64Array(0);
    return this.mode === 'prefix' ? this.base.x : this.unionX;
  }

  /** Whether one run has a series. */
  has(side: Side, key: SeriesKey): boolean {
    return (side === 'current' ? this.cur : this.base)?.column(key) !== undefined;
  }

  /** The column of one series of one run on the x column, or undefined when that run has no such series. */
  values(side: Side, key: SeriesKey): Values | undefined {
    const table = side === 'current' ? this.cur : this.base;
    const column = table?.column(key);
    if (!column) return undefined;
    if (this.mode === 'single' || (this.mode === 'prefix' && side === 'baseline')) return column;
    const name = `${side}\t${keyString(key)}`;
    if (this.mode === 'prefix') return this.pad(name, column, this.base!.length);
    let out = this.projected.get(name);
    if (!out) {
      out = project(column, side === 'current' ? this.curRows : this.baseRows, this.unionX.length);
      this.projected.set(name, out);
    }
    return out;
  }

  private pad(name: string, column: Values, length: number): Values {
    let entry = this.padded.get(name);
    if (!entry || entry.out.length !== length || entry.filled > column.length) {
      entry = { out: new Float64Array(length).fill(Number.NaN), filled: 0 };
      this.padded.set(name, entry);
    }
    if (entry.filled < column.length) {
      entry.out.set(column.subarray(entry.filled), entry.filled);
      entry.filled = column.length;
    }
    return entry.out;
  }

  private join(a: Float64Array, b: Float64Array): void {
    const x = new Float64Array(a.length + b.length);
    const ar = new Int32Array(a.length);
    const br = new Int32Array(b.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j] - EPS)) {
        x[n] = a[i];
        ar[i++] = n++;
      } else if (i >= a.length || b[j] < a[i] - EPS) {
        x[n] = b[j];
        br[j++] = n++;
      } else {
        x[n] = a[i];
        ar[i++] = n;
        br[j++] = n++;
      }
    }
    this.unionX = x.subarray(0, n);
    this.curRows = ar;
    this.baseRows = br;
  }
}

function project(column: Values, rows: Int32Array, length: number): Values {
  const out = new Float64Array(length).fill(Number.NaN);
  for (let i = 0; i < column.length; i++) out[rows[i]] = column[i];
  return out;
}

/** The largest finite value of some columns (NaN rows skipped), or 0. */
export function maxOf(columns: readonly ArrayLike<number | null | undefined>[]): number {
  let max = 0;
  for (const c of columns) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (v != null && v > max) max = v;
    }
  }
  return max;
}

/**
 * The gaps of a column, as uPlot wants them for clipping a line (`[fromPx, toPx]` pairs): each run of NaN rows
 * between `idx0` and `idx1`, from the point before it to the point after it.
 */
export function nanGaps(
  x: ArrayLike<number>,
  y: ArrayLike<number | null | undefined>,
  idx0: number,
  idx1: number,
  px: (v: number) => number,
): [number, number][] {
  const gaps: [number, number][] = [];
  for (let i = idx0; i <= idx1; i++) {
    const v = y[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
      const from = i;
      while (i + 1 <= idx1 && isGap(y[i + 1])) i++;
      const fromPx = px(x[from > 0 ? from - 1 : from]);
      const toPx = px(x[i + 1 < x.length ? i + 1 : i]);
      if (toPx >= fromPx) gaps.push([fromPx, toPx]);
    }
  }
  return gaps;
}

function isGap(v: number | null | undefined): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/** The index of the last x at or before `t`, or -1. */
export function indexAtOrBefore(x: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = x.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= t + EPS) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A fault as a shaded span of simulated time. */
export interface FaultSpan {
  atMs: number;
  /** Undefined while the fault lasts to the end of the run. */
  untilMs?: number;
  kind: Fault['kind'];
  label: string;
}

/** What a fault does, in a few words: `crash api`, `slow db x4`, `partition`, `cut 2 edges`. */
export function faultLabel(f: Fault): string {
  switch (f.kind) {
    case 'crash':
      return f.replica === undefined ? `crash ${f.node}` : `crash ${f.node}#${f.replica}`;
    case 'slow':
      return `slow ${f.node} x${f.factor}`;
    case 'surge':
      return `surge ${f.node} x${f.factor}`;
    case 'errors':
      return `errors ${f.node} ${Math.round(f.errorRate * 100)}%`;
    case 'degrade':
      return `degrade ${f.edge}`;
    case 'cut':
      return f.edges.length === 1 ? `cut ${f.edges[0]}` : `cut ${f.edges.length} edges`;
    case 'partition':
      return f.oneWay ? 'partition (one way)' : 'partition';
  }
}

/** The faults of a run as spans, in time order. */
export function faultSpans(faults: readonly Fault[]): FaultSpan[] {
  return faults
    .map((f) => ({ atMs: f.atMs, untilMs: f.untilMs, kind: f.kind, label: faultLabel(f) }))
    .sort((a, b) => a.atMs - b.atMs);
}

export type BandState = 'open' | 'halfOpen';

/** A stretch of simulated time during which some breaker was open (or, failing that, half-open). */
export interface BreakerBand {
  fromMs: number;
  toMs: number;
  state: BandState;
  /** The breakers (`caller->target`) in that state. */
  breakers: string[];
}

/**
 * The breakers' states over time, merged into one timeline of the worst state: open wherever any breaker is open,
 * half-open wherever none is open but one is half-open. A state that has not changed yet lasts until `endMs`.
 */
export function breakerBands(breakers: Report['breakers'], endMs: number): BreakerBand[] {
  type Edge = { t: number; state: BandState; delta: 1 | -1; key: string };
  const edges: Edge[] = [];
  for (const [key, b] of Object.entries(breakers)) {
    let state: string = 'closed';
    let since = 0;
    const close = (t: number) => {
      if ((state === 'open' || state === 'halfOpen') && t > since) {
        edges.push({ t: since, state, delta: 1, key }, { t, state, delta: -1, key });
      }
    };
    for (const tr of b.transitions) {
      if (tr.atMs > endMs) break;
      close(tr.atMs);
      state = tr.to;
      since = tr.atMs;
    }
    close(endMs);
  }
  // ends before starts at the same time, so back-to-back states do not overlap
  edges.sort((a, b) => a.t - b.t || a.delta - b.delta);
  const active: Record<BandState, Map<string, number>> = { open: new Map(), halfOpen: new Map() };
  const bands: BreakerBand[] = [];
  let from = 0;
  const current = (): BreakerBand | null => {
    if (active.open.size > 0) return { fromMs: from, toMs: from, state: 'open', breakers: [...active.open.keys()] };
    if (active.halfOpen.size > 0)
      return { fromMs: from, toMs: from, state: 'halfOpen', breakers: [...active.halfOpen.keys()] };
    return null;
  };
  for (let i = 0; i < edges.length;) {
    const t = edges[i].t;
    const before = current();
    if (before && t > from) {
      const last = bands.at(-1);
      if (last && last.state === before.state && last.toMs === from && sameMembers(last.breakers, before.breakers)) {
        last.toMs = t;
      } else bands.push({ ...before, toMs: t });
    }
    for (; i < edges.length && edges[i].t === t; i++) {
      const e = edges[i];
      const map = active[e.state];
      const n = (map.get(e.key) ?? 0) + e.delta;
      if (n > 0) map.set(e.key, n);
      else map.delete(e.key);
    }
    from = t;
  }
  return bands;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Clients by requests started, most first (ties by id): the order in which the client charts take them. */
export function busiestClients(ids: readonly string[], report: Report | null): string[] {
  const requests = (id: string) => report?.clients[id]?.requests ?? 0;
  return [...ids].sort((a, b) => requests(b) - requests(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The busiest nodes first: by utilization over the run, then by mean requests in the system (queues and balancers
 * have no workers), then by arrivals, then by id.
 */
export function busiestNodes(ids: readonly string[], report: Report | null): string[] {
  const n = (id: string) => report?.nodes[id];
  return [...ids].sort(
    (a, b) =>
      (n(b)?.utilization ?? 0) - (n(a)?.utilization ?? 0) ||
      (n(b)?.meanInSystem ?? 0) - (n(a)?.meanInSystem ?? 0) ||
      (n(b)?.arrivals ?? 0) - (n(a)?.arrivals ?? 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}
