import {
  memo,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import type uPlot from 'uplot';
import type { Report } from '../../../shared/engine/index.js';
import type { Fault } from '../../../shared/model/types.js';
import type { SeriesSample } from '../sim/protocol.js';
import { Chart, type ChartSeries, type YRange } from './Chart.js';
import { formatShort } from './format.js';
import {
  Overlay,
  SeriesTable,
  breakerBands,
  busiestClients,
  busiestNodes,
  faultSpans,
  type BreakerBand,
  type FaultSpan,
  type SeriesKey,
  type Side,
} from './series.js';
import { Summary, type NodeInfo } from './Summary.js';
import { COMMANDS_BY_ID, runCommand } from '../store/commands.js';
import { EditorContext } from '../store/useEditor.js';
import './dashboard.css';

/** A run kept to compare the next ones with (same document and seed, so differences are the design's). */
export interface DashboardBaseline {
  samples: SeriesSample[];
  report: Report;
  label: string;
}

export interface DashboardProps {
  /** The run's samples so far, oldest first (the same array grown, or a new one for a new run). */
  samples: SeriesSample[];
  /** The report at `timeMs`; null before the first frame. */
  report: Report | null;
  /** The run's faults, drawn as shaded spans. */
  faults: Fault[];
  /** The current simulated time. */
  timeMs: number;
  /** The run's simulated length. */
  durationMs: number;
  baseline?: DashboardBaseline | null;
  onKeepBaseline?: () => void;
  onClearBaseline?: () => void;
  /** A click on a chart: the simulated time clicked. */
  onSeek?: (tMs: number) => void;
  /** Labels and kinds of nodes by id, when known: nicer names, and utilization only where there are workers. */
  nodeInfo?: Record<string, NodeInfo>;
  /** The run is playing: charts redraw in coming animation frames, a few at a time, not all at once. */
  playing?: boolean;
}

export const EMPTY_MESSAGE = 'Press play to run the simulation; charts fill in as it runs.';
/** How many clients the client charts show until some are picked (all of them when there are no more). */
export const DEFAULT_CLIENT_COUNT = 8;
/** While a run plays, which clients and nodes are the busiest is decided again this often (simulated ms). */
const RANK_EVERY_MS = 10_000;
/** How many nodes the node charts show until some are picked. */
export const DEFAULT_NODE_COUNT = 5;
const SERIES_COLORS = 8;
const SYNC_KEY = 'bp-dashboard';

type Tab = 'clients' | 'nodes' | 'summary';
const TABS: { id: Tab; label: string }[] = [
  { id: 'clients', label: 'Clients' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'summary', label: 'Summary' },
];

/** One chart's lines: which series of which run, and how each is drawn. */
interface ChartPlan {
  lines: { side: Side; key: SeriesKey }[];
  series: ChartSeries[];
}

interface Metric {
  title: string;
  keys: (id: string) => { key: SeriesKey; suffix: string; width?: number; alpha?: number }[];
  format: (v: number) => string;
  unit?: string;
  y?: YRange;
}

const CLIENT_CHARTS: Metric[] = [
  {
    title: 'Success rate',
    keys: (id) => [{ key: { kind: 'client', id, metric: 'success' }, suffix: '' }],
    format: formatShort,
    unit: '%',
    y: { max: 100 },
  },
  {
    title: 'Latency p50 / p95 / p99',
    keys: (id) => [
      { key: { kind: 'client', id, metric: 'p99' }, suffix: ' p99', width: 1.75 },
      { key: { kind: 'client', id, metric: 'p95' }, suffix: ' p95', width: 1.25, alpha: 0.7 },
      { key: { kind: 'client', id, metric: 'p50' }, suffix: ' p50', width: 1, alpha: 0.45 },
    ],
    format: formatShort,
    unit: ' ms',
    y: { atLeast: 1 },
  },
  {
    title: 'Throughput (succeeded per second)',
    keys: (id) => [{ key: { kind: 'client', id, metric: 'throughput' }, suffix: '' }],
    format: formatShort,
    unit: '/s',
    y: { atLeast: 1 },
  },
  {
    title: 'Attempts per request',
    keys: (id) => [{ key: { kind: 'client', id, metric: 'amplification' }, suffix: '' }],
    format: (v) => v.toFixed(2),
    unit: '×',
    y: { atLeast: 2 },
  },
];

const NODE_CHARTS: Metric[] = [
  {
    title: 'Utilization',
    keys: (id) => [{ key: { kind: 'node', id, metric: 'utilization' }, suffix: '' }],
    format: formatShort,
    unit: '%',
    y: { max: 100 },
  },
  {
    title: 'Queue depth',
    keys: (id) => [{ key: { kind: 'node', id, metric: 'queued' }, suffix: '' }],
    format: formatShort,
    y: { atLeast: 4 },
  },
];

/** The lines of a chart: the current run's, then the baseline's dashed, one colour per id in both. */
function planChart(
  metric: Metric,
  ids: readonly string[],
  overlay: Overlay,
  hasBaseline: boolean,
  colorOf: (id: string) => string,
  labelOf: (id: string) => string,
): ChartPlan {
  const plan: ChartPlan = { lines: [], series: [] };
  const sides: Side[] = hasBaseline ? ['baseline', 'current'] : ['current'];
  // baselines first, so the current run is drawn over them
  for (const side of sides) {
    for (const id of ids) {
      for (const k of metric.keys(id)) {
        if (!overlay.has(side, k.key)) continue;
        plan.lines.push({ side, key: k.key });
        plan.series.push({
          label: `${labelOf(id)}${k.suffix}${side === 'baseline' ? ' (baseline)' : ''}`,
          color: colorOf(id),
          dashed: side === 'baseline',
          width: k.width,
          alpha: side === 'baseline' ? (k.alpha ?? 1) * 0.8 : k.alpha,
          legend: k.suffix
            ? { group: `${labelOf(id)}${side === 'baseline' ? ' (baseline)' : ''}`, name: k.suffix.trim() }
            : undefined,
        });
      }
    }
  }
  return plan;
}

function bandsKey(bands: readonly BreakerBand[]): string {
  return bands.map((b) => `${b.state}:${b.fromMs}:${b.toMs}:${b.breakers.join(' ')}`).join(',');
}

/** A value made again only when `key` changes. */
function useKeyed<T>(make: () => T, key: string): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  if (!ref.current || ref.current.key !== key) ref.current = { key, value: make() };
  return ref.current.value;
}

interface ChartContext {
  overlay: Overlay;
  hasBaseline: boolean;
  colorOf: (id: string) => string;
  labelOf: (id: string) => string;
  timeMs: number;
  durationMs: number;
  onSeek?: (tMs: number) => void;
  faults: FaultSpan[];
  bands: BreakerBand[];
  deferred: boolean;
}

/** One metric's chart over some ids, fed from the overlay. */
function MetricChart({ metric, ids, ctx }: { metric: Metric; ids: readonly string[]; ctx: ChartContext }) {
  const { overlay } = ctx;
  const plan = planChart(metric, ids, overlay, ctx.hasBaseline, ctx.colorOf, ctx.labelOf);
  const signature = plan.lines
    .map(
      (l, i) =>
        `${l.side}\t${l.key.kind}\t${l.key.id}\t${l.key.metric}\t${plan.series[i].label}\t${plan.series[i].color}`,
    )
    .join('\n');
  const series = useKeyed(() => plan.series, signature);
  const data = useKeyed(
    (): uPlot.AlignedData => [overlay.x, ...plan.lines.map((l) => overlay.values(l.side, l.key) ?? [])],
    `${overlay.revision}\n${signature}`,
  );
  return (
    <Chart
      title={metric.title}
      data={data}
      series={series}
      format={metric.format}
      unit={metric.unit}
      y={metric.y}
      syncKey={SYNC_KEY}
      timeMs={ctx.timeMs}
      durationMs={ctx.durationMs}
      onSeek={ctx.onSeek}
      faults={ctx.faults}
      bands={ctx.bands}
      deferred={ctx.deferred}
    />
  );
}

function ChartGrid({ metrics, ids, ctx }: { metrics: Metric[]; ids: readonly string[]; ctx: ChartContext }) {
  return (
    <div className="bp-dash-grid">
      {metrics.map((m) => (
        <MetricChart key={m.title} metric={m} ids={ids} ctx={ctx} />
      ))}
    </div>
  );
}

/** The run's table, kept up to date with the samples as they grow (only new samples are read). */
function useSeriesTable(samples: readonly SeriesSample[]): SeriesTable {
  const [table] = useState(() => new SeriesTable());
  table.sync(samples);
  return table;
}

/** Picks which nodes the node charts show: the busiest by default, or the ones ticked. */
function Picker({
  noun,
  count,
  ids,
  ranked,
  picked,
  onPick,
  labelOf,
}: {
  /** What is picked, capitalised and plural: `Nodes`, `Clients`. */
  noun: string;
  /** How many of the busiest are shown until some are picked. */
  count: number;
  ids: readonly string[];
  ranked: readonly string[];
  picked: string[] | null;
  onPick: (ids: string[] | null) => void;
  labelOf: (id: string) => string;
}) {
  const shown = new Set(picked ?? ranked.slice(0, count));
  const toggle = (id: string) => {
    const next = new Set(shown);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onPick(ids.filter((i) => next.has(i)));
  };
  const ref = useRef<HTMLDetailsElement>(null);
  // closes like a menu: on a click elsewhere, or Escape
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="bp-dash-picker" ref={ref}>
      <summary>
        {noun}: {picked ? `${shown.size} picked` : `busiest ${Math.min(count, ids.length)}`} of {ids.length}
      </summary>
      <div className="bp-dash-picker-menu" role="group" aria-label={`${noun} to chart`}>
        <button type="button" className="bp-link" onClick={() => onPick(null)} disabled={picked === null}>
          Busiest {count}
        </button>
        {ranked.map((id) => (
          <label key={id}>
            <input type="checkbox" checked={shown.has(id)} onChange={() => toggle(id)} />
            <span>{labelOf(id)}</span>
          </label>
        ))}
      </div>
    </details>
  );
}

/**
 * The dashboard under the canvas: charts of the run over simulated time (per client, per node) and its report as
 * tables, with a kept run overlaid as a baseline. Charts are fed incrementally: a frame costs its new samples.
 */
export const Dashboard = memo(function Dashboard(props: DashboardProps) {
  const { samples, report, faults, timeMs, durationMs, baseline, onKeepBaseline, onClearBaseline, onSeek, nodeInfo } =
    props;
  const [tab, setTab] = useState<Tab>('clients');
  const [picked, setPicked] = useState<string[] | null>(null);
  const [pickedClients, setPickedClients] = useState<string[] | null>(null);
  // inside the editor, the report of this document can be exported from here too
  const commands = useContext(EditorContext);
  const exportReport = COMMANDS_BY_ID.get('file.exportReport');
  const tabsId = useId();

  const table = useSeriesTable(samples);
  const baseSamples = baseline?.samples;
  const baseTable = useMemo(() => (baseSamples ? SeriesTable.of(baseSamples) : null), [baseSamples]);
  const [overlay] = useState(() => new Overlay());
  overlay.update(table, baseTable);

  const clientIds = useKeyed(
    () => [...new Set([...table.clientIds, ...(baseTable?.clientIds ?? [])])],
    `${table.generation}:${table.clientIds.join('\n')}|${baseTable?.clientIds.join('\n') ?? ''}`,
  );
  const nodeIds = table.nodeIds;
  const colorIds = useKeyed(
    () => [...new Set([...clientIds, ...nodeIds, ...(baseTable?.nodeIds ?? [])])],
    `${clientIds.join('\n')}|${nodeIds.join('\n')}|${baseTable?.nodeIds.join('\n') ?? ''}`,
  );
  const colorOf = useMemo(() => {
    const index = new Map(colorIds.map((id, i) => [id, i] as const));
    return (id: string) => `--bp-series-${(index.get(id) ?? 0) % SERIES_COLORS}`;
  }, [colorIds]);
  const labelOf = useMemo(() => {
    // a label that several nodes share is followed by the id
    const uses = new Map<string, number>();
    for (const info of Object.values(nodeInfo ?? {})) {
      if (info.label) uses.set(info.label, (uses.get(info.label) ?? 0) + 1);
    }
    return (id: string) => {
      const label = nodeInfo?.[id]?.label;
      if (!label) return id;
      return (uses.get(label) ?? 0) > 1 ? `${label} (${id})` : label;
    };
  }, [nodeInfo]);

  // Past DEFAULT_CLIENT_COUNT clients, the busiest are charted until others are picked: a hundred clients would be
  // three hundred latency lines, unreadable, and too slow to draw four times a second.
  // While playing, the ranking is taken again every RANK_EVERY_MS of simulated time, not on every report: lines
  // would otherwise trade places (and charts be made again) four times a second among clients of equal load.
  const rankedAt = props.playing ? Math.floor(timeMs / RANK_EVERY_MS) : report;
  const rankedClients = useMemo(() => busiestClients(clientIds, report), [clientIds, rankedAt]);
  const shownClients = (pickedClients ?? rankedClients.slice(0, DEFAULT_CLIENT_COUNT)).filter((id) =>
    clientIds.includes(id),
  );
  const chartClients = useKeyed(
    () => clientIds.filter((id) => shownClients.includes(id)),
    `${clientIds.join('\n')}|${shownClients.join('\n')}`,
  );

  const ranked = useMemo(() => busiestNodes(nodeIds, report), [nodeIds, rankedAt]);
  const shownNodes = (picked ?? ranked.slice(0, DEFAULT_NODE_COUNT)).filter((id) => nodeIds.includes(id));
  // in the order of the document, so that a change in ranking does not reorder the legend
  const chartNodes = useKeyed(
    () => nodeIds.filter((id) => shownNodes.includes(id)),
    `${nodeIds.join('\n')}|${shownNodes.join('\n')}`,
  );

  const spans = useMemo(() => faultSpans(faults), [faults]);
  const bandsNow = report ? breakerBands(report.breakers, Math.min(timeMs, durationMs)) : [];
  const bands = useKeyed(() => bandsNow, bandsKey(bandsNow));

  const ctx: ChartContext = {
    overlay,
    hasBaseline: !!baseTable,
    colorOf,
    labelOf,
    timeMs,
    durationMs,
    onSeek,
    faults: spans,
    bands,
    deferred: !!props.playing,
  };

  const empty = samples.length === 0 && !report;
  const seedDiffers = !!baseline && !!report && baseline.report.seed !== report.seed;

  const onTabKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length];
    setTab(t.id);
    document.getElementById(`${tabsId}-${t.id}`)?.focus();
  };

  return (
    <div className="bp-dashboard">
      <div className="bp-dash-head">
        <div className="bp-dash-tabs" role="tablist" aria-label="Dashboard" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`${tabsId}-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`${tabsId}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              className={tab === t.id ? 'active' : undefined}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tab === 'clients' && !empty && clientIds.length > DEFAULT_CLIENT_COUNT && (
          <Picker
            noun="Clients"
            count={DEFAULT_CLIENT_COUNT}
            ids={clientIds}
            ranked={rankedClients}
            picked={pickedClients}
            onPick={setPickedClients}
            labelOf={labelOf}
          />
        )}
        {tab === 'nodes' && !empty && nodeIds.length > 0 && (
          <Picker
            noun="Nodes"
            count={DEFAULT_NODE_COUNT}
            ids={nodeIds}
            ranked={ranked}
            picked={picked}
            onPick={setPicked}
            labelOf={labelOf}
          />
        )}
        <div className="bp-dash-actions">
          {baseline && (
            <span className="bp-dash-baseline" title="Charts show the baseline dashed; the summary compares with it">
              <span className="bp-dash-baseline-swatch" aria-hidden="true" />
              Baseline: {baseline.label}
              {seedDiffers && (
                <span className="bp-dash-warn" title="Runs with different seeds differ by chance too">
                  {' '}
                  (seed {baseline.report.seed}, this run {report!.seed})
                </span>
              )}
            </span>
          )}
          {baseline && onClearBaseline && (
            <button type="button" className="bp-dash-button" onClick={onClearBaseline}>
              Clear baseline
            </button>
          )}
          {commands && exportReport && (
            <button
              type="button"
              className="bp-dash-button"
              onClick={() => runCommand(commands, exportReport.id)}
              title="Run this document with its seed and duration and save the report: diagram, faults, tables and charts in one HTML file"
            >
              {exportReport.label}
            </button>
          )}
          {onKeepBaseline && (
            <button
              type="button"
              className="bp-dash-button"
              onClick={onKeepBaseline}
              disabled={!report || samples.length === 0}
              title="Keep this run and overlay the next one on it (same seed, so the difference is the design)"
            >
              {baseline ? 'Keep as new baseline' : 'Keep as baseline'}
            </button>
          )}
        </div>
      </div>
      <div className="bp-dash-body" role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {empty ? (
          <p className="bp-dash-empty">{EMPTY_MESSAGE}</p>
        ) : tab === 'clients' ? (
          clientIds.length === 0 ? (
            <p className="bp-dash-empty">This topology has no clients, so there are no requests to chart.</p>
          ) : (
            <ChartGrid metrics={CLIENT_CHARTS} ids={chartClients} ctx={ctx} />
          )
        ) : tab === 'nodes' ? (
          chartNodes.length === 0 ? (
            <p className="bp-dash-empty">{nodeIds.length === 0 ? 'No nodes to chart yet.' : 'Pick nodes to chart.'}</p>
          ) : (
            <ChartGrid metrics={NODE_CHARTS} ids={chartNodes} ctx={ctx} />
          )
        ) : report ? (
          <Summary report={report} baseline={baseline} nodeInfo={nodeInfo} />
        ) : (
          <p className="bp-dash-empty">The report appears with the first frame of the run.</p>
        )}
      </div>
    </div>
  );
});
