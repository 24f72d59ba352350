/**
 * `--trace`: every message that moved on an edge, as JSON Lines, streamed to disk while the simulation runs.
 *
 * One object per line with a fixed key order:
 * `{"t0":12.5,"t1":13.25,"edge":"lb-api","dir":"forward","kind":"request","request":42,"outcome":"delivered"}`.
 * `t0` is when the message left, `t1` when it arrived (for a lost message, when it was dropped). Numbers are
 * printed the way `JSON.stringify` prints them, so one document and seed always give the same bytes.
 */
import { DIRECTIONS, MESSAGE_KINDS, MESSAGE_OUTCOMES, type MessageBatch } from '../shared/engine/index.js';
import { AtomicFile } from './atomicFile.js';

/** Messages the engine may hold before handing them over; bounds the memory a trace needs. */
export const TRACE_RING_CAPACITY = 65_536;
/** Lines per write: big enough to be fast, small enough that the text of one chunk stays a few MB. */
const LINES_PER_WRITE = 8192;

/** Renders message batches as JSON Lines. */
export class TraceFormatter {
  private readonly edgeJson: string[];
  private readonly dirJson = DIRECTIONS.map((d) => JSON.stringify(d));
  private readonly kindJson = MESSAGE_KINDS.map((k) => JSON.stringify(k));
  private readonly outcomeJson = MESSAGE_OUTCOMES.map((o) => JSON.stringify(o));

  constructor(edgeIds: readonly string[]) {
    this.edgeJson = edgeIds.map((id) => JSON.stringify(id));
  }

  /** Lines `from` (inclusive) to `to` (exclusive) of `batch`, each ending with a newline. */
  lines(batch: MessageBatch, from = 0, to = batch.count): string {
    let s = '';
    for (let i = from; i < to; i++) {
      s +=
        `{"t0":${num(batch.departMs[i])},"t1":${num(batch.arriveMs[i])},` +
        `"edge":${pick(this.edgeJson, batch.edge[i])},"dir":${pick(this.dirJson, batch.direction[i])},` +
        `"kind":${pick(this.kindJson, batch.kind[i])},"request":${num(batch.request[i])},` +
        `"outcome":${pick(this.outcomeJson, batch.outcome[i])}}\n`;
    }
    return s;
  }
}

/** JSON for a number; never `NaN` or `Infinity`, which are not JSON. */
function num(v: number): string {
  return Number.isFinite(v) ? JSON.stringify(v) : 'null';
}

function pick(table: readonly string[], code: number): string {
  const s = table[code];
  if (s === undefined) throw new Error(`trace: unknown code ${code} in a message batch`);
  return s;
}

/** Streams batches to a file that appears (atomically) only when `finish()` is called. */
export class TraceWriter {
  private readonly formatter: TraceFormatter;
  private readonly file: AtomicFile;
  /** Lines written so far. */
  count = 0;

  constructor(target: string, shownName: string, edgeIds: readonly string[]) {
    this.formatter = new TraceFormatter(edgeIds);
    this.file = new AtomicFile(target, shownName);
  }

  /** Writes one batch. Bound to the instance so it can be passed as the engine's `onFull` callback. */
  readonly write = (batch: MessageBatch): void => {
    if (batch.dropped > 0) {
      // with onFull set the engine must hand over every message; a gap would make the trace lie
      throw new Error(`trace: the engine dropped ${batch.dropped} messages`);
    }
    for (let from = 0; from < batch.count; from += LINES_PER_WRITE) {
      this.file.write(this.formatter.lines(batch, from, Math.min(batch.count, from + LINES_PER_WRITE)));
    }
    this.count += batch.count;
  };

  finish(): void {
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}
