/**
 * Number formatting for the dashboard: the report's own (shared with the command line, so the summary table reads
 * the same in both) and a few for chart axes.
 */
export { formatBytes, formatCount, formatDecimal, formatMs, formatPercent } from '../../../shared/format.js';

/** A duration for people: `250 ms`, `1.5 s`, `90 s`, `2.5 min`, `24 h`. */
export function formatDuration(ms: number): string {
  const trim = (v: number) => String(Math.round(v * 1000) / 1000);
  if (ms < 1000) return `${trim(ms)} ms`;
  if (ms < 120_000) return `${trim(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

/** A time on a chart's axis or in its readout, in simulated seconds: `0s`, `12.5s`, `2m05s`, `1h30m`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '';
  if (s < 120) return `${Math.round(s * 1000) / 1000}s`;
  if (s < 3600) {
    const whole = Math.round(s);
    return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  }
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** A value with about three significant digits, for chart axes and readouts: `0.25`, `12.3`, `450`, `12.3k`. */
export function formatShort(v: number): string {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1e6) return `${trimZeros((v / 1e6).toFixed(a >= 1e7 ? 0 : 1))}M`;
  if (a >= 1e4) return `${trimZeros((v / 1e3).toFixed(a >= 1e5 ? 0 : 1))}k`;
  if (a >= 100 || a === 0) return String(Math.round(v));
  if (a >= 10) return trimZeros(v.toFixed(1));
  if (a >= 1) return trimZeros(v.toFixed(2));
  return trimZeros(v.toPrecision(2));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
