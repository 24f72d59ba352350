/**
 * Number formatting for the dashboard, the same as the command line's report (cli/format.ts), so the summary table
 * reads the same in both. Locale-independent on purpose.
 */

/** Thousands separated by commas: `1234567` -> `1,234,567`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds with a precision that suits their size: `0.512`, `2.35`, `12.3`, `230.4`, `12,345`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0';
  const a = Math.abs(ms);
  if (a < 1) return ms.toFixed(3);
  if (a < 10) return ms.toFixed(2);
  if (a < 10_000) return ms.toFixed(1);
  return formatCount(ms);
}

/**
 * A fraction in [0, 1] as a percentage with one decimal, never rounded to look perfect or empty when it is not:
 * 0.99996 prints `99.9`, not `100.0`, and 0.0004 prints `0.1`, not `0.0`.
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '-';
  const p = fraction * 100;
  let s = p.toFixed(1);
  if (fraction < 1 && s === '100.0') s = '99.9';
  if (fraction > 0 && s === '0.0') s = '0.1';
  return s;
}

/** A plain decimal with `digits` decimals, e.g. attempts per request or mean requests in system. */
export function formatDecimal(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '-';
}

const BYTE_UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in decimal units, as networks count them: `512 B`, `12.3 kB`, `4.6 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (Math.abs(bytes) < 1000) return `${Math.round(bytes)} B`;
  let v = bytes;
  let unit = 'B';
  for (const u of BYTE_UNITS) {
    if (Math.abs(v) < 999.95) break;
    v /= 1000;
    unit = u;
  }
  return `${v.toFixed(1)} ${unit}`;
}

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
