/**
 * Time series of a run: what happened in each interval of simulated time, from the reports the core gives at the
 * interval's ends. The app's dashboard and the exported report compute their charts from these samples, so both
 * show the same numbers for one document and seed.
 */
import type { Report, Simulation, SliceResult } from './engine/index.js';

/** One chart sample: what happened in the interval (t - intervalMs, t]. */
export interface SeriesSample {
  tMs: number;
  /** Length of the interval this sample covers. */
  intervalMs: number;
  /** Per client id. */
  clients: Record<
    string,
    {
      started: number;
      succeeded: number;
      failed: number;
      attempts: number;
      /** Latency of the requests that finished in the interval (NaN when none did). */
      p50: number;
      p95: number;
      p99: number;
    }
  >;
  /** Per node id: utilization (0..1) averaged over the interval, and queue depth at the end of it. */
  nodes: Record<string, { utilization: number; queued: number }>;
}

/** The sample of one client in one interval. */
export type ClientSample = SeriesSample['clients'][string];

/** Where the previous sample ended: its time and the report there. */
export interface SampleStart {
  tMs: number;
  report: Report;
}

/** Latency percentiles of the requests each client finished in an interval (`Simulation.takeLatencyWindow`). */
export type LatencyWindow = Record<string, { p50: number; p95: number; p99: number } | null>;

/**
 * One chart sample from two reports: counts are differences, utilization the time-average over the interval
 * (the report's utilization is the average since 0), latency the percentiles of requests that finished in the
 * interval (from the engine's latency window).
 *
 * @param prev where the previous sample ended, or null for the first sample (from time 0).
 */
export function sampleBetween(
  prev: SampleStart | null,
  tMs: number,
  report: Report,
  window: LatencyWindow,
): SeriesSample {
  const clients: SeriesSample['clients'] = {};
  for (const [id, c] of Object.entries(report.clients)) {
    const p = prev?.report.clients[id];
    const w = window[id] ?? null;
    clients[id] = {
      started: c.requests - (p?.requests ?? 0),
      succeeded: c.succeeded - (p?.succeeded ?? 0),
      failed: c.failed - (p?.failed ?? 0),
      attempts: c.attempts - (p?.attempts ?? 0),
      p50: w ? w.p50 : Number.NaN,
      p95: w ? w.p95 : Number.NaN,
      p99: w ? w.p99 : Number.NaN,
    };
  }
  const nodes: SeriesSample['nodes'] = {};
  const t0 = prev?.tMs ?? 0;
  const span = tMs - t0;
  for (const [id, n] of Object.entries(report.nodes)) {
    const p = prev?.report.nodes[id];
    const busyArea = n.utilization * tMs - (p?.utilization ?? 0) * t0;
    const inArea = n.meanInSystem * tMs - (p?.meanInSystem ?? 0) * t0;
    nodes[id] = {
      utilization: span > 0 ? Math.min(1, Math.max(0, busyArea / span)) : 0,
      queued: span > 0 ? Math.max(0, inArea / span) : 0,
    };
  }
  return { tMs, intervalMs: span, clients, nodes };
}

/** Samples per run for charts: fine enough to see a retry wave, few enough to chart instantly. */
export const SAMPLES_PER_RUN = 600;
/** The shortest sample interval, so a short run is not cut into slivers with one request each. */
export const MIN_SAMPLE_MS = 10;

/** The sample interval of a run of `durationMs` (the app's dashboard samples on the same grid). */
export function sampleIntervalMs(durationMs: number, samples = SAMPLES_PER_RUN): number {
  return Math.max(MIN_SAMPLE_MS, durationMs / samples);
}

/** A whole run with its samples. */
export interface SampledRun {
  /** The final report, the same as one `runUntil(durationMs)` gives. */
  report: Report;
  /** One sample per interval, oldest first; the last one ends at the duration. */
  samples: SeriesSample[];
}

export interface SampleRunOptions {
  /** Sample interval; default `sampleIntervalMs(sim.durationMs)`. */
  intervalMs?: number;
  /** Called after each sample with the simulated time reached (for a progress bar). */
  onProgress?: (tMs: number, durationMs: number) => void;
  /** Called with each slice, before it is sampled (to write the messages it recorded, say). */
  onSlice?: (slice: SliceResult) => void;
}

/**
 * Runs a fresh simulation to its end in slices of one sample interval and samples it after each. Slicing never
 * changes the result, so the report is the one a single `runUntil(durationMs)` gives.
 *
 * @example const { report, samples } = sampleRun(createSimulation(doc, { seed: 7 }));
 */
export function sampleRun(sim: Simulation, options: SampleRunOptions = {}): SampledRun {
  const intervalMs = options.intervalMs ?? sampleIntervalMs(sim.durationMs);
  if (!(intervalMs > 0)) throw new RangeError(`sample interval must be more than 0 ms, got ${intervalMs}`);
  // the first sample counts from 0: a simulation already under way would fold its past into it
  if (sim.nowMs !== 0) throw new RangeError(`sampleRun needs a fresh simulation, this one is at ${sim.nowMs} ms`);
  const samples: SeriesSample[] = [];
  let prev: SampleStart | null = null;
  for (let i = 1; sim.nowMs < sim.durationMs; i++) {
    // multiples of the interval, not a running sum, so the grid does not drift over a long run
    const slice = sim.runUntil(Math.min(sim.durationMs, i * intervalMs));
    options.onSlice?.(slice);
    const report = sim.report();
    samples.push(sampleBetween(prev, sim.nowMs, report, sim.takeLatencyWindow()));
    prev = { tMs: sim.nowMs, report };
    options.onProgress?.(sim.nowMs, sim.durationMs);
    if (slice.done) break;
  }
  return { report: prev?.report ?? sim.report(), samples };
}

/** Success rate in percent of the requests that finished in the interval; NaN when none did. */
export function successRate(c: ClientSample): number {
  const finished = c.succeeded + c.failed;
  return finished > 0 ? (100 * c.succeeded) / finished : Number.NaN;
}

/** Requests that succeeded per simulated second over an interval of `intervalMs`; NaN for an empty interval. */
export function throughput(c: ClientSample, intervalMs: number): number {
  return intervalMs > 0 ? (c.succeeded * 1000) / intervalMs : Number.NaN;
}

/** Attempts per request started in the interval (1 without retries, more with them); NaN when none started. */
export function amplification(c: ClientSample): number {
  return c.started > 0 ? c.attempts / c.started : Number.NaN;
}
