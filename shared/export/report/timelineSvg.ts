/**
 * The run's timeline as inline SVG: one lane per fault with the span it was active in, then one lane per circuit
 * breaker (open, half-open), per health-checked target (marked down) and per outlier-detected target (ejected).
 */
import { tickLabel, timeTicks, timeUnit } from './axis.js';
import { escapeHtml } from './escape.js';
import type { FaultEntry, Span, StateLane } from './timeline.js';

export interface TimelineInput {
  durationMs: number;
  faults: readonly FaultEntry[];
  breakers: readonly StateLane[];
  health: readonly StateLane[];
  outliers: readonly StateLane[];
}

const W = 900;
const LABEL_W = 210;
const RIGHT = 14;
const LANE_H = 22;
const HEAD_H = 18;
const AXIS_H = 30;
const PW = W - LABEL_W - RIGHT;
/** Lane names longer than this are cut (with the whole name as a tooltip). */
const LABEL_CHARS = 30;

const fixed = (v: number) => (Math.round(v * 10) / 10).toString();
const secs = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;
const STATE_NAMES = { open: 'open', halfOpen: 'half-open', down: 'marked down', ejected: 'ejected' } as const;

/** Whether there is anything to draw. */
export function hasTimeline(input: TimelineInput): boolean {
  return input.faults.length + input.breakers.length + input.health.length + input.outliers.length > 0;
}

/** The timeline as an SVG element (empty string when there is nothing to show). */
export function renderTimeline(input: TimelineInput): string {
  if (!hasTimeline(input)) return '';
  const duration = Math.max(1, input.durationMs);
  const px = (t: number) => LABEL_W + (Math.min(Math.max(t, 0), duration) / duration) * PW;
  const stripes: string[] = [];
  const rows: string[] = [];
  let y = 4;

  const bar = (span: Span, cls: string, title: string) =>
    `<rect x="${fixed(px(span.fromMs))}" y="${y + 4}" width="${fixed(Math.max(px(span.toMs) - px(span.fromMs), 2))}" ` +
    `height="${LANE_H - 8}" rx="3" class="${cls}"><title>${escapeHtml(title)}</title></rect>`;
  const laneLabel = (text: string, sub?: string) =>
    `<text x="${LABEL_W - 10}" y="${y + LANE_H / 2}" dy="0.32em" text-anchor="end" class="lane-label">` +
    `${text.length > LABEL_CHARS ? `<title>${escapeHtml(text)}</title>` : ''}${escapeHtml(clip(text, LABEL_CHARS))}` +
    `${sub ? `<tspan class="lane-sub"> ${escapeHtml(sub)}</tspan>` : ''}</text>`;
  const stripe = (i: number) => {
    if (i % 2 === 0) stripes.push(`<rect x="0" y="${y}" width="${W}" height="${LANE_H}" class="lane-stripe"/>`);
  };
  const heading = (text: string) => {
    rows.push(`<text x="8" y="${y + 12}" class="lane-head">${escapeHtml(text)}</text>`);
    y += HEAD_H;
  };

  const groups: [string, readonly StateLane[]][] = [
    ['Circuit breakers', input.breakers],
    ['Health checks', input.health],
    ['Outlier ejections', input.outliers],
  ];
  if (input.faults.length > 0) {
    heading('Faults');
    input.faults.forEach((f, i) => {
      stripe(i);
      rows.push(laneLabel(f.label, `(${f.fault.id})`));
      if (f.span) {
        const until = f.fault.untilMs === undefined ? 'to the end' : secs(f.span.toMs);
        rows.push(bar(f.span, `tl-fault tl-${f.fault.kind}`, `${f.effect}: ${secs(f.span.fromMs)} – ${until}`));
      } else {
        rows.push(`<text x="${LABEL_W + 6}" y="${y + LANE_H / 2}" dy="0.32em" class="lane-sub">outside the run</text>`);
      }
      y += LANE_H;
    });
  }
  for (const [title, lanes] of groups) {
    if (lanes.length === 0) continue;
    heading(title);
    lanes.forEach((lane, i) => {
      stripe(i);
      rows.push(laneLabel(lane.name));
      for (const s of lane.spans) {
        rows.push(bar(s, `tl-${s.state}`, `${lane.name} ${STATE_NAMES[s.state]}: ${secs(s.fromMs)} – ${secs(s.toMs)}`));
      }
      if (lane.spans.length === 0) {
        rows.push(
          `<text x="${LABEL_W + 6}" y="${y + LANE_H / 2}" dy="0.32em" class="lane-sub">${
            title === 'Circuit breakers' ? 'stayed closed' : title === 'Health checks' ? 'stayed up' : 'never ejected'
          }</text>`,
        );
      }
      y += LANE_H;
    });
  }

  const unit = timeUnit(duration);
  const gridTop = 4;
  const ticks = timeTicks(duration, 10);
  const grid = ticks.map((t) => `M${fixed(px(t))} ${gridTop}V${y}`).join('');
  const labels = ticks
    .map((t) => `<text x="${fixed(px(t))}" y="${y + 16}" text-anchor="middle">${tickLabel(t / unit.ms)}</text>`)
    .join('');
  const height = y + AXIS_H;
  return (
    `<svg class="timeline-svg" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="timeline-title" ` +
    `xmlns="http://www.w3.org/2000/svg" style="aspect-ratio:${W}/${height}">` +
    `<title id="timeline-title">Timeline of faults and resilience states over ${secs(duration)}</title>` +
    stripes.join('') +
    `<path d="${grid}" class="grid"/>` +
    rows.join('') +
    `<path d="M${LABEL_W} ${y}H${LABEL_W + PW}" class="axis"/>` +
    `<g class="tick-labels">${labels}</g>` +
    `<text x="${LABEL_W + PW}" y="${height - 2}" text-anchor="end" class="unit">simulated time (${unit.name})</text>` +
    `</svg>`
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
