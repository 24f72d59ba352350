import { documentFileName, humanDuration } from '../../../shared/export/report/reproduce.js';
import { resolveSimulation } from '../sim/resolveSettings.js';
import type { EditorStore } from '../store/editorStore.js';
import { downloadText } from '../files/download.js';
import type { FromReportWorker, ReportFormat, ToReportWorker } from './protocol.js';

/** What the export needs of a worker (a real one in the app, a fake in tests). */
export interface ReportWorkerLike {
  postMessage(message: ToReportWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromReportWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface ExportReportDeps {
  createWorker(): ReportWorkerLike;
  save(name: string, text: string, type: string): void;
}

const EXTENSIONS: Record<ReportFormat, string> = { html: 'html', markdown: 'md' };
const TYPES: Record<ReportFormat, string> = {
  html: 'text/html;charset=utf-8',
  markdown: 'text/markdown;charset=utf-8',
};

const defaultDeps: ExportReportDeps = {
  createWorker: () =>
    new Worker(new URL('./reportWorker.ts', import.meta.url), { type: 'module', name: 'report' }) as ReportWorkerLike,
  save: downloadText,
};

/** The report's file name beside the document's: `checkout.bp.json` -> `checkout.report.html`. */
export function reportFileName(documentFile: string, format: ReportFormat): string {
  const stem = documentFile.replace(/(\.bp)?\.json$/i, '') || 'topology';
  return `${stem}.report.${EXTENSIONS[format]}`;
}

let jobs = 0;
let running = false;

/** Whether a report is being built now. */
export function isExportingReport(): boolean {
  return running;
}

/**
 * Builds the report of the current document with its run settings (seed and duration) and downloads it. The
 * simulation runs in a worker of its own, so the editor and a running playback stay responsive; notices tell how
 * far it got. One report at a time.
 */
export function exportReport(
  store: EditorStore,
  format: ReportFormat,
  deps: ExportReportDeps = defaultDeps,
): Promise<void> {
  const state = store.getState();
  if (running) {
    state.notify('A report is being built already; it downloads when it is ready');
    return Promise.resolve();
  }
  const doc = state.doc;
  const { seed, durationMs } = resolveSimulation(doc);
  const fileName = state.file?.name ?? documentFileName(doc);
  const name = reportFileName(fileName, format);
  const jobId = ++jobs;
  running = true;
  state.notify(`Building the report: simulating ${humanDuration(durationMs)} with seed ${seed}…`);

  return new Promise<void>((resolve) => {
    let worker: ReportWorkerLike | null = null;
    const finish = () => {
      running = false;
      worker?.terminate();
      resolve();
    };
    const fail = (message: string) => {
      store.getState().notify(`Export report failed: ${message}`, 'error');
      finish();
    };
    try {
      worker = deps.createWorker();
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
      return;
    }
    const job = worker;
    job.addEventListener('message', (event) => {
      const message = event.data;
      if (message.jobId !== jobId || !running) return;
      if (message.type === 'progress') {
        const percent = Math.floor((100 * message.tMs) / message.durationMs);
        if (percent < 100) store.getState().notify(`Building the report: ${percent}% simulated…`);
      } else if (message.type === 'built') {
        try {
          deps.save(name, message.text, TYPES[format]);
          store.getState().notify(`Exported the report “${name}”`);
          finish();
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
      } else if (message.problems.length > 0) {
        store.getState().showProblems({
          title: 'The report needs a document without problems',
          problems: message.problems,
        });
        finish();
      } else fail(message.message);
    });
    job.addEventListener('error', (event) => fail(event.message || 'the report worker stopped'));
    job.postMessage({ type: 'build', jobId, doc, seed, durationMs, fileName, format });
  });
}
