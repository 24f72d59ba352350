/**
 * The readable form of a run report (`backpressure run` without `--json`): a header line and one table per part of
 * the report. Plain ASCII, no colours, so it reads the same in a terminal, a file or a CI log.
 */
import type { Report } from '../shared/engine/index.js';
import type { TopologyDocument } from '../shared/model/types.js';
import { formatDuration } from './duration.js';
import { formatBytes, formatCount, formatDecimal, formatMs, formatPercent } from '../shared/format.js';
import { renderTable, type Column } from './table.js';

const num = (header: string): Column => ({ header, align: 'right' });
const SERVER_KINDS = new Set(['service', 'database']);

/** The report as text, ending with a newline. */
export function reportText(document: TopologyDocument, report: Report): string {
  const kindOf = new Map(document.nodes.map((n) => [n.id, n.kind] as const));
  const edgeOf = new Map(document.edges.map((e) => [e.id, e] as const));
  const out: string[] = [
    `${document.name}: seed ${report.seed}, ${formatDuration(report.durationMs)} simulated, ${formatCount(report.events)} events`,
  ];
  const section = (title: string, lines: string[]) => out.push('', title, ...lines);

  const clients = Object.entries(report.clients);
  section(
    'Clients',
    clients.length === 0
      ? ['(none)']
      : renderTable(
          [
            { header: 'client' },
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
          clients.map(([id, c]) => {
            const finished = c.succeeded + c.failed;
            return [
              id,
              formatCount(c.requests),
              finished > 0 ? formatPercent(c.succeeded / finished) : '-',
              formatCount(c.failed),
              formatCount(c.inFlight),
              c.requests > 0 ? formatDecimal(c.attempts / c.requests) : '-',
              formatMs(c.latencyMs.mean),
              formatMs(c.latencyMs.p50),
              formatMs(c.latencyMs.p95),
              formatMs(c.latencyMs.p99),
            ];
          }),
        ),
  );
  const failureNotes = clients.flatMap(([id, c]) => {
    const reasons = Object.entries(c.failures).filter(([, n]) => n > 0);
    return reasons.length === 0
      ? []
      : [`  ${id} failed by: ${reasons.map(([r, n]) => `${r} ${formatCount(n)}`).join(', ')}`];
  });
  if (failureNotes.length > 0) out.push(...failureNotes);

  const nodes = Object.entries(report.nodes);
  section(
    'Nodes',
    nodes.length === 0
      ? ['(none)']
      : renderTable(
          [
            { header: 'node' },
            { header: 'kind' },
            num('arrivals'),
            num('ok'),
            num('errors'),
            num('rejected'),
            num('util %'),
            num('in system'),
            num('p50 ms'),
            num('p99 ms'),
          ],
          nodes.map(([id, n]) => {
            const kind = kindOf.get(id) ?? '';
            return [
              id,
              kind,
              formatCount(n.arrivals),
              formatCount(n.ok),
              formatCount(n.errors),
              formatCount(n.rejected),
              // a balancer has no workers, so utilization means nothing there
              SERVER_KINDS.has(kind) ? formatPercent(n.utilization) : '-',
              formatDecimal(n.meanInSystem),
              formatMs(n.latencyMs.p50),
              formatMs(n.latencyMs.p99),
            ];
          }),
        ),
  );

  const edges = Object.entries(report.edges);
  section(
    'Edges',
    edges.length === 0
      ? ['(none)']
      : renderTable(
          [{ header: 'edge' }, { header: 'from -> to' }, num('messages'), num('lost'), num('bytes')],
          edges.map(([id, e]) => {
            const d = edgeOf.get(id);
            return [
              id,
              d ? `${d.source} -> ${d.target}` : '',
              formatCount(e.messages),
              formatCount(e.lost),
              formatBytes(e.bytes),
            ];
          }),
        ),
  );

  const caches = Object.entries(report.caches);
  if (caches.length > 0) {
    section(
      'Caches',
      renderTable(
        [{ header: 'cache' }, num('hits'), num('misses'), num('hit %')],
        caches.map(([id, c]) => [id, formatCount(c.hits), formatCount(c.misses), formatPercent(c.hitRatio)]),
      ),
    );
  }
  const breakers = Object.entries(report.breakers);
  if (breakers.length > 0) {
    section(
      'Circuit breakers',
      renderTable(
        [{ header: 'caller->target' }, num('opened'), num('refused'), { header: 'last state' }],
        breakers.map(([id, b]) => [
          id,
          formatCount(b.transitions.filter((t) => t.to === 'open').length),
          formatCount(b.refused),
          b.transitions.at(-1)?.to ?? 'closed',
        ]),
      ),
    );
  }
  const health = Object.entries(report.health);
  if (health.length > 0) {
    section(
      'Health checks',
      renderTable(
        [{ header: 'checker->target' }, num('marked down'), num('marked up')],
        health.map(([id, h]) => [id, formatCount(h.down.length), formatCount(h.up.length)]),
      ),
    );
  }
  // outlier ejections are an extension of §7 that not every core reports
  const outliers = Object.entries((report as { outliers?: Record<string, { ejections: unknown[] }> }).outliers ?? {});
  if (outliers.length > 0) {
    section(
      'Outlier ejections',
      renderTable(
        [{ header: 'by->target' }, num('ejections')],
        outliers.map(([id, o]) => [id, formatCount(o.ejections.length)]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
