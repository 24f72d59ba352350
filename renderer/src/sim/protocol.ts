import type { MessageBatch, Report } from '../../../shared/engine/index.js';
import type { Problem } from '../../../shared/model/schema.js';
import type { Fault, TopologyDocument } from '../../../shared/model/types.js';
import type { SeriesSample } from '../../../shared/series.js';

/**
 * The messages between the editor and the simulation worker. The worker owns the one running simulation (the
 * shared core, never a second implementation); the editor asks it to advance to a simulated time and receives a
 * frame: the messages that travelled meanwhile, the live state of every node and edge, and new chart samples.
 * Every request carries the `runId` of the run it is about; replies for an older run are ignored.
 */

export type ToWorker =
  /** Starts a new run of `doc` (faults included) from time 0. */
  | { type: 'load'; runId: number; doc: TopologyDocument; seed: number; durationMs: number }
  /** Runs up to `toMs` (clamped to the duration) and replies with a frame. */
  | { type: 'advance'; runId: number; toMs: number }
  /** Adds a fault at the current simulated time (or its own `atMs` when later); replies with `injected`. */
  | { type: 'inject'; runId: number; fault: Fault }
  /** Drops the run. */
  | { type: 'stop'; runId: number };

export type FromWorker =
  | { type: 'loaded'; runId: number; nodeIds: string[]; edgeIds: string[]; durationMs: number; seed: number }
  | { type: 'frame'; runId: number; frame: Frame }
  | { type: 'injected'; runId: number; fault: Fault }
  /** The document does not validate (every problem), or the run failed. */
  | { type: 'failed'; runId: number; problems: Problem[]; message: string };

/** Breaker states, by code, as drawn on the edge a breaker guards. */
export const BREAKER_NONE = 0;
export const BREAKER_CLOSED = 1;
export const BREAKER_OPEN = 2;
export const BREAKER_HALF_OPEN = 3;

/**
 * The state of every node and edge at one simulated time, as typed arrays indexed like `nodeIds` and `edgeIds`
 * (transferred, not copied).
 */
export interface LiveState {
  /** Workers busy now, over all replicas (servers); requests in flight for other kinds. */
  busy: Float64Array;
  /** Workers in all replicas (0 when a node has no worker pool). */
  workers: Float64Array;
  /** Requests waiting in queues now (service/database queues; a queue node's backlog). */
  queued: Float64Array;
  /** Queue capacity over all replicas (0 when unbounded or not applicable). */
  queueCapacity: Float64Array;
  /** Replicas up and not ejected, and replicas in all. */
  healthy: Float64Array;
  replicas: Float64Array;
  /** 1 while a crash fault holds the node down. */
  crashed: Uint8Array;
  /** Share of answers that were failures over the last sample interval (0..1). */
  errorRate: Float64Array;
  /** Cache hit ratio so far (cdn and cache nodes; NaN for other kinds). */
  hitRatio: Float64Array;
  /** Per edge: the worst breaker state among the breakers guarding it (BREAKER_* codes). */
  breaker: Uint8Array;
  /** Per edge: 1 while cut (or on either side of a partition), 2 when cut one way, 0 otherwise. */
  cut: Uint8Array;
  /** Per edge: 1 while degraded. */
  degraded: Uint8Array;
  /**
   * Replicas some balancer, sidecar or DNS has taken out of rotation: ejected by outlier detection, marked down by
   * a health check, and up (not crashed) but out for either reason.
   */
  ejected: Float64Array;
  markedDown: Float64Array;
  outOfRotation: Float64Array;
  /** Per node: arrivals per second over the last second of simulated time (requests started, for a client). */
  arrivalRate: Float64Array;
  /** Per edge, over the last second of simulated time: messages and bytes per second, share lost (NaN if none). */
  messageRate: Float64Array;
  byteRate: Float64Array;
  lossRatio: Float64Array;
}

export type { SeriesSample } from '../../../shared/series.js';

export interface Frame {
  timeMs: number;
  done: boolean;
  /** Messages recorded since the previous frame (departure and arrival times in simulated ms). */
  messages: MessageBatch;
  live: LiveState;
  /** Samples completed since the previous frame, oldest first. */
  samples: SeriesSample[];
  /** The full report at `timeMs` (the dashboard's summary table). */
  report: Report;
}
