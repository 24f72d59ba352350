/** Runs a document for a report: the whole run, sampled on the dashboard's grid. */
import { createSimulation } from '../../engine/index.js';
import type { TopologyDocument } from '../../model/types.js';
import { sampleIntervalMs, sampleRun } from '../../series.js';
import type { ReportInput } from './types.js';

/**
 * Samples per run in a report: coarser than the dashboard's 600, so each interval holds enough requests for its
 * percentiles to settle and a line reads as a trend on paper, and within the charts' 400 points.
 */
export const REPORT_SAMPLES = 200;

/** The sample interval of a report of a run of `durationMs`. */
export function reportSampleIntervalMs(durationMs: number): number {
  return sampleIntervalMs(durationMs, REPORT_SAMPLES);
}

export interface RunForReportOptions {
  /** Override the document's `simulation` settings. */
  seed?: number;
  durationMs?: number;
  /** Called as the run advances (simulated ms reached, of the duration). */
  onProgress?: (tMs: number, durationMs: number) => void;
}

/**
 * Runs `document` to the end and returns what a report is built from. Throws what `createSimulation` throws for a
 * document that does not validate.
 */
export function runForReport(document: TopologyDocument, options: RunForReportOptions = {}): ReportInput {
  const sim = createSimulation(document, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
  });
  const { report, samples } = sampleRun(sim, {
    intervalMs: reportSampleIntervalMs(sim.durationMs),
    onProgress: options.onProgress,
  });
  return { document, seed: sim.seed, durationMs: sim.durationMs, report, samples };
}
