import type { Report } from '../../engine/index.js';
import type { TopologyDocument } from '../../model/types.js';
import type { SeriesSample } from '../../series.js';

/** A section a caller adds to the report (the interview mode's score card), placed after the summary tables. */
export interface ExtraSection {
  title: string;
  /** Trusted HTML for the section's body (the caller escapes what it interpolates). */
  html: string;
  /** The same content as Markdown. */
  markdown: string;
}

/** What a report is made from: a run of a document, its final report and its samples. */
export interface ReportInput {
  /** The document that was run (faults included). */
  document: TopologyDocument;
  seed: number;
  durationMs: number;
  /** The final report of the run. */
  report: Report;
  /** The run's samples (`sampleRun` in `shared/series.ts`), oldest first. */
  samples: readonly SeriesSample[];
  /** The report's title; default: the document's name. */
  title?: string;
  /** The document's file name in the reproduction command; default: made from its name (`name.bp.json`). */
  fileName?: string;
  extraSections?: readonly ExtraSection[];
}

export interface MarkdownReportInput extends ReportInput {
  /** A path (relative to the Markdown file) of an image of the diagram; without it the diagram is left out. */
  diagramImage?: string;
}
