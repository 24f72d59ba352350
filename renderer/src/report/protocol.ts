import type { Problem } from '../../../shared/model/schema.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

/** The formats a report is exported in. */
export type ReportFormat = 'html' | 'markdown';

/**
 * The messages between the editor and the report worker, which runs a whole simulation for a report (never on the
 * main thread) and builds the report's text. Every message carries the `jobId` of the export it is about.
 */
export type ToReportWorker = {
  type: 'build';
  jobId: number;
  doc: TopologyDocument;
  seed: number;
  durationMs: number;
  /** The document's file name, for the reproduction command. */
  fileName: string;
  format: ReportFormat;
};

export type FromReportWorker =
  /** Simulated time reached, of the duration. */
  | { type: 'progress'; jobId: number; tMs: number; durationMs: number }
  | { type: 'built'; jobId: number; text: string }
  /** The document does not validate (every problem), or the run failed. */
  | { type: 'failed'; jobId: number; problems: Problem[]; message: string };
