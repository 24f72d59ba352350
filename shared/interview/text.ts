import { formatBytes, formatCount } from '../format.js';

/** A rate or count: commas from 100 up, three significant digits below (`0.116`, `11.6`, `11,574`). */
export function formatFigure(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100 || n === 0) return formatCount(n);
  return String(Number(n.toPrecision(3)));
}

/** Bytes per second with the bit rate a network engineer would quote: `17.4 MB/s (139 Mbit/s)`. */
export function formatBandwidth(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  const units: [number, string][] = [
    [1e12, 'Tbit/s'],
    [1e9, 'Gbit/s'],
    [1e6, 'Mbit/s'],
    [1e3, 'kbit/s'],
  ];
  const [div, unit] = units.find(([d]) => bits >= d) ?? [1, 'bit/s'];
  return `${formatBytes(bytesPerSecond)}/s (${formatFigure(Number((bits / div).toPrecision(3)))} ${unit})`;
}

/** A duration in the unit people say it in: `250 ms`, `1.5 s`, `120 s`. */
export function formatDuration(ms: number): string {
  return Math.abs(ms) < 1000 ? `${formatFigure(ms)} ms` : `${formatFigure(ms / 1000)} s`;
}

/** Items joined for a sentence: `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
