import { scoreCardSection, type ScoreCard } from '../../../shared/interview/index.js';
import { buildReportHtml, buildReportMarkdown, runForReport } from '../../../shared/export/report/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

export type ExportFormat = 'html' | 'markdown';

/** What exporting a score card needs: the card (its drill) and the design it scored. */
export interface ExportRequest {
  card: ScoreCard;
  doc: TopologyDocument;
  format: ExportFormat;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The score card alone as a page (when there is no drill run to build the full report around it). */
export function standalonePage(card: ScoreCard, format: ExportFormat): string {
  const section = scoreCardSection(card);
  if (format === 'markdown') return `# ${section.title}\n\n${section.markdown}\n`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(section.title)}</title>`,
    '<style>body{font:14px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1d1f23}',
    'table{border-collapse:collapse}td,th{border:1px solid #dcdee3;padding:4px 8px;text-align:left}',
    '@media (prefers-color-scheme: dark){body{background:#131519;color:#e6e8ec}td,th{border-color:#2f333c}}</style>',
    '</head><body>',
    `<h1>${escapeHtml(section.title)}</h1>`,
    section.html,
    '</body></html>',
  ].join('\n');
}

/**
 * The score card inside the report of its drill: the design under the drill's faults (the diagram, the fault
 * timeline, the tables and charts), with the score card as an extra section. Runs the drill's document again with
 * the drill's seed, which reproduces it: call it off the main thread.
 */
export function exportScoreCard(
  { card, doc, format }: ExportRequest,
  onProgress?: (t: number, d: number) => void,
): string {
  const drill = card.drill;
  if (!drill) return standalonePage(card, format);
  const ran = (drill as { document?: TopologyDocument }).document ?? {
    ...doc,
    faults: drill.faults.map((f) => f.fault),
  };
  const input = runForReport(ran, {
    seed: drill.seed,
    durationMs: drill.durationMs,
    ...(onProgress ? { onProgress } : {}),
  });
  const section = scoreCardSection(card);
  const full = { ...input, title: `${card.title}: mock interview`, extraSections: [section] };
  return format === 'html' ? buildReportHtml(full) : buildReportMarkdown(full);
}

/** A file name for the export: `url-shortener-score-card.html`. */
export const exportFileName = (card: ScoreCard, format: ExportFormat) =>
  `${card.promptId}-score-card.${format === 'html' ? 'html' : 'md'}`;
