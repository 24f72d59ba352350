import { InvalidDocumentError } from '../../../shared/engine/index.js';
import { buildReportHtml, buildReportMarkdown, runForReport } from '../../../shared/export/report/index.js';
import type { FromReportWorker, ToReportWorker } from './protocol.js';

/** Progress is reported at most this often (in shares of the run), so messages never outnumber the work. */
const PROGRESS_STEP = 0.05;

/**
 * The report worker's side: runs the document to its end, sampled for the charts, and replies with the report's
 * text. The worker wires it to its message port; tests call it directly.
 */
export function createReportHost(post: (message: FromReportWorker) => void): (message: ToReportWorker) => void {
  return (message) => {
    const { jobId } = message;
    try {
      let reported = 0;
      const run = runForReport(message.doc, {
        seed: message.seed,
        durationMs: message.durationMs,
        onProgress: (tMs, durationMs) => {
          if (tMs / durationMs - reported < PROGRESS_STEP && tMs < durationMs) return;
          reported = tMs / durationMs;
          post({ type: 'progress', jobId, tMs, durationMs });
        },
      });
      const input = { ...run, fileName: message.fileName };
      const text = message.format === 'html' ? buildReportHtml(input) : buildReportMarkdown(input);
      post({ type: 'built', jobId, text });
    } catch (error) {
      post({
        type: 'failed',
        jobId,
        problems: error instanceof InvalidDocumentError ? error.problems : [],
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
}
