/** `backpressure run <file>`: simulate a document and print (or write) its report, optionally with a trace. */
import * as path from 'node:path';
import { createSimulation, type MessageBatch, type Report, type Simulation } from '../shared/engine/index.js';
import { buildReportHtml, buildReportMarkdown, reportSampleIntervalMs } from '../shared/export/report/index.js';
import type { TopologyDocument } from '../shared/model/types.js';
import { sampleRun, type SeriesSample } from '../shared/series.js';
import { sameFile, writeFileAtomic } from './atomicFile.js';
import { loadDocument } from './document.js';
import { engineInputError } from './engineErrors.js';
import { parseDuration } from './duration.js';
import { EXIT_OK, InputError } from './errors.js';
import type { Io } from './io.js';
import { reportText } from './reportText.js';
import { parseSeed } from './seed.js';
import { TRACE_RING_CAPACITY, TraceWriter } from './trace.js';

/** Options of `run` as commander hands them over (strings, checked here). */
export interface RunOptions {
  seed?: string;
  duration?: string;
  json?: boolean;
  out?: string;
  trace?: string;
  report?: string;
}

/** The formats `--report` writes, by file extension. */
const REPORT_FORMATS: Readonly<Record<string, 'html' | 'markdown'>> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** The format of a `--report` file, from its extension. */
export function reportFormat(file: string): 'html' | 'markdown' {
  const ext = path.extname(file).toLowerCase();
  const format = REPORT_FORMATS[ext];
  if (!format) {
    throw new InputError(
      `--report ${file}: ${ext ? `unknown report format "${ext}"` : 'no file extension'}; ` +
        'name a file ending in .html (a page with charts) or .md (Markdown)',
    );
  }
  return format;
}

/** Simulated time per `runUntil` call; a trace is written slice by slice. */
export const SLICE_MS = 1000;

export function runCommand(file: string, options: RunOptions, io: Io): number {
  const seed = options.seed !== undefined ? parseSeed(options.seed) : undefined;
  const durationMs = options.duration !== undefined ? parseDuration(options.duration) : undefined;
  const input = path.resolve(io.cwd, file);
  const out = options.out !== undefined ? path.resolve(io.cwd, options.out) : undefined;
  const trace = options.trace !== undefined ? path.resolve(io.cwd, options.trace) : undefined;
  if (out !== undefined && sameFile(out, input)) {
    throw new InputError(`--out ${options.out} is the input document; refusing to write the report over it`);
  }
  if (trace !== undefined && sameFile(trace, input)) {
    throw new InputError(`--trace ${options.trace} is the input document; refusing to write the trace over it`);
  }
  if (out !== undefined && trace !== undefined && sameFile(out, trace)) {
    throw new InputError(`--out and --trace name the same file (${options.out}); give them different files`);
  }
  const reportFile = options.report !== undefined ? path.resolve(io.cwd, options.report) : undefined;
  const format = options.report !== undefined ? reportFormat(options.report) : undefined;
  if (reportFile !== undefined) {
    if (sameFile(reportFile, input)) {
      throw new InputError(`--report ${options.report} is the input document; refusing to write the report over it`);
    }
    for (const [flag, other] of [
      ['--out', out],
      ['--trace', trace],
    ] as const) {
      if (other !== undefined && sameFile(reportFile, other)) {
        throw new InputError(`--report and ${flag} name the same file (${options.report}); give them different files`);
      }
    }
  }

  const document = loadDocument(input, file);
  let writer: TraceWriter | null = null;
  let report: Report;
  let samples: SeriesSample[] = [];
  try {
    const sim = startSimulation(document, file, {
      seed,
      durationMs,
      // the engine hands over a full ring at once, so at most TRACE_RING_CAPACITY messages are held in memory
      onFull: trace !== undefined ? (batch) => writer!.write(batch) : undefined,
    });
    if (trace !== undefined) writer = new TraceWriter(trace, options.trace!, sim.edgeIds);
    if (reportFile !== undefined) {
      // a report charts the run over time: slices of one sample interval, sampled after each
      ({ report, samples } = sampleRun(sim, {
        intervalMs: reportSampleIntervalMs(sim.durationMs),
        onSlice: (slice) => {
          if (writer && slice.messages) writer.write(slice.messages);
        },
      }));
    } else {
      for (let t = 0; ;) {
        t = Math.min(t + SLICE_MS, sim.durationMs);
        const slice = sim.runUntil(t);
        if (writer && slice.messages) writer.write(slice.messages);
        if (slice.done) break;
      }
      report = sim.report();
    }
    writer?.finish();
  } catch (err) {
    writer?.abort();
    throw err;
  }

  if (reportFile !== undefined) {
    const run = { document, seed: report.seed, durationMs: report.durationMs, report, samples };
    // the reproduction command names the file as the user has it, beside the report
    const reportInput = { ...run, fileName: path.basename(file) };
    writeFileAtomic(
      reportFile,
      options.report!,
      format === 'html' ? buildReportHtml(reportInput) : buildReportMarkdown(reportInput),
    );
  }

  const text = options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(document, report);
  if (out !== undefined) writeFileAtomic(out, options.out!, text);
  else io.stdout(text);
  return EXIT_OK;
}

/** Creates the simulation, turning the engine's refusals into input errors that name the file. */
function startSimulation(
  document: TopologyDocument,
  file: string,
  o: { seed?: number; durationMs?: number; onFull?: (batch: MessageBatch) => void },
): Simulation {
  try {
    return createSimulation(document, {
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
      ...(o.onFull ? { messages: { capacity: TRACE_RING_CAPACITY, onFull: o.onFull } } : {}),
    });
  } catch (err) {
    throw engineInputError(err, file) ?? err;
  }
}
