/**
 * What the HTML and the Markdown report both say, computed once: titles, the reproduction command, the timeline,
 * the key figures and the summary tables.
 */
import { formatCount, formatDecimal, formatMs, formatPercent } from '../../format.js';
import { serializeDocument } from '../../model/serialize.js';
import { documentFileName, humanDuration, reproduceCommand } from './reproduce.js';
import { summaryTables, successShare, type SummaryTable } from './tables.js';
import {
  breakerBands,
  breakerLanes,
  faultEntries,
  healthLanes,
  outlierLanes,
  type BreakerBand,
  type FaultEntry,
  type StateLane,
} from './timeline.js';
import type { ReportInput } from './types.js';

/** A client's headline numbers. */
export interface KeyFigures {
  id: string;
  label?: string;
  /** Success share of finished requests (0..1), NaN when none finished. */
  success: number;
  successText: string;
  requests: string;
  p99: string;
  attempts: string;
  /** A few words on how it failed: `timeout 1,203 · rejected 88`. */
  failures: string;
}

export interface ReportContent {
  title: string;
  documentName: string;
  /** The description in paragraphs. */
  description: string[];
  fileName: string;
  command: string;
  /** The document as saved (`serializeDocument`). */
  documentJson: string;
  facts: { label: string; value: string }[];
  keyFigures: KeyFigures[];
  faults: FaultEntry[];
  breakers: StateLane[];
  health: StateLane[];
  outliers: StateLane[];
  bands: BreakerBand[];
  tables: SummaryTable[];
}

/** Milliseconds at a glance: `0.85`, `12.3`, `2,672`. */
function roundMs(ms: number): string {
  return ms >= 100 ? formatCount(ms) : formatMs(ms);
}

/** The content of a report, for either format. */
export function reportContent(input: ReportInput): ReportContent {
  const { document: doc, report, durationMs, seed } = input;
  const fileName = input.fileName?.trim() || documentFileName(doc);
  const breakers = breakerLanes(report.breakers, durationMs);
  const faults = faultEntries(doc.faults, durationMs);
  const labelOf = new Map(doc.nodes.map((n) => [n.id, n.label?.trim()] as const));
  const clients = Object.entries(report.clients);
  const totals = clients.reduce(
    (a, [, c]) => ({ requests: a.requests + c.requests, ok: a.ok + c.succeeded, failed: a.failed + c.failed }),
    { requests: 0, ok: 0, failed: 0 },
  );
  return {
    title: input.title?.trim() || doc.name,
    documentName: doc.name,
    description: (doc.description ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    fileName,
    command: reproduceCommand(fileName, seed, durationMs),
    documentJson: serializeDocument(doc),
    facts: [
      { label: 'Seed', value: String(seed) },
      { label: 'Simulated', value: humanDuration(durationMs) },
      { label: 'Events', value: formatCount(report.events) },
      { label: 'Requests', value: formatCount(totals.requests) },
      {
        label: 'Succeeded',
        value: totals.ok + totals.failed > 0 ? `${formatPercent(totals.ok / (totals.ok + totals.failed))}%` : '-',
      },
      { label: 'Nodes', value: formatCount(doc.nodes.filter((n) => n.kind !== 'region').length) },
      { label: 'Faults', value: formatCount(doc.faults.length) },
    ],
    keyFigures: clients.map(([id, c]) => {
      const success = successShare(c);
      const label = labelOf.get(id);
      return {
        id,
        label: label && label !== id ? label : undefined,
        success,
        successText: Number.isFinite(success) ? `${formatPercent(success)}%` : '-',
        requests: formatCount(c.requests),
        p99: c.succeeded > 0 ? `${roundMs(c.latencyMs.p99)} ms` : '-',
        attempts: c.requests > 0 ? formatDecimal(c.attempts / c.requests) : '-',
        failures: Object.entries(c.failures)
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([r, n]) => `${r} ${formatCount(n)}`)
          .join(' · '),
      };
    }),
    faults,
    breakers,
    health: healthLanes(report.health, durationMs),
    outliers: outlierLanes(report.outliers, durationMs),
    bands: breakerBands(breakers),
    tables: summaryTables(doc, report),
  };
}
