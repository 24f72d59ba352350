import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportText } from '../../cli/reportText.js';
import { createSimulation, type Report } from '../../shared/engine/index.js';
import { parseDocument } from '../../shared/model/index.js';
import type { Fault, TopologyDocument } from '../../shared/model/types.js';
import { Chart, legendEntries, type ChartProps } from '../../renderer/src/dashboard/Chart.js';
import {
  DEFAULT_CLIENT_COUNT,
  DEFAULT_NODE_COUNT,
  Dashboard,
  EMPTY_MESSAGE,
  type DashboardProps,
} from '../../renderer/src/dashboard/Dashboard.js';
import { formatSeconds, formatShort } from '../../renderer/src/dashboard/format.js';
import {
  Overlay,
  SeriesTable,
  amplification,
  breakerBands,
  busiestNodes,
  faultLabel,
  faultSpans,
  indexAtOrBefore,
  maxOf,
  nanGaps,
  successRate,
  throughput,
  type SeriesKey,
} from '../../renderer/src/dashboard/series.js';
import type { SeriesSample } from '../../renderer/src/sim/protocol.js';

// uPlot draws on a canvas, which jsdom lacks: a stand-in records what the chart asks of it.
const plots = vi.hoisted(() => [] as FakePlotLike[]);

interface FakePlotLike {
  opts: import('uplot').Options;
  data: import('uplot').AlignedData;
  over: HTMLDivElement;
  cursor: { idx: number | null };
  setData: ReturnType<typeof vi.fn>;
  setSize: ReturnType<typeof vi.fn>;
  redraw: ReturnType<typeof vi.fn>;
  setScale: ReturnType<typeof vi.fn>;
  destroy: ReturnType<typeof vi.fn>;
  destroyed: boolean;
}

vi.mock('uplot', () => {
  class FakePlot {
    static pxRatio = 1;
    opts: import('uplot').Options;
    data: import('uplot').AlignedData;
    root = document.createElement('div');
    over = document.createElement('div');
    cursor = { idx: null as number | null, left: -10 };
    scales = { x: { min: 0, max: 60 } };
    bbox = { left: 0, top: 0, width: 600, height: 100 };
    width: number;
    height: number;
    destroyed = false;
    setData = vi.fn((data: import('uplot').AlignedData) => {
      this.data = data;
    });
    setSize = vi.fn();
    redraw = vi.fn();
    batch = vi.fn((fn: (u: unknown) => void) => fn(this));
    setScale = vi.fn();
    destroy = vi.fn(() => {
      this.destroyed = true;
      this.root.remove();
    });
    /** 10 px per simulated second, from the plot's left edge. */
    valToPos = (v: number) => v * 10;
    posToVal = (px: number) => px / 10;
    constructor(opts: import('uplot').Options, data: import('uplot').AlignedData, target: HTMLElement) {
      this.opts = opts;
      this.data = data;
      this.width = opts.width;
      this.height = opts.height;
      this.root.className = 'uplot';
      this.over.className = 'u-over';
      this.root.appendChild(this.over);
      target.appendChild(this.root);
      plots.push(this as unknown as FakePlotLike);
    }
  }
  return { default: FakePlot };
});

beforeEach(() => {
  plots.length = 0;
});
afterEach(cleanup);

type ClientSample = SeriesSample['clients'][string];

function client(c: Partial<ClientSample> = {}): ClientSample {
  return { started: 0, succeeded: 0, failed: 0, attempts: 0, p50: NaN, p95: NaN, p99: NaN, ...c };
}

function sample(
  tMs: number,
  clients: Record<string, Partial<ClientSample>> = {},
  nodes: SeriesSample['nodes'] = {},
): SeriesSample {
  return {
    tMs,
    intervalMs: Number.NaN,
    clients: Object.fromEntries(Object.entries(clients).map(([id, c]) => [id, client(c)])),
    nodes,
  };
}

/** `n` samples every `stepMs` with steady numbers, `web` and two nodes. */
function steady(n: number, stepMs = 100, offset = 0): SeriesSample[] {
  return Array.from({ length: n }, (_, i) =>
    sample(
      (i + 1) * stepMs,
      {
        web: {
          started: 10,
          succeeded: 9 + ((i + offset) % 2),
          failed: 1 - ((i + offset) % 2),
          attempts: 12,
          p50: 5,
          p95: 9,
          p99: 12 + i,
        },
      },
      { api: { utilization: 0.5, queued: i }, db: { utilization: 0.25, queued: 0 } },
    ),
  );
}

const key = (id: string, metric: 'success' | 'throughput' | 'p50' | 'p95' | 'p99' | 'amplification'): SeriesKey => ({
  kind: 'client',
  id,
  metric,
});
const nodeKey = (id: string, metric: 'utilization' | 'queued'): SeriesKey => ({ kind: 'node', id, metric });
const list = (a: ArrayLike<number> | undefined) => Array.from(a ?? []);

describe('series: per-interval values', () => {
  it('success rate is a percentage of the requests that finished, NaN when none did', () => {
    expect(successRate(client({ succeeded: 3, failed: 1 }))).toBe(75);
    expect(successRate(client({ succeeded: 5 }))).toBe(100);
    expect(successRate(client({ started: 4 }))).toBeNaN();
  });

  it('throughput counts successes per simulated second of the interval', () => {
    expect(throughput(client({ succeeded: 7 }), 100)).toBe(70);
    expect(throughput(client({ succeeded: 7 }), 1000)).toBe(7);
    expect(throughput(client({ succeeded: 0, failed: 3 }), 250)).toBe(0);
    expect(throughput(client({ succeeded: 1 }), 0)).toBeNaN();
  });

  it('amplification is attempts per request started, NaN when none started', () => {
    expect(amplification(client({ started: 10, attempts: 10 }))).toBe(1);
    expect(amplification(client({ started: 10, attempts: 35 }))).toBe(3.5);
    expect(amplification(client({ attempts: 4 }))).toBeNaN();
  });
});

describe('series: SeriesTable', () => {
  it('turns samples into uPlot columns: seconds on x, one value per sample', () => {
    const table = SeriesTable.of([
      sample(
        100,
        { web: { started: 10, succeeded: 8, failed: 2, attempts: 13, p50: 4, p95: 8, p99: 11 } },
        {
          api: { utilization: 0.5, queued: 3 },
        },
      ),
      sample(200, { web: { started: 0, attempts: 2 } }, { api: { utilization: 1, queued: 0 } }),
      sample(
        450,
        { web: { started: 5, succeeded: 5, attempts: 5, p50: 6, p95: 7, p99: 9 } },
        {
          api: { utilization: 0.125, queued: 1 },
        },
      ),
    ]);
    expect(table.length).toBe(3);
    expect(table.x).toBeInstanceOf(Float64Array);
    expect(list(table.x)).toEqual([0.1, 0.2, 0.45]);
    expect(table.clientIds).toEqual(['web']);
    expect(table.nodeIds).toEqual(['api']);
    expect(list(table.column(key('web', 'success')))).toEqual([80, NaN, 100]);
    // intervals: 100 ms from 0, 100 ms, 250 ms
    expect(list(table.column(key('web', 'throughput')))).toEqual([80, 0, 20]);
    expect(list(table.column(key('web', 'p50')))).toEqual([4, NaN, 6]);
    expect(list(table.column(key('web', 'p95')))).toEqual([8, NaN, 7]);
    expect(list(table.column(key('web', 'p99')))).toEqual([11, NaN, 9]);
    expect(list(table.column(key('web', 'amplification')))).toEqual([1.3, NaN, 1]);
    expect(list(table.column(nodeKey('api', 'utilization')))).toEqual([50, 100, 12.5]);
    expect(list(table.column(nodeKey('api', 'queued')))).toEqual([3, 0, 1]);
    expect(table.column(key('mobile', 'success'))).toBeUndefined();
    expect(table.column(nodeKey('db', 'queued'))).toBeUndefined();
  });

  it('gives every column the length of x, with NaN before an id first appears and where a sample lacks it', () => {
    const table = SeriesTable.of([
      sample(100, { web: { started: 1, succeeded: 1, attempts: 1 } }),
      sample(200, { web: { started: 1, succeeded: 1, attempts: 1 }, mobile: { started: 2, failed: 2, attempts: 2 } }),
      sample(300, { mobile: { started: 1, succeeded: 1, attempts: 1 } }, { api: { utilization: 0, queued: 2 } }),
    ]);
    expect(table.clientIds).toEqual(['web', 'mobile']);
    expect(list(table.column(key('web', 'success')))).toEqual([100, 100, NaN]);
    expect(list(table.column(key('mobile', 'success')))).toEqual([NaN, 0, 100]);
    expect(list(table.column(nodeKey('api', 'queued')))).toEqual([NaN, NaN, 2]);
    for (const id of ['web', 'mobile']) {
      for (const m of ['success', 'throughput', 'p50', 'p95', 'p99', 'amplification'] as const) {
        expect(table.column(key(id, m))!.length).toBe(3);
      }
    }
  });

  it('reads only the new samples as the same run grows, and gives the same columns as reading them at once', () => {
    const all = steady(1500);
    const grown = new SeriesTable();
    const samples: SeriesSample[] = [];
    const revisions: number[] = [];
    for (let i = 0; i < all.length; i += 7) {
      samples.push(...all.slice(i, i + 7));
      expect(grown.sync(samples)).toBe(true);
      revisions.push(grown.revision);
    }
    expect(grown.sync(samples)).toBe(false);
    expect(new Set(revisions).size).toBe(revisions.length);
    const once = SeriesTable.of(all);
    expect(grown.length).toBe(1500);
    expect(grown.generation).toBe(0);
    expect(list(grown.x)).toEqual(list(once.x));
    for (const m of ['success', 'throughput', 'p99', 'amplification'] as const) {
      expect(list(grown.column(key('web', m)))).toEqual(list(once.column(key('web', m))));
    }
    expect(list(grown.column(nodeKey('api', 'queued')))).toEqual(list(once.column(nodeKey('api', 'queued'))));
    expect(grown.column(nodeKey('api', 'queued'))![1499]).toBe(1499);

    // a grown copy of the array (a new array with the same samples first) continues too
    expect(grown.sync([...samples, ...steady(1, 100).map((s) => ({ ...s, tMs: 150_100 }))])).toBe(true);
    expect(grown.generation).toBe(0);
    expect(grown.length).toBe(1501);
  });

  it('starts over for another run: other samples, fewer samples, or time going back', () => {
    const table = SeriesTable.of(steady(10));
    expect(table.generation).toBe(0);
    table.sync(steady(4));
    expect(table.generation).toBe(1);
    expect(table.length).toBe(4);
    const run = steady(3);
    table.sync(run);
    expect(table.generation).toBe(2);
    table.sync(run.slice(0, 1));
    expect(table.generation).toBe(3);
    expect(table.length).toBe(1);
    table.sync([]);
    expect(table.length).toBe(0);
    expect(list(table.x)).toEqual([]);
  });

  it('stays fast with tens of thousands of samples, appended a frame at a time', () => {
    const all = steady(30_000);
    const table = new SeriesTable();
    const samples: SeriesSample[] = [];
    const start = performance.now();
    for (let i = 0; i < all.length; i += 5) {
      for (let j = i; j < i + 5; j++) samples.push(all[j]);
      table.sync(samples);
    }
    // generous: a loaded CI machine takes well under this
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(table.length).toBe(30_000);
    expect(table.x[29_999]).toBeCloseTo(3000);
  });
});

describe('series: Overlay (baseline alignment)', () => {
  it('uses the current columns as they are without a baseline', () => {
    const cur = SeriesTable.of(steady(5));
    const o = new Overlay();
    expect(o.update(cur, null)).toBe(true);
    expect(o.update(cur, null)).toBe(false);
    expect(o.x).toBe(cur.x);
    expect(o.values('current', key('web', 'success'))).toBe(cur.column(key('web', 'success')));
    expect(o.values('baseline', key('web', 'success'))).toBeUndefined();
    expect(o.has('current', key('web', 'p99'))).toBe(true);
    expect(o.has('current', key('mobile', 'p99'))).toBe(false);
  });

  it('lays a run that is still going on the x of a finished baseline of the same seed, padded with gaps', () => {
    const base = SeriesTable.of(steady(10, 100, 1));
    const samples = steady(4);
    const cur = SeriesTable.of(samples);
    const o = new Overlay();
    o.update(cur, base);
    expect(list(o.x)).toEqual(list(base.x));
    expect(o.values('baseline', key('web', 'success'))).toBe(base.column(key('web', 'success')));
    const success = o.values('current', key('web', 'success'))!;
    expect(success.length).toBe(10);
    expect(list(success)).toEqual([90, 100, 90, 100, NaN, NaN, NaN, NaN, NaN, NaN]);
    const before = o.revision;

    // more of the run: only the new rows are copied into the same padded column
    samples.push(...steady(7).slice(4));
    cur.sync(samples);
    expect(o.update(cur, base)).toBe(true);
    expect(o.revision).toBe(before + 1);
    const again = o.values('current', key('web', 'success'))!;
    expect(again).toBe(success);
    expect(list(again)).toEqual([90, 100, 90, 100, 90, 100, 90, NaN, NaN, NaN]);
    expect(list(o.values('current', nodeKey('api', 'queued')))).toEqual([0, 1, 2, 3, 4, 5, 6, NaN, NaN, NaN]);
  });

  it('joins the times when the runs were sampled differently, each run at its own times', () => {
    const base = SeriesTable.of(steady(3, 200));
    const cur = SeriesTable.of(steady(3, 150));
    const o = new Overlay();
    o.update(cur, base);
    expect(list(o.x)).toEqual([0.15, 0.2, 0.3, 0.4, 0.45, 0.6]);
    expect(list(o.values('current', nodeKey('api', 'queued')))).toEqual([0, NaN, 1, NaN, 2, NaN]);
    expect(list(o.values('baseline', nodeKey('api', 'queued')))).toEqual([NaN, 0, NaN, 1, NaN, 2]);
  });

  it('joins the times when the current run outlasts the baseline', () => {
    const base = SeriesTable.of(steady(2));
    const cur = SeriesTable.of(steady(4));
    const o = new Overlay();
    o.update(cur, base);
    expect(list(o.x)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(list(o.values('baseline', nodeKey('api', 'queued')))).toEqual([0, 1, NaN, NaN]);
    expect(list(o.values('current', nodeKey('api', 'queued')))).toEqual([0, 1, 2, 3]);
  });

  it('starts over when the current run is replaced by another', () => {
    const base = SeriesTable.of(steady(6));
    const cur = SeriesTable.of(steady(4, 100, 1));
    const o = new Overlay();
    o.update(cur, base);
    expect(list(o.values('current', key('web', 'success'))).slice(0, 4)).toEqual([100, 90, 100, 90]);
    cur.sync(steady(2));
    o.update(cur, base);
    expect(list(o.values('current', key('web', 'success')))).toEqual([90, 100, NaN, NaN, NaN, NaN]);
  });
});

describe('series: helpers', () => {
  it('finds the row at or before a time', () => {
    const x = [0.1, 0.2, 0.3];
    expect(indexAtOrBefore(x, 0)).toBe(-1);
    expect(indexAtOrBefore(x, 0.1)).toBe(0);
    expect(indexAtOrBefore(x, 0.25)).toBe(1);
    expect(indexAtOrBefore(x, 99)).toBe(2);
    expect(indexAtOrBefore([], 1)).toBe(-1);
  });

  it('finds the top of columns, skipping gaps', () => {
    expect(maxOf([new Float64Array([1, NaN, 3]), [null, 7, undefined]])).toBe(7);
    expect(maxOf([new Float64Array([NaN])])).toBe(0);
  });

  it('turns runs of NaN into gaps from the point before to the point after', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1, NaN, NaN, 4, NaN, 6];
    expect(nanGaps(x, y, 0, 5, (v) => v * 10)).toEqual([
      [0, 30],
      [30, 50],
    ]);
    expect(nanGaps(x, [NaN, 1, 2, 3, 4, NaN], 0, 5, (v) => v)).toEqual([
      [0, 1],
      [4, 5],
    ]);
    expect(nanGaps(x, [1, 2, 3, 4, 5, 6], 0, 5, (v) => v)).toEqual([]);
  });

  it('labels faults in a few words and orders their spans by time', () => {
    const faults: Fault[] = [
      { id: 'f1', kind: 'slow', node: 'db', factor: 4, atMs: 5000, untilMs: 9000 },
      { id: 'f2', kind: 'crash', node: 'api', atMs: 1000 },
      { id: 'f3', kind: 'cut', edges: ['a', 'b'], atMs: 2000, untilMs: 3000 },
      { id: 'f4', kind: 'partition', sides: [['a'], ['b']], atMs: 0 },
      { id: 'f5', kind: 'errors', node: 'api', errorRate: 0.25, atMs: 0 },
    ];
    expect(faultSpans(faults)).toEqual([
      { atMs: 0, untilMs: undefined, kind: 'partition', label: 'partition' },
      { atMs: 0, untilMs: undefined, kind: 'errors', label: 'errors api 25%' },
      { atMs: 1000, untilMs: undefined, kind: 'crash', label: 'crash api' },
      { atMs: 2000, untilMs: 3000, kind: 'cut', label: 'cut 2 edges' },
      { atMs: 5000, untilMs: 9000, kind: 'slow', label: 'slow db x4' },
    ]);
    expect(faultLabel({ id: 'c', kind: 'cut', edges: ['e1'], atMs: 0 })).toBe('cut e1');
    expect(faultLabel({ id: 'd', kind: 'degrade', edge: 'e1', atMs: 0 })).toBe('degrade e1');
    expect(faultLabel({ id: 's', kind: 'surge', node: 'web', factor: 3, atMs: 0 })).toBe('surge web x3');
    expect(faultLabel({ id: 'r', kind: 'crash', node: 'api', replica: 1, atMs: 0 })).toBe('crash api#1');
  });

  it('merges breaker transitions into bands of the worst state', () => {
    const breakers: Report['breakers'] = {
      'a->b': {
        refused: 0,
        transitions: [
          { atMs: 1000, from: 'closed', to: 'open' },
          { atMs: 3000, from: 'open', to: 'halfOpen' },
          { atMs: 3200, from: 'halfOpen', to: 'closed' },
          { atMs: 8000, from: 'closed', to: 'open' },
        ],
      },
      'a->c': {
        refused: 0,
        transitions: [
          { atMs: 2000, from: 'closed', to: 'open' },
          { atMs: 4000, from: 'open', to: 'halfOpen' },
          { atMs: 4500, from: 'halfOpen', to: 'open' },
          { atMs: 5000, from: 'open', to: 'halfOpen' },
          { atMs: 5100, from: 'halfOpen', to: 'closed' },
        ],
      },
    };
    expect(breakerBands(breakers, 10_000)).toEqual([
      { fromMs: 1000, toMs: 2000, state: 'open', breakers: ['a->b'] },
      { fromMs: 2000, toMs: 3000, state: 'open', breakers: ['a->b', 'a->c'] },
      { fromMs: 3000, toMs: 4000, state: 'open', breakers: ['a->c'] },
      { fromMs: 4000, toMs: 4500, state: 'halfOpen', breakers: ['a->c'] },
      { fromMs: 4500, toMs: 5000, state: 'open', breakers: ['a->c'] },
      { fromMs: 5000, toMs: 5100, state: 'halfOpen', breakers: ['a->c'] },
      // still open at the end
      { fromMs: 8000, toMs: 10_000, state: 'open', breakers: ['a->b'] },
    ]);
    // up to an earlier time: later transitions are not known yet
    expect(breakerBands(breakers, 2500)).toEqual([
      { fromMs: 1000, toMs: 2000, state: 'open', breakers: ['a->b'] },
      { fromMs: 2000, toMs: 2500, state: 'open', breakers: ['a->b', 'a->c'] },
    ]);
    expect(breakerBands({}, 1000)).toEqual([]);
    expect(breakerBands({ x: { refused: 0, transitions: [] } }, 1000)).toEqual([]);
  });

  it('ranks nodes by utilization, then requests in the system, then arrivals', () => {
    const node = (utilization: number, meanInSystem: number, arrivals: number) => ({
      arrivals,
      ok: 0,
      errors: 0,
      rejected: 0,
      utilization,
      meanInSystem,
      latencyMs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 },
    });
    const report = {
      nodes: { a: node(0.2, 1, 10), b: node(0.9, 1, 10), q: node(0, 30, 10), lb: node(0, 0, 99), c: node(0.2, 1, 10) },
    } as unknown as Report;
    expect(busiestNodes(['a', 'b', 'q', 'lb', 'c', 'x'], report)).toEqual(['b', 'a', 'c', 'q', 'lb', 'x']);
    expect(busiestNodes(['b', 'a'], null)).toEqual(['a', 'b']);
  });
});

describe('format', () => {
  it('prints axis values and times compactly', () => {
    expect(formatShort(0)).toBe('0');
    expect(formatShort(0.25)).toBe('0.25');
    expect(formatShort(1.5)).toBe('1.5');
    expect(formatShort(12.34)).toBe('12.3');
    expect(formatShort(450)).toBe('450');
    expect(formatShort(12_345)).toBe('12.3k');
    expect(formatShort(2_500_000)).toBe('2.5M');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(12.5)).toBe('12.5s');
    expect(formatSeconds(125)).toBe('2m05s');
    expect(formatSeconds(5400)).toBe('1h30m');
  });
});

function chartProps(over: Partial<ChartProps> = {}): ChartProps {
  return {
    title: 'Success rate',
    data: [new Float64Array([1, 2, 3]), new Float64Array([90, 95, NaN])],
    series: [{ label: 'web', color: '--bp-series-0' }],
    format: (v) => v.toFixed(1),
    unit: '%',
    durationMs: 10_000,
    timeMs: 2_500,
    ...over,
  };
}

describe('Chart', () => {
  it('makes one uPlot, feeds it new data without making another, and destroys it on unmount', () => {
    const props = chartProps();
    const { rerender, unmount } = render(<Chart {...props} />);
    expect(plots).toHaveLength(1);
    const plot = plots[0];
    expect(plot.data).toBe(props.data);
    expect(plot.opts.series).toHaveLength(2);
    expect(plot.opts.series[1].label).toBe('web');

    rerender(<Chart {...props} timeMs={3000} />);
    expect(plot.setData).not.toHaveBeenCalled();

    const next: import('uplot').AlignedData = [new Float64Array([1, 2, 3, 4]), new Float64Array([90, 95, NaN, 99])];
    rerender(<Chart {...props} data={next} />);
    expect(plots).toHaveLength(1);
    expect(plot.setData).toHaveBeenCalledTimes(1);
    expect(plot.setData).toHaveBeenCalledWith(next);

    // other lines: a new instance in place of the old one
    rerender(<Chart {...props} data={next} series={[{ label: 'mobile', color: '--bp-series-1', dashed: true }]} />);
    expect(plots).toHaveLength(2);
    expect(plot.destroy).toHaveBeenCalledTimes(1);
    expect(plots[1].opts.series[1].dash).toEqual([5, 4]);

    unmount();
    expect(plots[1].destroy).toHaveBeenCalledTimes(1);
  });

  it('while a run plays (deferred), draws new data in a coming animation frame, the time and legend at once', () => {
    const frames: ((t: number) => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (fn: (t: number) => void) => frames.push(fn));
    try {
      const props = chartProps({ deferred: true });
      const { rerender } = render(<Chart {...props} />);
      const plot = plots[0];
      const now = plot.over.querySelector<HTMLElement>('.bp-chart-now')!;
      const next: import('uplot').AlignedData = [new Float64Array([1, 2, 3, 4]), new Float64Array([90, 95, 97, 99])];
      rerender(<Chart {...props} data={next} timeMs={4000} />);
      // the time line and the legend at once, from the new data; the drawing in the next frame
      expect(plot.setData).not.toHaveBeenCalled();
      expect(now.style.transform).toBe('translateX(40px)');
      expect(screen.getByText('99.0%')).toBeTruthy();
      expect(frames).toHaveLength(1);
      act(() => frames.shift()!(0));
      expect(plot.setData).toHaveBeenCalledWith(next);
      // paused again: at once
      rerender(<Chart {...props} deferred={false} data={next} timeMs={2000} />);
      expect(now.style.transform).toBe('translateX(20px)');
      expect(frames).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('seeks to the simulated time clicked', () => {
    const onSeek = vi.fn();
    render(<Chart {...chartProps({ onSeek })} />);
    fireEvent.click(plots[0].over, { clientX: 42 });
    expect(onSeek).toHaveBeenCalledWith(4200);
    // clamped to the run
    fireEvent.click(plots[0].over, { clientX: 5000 });
    expect(onSeek).toHaveBeenLastCalledWith(10_000);
  });

  it('marks the current time with a line and shows the values there in the legend', () => {
    const { rerender } = render(<Chart {...chartProps()} />);
    const now = plots[0].over.querySelector<HTMLElement>('.bp-chart-now')!;
    expect(now.style.transform).toBe('translateX(25px)');
    expect(screen.getByText('95.0%')).toBeTruthy();
    rerender(<Chart {...chartProps({ timeMs: 1_000 })} />);
    expect(now.style.transform).toBe('translateX(10px)');
    expect(screen.getByText('90.0%')).toBeTruthy();
    // a gap reads as a dash
    rerender(<Chart {...chartProps({ timeMs: 9_000 })} />);
    expect(screen.getByText('–')).toBeTruthy();
  });

  it('repaints with colours read again when the theme changes', async () => {
    render(<Chart {...chartProps()} />);
    const plot = plots[0];
    plot.redraw.mockClear();
    await act(async () => {
      document.documentElement.dataset.theme = 'dark';
      await Promise.resolve();
    });
    expect(plot.redraw).toHaveBeenCalled();
    delete document.documentElement.dataset.theme;
  });

  it('draws fault spans and breaker bands behind the lines, and gaps where values are NaN', () => {
    render(
      <Chart
        {...chartProps({
          faults: [{ atMs: 2000, untilMs: 4000, kind: 'crash', label: 'crash api' }],
          bands: [{ fromMs: 5000, toMs: 6000, state: 'open', breakers: ['a->b'] }],
        })}
      />,
    );
    const plot = plots[0];
    const rects: number[][] = [];
    const texts: string[] = [];
    const ctx = {
      save: vi.fn(),
      restore: vi.fn(),
      beginPath: vi.fn(),
      rect: vi.fn(),
      clip: vi.fn(),
      moveTo: vi.fn(),
      lineTo: vi.fn(),
      stroke: vi.fn(),
      setLineDash: vi.fn(),
      fillRect: (...r: number[]) => rects.push(r),
      fillText: (t: string) => texts.push(t),
      measureText: (t: string) => ({ width: t.length * 5 }),
    };
    const u = Object.assign(plot, { ctx, valToPos: (v: number) => v * 10 });
    const drawClear = plot.opts.hooks!.drawClear as ((u: unknown) => void)[];
    drawClear[0](u);
    // the band (a tint and a strip along the top), then the fault's span
    expect(rects).toEqual([
      [50, 0, 10, 100],
      [50, 0, 10, 3],
      [20, 0, 20, 100],
    ]);
    expect(texts).toEqual(['crash api']);

    const gaps = plot.opts.series[1].gaps as (u: unknown, i: number, i0: number, i1: number, g: unknown[]) => unknown;
    expect(gaps(plot, 1, 0, 2, [])).toEqual([[20, 30]]);
  });

  it('groups lines in the legend, the current run first', () => {
    const entries = legendEntries([
      { label: 'web p99 (baseline)', color: '--a', dashed: true, legend: { group: 'web (baseline)', name: 'p99' } },
      { label: 'web p50 (baseline)', color: '--a', dashed: true, legend: { group: 'web (baseline)', name: 'p50' } },
      { label: 'web p99', color: '--a', legend: { group: 'web', name: 'p99' } },
      { label: 'web p50', color: '--a', legend: { group: 'web', name: 'p50' } },
      { label: 'api', color: '--b' },
    ]);
    expect(entries.map((e) => [e.label, e.lines.map((l) => `${l.index}:${l.name}`)])).toEqual([
      ['web', ['2:p99', '3:p50']],
      ['api', ['4:']],
      ['web (baseline)', ['0:p99', '1:p50']],
    ]);
  });
});

function nodeReport(arrivals: number, utilization: number, p: number) {
  return {
    arrivals,
    ok: arrivals - 2,
    errors: 1,
    rejected: 1,
    utilization,
    meanInSystem: 1.5,
    latencyMs: { mean: p, p50: p, p90: p * 2, p95: p * 3, p99: p * 4, max: p * 5 },
  };
}

function fakeReport(over: Partial<Report> = {}): Report {
  return {
    format: 'backpressure.report',
    version: 1,
    seed: 7,
    durationMs: 60_000,
    events: 123_456,
    clients: {
      web: {
        requests: 1200,
        succeeded: 1170,
        failed: 20,
        inFlight: 10,
        attempts: 1440,
        failures: { error: 5, timeout: 15, rejected: 0, unavailable: 0, circuitOpen: 0 },
        retriesDenied: 0,
        lateAnswers: 0,
        latencyMs: { mean: 20, p50: 12.5, p90: 40, p95: 55.25, p99: 120, max: 480.5 },
      },
    },
    nodes: {
      api: nodeReport(1500, 0.8125, 10),
      db: nodeReport(900, 0.25, 2),
      lb: nodeReport(1600, 0, 0.5),
      q: nodeReport(10, 0.1, 1),
      cache: nodeReport(20, 0.05, 1),
      auth: nodeReport(30, 0.5, 1),
      search: nodeReport(40, 0.6, 1),
    },
    edges: { 'web-api': { messages: 3000, lost: 2, bytes: 1_500_000 } },
    breakers: {
      'api->db': {
        refused: 40,
        transitions: [
          { atMs: 1000, from: 'closed', to: 'open' },
          { atMs: 6000, from: 'open', to: 'halfOpen' },
        ],
      },
    },
    caches: {},
    health: {},
    outliers: {},
    ...over,
  };
}

function samplesFor(n: number): SeriesSample[] {
  return Array.from({ length: n }, (_, i) =>
    sample(
      (i + 1) * 100,
      { web: { started: 10, succeeded: 10, attempts: 12, p50: 5, p95: 9, p99: 12 } },
      Object.fromEntries(
        ['api', 'db', 'lb', 'q', 'cache', 'auth', 'search'].map((id) => [id, { utilization: 0.5, queued: 1 }]),
      ),
    ),
  );
}

function renderDashboard(over: Partial<DashboardProps> = {}) {
  const props: DashboardProps = {
    samples: samplesFor(20),
    report: fakeReport(),
    faults: [],
    timeMs: 2000,
    durationMs: 60_000,
    ...over,
  };
  return { props, ...render(<Dashboard {...props} />) };
}

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('Dashboard', () => {
  it('invites to press play before a run', () => {
    const onKeepBaseline = vi.fn();
    renderDashboard({ samples: [], report: null, onKeepBaseline });
    expect(screen.getByText(EMPTY_MESSAGE)).toBeTruthy();
    expect(plots).toHaveLength(0);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Keep as baseline' }).disabled).toBe(true);
  });

  it('charts clients: success rate, latency percentiles, throughput and attempts per request', () => {
    renderDashboard();
    expect(screen.getByRole('tab', { name: 'Clients' }).getAttribute('aria-selected')).toBe('true');
    expect(plots.map((p) => p.opts.series.slice(1).map((s) => s.label))).toEqual([
      ['web'],
      ['web p99', 'web p95', 'web p50'],
      ['web'],
      ['web'],
    ]);
    expect(screen.getByRole('region', { name: 'Success rate' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Attempts per request' })).toBeTruthy();
    // x in seconds, one column per line
    expect(list(plots[3].data[0] as Float64Array).slice(0, 2)).toEqual([0.1, 0.2]);
    expect(list(plots[3].data[1] as Float64Array)[0]).toBe(1.2);
  });

  it('overlays a baseline dashed on every chart, labelled', () => {
    const onClearBaseline = vi.fn();
    renderDashboard({
      baseline: { samples: samplesFor(40), report: fakeReport(), label: 'run 1' },
      onClearBaseline,
      onKeepBaseline: vi.fn(),
    });
    expect(plots[0].opts.series.slice(1).map((s) => [s.label, !!s.dash])).toEqual([
      ['web (baseline)', true],
      ['web', false],
    ]);
    expect(plots[1].opts.series).toHaveLength(7);
    // the baseline's length of time, the current run padded
    expect(plots[0].data[0]).toHaveLength(40);
    expect(list(plots[0].data[2] as Float64Array)[25]).toBeNaN();
    expect(screen.getByText(/Baseline: run 1/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear baseline' }));
    expect(onClearBaseline).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Keep as new baseline' })).toBeTruthy();
  });

  it('keeps charts and feeds them as samples arrive', () => {
    const samples = samplesFor(10);
    const { props, rerender } = renderDashboard({ samples });
    expect(plots).toHaveLength(4);
    samples.push(...samplesFor(12).slice(10));
    rerender(<Dashboard {...props} samples={[...samples]} timeMs={1200} />);
    expect(plots).toHaveLength(4);
    for (const p of plots) expect(p.setData).toHaveBeenCalledTimes(1);
    expect(plots[0].data[0]).toHaveLength(12);
    // time moving on alone feeds no data
    rerender(<Dashboard {...props} samples={[...samples]} timeMs={1250} />);
    for (const p of plots) expect(p.setData).toHaveBeenCalledTimes(1);
  });

  it('seeks when a chart is clicked', () => {
    const onSeek = vi.fn();
    renderDashboard({ onSeek });
    fireEvent.click(plots[2].over, { clientX: 150 });
    expect(onSeek).toHaveBeenCalledWith(15_000);
  });

  it('past eight clients, charts the eight with the most requests, and others on request', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const samples = Array.from({ length: 10 }, (_, k) =>
      sample((k + 1) * 100, Object.fromEntries(ids.map((id) => [id, { started: 1, succeeded: 1 }]))),
    );
    const base = fakeReport().clients.web!;
    // c11 started the most requests, c00 the fewest
    const clients = Object.fromEntries(ids.map((id, i) => [id, { ...base, requests: 100 + i }]));
    renderDashboard({ samples, report: fakeReport({ clients }) });
    // the four client charts, made again when their lines change: the first of the latest four
    const shown = () =>
      plots
        .at(-4)!
        .opts.series.slice(1)
        .map((s) => s.label);
    expect(DEFAULT_CLIENT_COUNT).toBe(8);
    // in the document's order
    expect(shown()).toEqual(ids.slice(4));
    expect(screen.getByText(/Clients: busiest 8 of 12/)).toBeTruthy();
    const menu = screen.getByRole('group', { name: 'Clients to chart' });
    fireEvent.click(within(menu).getByLabelText('c00'));
    expect(shown()).toEqual(['c00', ...ids.slice(4)]);
    fireEvent.click(within(menu).getByRole('button', { name: 'Busiest 8' }));
    expect(shown()).toEqual(ids.slice(4));
  });

  it('while playing, ranks the clients again every 10 s of simulated time, not with every report', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const samples = Array.from({ length: 10 }, (_, k) =>
      sample((k + 1) * 100, Object.fromEntries(ids.map((id) => [id, { started: 1, succeeded: 1 }]))),
    );
    const base = fakeReport().clients.web!;
    const ranking = (most: (i: number) => number) =>
      fakeReport({ clients: Object.fromEntries(ids.map((id, i) => [id, { ...base, requests: most(i) }])) });
    const { props, rerender } = renderDashboard({ samples, report: ranking((i) => i), playing: true, timeMs: 1000 });
    const shown = () =>
      plots
        .at(-4)!
        .opts.series.slice(1)
        .map((s) => s.label);
    expect(shown()).toEqual(ids.slice(4));
    // the order turns round within the same 10 s: the same lines
    rerender(<Dashboard {...props} report={ranking((i) => 100 - i)} timeMs={9000} />);
    expect(shown()).toEqual(ids.slice(4));
    rerender(<Dashboard {...props} report={ranking((i) => 100 - i)} timeMs={10_500} />);
    expect(shown()).toEqual(ids.slice(0, 8));
  });

  it('charts every client when there are eight or fewer, without a picker', () => {
    renderDashboard();
    expect(plots[0]!.opts.series.slice(1).map((s) => s.label)).toEqual(['web']);
    expect(screen.queryByRole('group', { name: 'Clients to chart' })).toBeNull();
  });

  it('charts the busiest nodes by default, and others on request', () => {
    renderDashboard();
    fireEvent.click(screen.getByRole('tab', { name: 'Nodes' }));
    const shown = () =>
      plots
        .at(-1)!
        .opts.series.slice(1)
        .map((s) => s.label);
    // in the order of the samples, the five busiest by utilization
    expect(shown()).toEqual(['api', 'db', 'q', 'auth', 'search']);
    expect(DEFAULT_NODE_COUNT).toBe(5);
    expect(
      plots
        .at(-2)!
        .opts.series.slice(1)
        .map((s) => s.label),
    ).toEqual(shown());
    expect(screen.getByText(/busiest 5 of 7/)).toBeTruthy();
    const menu = screen.getByRole('group', { name: 'Nodes to chart' });
    fireEvent.click(within(menu).getByLabelText('lb'));
    expect(shown()).toEqual(['api', 'db', 'lb', 'q', 'auth', 'search']);
    fireEvent.click(within(menu).getByLabelText('api'));
    expect(shown()).toEqual(['db', 'lb', 'q', 'auth', 'search']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Busiest 5' }));
    expect(shown()).toEqual(['api', 'db', 'q', 'auth', 'search']);
    // the menu closes like one: a click elsewhere, or Escape
    const details = menu.closest('details')!;
    details.open = true;
    fireEvent.pointerDown(menu);
    expect(details.open).toBe(true);
    fireEvent.pointerDown(document.body);
    expect(details.open).toBe(false);
    details.open = true;
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(details.open).toBe(false);
  });

  it('shows the report as tables like the command line', () => {
    renderDashboard({
      nodeInfo: { api: { kind: 'service', label: 'API' }, db: { kind: 'database' }, lb: { kind: 'loadBalancer' } },
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    expect(plots.every((p) => p.destroyed)).toBe(true);
    expect(screen.getByText(/seed 7, 60 s simulated, 123,456 events/)).toBeTruthy();

    const clients = screen.getByRole('table', { name: 'Clients' });
    expect(
      within(clients)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'client',
      'requests',
      'succeeded',
      'ok %',
      'failed',
      'in flight',
      'attempts',
      'attempts/req',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
    ]);
    const web = within(clients).getByRole('row', { name: /^web/ });
    expect(cellsOf(web)).toEqual([
      '1,200',
      '1,170',
      '98.3',
      '20',
      '10',
      '1,440',
      '1.20',
      '12.5',
      '55.3',
      '120.0',
      '480.5',
    ]);
    expect(screen.getByText('web failed by: error 5, timeout 15')).toBeTruthy();

    const nodes = screen.getByRole('table', { name: 'Nodes' });
    expect(cellsOf(within(nodes).getByRole('row', { name: /^API \(api\)/ }))).toEqual([
      'service',
      '1,500',
      '1,498',
      '1',
      '1',
      '81.3',
      '1.50',
      '10.0',
      '40.0',
    ]);
    // no workers on a balancer: no utilization
    expect(cellsOf(within(nodes).getByRole('row', { name: /^lb/ }))[5]).toBe('-');

    const breakers = screen.getByRole('table', { name: 'Circuit breakers' });
    expect(cellsOf(within(breakers).getByRole('row', { name: /^api->db/ }))).toEqual(['1', '2', '40', 'halfOpen']);
    expect(screen.getByRole('table', { name: 'Edges' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Caches' })).toBeNull();
  });

  it('compares the summary with the baseline: baseline → current and the difference', () => {
    const base = fakeReport();
    const cur = fakeReport({
      clients: {
        web: {
          ...base.clients.web,
          succeeded: 1190,
          failed: 0,
          attempts: 1200,
          latencyMs: { ...base.clients.web.latencyMs, p99: 80 },
        },
      },
      breakers: {},
    });
    renderDashboard({ report: cur, baseline: { samples: samplesFor(20), report: base, label: 'before' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    expect(screen.getByText(/compared with before: seed 7, 60 s/)).toBeTruthy();
    const web = within(screen.getByRole('table', { name: 'Clients' })).getByRole('row', { name: /^web/ });
    const cells = cellsOf(web);
    expect(cells[0]).toBe('1,200 =');
    expect(cells[1]).toBe('1,170 → 1,190 +20');
    expect(cells[2]).toBe('98.3 → 100.0 +1.7 pp');
    expect(cells[3]).toBe('20 → 0 −20');
    expect(cells[6]).toBe('1.20 → 1.00 −0.20');
    expect(cells[9]).toBe('120.0 → 80.0 −40.0');
    const deltas = within(web).getAllByText(/^[+−]/);
    expect(deltas.some((d) => d.classList.contains('worse'))).toBe(false);
    expect(within(web).getByText('+20').classList.contains('better')).toBe(true);
    expect(within(web).getByText('−40.0').classList.contains('better')).toBe(true);
    // a breaker only the baseline had
    const breakers = screen.getByRole('table', { name: 'Circuit breakers' });
    expect(within(breakers).getByText('baseline only')).toBeTruthy();
  });

  it('reads the same numbers as the command line for a real run', () => {
    const parsed = parseDocument(
      readFileSync(path.join(process.cwd(), 'assets/templates/retry-storm-with-jitter.bp.json'), 'utf8'),
    );
    if (!parsed.ok) throw new Error('the template does not validate');
    const doc: TopologyDocument = parsed.document;
    const sim = createSimulation(doc, { durationMs: 12_000 });
    sim.runUntil(12_000);
    const report = sim.report();
    const text = reportText(doc, report).split('\n');
    const nodeInfo = Object.fromEntries(doc.nodes.map((n) => [n.id, { kind: n.kind }]));
    renderDashboard({ report, nodeInfo, faults: doc.faults });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));

    const row = (title: string, id: string) =>
      cellsOf(within(screen.getByRole('table', { name: title })).getByRole('row', { name: new RegExp(`^${id}`) }));
    const cli = (id: string) =>
      text
        .find((l) => l.startsWith(`${id} `))!
        .trim()
        .split(/\s{2,}/);
    for (const id of Object.keys(report.clients)) {
      const [, requests, ok, failed, inFlight, perReq, , p50, p95, p99] = cli(id);
      const [dRequests, , dOk, dFailed, dInFlight, , dPerReq, dP50, dP95, dP99] = row('Clients', id);
      expect([dRequests, dOk, dFailed, dInFlight, dPerReq, dP50, dP95, dP99]).toEqual([
        requests,
        ok,
        failed,
        inFlight,
        perReq,
        p50,
        p95,
        p99,
      ]);
    }
    for (const id of Object.keys(report.nodes)) {
      const [, kind, arrivals, ok, errors, rejected, util, inSystem, p50, p99] = cli(id);
      expect(row('Nodes', id)).toEqual([kind, arrivals, ok, errors, rejected, util, inSystem, p50, p99]);
    }
  });
});
