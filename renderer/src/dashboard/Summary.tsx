import type { ReactNode } from 'react';
import type {
  BreakerReport,
  CacheReport,
  ClientReport,
  EdgeReport,
  HealthReport,
  NodeReport,
  OutlierReport,
  Report,
} from '../../../shared/engine/index.js';
import { formatBytes, formatCount, formatDecimal, formatDuration, formatMs, formatPercent } from './format.js';

/** What the dashboard may know about a node besides its id. */
export interface NodeInfo {
  label?: string;
  kind?: string;
}

/** Kinds with a worker pool, where utilization means something (the command line's report prints `-` elsewhere). */
const SERVER_KINDS = new Set(['service', 'database']);

/** A column of a summary table: how to print a row's cell and, for numbers, the value compared with the baseline. */
interface Column<T> {
  header: string;
  numeric?: boolean;
  text: (row: T, id: string) => string;
  /** The number behind the cell, compared with the baseline's; null when there is none. */
  value?: (row: T, id: string) => number | null;
  /** Which way is an improvement (colours the difference); neither when absent. */
  better?: 'lower' | 'higher';
  /** Prints a difference of `value`s (with its sign added). */
  delta?: (d: number) => string;
}

const count = (d: number) => formatCount(d);
const ms = (d: number) => formatMs(d);
const points = (d: number) => `${formatDecimal(d, 1)} pp`;
const decimal = (d: number) => formatDecimal(d);

function signed(d: number, format: (d: number) => string): string {
  const s = format(Math.abs(d));
  return d > 0 ? `+${s}` : d < 0 ? `−${s}` : s;
}

function Delta({ base, cur, column }: { base: number | null; cur: number | null; column: Column<never> }) {
  if (base === null || cur === null || !Number.isFinite(base) || !Number.isFinite(cur)) return null;
  const d = cur - base;
  const format = column.delta ?? count;
  if (d === 0) return <span className="bp-delta same">=</span>;
  const improved = column.better === undefined ? null : column.better === 'lower' ? d < 0 : d > 0;
  const tone = improved === null ? '' : improved ? ' better' : ' worse';
  return <span className={`bp-delta${tone}`}>{signed(d, format)}</span>;
}

interface TableProps<T> {
  title: string;
  first: string;
  columns: Column<T>[];
  current: Record<string, T>;
  baseline?: Record<string, T> | null;
  label?: (id: string) => string;
  footer?: ReactNode;
}

/** A table like the command line's, with `baseline → current` and their difference in each cell when compared. */
function SummaryTable<T>({ title, first, columns, current, baseline, label, footer }: TableProps<T>) {
  const ids = [...Object.keys(current)];
  if (baseline) for (const id of Object.keys(baseline)) if (!(id in current)) ids.push(id);
  return (
    <section className="bp-summary-section">
      <h4>{title}</h4>
      {ids.length === 0 ? (
        <p className="bp-muted">(none)</p>
      ) : (
        <div className="bp-summary-scroll">
          <table className={`bp-summary-table${baseline ? ' compared' : ''}`} aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{first}</th>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const cur = current[id] as T | undefined;
                const base = baseline?.[id];
                return (
                  <tr key={id} className={cur === undefined ? 'gone' : undefined}>
                    <th scope="row" title={id}>
                      {label ? label(id) : id}
                      {baseline && base === undefined && <span className="bp-tag">new</span>}
                      {baseline && cur === undefined && <span className="bp-tag">baseline only</span>}
                    </th>
                    {columns.map((c) => (
                      <td key={c.header} className={c.numeric ? 'num' : undefined}>
                        {!baseline || base === undefined ? (
                          cur !== undefined && c.text(cur, id)
                        ) : cur === undefined ? (
                          c.text(base, id)
                        ) : (
                          <Compared column={c} id={id} base={base} cur={cur} />
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </section>
  );
}

function Compared<T>({ column, id, base, cur }: { column: Column<T>; id: string; base: T; cur: T }) {
  const b = column.text(base, id);
  const c = column.text(cur, id);
  if (!column.value) {
    return b === c ? (
      <>{c}</>
    ) : (
      <>
        <span className="bp-base">{b}</span> → {c}
      </>
    );
  }
  if (b === c) {
    return (
      <>
        {c} <span className="bp-delta same">=</span>
      </>
    );
  }
  return (
    <>
      <span className="bp-base">{b}</span>
      <span className="bp-arrow"> → </span>
      {c} <Delta base={column.value(base, id)} cur={column.value(cur, id)} column={column as Column<never>} />
    </>
  );
}

const finishedRatio = (c: ClientReport) =>
  c.succeeded + c.failed > 0 ? c.succeeded / (c.succeeded + c.failed) : Number.NaN;
const perRequest = (c: ClientReport) => (c.requests > 0 ? c.attempts / c.requests : Number.NaN);
const nan = (v: number) => (Number.isFinite(v) ? v : null);

const CLIENT_COLUMNS: Column<ClientReport>[] = [
  { header: 'requests', numeric: true, text: (c) => formatCount(c.requests), value: (c) => c.requests },
  {
    header: 'succeeded',
    numeric: true,
    text: (c) => formatCount(c.succeeded),
    value: (c) => c.succeeded,
    better: 'higher',
  },
  {
    header: 'ok %',
    numeric: true,
    text: (c) => (c.succeeded + c.failed > 0 ? formatPercent(finishedRatio(c)) : '-'),
    value: (c) => nan(finishedRatio(c) * 100),
    better: 'higher',
    delta: points,
  },
  { header: 'failed', numeric: true, text: (c) => formatCount(c.failed), value: (c) => c.failed, better: 'lower' },
  { header: 'in flight', numeric: true, text: (c) => formatCount(c.inFlight), value: (c) => c.inFlight },
  { header: 'attempts', numeric: true, text: (c) => formatCount(c.attempts), value: (c) => c.attempts },
  {
    header: 'attempts/req',
    numeric: true,
    text: (c) => (c.requests > 0 ? formatDecimal(perRequest(c)) : '-'),
    value: (c) => nan(perRequest(c)),
    better: 'lower',
    delta: decimal,
  },
  ...(['p50', 'p95', 'p99', 'max'] as const).map((q): Column<ClientReport> => ({
    header: `${q} ms`,
    numeric: true,
    text: (c) => formatMs(c.latencyMs[q]),
    value: (c) => c.latencyMs[q],
    better: 'lower',
    delta: ms,
  })),
];

function nodeColumns(info: Record<string, NodeInfo> | undefined): Column<NodeReport>[] {
  const kind = (id: string) => info?.[id]?.kind;
  const hasKinds = !!info && Object.values(info).some((i) => i.kind !== undefined);
  // a balancer has no workers, so utilization means nothing there
  const hasWorkers = (id: string) => !hasKinds || SERVER_KINDS.has(kind(id) ?? '');
  return [
    ...(hasKinds ? [{ header: 'kind', text: (_n: NodeReport, id: string) => kind(id) ?? '' }] : []),
    { header: 'arrivals', numeric: true, text: (n) => formatCount(n.arrivals), value: (n) => n.arrivals },
    { header: 'ok', numeric: true, text: (n) => formatCount(n.ok), value: (n) => n.ok, better: 'higher' },
    { header: 'errors', numeric: true, text: (n) => formatCount(n.errors), value: (n) => n.errors, better: 'lower' },
    {
      header: 'rejected',
      numeric: true,
      text: (n) => formatCount(n.rejected),
      value: (n) => n.rejected,
      better: 'lower',
    },
    {
      header: 'util %',
      numeric: true,
      text: (n, id) => (hasWorkers(id) ? formatPercent(n.utilization) : '-'),
      value: (n, id) => (hasWorkers(id) ? n.utilization * 100 : null),
      delta: points,
    },
    {
      header: 'in system',
      numeric: true,
      text: (n) => formatDecimal(n.meanInSystem),
      value: (n) => n.meanInSystem,
      better: 'lower',
      delta: decimal,
    },
    {
      header: 'p50 ms',
      numeric: true,
      text: (n) => formatMs(n.latencyMs.p50),
      value: (n) => n.latencyMs.p50,
      better: 'lower',
      delta: ms,
    },
    {
      header: 'p99 ms',
      numeric: true,
      text: (n) => formatMs(n.latencyMs.p99),
      value: (n) => n.latencyMs.p99,
      better: 'lower',
      delta: ms,
    },
  ];
}

const EDGE_COLUMNS: Column<EdgeReport>[] = [
  { header: 'messages', numeric: true, text: (e) => formatCount(e.messages), value: (e) => e.messages },
  { header: 'lost', numeric: true, text: (e) => formatCount(e.lost), value: (e) => e.lost, better: 'lower' },
  {
    header: 'bytes',
    numeric: true,
    text: (e) => formatBytes(e.bytes),
    value: (e) => e.bytes,
    delta: (d) => formatBytes(d),
  },
];

const CACHE_COLUMNS: Column<CacheReport>[] = [
  { header: 'hits', numeric: true, text: (c) => formatCount(c.hits), value: (c) => c.hits },
  { header: 'misses', numeric: true, text: (c) => formatCount(c.misses), value: (c) => c.misses },
  {
    header: 'hit %',
    numeric: true,
    text: (c) => formatPercent(c.hitRatio),
    value: (c) => c.hitRatio * 100,
    better: 'higher',
    delta: points,
  },
];

/** How many times a breaker opened. */
export const timesOpened = (b: BreakerReport) => b.transitions.filter((t) => t.to === 'open').length;
/** A breaker's state after its last transition. */
export const lastState = (b: BreakerReport) => b.transitions.at(-1)?.to ?? 'closed';

const BREAKER_COLUMNS: Column<BreakerReport>[] = [
  { header: 'opened', numeric: true, text: (b) => formatCount(timesOpened(b)), value: timesOpened, better: 'lower' },
  {
    header: 'transitions',
    numeric: true,
    text: (b) => formatCount(b.transitions.length),
    value: (b) => b.transitions.length,
  },
  { header: 'refused', numeric: true, text: (b) => formatCount(b.refused), value: (b) => b.refused, better: 'lower' },
  { header: 'last state', text: (b) => lastState(b) },
];

const HEALTH_COLUMNS: Column<HealthReport>[] = [
  { header: 'marked down', numeric: true, text: (h) => formatCount(h.down.length), value: (h) => h.down.length },
  { header: 'marked up', numeric: true, text: (h) => formatCount(h.up.length), value: (h) => h.up.length },
];

const OUTLIER_COLUMNS: Column<OutlierReport>[] = [
  {
    header: 'ejections',
    numeric: true,
    text: (o) => formatCount(o.ejections.length),
    value: (o) => o.ejections.length,
    better: 'lower',
  },
];

function failureNotes(report: Report): string[] {
  return Object.entries(report.clients).flatMap(([id, c]) => {
    const reasons = Object.entries(c.failures).filter(([, n]) => n > 0);
    return reasons.length === 0
      ? []
      : [`${id} failed by: ${reasons.map(([r, n]) => `${r} ${formatCount(n)}`).join(', ')}`];
  });
}

export interface SummaryProps {
  report: Report;
  baseline?: { report: Report; label: string } | null;
  nodeInfo?: Record<string, NodeInfo>;
}

/** The run report as tables, the same parts and numbers as the command line prints; compared with a baseline. */
export function Summary({ report, baseline, nodeInfo }: SummaryProps) {
  const base = baseline?.report ?? null;
  const label = (id: string) => {
    const l = nodeInfo?.[id]?.label;
    return l && l !== id ? `${l} (${id})` : id;
  };
  const optional = <T,>(cur: Record<string, T>, b: Record<string, T> | undefined) =>
    Object.keys(cur).length > 0 || (b && Object.keys(b).length > 0);
  const notes = failureNotes(report);
  return (
    <div className="bp-summary">
      <p className="bp-summary-head">
        seed {report.seed}, {formatDuration(report.durationMs)} simulated, {formatCount(report.events)} events
        {base && (
          <span className="bp-muted">
            {' '}
            · compared with {baseline!.label}: seed {base.seed}, {formatDuration(base.durationMs)}
          </span>
        )}
      </p>
      <SummaryTable
        title="Clients"
        first="client"
        columns={CLIENT_COLUMNS}
        current={report.clients}
        baseline={base?.clients}
        label={label}
        footer={
          notes.length > 0 && (
            <ul className="bp-summary-notes">
              {notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )
        }
      />
      <SummaryTable
        title="Nodes"
        first="node"
        columns={nodeColumns(nodeInfo)}
        current={report.nodes}
        baseline={base?.nodes}
        label={label}
      />
      {optional(report.breakers, base?.breakers) && (
        <SummaryTable
          title="Circuit breakers"
          first="caller->target"
          columns={BREAKER_COLUMNS}
          current={report.breakers}
          baseline={base?.breakers}
        />
      )}
      <SummaryTable title="Edges" first="edge" columns={EDGE_COLUMNS} current={report.edges} baseline={base?.edges} />
      {optional(report.caches, base?.caches) && (
        <SummaryTable
          title="Caches"
          first="cache"
          columns={CACHE_COLUMNS}
          current={report.caches}
          baseline={base?.caches}
          label={label}
        />
      )}
      {optional(report.health, base?.health) && (
        <SummaryTable
          title="Health checks"
          first="checker->target"
          columns={HEALTH_COLUMNS}
          current={report.health}
          baseline={base?.health}
        />
      )}
      {optional(report.outliers ?? {}, base?.outliers) && (
        <SummaryTable
          title="Outlier ejections"
          first="by->target"
          columns={OUTLIER_COLUMNS}
          current={report.outliers ?? {}}
          baseline={base?.outliers}
        />
      )}
    </div>
  );
}
