/** Tick positions for chart axes: round numbers a reader can add up, and time in seconds or minutes. */

/** About `count` round ticks from `min` to `max` (1, 2 or 5 times a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; step: number } {
  if (!(max > min)) return { ticks: [min], step: 1 };
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  // integer multiples, so 0.1 + 0.2 never prints as 0.30000000000000004
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) ticks.push(round(i * step, step));
  return { ticks, step };
}

/** The top of a y axis: the first round tick at or above `max`. */
export function niceMax(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const { step } = niceTicks(0, max, count);
  return Math.ceil(max / step - 1e-9) * step;
}

function round(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(12, digits)));
}

const TIME_STEPS_S = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
  21600,
];

/** Time ticks over a run, in ms, at a step a clock reads well (5 s, 10 s, 1 min, ...), at most about `count`. */
export function timeTicks(durationMs: number, count = 7): number[] {
  const seconds = durationMs / 1000;
  const step = TIME_STEPS_S.find((s) => seconds / s <= count) ?? Math.ceil(seconds / count / 3600) * 3600;
  const ticks: number[] = [];
  for (let i = 0; i * step <= seconds + 1e-9; i++) ticks.push(Math.round(i * step * 1000 * 1000) / 1000);
  return ticks;
}

/** The unit time ticks of a run are labelled in: seconds up to 5 minutes, minutes up to 5 hours, else hours. */
export function timeUnit(durationMs: number): { name: string; ms: number } {
  if (durationMs <= 300_000) return { name: 's', ms: 1000 };
  if (durationMs <= 5 * 3_600_000) return { name: 'min', ms: 60_000 };
  return { name: 'h', ms: 3_600_000 };
}

/** A tick value as text: no more decimals than it has (`0.25`, `1.5`, `40`), thousands with commas. */
export function tickLabel(v: number): string {
  if (Math.abs(v) >= 1000)
    return Math.round(v)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return String(Number(v.toFixed(3)));
}
