import type { TopologyDocument } from '../../../../shared/model/types.js';
import type { Frame, FromWorker, ToWorker } from '../../sim/protocol.js';
import type { WorkerLike } from '../../sim/simClient.js';

/** Starts a simulation worker of its own for a recording (the one behind the canvas keeps playing undisturbed). */
export function createRecordingWorker(): WorkerLike {
  return new Worker(new URL('./recordingWorker.ts', import.meta.url), {
    type: 'module',
    name: 'recording',
  }) as unknown as WorkerLike;
}

/**
 * A run of the shared core in a worker, advanced only when asked: the recording decides which simulated time each
 * frame shows, instead of following the wall clock, so the same document and seed always give the same frames.
 */
export class RecordingRun {
  private waiting: { resolve: (frame: Frame) => void; reject: (error: Error) => void } | null = null;
  private ready: Promise<{ nodeIds: string[]; edgeIds: string[]; durationMs: number }>;
  private closed = false;
  private static runs = 0;
  private readonly runId = ++RecordingRun.runs;

  constructor(
    private readonly worker: WorkerLike,
    doc: TopologyDocument,
    seed: number,
    durationMs: number,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.addEventListener('message', (event) => {
        const message: FromWorker = event.data;
        if (message.runId !== this.runId || this.closed) return;
        if (message.type === 'loaded')
          resolve({ nodeIds: message.nodeIds, edgeIds: message.edgeIds, durationMs: message.durationMs });
        else if (message.type === 'frame') {
          const waiting = this.waiting;
          this.waiting = null;
          waiting?.resolve(message.frame);
        } else if (message.type === 'failed') {
          const error = new Error(
            message.problems.length
              ? `the document has ${message.problems.length} problem${message.problems.length === 1 ? '' : 's'} to fix first (${message.problems[0]!.path}: ${message.problems[0]!.message})`
              : message.message,
          );
          reject(error);
          this.waiting?.reject(error);
          this.waiting = null;
        }
      });
    });
    // A document that does not load fails the next `loaded()` or `advance()`, not the page.
    this.ready.catch(() => undefined);
    this.post({ type: 'load', runId: this.runId, doc, seed, durationMs });
  }

  /** The run's node and edge ids (how live state and messages are indexed) and its length, once loaded. */
  loaded(): Promise<{ nodeIds: string[]; edgeIds: string[]; durationMs: number }> {
    return this.ready;
  }

  /** Runs on to `toMs` and returns the frame: the messages since the last one, and the live state at `toMs`. */
  async advance(toMs: number): Promise<Frame> {
    await this.ready;
    if (this.closed) throw new Error('the recording was stopped');
    if (this.waiting) throw new Error('one advance at a time');
    return new Promise<Frame>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.post({ type: 'advance', runId: this.runId, toMs });
    });
  }

  /** Stops the worker; a pending advance fails. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiting?.reject(new Error('the recording was stopped'));
    this.waiting = null;
    this.worker.postMessage({ type: 'stop', runId: this.runId });
    this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
