/**
 * The run's summary as tables, the same content the command line prints (`cli/reportText.ts`), in a neutral form
 * that the HTML and the Markdown builders both render.
 */
import type { Report } from '../../engine/index.js';
import { formatBytes, formatCount, formatDecimal, formatMs, formatPercent } from '../../format.js';
import type { TopologyDocument } from '../../model/types.js';

export interface TableColumn {
  header: string;
  /** Numbers are right-aligned. */
  align: 'left' | 'right';
}

/** One table of the summary. */
export interface SummaryTable {
  /** A stable id (`clients`, `nodes`, ...), for anchors. */
  id: string;
  title: string;
  columns: TableColumn[];
  /** Cells as formatted text; the first cell of a row is the id it is about. */
  rows: string[][];
  /** Per row, the label of what the first cell names, when it has one other than its id. */
  labels: (string | undefined)[];
}

const text = (header: string): TableColumn => ({ header, align: 'left' });
const num = (header: string): TableColumn => ({ header, align: 'right' });
/** Kinds whose workers make utilization meaningful (a balancer has no workers). */
const WORKER_KINDS = new Set(['service', 'database']);
const FAILURE_REASONS = ['error', 'timeout', 'rejected', 'unavailable', 'circuitOpen'] as const;

/** Success share of the requests that finished (0..1), or NaN when none did. */
export function successShare(c: Report['clients'][string]): number {
  const finished = c.succeeded + c.failed;
  return finished > 0 ? c.succeeded / finished : Number.NaN;
}

/**
 * The summary tables of a report: clients, failures by reason (when any failed), nodes, edges, and caches,
 * circuit breakers, health checks and outlier ejections when the run has them.
 */
export function summaryTables(doc: TopologyDocument, report: Report): SummaryTable[] {
  const nodeOf = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const edgeOf = new Map(doc.edges.map((e) => [e.id, e] as const));
  const labelOf = (id: string) => {
    const label = nodeOf.get(id)?.label?.trim();
    return label && label !== id ? label : undefined;
  };
  const tables: SummaryTable[] = [];

  const clients = Object.entries(report.clients);
  tables.push({
    id: 'clients',
    title: 'Clients',
    columns: [
      text('client'),
      num('requests'),
      num('ok %'),
      num('failed'),
      num('in flight'),
      num('attempts/req'),
      num('mean ms'),
      num('p50 ms'),
      num('p95 ms'),
      num('p99 ms'),
    ],
    rows: clients.map(([id, c]) => [
      id,
      formatCount(c.requests),
      c.succeeded + c.failed > 0 ? formatPercent(successShare(c)) : '-',
      formatCount(c.failed),
      formatCount(c.inFlight),
      c.requests > 0 ? formatDecimal(c.attempts / c.requests) : '-',
      formatMs(c.latencyMs.mean),
      formatMs(c.latencyMs.p50),
      formatMs(c.latencyMs.p95),
      formatMs(c.latencyMs.p99),
    ]),
    labels: clients.map(([id]) => labelOf(id)),
  });

  const failing = clients.filter(([, c]) => c.failed > 0 || c.retriesDenied > 0);
  if (failing.length > 0) {
    tables.push({
      id: 'failures',
      title: 'Failures by reason',
      columns: [text('client'), ...FAILURE_REASONS.map(num), num('retries denied')],
      rows: failing.map(([id, c]) => [
        id,
        ...FAILURE_REASONS.map((r) => formatCount(c.failures[r])),
        formatCount(c.retriesDenied),
      ]),
      labels: failing.map(([id]) => labelOf(id)),
    });
  }

  const nodes = Object.entries(report.nodes);
  tables.push({
    id: 'nodes',
    title: 'Nodes',
    columns: [
      text('node'),
      text('kind'),
      num('arrivals'),
      num('ok'),
      num('errors'),
      num('rejected'),
      num('util %'),
      num('in system'),
      num('p50 ms'),
      num('p99 ms'),
    ],
    rows: nodes.map(([id, n]) => {
      const kind = nodeOf.get(id)?.kind ?? '';
      return [
        id,
        kind,
        formatCount(n.arrivals),
        formatCount(n.ok),
        formatCount(n.errors),
        formatCount(n.rejected),
        WORKER_KINDS.has(kind) ? formatPercent(n.utilization) : '-',
        formatDecimal(n.meanInSystem),
        formatMs(n.latencyMs.p50),
        formatMs(n.latencyMs.p99),
      ];
    }),
    labels: nodes.map(([id]) => labelOf(id)),
  });

  const edges = Object.entries(report.edges);
  tables.push({
    id: 'edges',
    title: 'Edges',
    columns: [text('edge'), text('from → to'), num('messages'), num('lost'), num('bytes')],
    rows: edges.map(([id, e]) => {
      const d = edgeOf.get(id);
      return [
        id,
        d ? `${d.source} → ${d.target}` : '',
        formatCount(e.messages),
        formatCount(e.lost),
        formatBytes(e.bytes),
      ];
    }),
    labels: edges.map(() => undefined),
  });

  const caches = Object.entries(report.caches);
  if (caches.length > 0) {
    tables.push({
      id: 'caches',
      title: 'Caches',
      columns: [text('cache'), num('hits'), num('misses'), num('hit %')],
      rows: caches.map(([id, c]) => [id, formatCount(c.hits), formatCount(c.misses), formatPercent(c.hitRatio)]),
      labels: caches.map(([id]) => labelOf(id)),
    });
  }
  const breakers = Object.entries(report.breakers);
  if (breakers.length > 0) {
    tables.push({
      id: 'breakers',
      title: 'Circuit breakers',
      columns: [text('caller → target'), num('opened'), num('refused'), text('last state')],
      rows: breakers.map(([id, b]) => [
        id.replace('->', ' → '),
        formatCount(b.transitions.filter((t) => t.to === 'open').length),
        formatCount(b.refused),
        stateName(b.transitions.at(-1)?.to ?? 'closed'),
      ]),
      labels: breakers.map(() => undefined),
    });
  }
  const health = Object.entries(report.health);
  if (health.length > 0) {
    tables.push({
      id: 'health',
      title: 'Health checks',
      columns: [text('checker → target'), num('marked down'), num('marked up')],
      rows: health.map(([id, h]) => [id.replace('->', ' → '), formatCount(h.down.length), formatCount(h.up.length)]),
      labels: health.map(() => undefined),
    });
  }
  const outliers = Object.entries(report.outliers ?? {});
  if (outliers.length > 0) {
    tables.push({
      id: 'outliers',
      title: 'Outlier ejections',
      columns: [text('by → target'), num('ejections')],
      rows: outliers.map(([id, o]) => [id.replace('->', ' → '), formatCount(o.ejections.length)]),
      labels: outliers.map(() => undefined),
    });
  }
  return tables;
}

/** A breaker state as people write it. */
export function stateName(state: 'closed' | 'open' | 'halfOpen'): string {
  return state === 'halfOpen' ? 'half-open' : state;
}
