/** How to run a reported simulation again: the document's file name and the exact command line. */
import type { TopologyDocument } from '../../model/types.js';

/**
 * A file name for a document, from its name up to a colon or a dash that starts a subtitle:
 * `Cascading failure: a slow database` -> `cascading-failure.bp.json` (`topology.bp.json` when nothing is left).
 */
export function documentFileName(doc: Pick<TopologyDocument, 'name'>): string {
  const stem = doc.name
    .split(/:|\s[-–—]\s/)[0]!
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .slice(0, 60)
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${stem || 'topology'}.bp.json`;
}

/**
 * A duration as the command line's `--duration` reads it back exactly: whole hours (`2h`), whole minutes from ten
 * minutes on (`15m`), whole seconds (`60s`), else milliseconds (`1500ms`, `12.5ms`).
 */
export function durationFlag(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 600_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** A duration for people: `250 ms`, `1.5 s`, `90 s`, `2.5 min`, `24 h`. */
export function humanDuration(ms: number): string {
  const trim = (v: number) => String(Math.round(v * 1000) / 1000);
  if (ms < 1000) return `${trim(ms)} ms`;
  if (ms < 120_000) return `${trim(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

/** Quotes a shell word when it needs it (POSIX single quotes). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that reproduces a run: `backpressure run <file> --seed N --duration D`.
 *
 * @example reproduceCommand('checkout.bp.json', 7, 60000) // 'backpressure run checkout.bp.json --seed 7 --duration 60s'
 */
export function reproduceCommand(fileName: string, seed: number, durationMs: number): string {
  return `backpressure run ${shellWord(fileName)} --seed ${seed} --duration ${durationFlag(durationMs)}`;
}
