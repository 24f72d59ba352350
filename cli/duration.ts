import { InputError } from './errors.js';

/** The longest run the command line accepts: one simulated day. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A `--duration` value that is not a duration the simulator can run. */
export class DurationError extends InputError {
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`--duration ${JSON.stringify(text)}: ${reason}`);
    this.name = 'DurationError';
  }
}

/**
 * Parses a simulated duration: a number of milliseconds (`1500`) or a number with a unit `ms`, `s`, `m` or `h`
 * (`250ms`, `60s`, `1.5m`, `2h`; a space before the unit is allowed). It must be more than 0 and at most 24 h.
 *
 * @throws DurationError with a message that says what is accepted.
 * @example parseDuration('1.5m') // 90000
 */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*([a-z]*)\s*$/i.exec(text);
  if (!m) {
    throw new DurationError(
      text,
      'expected milliseconds or a number with a unit ms, s, m or h (e.g. 1500, 250ms, 60s, 1.5m, 2h)',
    );
  }
  const unit = m[3].toLowerCase();
  const scale = unit === '' ? 1 : UNIT_MS[unit];
  if (scale === undefined) {
    throw new DurationError(text, `unknown unit "${m[3]}"; use ms, s, m or h (e.g. 250ms, 60s, 1.5m, 2h)`);
  }
  const ms = Number(m[1] + (m[2] !== undefined ? `e${m[2]}` : '')) * scale;
  if (!(ms > 0)) throw new DurationError(text, 'must be more than 0');
  if (ms > MAX_DURATION_MS) throw new DurationError(text, 'must be at most 24h of simulated time');
  return ms;
}

/**
 * A duration for people: `250 ms`, `1.5 s`, `90 s`, `2.5 min`, `24 h` (at most three decimals, no trailing zeros).
 */
export function formatDuration(ms: number): string {
  const trim = (v: number) => String(Math.round(v * 1000) / 1000);
  if (ms < 1000) return `${trim(ms)} ms`;
  if (ms < 120_000) return `${trim(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}
