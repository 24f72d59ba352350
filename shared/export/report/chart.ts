/**
 * A line chart over the simulated time of a run as inline SVG: axes with ticks and units, lines with gaps where
 * there is nothing to plot, faults as shaded spans and circuit breakers' open and half-open times as bands, and an
 * HTML legend. Colours come from CSS classes (`c0`..`c7`), so one chart suits the light and the dark theme.
 */
import { niceMax, niceTicks, tickLabel, timeTicks, timeUnit } from './axis.js';
import { escapeHtml } from './escape.js';
import type { BreakerBand, Span } from './timeline.js';

/** One line of a chart. */
export interface ChartLine {
  /** Legend text, e.g. `users p99`. */
  label: string;
  /** Palette index (0..7, wraps). */
  color: number;
  /** Simulated times in ms and the values there; NaN is a gap. At most a few hundred points. */
  x: readonly number[];
  y: readonly number[];
  /** Stroke width in pixels (1.5 by default). */
  width?: number;
  /** 0..1 (1 by default). */
  opacity?: number;
}

export interface ChartSpec {
  /** An id unique in the page, for the SVG's clip path and accessibility. */
  id: string;
  title: string;
  /** The y axis unit, shown above it: `%`, `ms`, `req/s`, `×`. */
  unit: string;
  durationMs: number;
  lines: ChartLine[];
  /** The y axis: a fixed top (`max`), or the data's top but at least `atLeast`. Always from 0. */
  y?: { max?: number; atLeast?: number };
  /** How y ticks print (default: round numbers). */
  format?: (v: number) => string;
  faults?: { span: Span; label: string }[];
  bands?: BreakerBand[];
  /** A line under the chart (what it covers, how it was computed). */
  note?: string;
}

export const PALETTE_SIZE = 8;
const W = 600;
const H = 210;
const M = { left: 48, right: 12, top: 22, bottom: 30 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const fixed = (v: number) => (Math.round(v * 10) / 10).toString();

/** Path data for a line: one subpath per run of values, so gaps stay gaps (a lone value is a dot). */
export function linePath(
  xs: readonly number[],
  ys: readonly number[],
  px: (x: number) => number,
  py: (y: number) => number,
): string {
  let d = '';
  let open = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]!;
    if (!Number.isFinite(v)) {
      open = false;
      continue;
    }
    const p = `${fixed(px(xs[i]!))} ${fixed(py(v))}`;
    // a lone point: a zero-length segment, drawn as a dot by the round line cap
    const next = ys[i + 1];
    d += open ? `L${p}` : next !== undefined && Number.isFinite(next) ? `M${p}` : `M${p}l0 0`;
    open = true;
  }
  return d;
}

/** The chart as an HTML `<figure>`: a title, the SVG and a legend. */
export function renderChart(spec: ChartSpec): string {
  const format = spec.format ?? tickLabel;
  const duration = Math.max(spec.durationMs, 1);
  let dataMax = 0;
  for (const l of spec.lines) for (const v of l.y) if (Number.isFinite(v) && v > dataMax) dataMax = v;
  const top = spec.y?.max ?? niceMax(Math.max(dataMax, spec.y?.atLeast ?? 0));
  const px = (t: number) => M.left + (Math.min(Math.max(t, 0), duration) / duration) * PW;
  const py = (v: number) => M.top + PH - (Math.min(Math.max(v, 0), top) / top) * PH;
  const clip = `${spec.id}-clip`;
  const parts: string[] = [];

  // the clip leaves room for a line's width above the top and below 0, so a line there is not cut in half
  parts.push(
    `<defs><clipPath id="${clip}"><rect x="${M.left}" y="${M.top - 3}" width="${PW}" height="${PH + 6}"/></clipPath></defs>`,
  );
  // backgrounds: breaker bands, then faults
  for (const b of spec.bands ?? []) {
    const x0 = px(b.fromMs);
    const w = Math.max(px(b.toMs) - x0, 1);
    const cls = b.state === 'open' ? 'band-open' : 'band-half';
    const what = b.state === 'open' ? 'a circuit breaker open' : 'a circuit breaker half-open';
    parts.push(
      `<g class="${cls}"><title>${escapeHtml(`${what}, ${secs(b.fromMs)}–${secs(b.toMs)}`)}</title>` +
        `<rect x="${fixed(x0)}" y="${M.top}" width="${fixed(w)}" height="${PH}" class="band-fill"/>` +
        `<rect x="${fixed(x0)}" y="${M.top}" width="${fixed(w)}" height="3" class="band-edge"/></g>`,
    );
  }
  const laneEnds: number[] = [];
  for (const f of spec.faults ?? []) {
    const x0 = px(f.span.fromMs);
    const x1 = px(f.span.toMs);
    const label = escapeHtml(f.label);
    let lane = laneEnds.findIndex((end) => end <= x0);
    if (lane < 0) lane = laneEnds.length;
    // a rough width for a 10px label, enough to keep labels apart
    laneEnds[lane] = x0 + f.label.length * 5.6 + 10;
    parts.push(
      `<g class="fault"><title>${label}, ${secs(f.span.fromMs)}–${secs(f.span.toMs)}</title>` +
        `<rect x="${fixed(x0)}" y="${M.top}" width="${fixed(Math.max(x1 - x0, 1))}" height="${PH}" class="fault-fill"/>` +
        `<path d="M${fixed(x0)} ${M.top}V${M.top + PH}${f.span.toMs < duration ? `M${fixed(x1)} ${M.top}V${M.top + PH}` : ''}" class="fault-edge"/>` +
        (lane < 3
          ? `<text x="${fixed(x0 + 4)}" y="${M.top + 11 + lane * 12}" class="fault-label">${label}</text>`
          : '') +
        `</g>`,
    );
  }

  // grid and axes
  const yTicks = niceTicks(0, top, 4).ticks.filter((t) => t <= top + 1e-9);
  const grid: string[] = [];
  const labels: string[] = [];
  for (const t of yTicks) {
    const y = fixed(py(t));
    grid.push(`M${M.left} ${y}H${M.left + PW}`);
    labels.push(`<text x="${M.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(format(t))}</text>`);
  }
  const unit = timeUnit(duration);
  const xTicks = timeTicks(duration);
  const ticks: string[] = [];
  for (const t of xTicks) {
    const x = fixed(px(t));
    ticks.push(`M${x} ${M.top + PH}v4`);
    labels.push(`<text x="${x}" y="${M.top + PH + 16}" text-anchor="middle">${tickLabel(t / unit.ms)}</text>`);
  }
  parts.push(`<path d="${grid.join('')}" class="grid"/>`);
  parts.push(`<path d="M${M.left} ${M.top + PH}H${M.left + PW}${ticks.join('')}" class="axis"/>`);
  parts.push(`<g class="tick-labels">${labels.join('')}</g>`);
  parts.push(`<text x="0" y="10" class="unit">${escapeHtml(spec.unit)}</text>`);
  parts.push(
    `<text x="${M.left + PW}" y="${H - 2}" text-anchor="end" class="unit">simulated time (${unit.name})</text>`,
  );

  // lines, drawn over everything else
  const lines = spec.lines.map((l) => {
    const d = linePath(l.x, l.y, px, py);
    if (!d) return '';
    const width = l.width ?? 1.5;
    const opacity = l.opacity !== undefined && l.opacity < 1 ? ` stroke-opacity="${l.opacity}"` : '';
    return `<path d="${d}" class="line c${l.color % PALETTE_SIZE}" stroke-width="${width}"${opacity}><title>${escapeHtml(l.label)}</title></path>`;
  });
  parts.push(`<g clip-path="url(#${clip})">${lines.join('')}</g>`);

  const summary = `${spec.title}: ${spec.lines.map((l) => l.label).join(', ')} over ${secs(duration)}`;
  const svg =
    `<svg class="chart-svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${spec.id}-title" ` +
    `xmlns="http://www.w3.org/2000/svg"><title id="${spec.id}-title">${escapeHtml(summary)}</title>${parts.join('')}</svg>`;
  return (
    `<figure class="chart" id="${spec.id}"><figcaption>${escapeHtml(spec.title)}</figcaption>${svg}` +
    legend(spec) +
    (spec.note ? `<p class="chart-note">${escapeHtml(spec.note)}</p>` : '') +
    `</figure>`
  );
}

function legend(spec: ChartSpec): string {
  const items = spec.lines.map(
    (l) =>
      `<li><span class="swatch c${l.color % PALETTE_SIZE}"${l.opacity !== undefined && l.opacity < 1 ? ` style="opacity:${l.opacity}"` : ''}></span>${escapeHtml(l.label)}</li>`,
  );
  if ((spec.faults ?? []).length > 0) items.push('<li><span class="swatch fault"></span>fault</li>');
  const bands = spec.bands ?? [];
  if (bands.some((b) => b.state === 'open')) items.push('<li><span class="swatch band-open"></span>breaker open</li>');
  if (bands.some((b) => b.state === 'halfOpen'))
    items.push('<li><span class="swatch band-half"></span>breaker half-open</li>');
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** Seconds for tooltips: `20 s`, `12.35 s`. */
function secs(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
