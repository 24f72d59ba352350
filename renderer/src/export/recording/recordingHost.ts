import {
  createSimulation,
  InvalidDocumentError,
  type MessageBatch,
  type Report,
  type Simulation,
} from '../../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../../shared/model/types.js';
import { concatBatches, liveState, transferables } from '../../sim/frameBuilder.js';
import type { FromWorker, ToWorker } from '../../sim/protocol.js';

const MESSAGE_CHUNK = 1 << 15;

interface Run {
  id: number;
  sim: Simulation;
  doc: TopologyDocument;
  pending: MessageBatch[];
  previous: Report | null;
}

export type Post = (message: FromWorker, transfer: Transferable[]) => void;

/**
 * The simulation side of a recording, in the playback worker's protocol: one run of the shared core, advanced to
 * exactly the times asked for, answering each with the messages since the last frame and the live state. A
 * recording needs no chart samples, so a frame carries none and runs in one slice.
 */
export function createRecordingHost(postMessage: Post): (message: ToWorker) => void {
  let run: Run | null = null;
  const fail = (runId: number, error: unknown) =>
    postMessage(
      {
        type: 'failed',
        runId,
        problems: error instanceof InvalidDocumentError ? error.problems : [],
        message: error instanceof Error ? error.message : String(error),
      },
      [],
    );

  return (message: ToWorker): void => {
    if (message.type === 'load') {
      const pending: MessageBatch[] = [];
      try {
        const sim = createSimulation(message.doc, {
          seed: message.seed,
          durationMs: message.durationMs,
          messages: { capacity: MESSAGE_CHUNK, onFull: (batch) => pending.push(batch) },
        });
        run = { id: message.runId, sim, doc: sim.topology, pending, previous: null };
        postMessage(
          {
            type: 'loaded',
            runId: message.runId,
            nodeIds: [...sim.nodeIds],
            edgeIds: [...sim.edgeIds],
            durationMs: sim.durationMs,
            seed: sim.seed,
          },
          [],
        );
      } catch (error) {
        run = null;
        fail(message.runId, error);
      }
      return;
    }
    if (!run || run.id !== message.runId) return;
    if (message.type === 'stop') {
      run = null;
      return;
    }
    if (message.type !== 'advance') return;
    try {
      const r = run;
      const slice = r.sim.runUntil(message.toMs);
      if (slice.messages && slice.messages.count > 0) r.pending.push(slice.messages);
      const report = r.sim.report();
      const live = liveState(r.sim, r.doc, report, r.previous);
      r.previous = report;
      const messages = concatBatches(r.pending);
      r.pending.length = 0;
      postMessage(
        {
          type: 'frame',
          runId: r.id,
          frame: { timeMs: r.sim.nowMs, done: slice.done, messages, live, samples: [], report },
        },
        transferables(messages, live),
      );
    } catch (error) {
      fail(message.runId, error);
    }
  };
}
