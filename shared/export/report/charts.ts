/**
 * The report's charts, from the run's samples: per client success rate, latency p50/p95/p99, throughput and
 * attempts per request; per node utilization and queue depth. The samples are computed as the dashboard computes
 * its own (`shared/series.ts`); a line of more than `MAX_POINTS` samples is thinned, keeping its extremes.
 */
import type { Report } from '../../engine/index.js';
import type { TopologyDocument } from '../../model/types.js';
import { amplification, successRate, throughput, type SeriesSample } from '../../series.js';
import type { ChartLine, ChartSpec } from './chart.js';
import { downsample } from './downsample.js';
import type { BreakerBand, FaultEntry } from './timeline.js';

/** At most this many points per line. */
export const MAX_POINTS = 400;
/** At most this many nodes in the node charts (the busiest); more lines than that cannot be told apart. */
export const MAX_CHART_NODES = 8;
/** Kinds with workers: utilization means something there. */
const WORKER_KINDS = new Set(['service', 'database']);
/** Kinds that hold requests waiting. */
const QUEUE_KINDS = new Set(['service', 'database', 'queue']);

export interface ChartGroup {
  title: string;
  /** Why some lines are left out, when they are. */
  note?: string;
  charts: ChartSpec[];
}

export interface ChartInput {
  document: TopologyDocument;
  report: Report;
  samples: readonly SeriesSample[];
  durationMs: number;
  faults: readonly FaultEntry[];
  bands: readonly BreakerBand[];
}

const percentLabel = (v: number) => String(Math.round(v));

/** The chart groups (clients, nodes), each with its charts; a group with nothing to chart is left out. */
export function buildCharts(input: ChartInput): ChartGroup[] {
  const { samples, report, durationMs } = input;
  const x = samples.map((s) => s.tMs);
  const faults = input.faults.flatMap((f) => (f.span ? [{ span: f.span, label: f.label }] : []));
  const bands = [...input.bands];
  const base = { durationMs, faults, bands };
  const line = (label: string, color: number, y: number[], style: Partial<ChartLine> = {}): ChartLine => {
    const points = downsample(x, y, MAX_POINTS);
    return { label, color, x: points.x, y: points.y, ...style };
  };
  const groups: ChartGroup[] = [];

  const clientIds = Object.keys(report.clients);
  if (clientIds.length > 0 && samples.length > 0) {
    const column = (id: string, f: (s: SeriesSample) => number) =>
      samples.map((s) => (s.clients[id] ? f(s) : Number.NaN));
    groups.push({
      title: 'Clients',
      charts: [
        {
          ...base,
          id: 'chart-success',
          title: 'Success rate',
          unit: '%',
          y: { max: 100 },
          format: percentLabel,
          lines: clientIds.map((id, i) =>
            line(
              id,
              i,
              column(id, (s) => successRate(s.clients[id]!)),
            ),
          ),
          note: 'Share of the requests that finished in each interval that succeeded.',
        },
        ...latencyCharts(clientIds, (id, i) => {
          const pick = (q: 'p50' | 'p95' | 'p99') => column(id, (s) => s.clients[id]![q]);
          return [
            line(`${id} p99`, i, pick('p99'), { width: 1.75 }),
            line(`${id} p95`, i, pick('p95'), { width: 1.25, opacity: 0.7 }),
            line(`${id} p50`, i, pick('p50'), { width: 1, opacity: 0.45 }),
          ];
        }).map((c) => ({ ...base, ...c })),
        {
          ...base,
          id: 'chart-throughput',
          title: 'Throughput',
          unit: 'req/s',
          y: { atLeast: 1 },
          lines: clientIds.map((id, i) =>
            line(
              id,
              i,
              column(id, (s) => throughput(s.clients[id]!, s.intervalMs)),
            ),
          ),
          note: 'Requests that succeeded per simulated second.',
        },
        {
          ...base,
          id: 'chart-attempts',
          title: 'Attempts per request',
          unit: '×',
          y: { atLeast: 2 },
          format: (v) => v.toFixed(1),
          lines: clientIds.map((id, i) =>
            line(
              id,
              i,
              column(id, (s) => amplification(s.clients[id]!)),
            ),
          ),
          note: 'Attempts sent per request started: 1 without retries.',
        },
      ],
    });
  }

  const kindOf = new Map(input.document.nodes.map((n) => [n.id, n.kind] as const));
  const queueIds = Object.keys(report.nodes).filter((id) => QUEUE_KINDS.has(kindOf.get(id) ?? ''));
  if (queueIds.length > 0 && samples.length > 0) {
    const chosen = busiest(queueIds, report).slice(0, MAX_CHART_NODES);
    // in the document's order, so colours follow the diagram and not the ranking
    const ids = queueIds.filter((id) => chosen.includes(id));
    const workerIds = ids.filter((id) => WORKER_KINDS.has(kindOf.get(id) ?? ''));
    const column = (id: string, f: (n: SeriesSample['nodes'][string]) => number) =>
      samples.map((s) => (s.nodes[id] ? f(s.nodes[id]) : Number.NaN));
    const charts: ChartSpec[] = [];
    if (workerIds.length > 0) {
      charts.push({
        ...base,
        id: 'chart-utilization',
        title: 'Utilization',
        unit: '%',
        y: { max: 100 },
        format: percentLabel,
        lines: workerIds.map((id) =>
          line(
            id,
            ids.indexOf(id),
            column(id, (n) => n.utilization * 100),
          ),
        ),
        note: 'Busy workers over all workers, averaged over each interval.',
      });
    }
    charts.push({
      ...base,
      id: 'chart-queue',
      title: 'Queue depth',
      unit: 'requests',
      y: { atLeast: 4 },
      lines: ids.map((id, i) =>
        line(
          id,
          i,
          column(id, (n) => n.queued),
        ),
      ),
      note: 'Requests waiting or in service, averaged over each interval.',
    });
    groups.push({
      title: 'Nodes',
      note:
        queueIds.length > ids.length
          ? `The ${ids.length} busiest of ${queueIds.length} servers and queues.`
          : undefined,
      charts,
    });
  }
  return groups;
}

/** Clients that get a latency chart each; with more, one chart shows every client's p99. */
const MAX_LATENCY_CHARTS = 4;
const LATENCY_NOTE = 'Of the requests that succeeded in each interval, from creation to the final answer.';

/**
 * The latency charts: one for a single client; one per client for a few, so that their three percentiles stay
 * readable; only the p99 of each for many.
 */
function latencyCharts(
  ids: readonly string[],
  lines: (id: string, color: number) => ChartLine[],
): Omit<ChartSpec, 'durationMs' | 'faults' | 'bands'>[] {
  const spec = { unit: 'ms', y: { atLeast: 1 } };
  if (ids.length === 1) {
    return [
      { ...spec, id: 'chart-latency', title: 'Latency p50 / p95 / p99', lines: lines(ids[0]!, 0), note: LATENCY_NOTE },
    ];
  }
  if (ids.length <= MAX_LATENCY_CHARTS) {
    return ids.map((id, i) => ({
      ...spec,
      id: `chart-latency-${i + 1}`,
      title: `Latency p50 / p95 / p99: ${id}`,
      lines: lines(id, i),
      note: LATENCY_NOTE,
    }));
  }
  return [
    {
      ...spec,
      id: 'chart-latency',
      title: 'Latency p99',
      lines: ids.map((id, i) => ({ ...lines(id, i)[0]!, label: id })),
      note: LATENCY_NOTE,
    },
  ];
}

/** The busiest first: by utilization over the run, then by requests in the system, then by arrivals, then id. */
function busiest(ids: readonly string[], report: Report): string[] {
  const n = (id: string) => report.nodes[id];
  return [...ids].sort(
    (a, b) =>
      (n(b)?.utilization ?? 0) - (n(a)?.utilization ?? 0) ||
      (n(b)?.meanInSystem ?? 0) - (n(a)?.meanInSystem ?? 0) ||
      (n(b)?.arrivals ?? 0) - (n(a)?.arrivals ?? 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}
