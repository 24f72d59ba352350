import type { Report } from '../../../shared/engine/index.js';
import { formatBytes, formatCount, formatDecimal, formatMs, formatPercent } from '../../../shared/format.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { BREAKER_HALF_OPEN, BREAKER_OPEN, type LiveState } from '../sim/protocol.js';
import { KIND_TITLES } from '../store/kinds.js';

export interface TooltipRow {
  label: string;
  value: string;
  tone?: 'danger' | 'warn';
}

export interface TooltipContent {
  title: string;
  subtitle: string;
  /** A state worth a badge: crashed, out of rotation, cut. */
  status: { text: string; tone: 'danger' | 'warn' } | null;
  rows: TooltipRow[];
}

/** What the tooltip reads: the run's live state and report, and the ids they are indexed by. */
export interface LiveView {
  live: LiveState;
  report: Report | null;
  nodeIds: readonly string[];
  edgeIds: readonly string[];
}

const perSecond = (v: number) => `${v >= 100 ? formatCount(v) : formatDecimal(v, v >= 10 ? 1 : 2)}/s`;
const pct = (v: number) => `${formatPercent(v)}%`;
const latency = (s: { p50: number; p99: number }) => `${formatMs(s.p50)} / ${formatMs(s.p99)} ms`;

/** The numbers the live tooltip shows for a node, from the run's state at the time shown. */
export function nodeTooltip(doc: TopologyDocument, view: LiveView, id: string): TooltipContent | null {
  const node = doc.nodes.find((n) => n.id === id);
  const i = view.nodeIds.indexOf(id);
  if (!node || i < 0 || node.kind === 'region') return null;
  const { live, report } = view;
  const rows: TooltipRow[] = [];
  const title = node.label ?? node.id;
  const subtitle = KIND_TITLES[node.kind];
  const client = report?.clients[id];
  if (client) {
    rows.push({ label: 'Requests', value: perSecond(live.arrivalRate[i]!) });
    const finished = client.succeeded + client.failed;
    if (finished > 0)
      rows.push({
        label: 'Succeeded',
        value: pct(client.succeeded / finished),
        ...(client.failed > 0 ? { tone: client.failed / finished > 0.05 ? 'danger' : 'warn' } : {}),
      } as TooltipRow);
    rows.push({ label: 'In flight', value: formatCount(client.inFlight) });
    if (client.succeeded > 0) rows.push({ label: 'Latency p50 / p99', value: latency(client.latencyMs) });
    return { title, subtitle, status: null, rows };
  }
  const workers = live.workers[i]!;
  const crashed = live.crashed[i] === 1;
  const replicas = live.replicas[i]!;
  const up = live.healthy[i]!;
  const out = live.outOfRotation[i]!;
  const serving = up - out;
  if (workers > 0) {
    const u = live.busy[i]! / workers;
    rows.push({ label: 'Utilization', value: pct(u), ...(u > 0.85 ? { tone: 'danger' as const } : {}) });
  }
  const capacity = live.queueCapacity[i]!;
  rows.push({
    label: 'Queue',
    value: capacity > 0 ? `${formatCount(live.queued[i]!)} of ${formatCount(capacity)}` : formatCount(live.queued[i]!),
    ...(capacity > 0 && live.queued[i]! >= capacity * 0.8 ? { tone: 'danger' as const } : {}),
  });
  rows.push({ label: 'In flight', value: formatCount(live.busy[i]! + live.queued[i]!) });
  rows.push({ label: 'Arrivals', value: perSecond(live.arrivalRate[i]!) });
  const errors = live.errorRate[i]!;
  rows.push({
    label: 'Errors',
    value: pct(errors),
    ...(errors > 0 ? { tone: errors > 0.05 ? ('danger' as const) : ('warn' as const) } : {}),
  });
  const reasons: string[] = [];
  if (live.ejected[i]! > 0) reasons.push(`${formatCount(live.ejected[i]!)} ejected`);
  if (live.markedDown[i]! > 0)
    reasons.push(`${formatCount(live.markedDown[i]!)} failing health check${live.markedDown[i] === 1 ? '' : 's'}`);
  if (replicas > 1 || up < replicas || reasons.length > 0)
    rows.push({
      label: 'Replicas in rotation',
      value: `${formatCount(Math.max(0, serving))} of ${formatCount(replicas)}${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
      ...(serving < replicas ? { tone: serving <= 0 ? ('danger' as const) : ('warn' as const) } : {}),
    });
  const cache = report?.caches[id];
  if (cache) rows.push({ label: 'Cache hit ratio', value: pct(cache.hitRatio) });
  const stats = report?.nodes[id];
  if (stats && stats.ok + stats.errors > 0) rows.push({ label: 'Latency p50 / p99', value: latency(stats.latencyMs) });
  const status = crashed
    ? { text: 'crashed', tone: 'danger' as const }
    : serving <= 0 && out > 0
      ? {
          text: live.ejected[i]! > 0 && live.markedDown[i]! === 0 ? 'ejected' : 'marked down',
          tone: 'danger' as const,
        }
      : null;
  return { title, subtitle, status, rows };
}

/** The numbers the live tooltip shows for an edge. */
export function edgeTooltip(doc: TopologyDocument, view: LiveView, id: string): TooltipContent | null {
  const edge = doc.edges.find((e) => e.id === id);
  const i = view.edgeIds.indexOf(id);
  if (!edge || i < 0) return null;
  const { live, report } = view;
  const label = (nodeId: string) => doc.nodes.find((n) => n.id === nodeId)?.label ?? nodeId;
  const rows: TooltipRow[] = [
    { label: 'Messages', value: perSecond(live.messageRate[i]!) },
    { label: 'Bytes', value: `${formatBytes(live.byteRate[i]!)}/s` },
  ];
  const loss = live.lossRatio[i]!;
  rows.push({
    label: 'Lost',
    value: Number.isFinite(loss) ? pct(loss) : '-',
    ...(loss > 0 ? { tone: loss > 0.05 ? ('danger' as const) : ('warn' as const) } : {}),
  });
  const totals = report?.edges[id];
  if (totals)
    rows.push({
      label: 'So far',
      value: `${formatCount(totals.messages)} messages, ${formatCount(totals.lost)} lost, ${formatBytes(totals.bytes)}`,
    });
  const breaker = live.breaker[i];
  rows.push({
    label: 'Circuit breaker',
    value:
      breaker === BREAKER_OPEN
        ? 'open'
        : breaker === BREAKER_HALF_OPEN
          ? 'half-open'
          : breaker === 0
            ? 'none on this edge'
            : 'closed',
    ...(breaker === BREAKER_OPEN
      ? { tone: 'danger' as const }
      : breaker === BREAKER_HALF_OPEN
        ? { tone: 'warn' as const }
        : {}),
  });
  const cut = live.cut[i];
  const status =
    cut === 1
      ? { text: 'cut', tone: 'danger' as const }
      : cut === 2
        ? { text: 'cut one way', tone: 'danger' as const }
        : live.degraded[i] === 1
          ? { text: 'degraded', tone: 'warn' as const }
          : null;
  return { title: `${label(edge.source)} → ${label(edge.target)}`, subtitle: 'Edge', status, rows };
}
