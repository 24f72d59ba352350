import {
  createSimulation,
  InvalidDocumentError,
  type MessageBatch,
  type Report,
  type Simulation,
} from '../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { sampleIntervalMs } from '../../../shared/series.js';
import { concatBatches, liveState, sampleBetween, transferables } from './frameBuilder.js';
import type { FromWorker, SeriesSample, ToWorker } from './protocol.js';

const MESSAGE_CHUNK = 1 << 15;

interface Run {
  id: number;
  sim: Simulation;
  doc: TopologyDocument;
  sampleMs: number;
  nextSampleMs: number;
  pending: MessageBatch[];
  previous: { tMs: number; report: Report } | null;
  previousLive: Report | null;
}

export type Post = (message: FromWorker, transfer: Transferable[]) => void;

/**
 * The simulation side of the protocol: owns one run and answers the editor's requests. The worker wires it to its
 * message port; tests call it directly.
 */
export function createWorkerHost(postMessage: Post): (message: ToWorker) => void {
  let run: Run | null = null;
  const post = (message: FromWorker, transfer: Transferable[] = []) => postMessage(message, transfer);

  function load(message: Extract<ToWorker, { type: 'load' }>): void {
    const pending: MessageBatch[] = [];
    try {
      const sim = createSimulation(message.doc, {
        seed: message.seed,
        durationMs: message.durationMs,
        messages: { capacity: MESSAGE_CHUNK, onFull: (batch) => pending.push(batch) },
      });
      // the same grid as an exported report's charts
      const sampleMs = sampleIntervalMs(sim.durationMs);
      run = {
        id: message.runId,
        sim,
        doc: sim.topology,
        sampleMs,
        nextSampleMs: sampleMs,
        pending,
        previous: null,
        previousLive: null,
      };
      post({
        type: 'loaded',
        runId: message.runId,
        nodeIds: [...sim.nodeIds],
        edgeIds: [...sim.edgeIds],
        durationMs: sim.durationMs,
        seed: sim.seed,
      });
    } catch (error) {
      run = null;
      post({
        type: 'failed',
        runId: message.runId,
        problems: error instanceof InvalidDocumentError ? error.problems : [],
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function advance(r: Run, toMs: number): void {
    const { sim } = r;
    const target = Math.min(toMs, sim.durationMs);
    const samples: SeriesSample[] = [];
    while (sim.nowMs < target) {
      const next = Math.min(target, r.nextSampleMs);
      const slice = sim.runUntil(next);
      if (slice.messages && slice.messages.count > 0) r.pending.push(slice.messages);
      if (sim.nowMs >= r.nextSampleMs || slice.done) {
        const report = sim.report();
        samples.push(sampleBetween(r.previous, sim.nowMs, report, sim.takeLatencyWindow()));
        r.previous = { tMs: sim.nowMs, report };
        // the next multiple of the interval after now; floor() of a quotient can land one short (2100 / 33.33...)
        let k = Math.floor(sim.nowMs / r.sampleMs) + 1;
        while (k * r.sampleMs <= sim.nowMs) k++;
        r.nextSampleMs = Math.min(sim.durationMs, k * r.sampleMs);
        if (slice.done) break;
      }
    }
    const report = sim.report();
    const live = liveState(sim, r.doc, report, r.previousLive);
    r.previousLive = report;
    const messages = concatBatches(r.pending);
    r.pending.length = 0;
    post(
      {
        type: 'frame',
        runId: r.id,
        frame: { timeMs: sim.nowMs, done: sim.nowMs >= sim.durationMs, messages, live, samples, report },
      },
      transferables(messages, live),
    );
  }

  return (message: ToWorker): void => {
    if (message.type === 'load') return load(message);
    if (!run || run.id !== message.runId) return;
    try {
      if (message.type === 'advance') advance(run, message.toMs);
      else if (message.type === 'inject') {
        const fault = run.sim.injectFault(message.fault);
        post({ type: 'injected', runId: run.id, fault });
      } else if (message.type === 'stop') run = null;
    } catch (error) {
      post({
        type: 'failed',
        runId: message.runId,
        problems: error instanceof InvalidDocumentError ? error.problems : [],
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
}
