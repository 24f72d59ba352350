import type { MessageBatch } from '../../../shared/engine/messages.js';

/**
 * What the packet layer needs from the simulation side: the playback clock, the messages as they come from the
 * worker, and word of a new run or a jump in time. The layer polls `currentTimeMs` and `edgeIds` once per
 * animation frame, so both must be cheap and must not allocate.
 */
export interface PacketSource {
  /** The simulated time on screen (ms): the playback clock, which may lie between two frames of the worker. */
  currentTimeMs(): number;
  /**
   * The edge ids of the current run, indexed like `MessageBatch.edge` (the `edgeIds` of the worker's `loaded`
   * reply). Return the same array object for as long as the run lasts: the layer rebuilds its edge table when the
   * object changes.
   */
  edgeIds(): readonly string[];
  /** Calls `fn` with the messages of every frame of the current run (`Frame.messages`); returns an unsubscribe. */
  subscribe(fn: (batch: MessageBatch) => void): () => void;
  /** Calls `fn` when a new run starts or time jumps back (scrub, restart): every stored message is forgotten. */
  onReset(fn: () => void): () => void;
}
