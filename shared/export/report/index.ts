/**
 * The simulation report as a self-contained HTML page or as Markdown: the diagram, the fault timeline, the summary
 * tables, charts over time, and the seed and document to reproduce the run.
 *
 * @example
 * const sim = createSimulation(doc, { seed: 7 });
 * const { report, samples } = sampleRun(sim);
 * const html = buildReportHtml({ document: doc, seed: sim.seed, durationMs: sim.durationMs, report, samples });
 */
export { buildReportHtml, DOCUMENT_SCRIPT_ID } from './html.js';
export { buildReportMarkdown } from './markdown.js';
export { documentFileName, durationFlag, reproduceCommand } from './reproduce.js';
export { REPORT_SAMPLES, reportSampleIntervalMs, runForReport, type RunForReportOptions } from './run.js';
export type { ExtraSection, MarkdownReportInput, ReportInput } from './types.js';
