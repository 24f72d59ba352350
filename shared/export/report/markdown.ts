/**
 * The report as Markdown that reads well on GitHub: the same content as the HTML page, with the charts as tables of
 * a dozen time windows and the document in a collapsed fenced block.
 */
import { formatDecimal, formatMs, formatPercent } from '../../format.js';
import type { SeriesSample } from '../../series.js';
import { MAX_CHART_NODES } from './charts.js';
import { reportContent, type ReportContent } from './content.js';
import { codeFence, escapeHtml, escapeMarkdown, escapeMarkdownParagraph } from './escape.js';
import type { SummaryTable, TableColumn } from './tables.js';
import type { StateLane } from './timeline.js';
import type { MarkdownReportInput } from './types.js';

/** Time windows in the Markdown's tables over time. */
export const MARKDOWN_WINDOWS = 12;
/** Spans listed per breaker or health check before the rest is counted. */
const MAX_SPANS = 6;

/**
 * The report as Markdown. The diagram is an image link when `diagramImage` is given, else left out.
 *
 * @example writeFile('report.md', buildReportMarkdown({ ...input, diagramImage: 'topology.svg' }))
 */
export function buildReportMarkdown(input: MarkdownReportInput): string {
  const c = reportContent(input);
  const out: string[] = [];
  const para = (...lines: string[]) => out.push(...lines, '');

  para(`# ${escapeMarkdown(c.title)}`);
  para(
    `*Backpressure simulation report*${c.title !== c.documentName ? ` · document “${escapeMarkdown(c.documentName)}”` : ''}`,
  );
  for (const p of c.description) para(escapeMarkdownParagraph(p));
  para(
    table(
      c.facts.map((f) => ({ header: f.label, align: 'left' as const })),
      [c.facts.map((f) => f.value)],
    ),
  );
  if (c.keyFigures.length > 0) {
    para(
      ...c.keyFigures.map(
        (k) =>
          `- **${escapeMarkdown(k.id)}**${k.label ? ` (${escapeMarkdown(k.label)})` : ''}: ${k.successText} succeeded of ` +
          `${k.requests} requests, p99 ${k.p99}, ${k.attempts} attempts per request` +
          (k.failures ? `; failed by ${k.failures}` : ''),
      ),
    );
  }

  para('## Reproduce this run');
  para(`Save the document (at the end of this report) as \`${c.fileName}\` and run:`);
  para('```sh', c.command, '```');

  if (input.diagramImage) {
    para('## Topology');
    para(
      `![Topology of ${escapeMarkdown(c.documentName)}](${encodeURI(input.diagramImage).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})`,
    );
  }

  para('## Timeline');
  timelineMarkdown(c, para);

  para('## Summary');
  for (const t of c.tables) {
    para(`### ${escapeMarkdown(t.title)}`);
    para(summaryTable(t));
  }

  for (const s of input.extraSections ?? []) {
    para(`## ${escapeMarkdown(s.title)}`);
    para(s.markdown.trim());
  }

  para('## Over time');
  overTimeMarkdown(input, c, para);

  const fence = codeFence(c.documentJson);
  para('## Document');
  para(
    '<details>',
    `<summary>${escapeHtml(c.fileName)}</summary>`,
    '',
    `${fence}json`,
    c.documentJson.trimEnd(),
    fence,
    '',
    '</details>',
  );
  return `${out.join('\n').trimEnd()}\n`;
}

function table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => escapeMarkdown(c.header))),
    line(columns.map((c) => (c.align === 'right' ? '---:' : ':---'))),
    ...rows.map((r) => line(r.map((cell) => escapeMarkdown(cell)))),
  ].join('\n');
}

function summaryTable(t: SummaryTable): string {
  const rows = t.rows.map((r, i) => {
    const label = t.labels[i];
    return label ? [`${r[0]} — ${label}`, ...r.slice(1)] : r;
  });
  return table(t.columns, rows);
}

const secs = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;

function timelineMarkdown(c: ReportContent, para: (...lines: string[]) => void): void {
  if (c.faults.length === 0) para('No faults were injected.');
  else {
    para('### Faults');
    para(
      table(
        [
          { header: 'fault', align: 'left' },
          { header: 'kind', align: 'left' },
          { header: 'from', align: 'right' },
          { header: 'until', align: 'right' },
          { header: 'effect', align: 'left' },
        ],
        c.faults.map((f) => [
          f.fault.id,
          f.fault.kind,
          secs(f.fault.atMs),
          f.fault.untilMs === undefined ? 'end' : secs(f.fault.untilMs),
          f.effect,
        ]),
      ),
    );
  }
  const lanes = (title: string, list: readonly StateLane[], none: string) => {
    if (list.length === 0) return;
    para(`### ${title}`);
    para(
      table(
        [
          { header: title === 'Circuit breakers' ? 'caller → target' : 'by → target', align: 'left' },
          { header: 'when', align: 'left' },
        ],
        list.map((l) => [l.name, spansText(l, none)]),
      ),
    );
  };
  lanes('Circuit breakers', c.breakers, 'stayed closed');
  lanes('Health checks', c.health, 'stayed up');
  lanes('Outlier ejections', c.outliers, 'never ejected');
}

function spansText(lane: StateLane, none: string): string {
  if (lane.spans.length === 0) return none;
  const names = { open: 'open', halfOpen: 'half-open', down: 'down', ejected: 'ejected' } as const;
  const shown = lane.spans
    .slice(0, MAX_SPANS)
    .map((s) => `${names[s.state]} ${Number((s.fromMs / 1000).toFixed(2))}–${secs(s.toMs)}`);
  const more = lane.spans.length - MAX_SPANS;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}

interface Window {
  fromMs: number;
  toMs: number;
  samples: SeriesSample[];
}

/** The samples cut into about `count` windows of equal length (samples belong to the window their end is in). */
function windows(samples: readonly SeriesSample[], durationMs: number, count: number): Window[] {
  const n = Math.max(1, Math.min(count, samples.length));
  const out: Window[] = Array.from({ length: n }, (_, i) => ({
    fromMs: (i * durationMs) / n,
    toMs: ((i + 1) * durationMs) / n,
    samples: [],
  }));
  for (const s of samples) {
    const i = Math.min(n - 1, Math.max(0, Math.ceil((s.tMs / durationMs) * n) - 1));
    out[i]!.samples.push(s);
  }
  return out;
}

function overTimeMarkdown(input: MarkdownReportInput, c: ReportContent, para: (...lines: string[]) => void): void {
  const ws = windows(input.samples, input.durationMs, MARKDOWN_WINDOWS);
  const span = (w: Window) => `${Number((w.fromMs / 1000).toFixed(1))}–${Number((w.toMs / 1000).toFixed(1))} s`;
  const activeFaults = (w: Window) =>
    c.faults
      .filter((f) => f.span && f.span.fromMs < w.toMs && f.span.toMs > w.fromMs)
      .map((f) => f.label)
      .join(', ');
  const breakerIn = (w: Window) => {
    const states = c.bands.filter((b) => b.fromMs < w.toMs && b.toMs > w.fromMs).map((b) => b.state);
    return states.includes('open') ? 'open' : states.includes('halfOpen') ? 'half-open' : '';
  };
  const clientIds = Object.keys(input.report.clients);
  if (input.samples.length === 0 || (clientIds.length === 0 && Object.keys(input.report.nodes).length === 0)) {
    para('Nothing to show over time.');
    return;
  }
  para(
    `The run in ${ws.length} windows of ${secs(input.durationMs / ws.length)}: requests that finished in each window, ` +
      'and the worst p99 of its intervals.',
  );
  const showBreakers = c.bands.length > 0;
  for (const id of clientIds) {
    para(`### ${escapeMarkdown(id)}`);
    const columns: TableColumn[] = [
      { header: 'time', align: 'left' },
      { header: 'ok %', align: 'right' },
      { header: 'ok/s', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'attempts/req', align: 'right' },
      ...(showBreakers ? [{ header: 'breaker', align: 'left' as const }] : []),
      { header: 'faults', align: 'left' },
    ];
    const rows = ws.map((w) => {
      let ok = 0;
      let failed = 0;
      let started = 0;
      let attempts = 0;
      let p99 = Number.NaN;
      for (const s of w.samples) {
        const x = s.clients[id];
        if (!x) continue;
        ok += x.succeeded;
        failed += x.failed;
        started += x.started;
        attempts += x.attempts;
        if (Number.isFinite(x.p99) && !(x.p99 <= p99)) p99 = x.p99;
      }
      const seconds = (w.toMs - w.fromMs) / 1000;
      return [
        span(w),
        ok + failed > 0 ? formatPercent(ok / (ok + failed)) : '-',
        seconds > 0 ? formatDecimal(ok / seconds, 1) : '-',
        Number.isFinite(p99) ? formatMs(p99) : '-',
        started > 0 ? formatDecimal(attempts / started) : '-',
        ...(showBreakers ? [breakerIn(w)] : []),
        activeFaults(w),
      ];
    });
    para(table(columns, rows));
  }

  const kindOf = new Map(input.document.nodes.map((n) => [n.id, n.kind] as const));
  const servers = Object.keys(input.report.nodes)
    .filter((id) => ['service', 'database'].includes(kindOf.get(id) ?? ''))
    .sort((a, b) => (input.report.nodes[b]?.utilization ?? 0) - (input.report.nodes[a]?.utilization ?? 0))
    .slice(0, MAX_CHART_NODES);
  if (servers.length === 0) return;
  const ordered = Object.keys(input.report.nodes).filter((id) => servers.includes(id));
  para('### Servers');
  para(
    'Utilization (busy workers over all workers) and queue depth (requests waiting or in service), averaged over each window.',
  );
  para(
    table(
      [
        { header: 'time', align: 'left' },
        ...ordered.map((id) => ({ header: `${id} util %`, align: 'right' as const })),
        ...ordered.map((id) => ({ header: `${id} queue`, align: 'right' as const })),
      ],
      ws.map((w) => {
        const avg = (id: string, f: (n: SeriesSample['nodes'][string]) => number) => {
          let area = 0;
          let time = 0;
          for (const s of w.samples) {
            const n = s.nodes[id];
            if (!n) continue;
            area += f(n) * s.intervalMs;
            time += s.intervalMs;
          }
          return time > 0 ? area / time : Number.NaN;
        };
        return [
          span(w),
          ...ordered.map((id) => formatPercent(avg(id, (n) => n.utilization))),
          ...ordered.map((id) =>
            formatDecimal(
              avg(id, (n) => n.queued),
              1,
            ),
          ),
        ];
      }),
    ),
  );
}
