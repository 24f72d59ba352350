import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatSeconds } from './format.js';
import { indexAtOrBefore, maxOf, nanGaps, type BreakerBand, type FaultSpan } from './series.js';
import { setText } from '../shell/setText.js';
import { cancelFrameJob, scheduleFrameJob } from './frameQueue.js';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  /** A CSS colour, or the name of a custom property that holds one (`--bp-series-0`). */
  color: string;
  /** Dashed: a baseline run. */
  dashed?: boolean;
  /** Line width in CSS pixels (1.5 by default). */
  width?: number;
  /** Opacity, 0..1 (1 by default). */
  alpha?: number;
  /**
   * Lines of one group share a legend entry (`web  p99 120 · p95 80 · p50 40 ms`): `group` names the entry, `name`
   * each line in it.
   */
  legend?: { group: string; name: string };
}

interface LegendEntry {
  label: string;
  color: string;
  dashed: boolean;
  alpha: number;
  /** Indexes into the series, with their names inside the entry (empty for a one-line entry). */
  lines: { index: number; name: string }[];
}

/** Legend entries: grouped lines together, the current run's before the baseline's. */
export function legendEntries(series: readonly ChartSeries[]): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const byGroup = new Map<string, LegendEntry>();
  series.forEach((s, index) => {
    const key = s.legend ? `${s.dashed ? 'b' : 'c'}:${s.legend.group}` : null;
    const existing = key !== null ? byGroup.get(key) : undefined;
    if (existing) {
      existing.lines.push({ index, name: s.legend!.name });
      return;
    }
    const entry: LegendEntry = {
      label: s.legend?.group ?? s.label,
      color: s.color,
      dashed: !!s.dashed,
      alpha: s.legend ? 1 : (s.alpha ?? 1),
      lines: [{ index, name: s.legend?.name ?? '' }],
    };
    entries.push(entry);
    if (key !== null) byGroup.set(key, entry);
  });
  return entries.sort((a, b) => Number(a.dashed) - Number(b.dashed));
}

/** How the value axis is ranged: from 0 to `max` when given, else to the data's top but at least `atLeast`. */
export interface YRange {
  max?: number;
  atLeast?: number;
}

export interface ChartProps {
  title: string;
  /** uPlot's aligned data: x in simulated seconds, then one column per entry of `series`. */
  data: uPlot.AlignedData;
  series: readonly ChartSeries[];
  /** Formats a value for the axis and the readout. */
  format: (v: number) => string;
  /** Appended to readout values (`%`, ` ms`, `/s`). */
  unit?: string;
  y?: YRange;
  /** The run's simulated length: the x axis spans 0 to it. */
  durationMs: number;
  /** The current simulated time, drawn as a vertical line. */
  timeMs: number;
  faults?: readonly FaultSpan[];
  bands?: readonly BreakerBand[];
  /** Called with a simulated time when the chart is clicked. */
  onSeek?: (tMs: number) => void;
  /** Charts with the same key share their hover cursor. */
  syncKey?: string;
  /**
   * New data is drawn in a coming animation frame, sharing frames with other charts (see frameQueue.ts), rather than
   * at once; the time line and the legend follow at once. For a run that is playing.
   */
  deferred?: boolean;
}

interface Palette {
  series: string[];
  fg: string;
  muted: string;
  grid: string;
  danger: string;
  warn: string;
  fault: string;
  font: string;
}

const FALLBACK = '#888888';

/** Tick steps of the time axis, in simulated seconds: round numbers of seconds, minutes and hours. */
const TIME_STEPS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
  10800, 21600, 43200, 86400,
];

/** Reads the chart's colours from CSS custom properties on `el` (they follow the theme). */
function readPalette(el: Element | null, series: readonly ChartSeries[]): Palette {
  const style = el ? getComputedStyle(el) : null;
  const read = (name: string, fallback = FALLBACK) => style?.getPropertyValue(name).trim() || fallback;
  const resolve = (color: string) => (color.startsWith('--') ? read(color) : color);
  const family = style?.fontFamily || 'system-ui, sans-serif';
  return {
    series: series.map((s) => resolve(s.color)),
    fg: read('--bp-fg'),
    muted: read('--bp-muted'),
    grid: read('--bp-dash-grid', read('--bp-border')),
    danger: read('--bp-danger', '#c62828'),
    warn: read('--bp-warn', '#b45309'),
    fault: read('--bp-dash-fault', 'rgba(127, 127, 127, 0.14)'),
    font: family,
  };
}

/** A number that changes whenever the light/dark theme may have: the root's `data-theme` or the system's scheme. */
export function useThemeRevision(): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const bump = () => setRevision((r) => r + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    media?.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media?.removeEventListener('change', bump);
    };
  }, []);
  return revision;
}

/** What makes a chart need a new uPlot instance: its lines, not their data. */
function shapeOf(series: readonly ChartSeries[]): string {
  return JSON.stringify(
    series.map((s) => [s.label, s.color, !!s.dashed, s.width ?? 1.5, s.alpha ?? 1, s.legend?.group, s.legend?.name]),
  );
}

function niceTop(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max * 1.05) return m * step;
  return 10 * step;
}

function pixelRatio(): number {
  return (uPlot as { pxRatio?: number }).pxRatio ?? window.devicePixelRatio ?? 1;
}

/** Fault spans and breaker bands, behind the grid and the lines. */
function drawBackground(u: uPlot, props: ChartProps, palette: Palette): void {
  const { ctx, bbox } = u;
  const faults = props.faults ?? [];
  const bands = props.bands ?? [];
  if (faults.length === 0 && bands.length === 0) return;
  const r = pixelRatio();
  const xMax = u.scales.x.max ?? props.durationMs / 1000;
  const px = (ms: number) => u.valToPos(ms / 1000, 'x', true);
  const top = bbox.top;
  const height = bbox.height;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, top, bbox.width, height);
  ctx.clip();

  for (const band of bands) {
    const x0 = px(band.fromMs);
    const w = Math.max(px(band.toMs) - x0, r);
    ctx.fillStyle = band.state === 'open' ? palette.danger : palette.warn;
    ctx.globalAlpha = 0.1;
    ctx.fillRect(x0, top, w, height);
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x0, top, w, 3 * r);
  }
  ctx.globalAlpha = 1;

  ctx.font = `${10 * r}px ${palette.font}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const laneEnds: number[] = [];
  for (const f of faults) {
    const x0 = px(f.atMs);
    const x1 = px(f.untilMs ?? xMax * 1000);
    ctx.fillStyle = palette.fault;
    ctx.fillRect(x0, top, Math.max(x1 - x0, r), height);
    ctx.strokeStyle = palette.muted;
    ctx.lineWidth = r;
    ctx.setLineDash([3 * r, 3 * r]);
    ctx.beginPath();
    ctx.moveTo(Math.round(x0) + 0.5, top);
    ctx.lineTo(Math.round(x0) + 0.5, top + height);
    if (f.untilMs !== undefined) {
      ctx.moveTo(Math.round(x1) + 0.5, top);
      ctx.lineTo(Math.round(x1) + 0.5, top + height);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    // labels take the first lane where they do not run into the previous one
    const textWidth = ctx.measureText(f.label).width;
    let lane = laneEnds.findIndex((end) => end <= x0);
    if (lane < 0) lane = laneEnds.length;
    if (lane > 2) continue;
    laneEnds[lane] = x0 + textWidth + 8 * r;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, top, Math.max(x1 - x0, textWidth + 8 * r), height);
    ctx.clip();
    ctx.fillStyle = palette.muted;
    ctx.fillText(f.label, x0 + 4 * r, top + (6 + lane * 12) * r);
    ctx.restore();
  }
  ctx.restore();
}

/**
 * One uPlot chart: created once (again only when its lines change), fed new data with `setData`, sized to its box,
 * coloured from the theme's CSS variables, destroyed on unmount. Faults are shaded spans and breaker states coloured
 * bands behind the lines; a vertical line marks the current simulated time; a click seeks there. The legend shows
 * each line's value at the hovered time, or at the current time when the pointer is elsewhere.
 */
export function Chart(props: ChartProps) {
  const { title, data, series, timeMs, faults, bands, durationMs } = props;
  const rootRef = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLUListElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const nowRef = useRef<HTMLDivElement | null>(null);
  const propsRef = useRef(props);
  const paletteRef = useRef<Palette | null>(null);
  const dataRef = useRef<uPlot.AlignedData | null>(null);
  const visibleRef = useRef<Set<Element> | null>(null);
  const theme = useThemeRevision();
  const shape = shapeOf(series);

  useLayoutEffect(() => {
    propsRef.current = props;
  });

  /** Shows the values at the hovered row, or at the current time. */
  const readout = (u: uPlot) => {
    const legend = legendRef.current;
    // the newest data, which may not be drawn yet (see `deferred`); rows only ever grow, so indexes agree
    const data = propsRef.current.data;
    const x = data[0];
    if (!legend || !x) return;
    const hovered = u.cursor.idx;
    const idx = hovered ?? indexAtOrBefore(x, propsRef.current.timeMs / 1000);
    const { format, unit = '' } = propsRef.current;
    const visible = visibleRef.current;
    for (const entry of legend.children) {
      // entries scrolled out of the legend's box are filled in when they come into it
      if (visible && !visible.has(entry)) continue;
      entry.querySelectorAll<HTMLElement>('[data-value]').forEach((cell) => {
        const i = Number(cell.dataset.value);
        const v = idx >= 0 ? data[i + 1]?.[idx] : null;
        const text = v == null || !Number.isFinite(v) ? '–' : format(v);
        setText(cell, cell.dataset.unit !== undefined && text !== '–' ? `${text}${unit}` : text);
      });
    }
    if (timeRef.current) setText(timeRef.current, idx >= 0 && x.length > 0 ? formatSeconds(x[idx]) : '');
  };

  const placeNow = (u: uPlot) => {
    const line = nowRef.current;
    if (!line) return;
    const t = propsRef.current.timeMs / 1000;
    const left = u.valToPos(t, 'x');
    const visible = Number.isFinite(left) && t > 0 && t <= (u.scales.x?.max ?? Infinity);
    line.style.display = visible ? '' : 'none';
    if (visible) line.style.transform = `translateX(${Math.round(left)}px)`;
  };

  // the uPlot instance, made again only when the lines change
  useLayoutEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const palette = readPalette(rootRef.current, propsRef.current.series);
    paletteRef.current = palette;
    const current = () => paletteRef.current ?? palette;
    const p = propsRef.current;
    const axisFont = () => `10px ${current().font}`;
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 50),
      height: Math.max(el.clientHeight, 50),
      padding: [8, 14, 0, 0],
      legend: { show: false },
      cursor: {
        sync: p.syncKey ? { key: p.syncKey } : undefined,
        drag: { x: false, y: false, setScale: false },
        points: { size: 5 },
        // no point on a gap
        dataIdx: (u, seriesIdx, idx) => {
          const v = u.data[seriesIdx]?.[idx];
          return v == null || Number.isNaN(v) ? null : idx;
        },
      },
      scales: {
        x: {
          time: false,
          range: (_u, _min, max) => [0, Math.max(propsRef.current.durationMs / 1000, max ?? 0, 0.001)],
        },
        y: {
          range: (u) => {
            const y = propsRef.current.y ?? {};
            if (y.max !== undefined) return [0, y.max];
            // NaN rows (gaps) would upset uPlot's own scan, so the top is found here
            return [0, Math.max(niceTop(maxOf(u.data.slice(1))), y.atLeast ?? 0)];
          },
        },
      },
      axes: [
        {
          stroke: () => current().muted,
          font: axisFont(),
          size: 22,
          gap: 3,
          space: 56,
          grid: { stroke: () => current().grid, width: 1 },
          ticks: { stroke: () => current().grid, width: 1, size: 3 },
          incrs: TIME_STEPS,
          values: (_u, splits) => splits.map(formatSeconds),
        },
        {
          stroke: () => current().muted,
          font: axisFont(),
          size: 40,
          gap: 4,
          space: 22,
          grid: { stroke: () => current().grid, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => propsRef.current.format(v)),
        },
      ],
      series: [
        {},
        ...p.series.map((s, i): uPlot.Series => ({
          label: s.label,
          stroke: () => current().series[i] ?? FALLBACK,
          width: s.width ?? 1.5,
          dash: s.dashed ? [5, 4] : undefined,
          alpha: s.alpha,
          points: { show: false },
          gaps: (u, seriesIdx, idx0, idx1) =>
            nanGaps(u.data[0], u.data[seriesIdx], idx0, idx1, (v) => Math.round(u.valToPos(v, 'x', true))),
        })),
      ],
      hooks: {
        drawClear: [(u) => drawBackground(u, propsRef.current, current())],
        draw: [(u) => placeNow(u)],
        setCursor: [(u) => readout(u)],
      },
    };
    const u = new uPlot(opts, p.data, el);
    chartRef.current = u;
    dataRef.current = p.data;

    const now = document.createElement('div');
    now.className = 'bp-chart-now';
    u.over.appendChild(now);
    nowRef.current = now;
    placeNow(u);
    readout(u);

    const onClick = (e: MouseEvent) => {
      const seek = propsRef.current.onSeek;
      if (!seek) return;
      const rect = u.over.getBoundingClientRect();
      const t = u.posToVal(e.clientX - rect.left, 'x');
      if (!Number.isFinite(t)) return;
      seek(Math.min(Math.max(t * 1000, 0), propsRef.current.durationMs));
    };
    u.over.addEventListener('click', onClick);
    const onLeave = () => readout(u);
    u.over.addEventListener('mouseleave', onLeave);
    return () => {
      u.over.removeEventListener('click', onClick);
      u.over.removeEventListener('mouseleave', onLeave);
      u.destroy();
      chartRef.current = null;
      nowRef.current = null;
    };
  }, [shape]);

  // New data (no new instance) and the current time: at once, or in a coming frame when deferred.
  const [owner] = useState(() => ({}));
  /** Draws new data; the chart's canvas alone changes. */
  const draw = () => {
    const u = chartRef.current;
    const next = propsRef.current.data;
    if (!u || dataRef.current === next) return;
    dataRef.current = next;
    // drawn now, not in a microtask after this job: the frame queue's budget then counts the drawing
    u.batch(() => u.setData(next));
  };
  // The time line and the legend's values change at once, with everything else the page changes in this frame;
  // when deferred, the drawing waits for a frame with time to spare.
  useLayoutEffect(() => {
    const u = chartRef.current;
    if (!u) return;
    const fresh = dataRef.current !== data;
    if (props.deferred && fresh) scheduleFrameJob(owner, draw);
    else {
      cancelFrameJob(owner);
      draw();
    }
    placeNow(u);
    if (fresh || u.cursor.idx == null) readout(u);
  }, [data, timeMs]);
  useEffect(() => () => cancelFrameJob(owner), [owner]);

  // the theme changed: read the colours again and repaint
  useLayoutEffect(() => {
    const u = chartRef.current;
    if (!u) return;
    paletteRef.current = readPalette(rootRef.current, propsRef.current.series);
    if (theme > 0) u.redraw(false, true);
  }, [theme, shape]);

  // backgrounds and the x range are drawn from props: repaint when they change
  useLayoutEffect(() => {
    const u = chartRef.current;
    if (!u) return;
    const x = u.data[0] ?? [];
    u.setScale('x', { min: 0, max: Math.max(durationMs / 1000, x.length > 0 ? x[x.length - 1] : 0, 0.001) });
    u.redraw(false, false);
  }, [faults, bands, durationMs]);

  // Legend entries in the legend's scrolling box, where there is an IntersectionObserver (elsewhere all count as
  // seen): with dozens of lines, writing values nobody can see would make the browser lay the legend out again.
  useEffect(() => {
    const legend = legendRef.current;
    if (!legend || typeof IntersectionObserver === 'undefined') return;
    const visible = new Set<Element>();
    visibleRef.current = visible;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) visible.add(e.target);
          else visible.delete(e.target);
        }
        const u = chartRef.current;
        if (u) readout(u);
      },
      { root: legend },
    );
    for (const entry of legend.children) observer.observe(entry);
    return () => {
      observer.disconnect();
      visibleRef.current = null;
    };
  }, [shape]);

  // follow the box's size
  useEffect(() => {
    const el = plotRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const u = chartRef.current;
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      if (u && width > 0 && height > 0 && (width !== u.width || height !== u.height)) u.setSize({ width, height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <section className="bp-chart" ref={rootRef} aria-label={title}>
      <header className="bp-chart-head">
        <h3 className="bp-chart-title">{title}</h3>
        <span className="bp-chart-time" ref={timeRef} />
        <ul className="bp-chart-legend" ref={legendRef}>
          {legendEntries(series).map((entry) => (
            <li
              key={`${entry.lines[0].index}`}
              className={entry.dashed ? 'dashed' : undefined}
              title={entry.lines.map((l) => series[l.index].label).join(', ')}
            >
              <i
                className="bp-chart-swatch"
                style={{
                  borderColor: entry.color.startsWith('--') ? `var(${entry.color})` : entry.color,
                  opacity: entry.alpha,
                }}
              />
              <span className="bp-chart-label">{entry.label}</span>
              {entry.lines.map((line, j) => (
                <span key={line.index} className="bp-chart-line">
                  {line.name && <span className="bp-chart-name">{line.name}</span>}
                  <span
                    className="bp-chart-value"
                    data-value={line.index}
                    data-unit={j === entry.lines.length - 1 ? '' : undefined}
                  />
                </span>
              ))}
            </li>
          ))}
        </ul>
      </header>
      <div className="bp-chart-plot" ref={plotRef} />
    </section>
  );
}
