/**
 * Number formatting for the report, in the command line and the dashboard. Locale-independent on purpose: the same report prints the same text on
 * every machine, so outputs diff cleanly.
 */

/** Thousands separated by commas: `1234567` -> `1,234,567`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Milliseconds with a precision that suits their size: `0.512`, `2.35`, `12.3`, `230.4`, `12,345`.
 */
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
