/**
 * The report as one self-contained HTML page: no script, no external request, inline CSS (light and dark), inline
 * SVG for the diagram, the timeline and the charts, and the document embedded so the run can be reproduced.
 */
import { renderChart } from './chart.js';
import { buildCharts } from './charts.js';
import { reportContent, type KeyFigures, type ReportContent } from './content.js';
import { diagramHtml } from './diagram.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { REPORT_CSS } from './styles.js';
import type { SummaryTable } from './tables.js';
import { renderTimeline } from './timelineSvg.js';
import type { ReportInput } from './types.js';

/** The id of the `<script type="application/json">` element that holds the document. */
export const DOCUMENT_SCRIPT_ID = 'backpressure-document';

/**
 * The report as an HTML page. The output depends only on the input (no dates, no machine details), so two
 * reports of one run are byte-identical.
 *
 * @example writeFile('report.html', buildReportHtml({ document, seed, durationMs, report, samples }))
 */
export function buildReportHtml(input: ReportInput): string {
  const c = reportContent(input);
  const sections: { id: string; title: string; html: string }[] = [];
  sections.push({ id: 'reproduce', title: 'Reproduce this run', html: reproduceHtml(c) });
  const diagram = diagramHtml(input.document);
  sections.push({
    id: 'diagram',
    title: 'Topology',
    html: diagram.ok ? diagram.html : `<p class="muted">No diagram: ${escapeHtml(diagram.reason)}.</p>`,
  });
  sections.push({ id: 'timeline', title: 'Timeline', html: timelineHtml(c, input.durationMs) });
  sections.push({ id: 'summary', title: 'Summary', html: c.tables.map(tableHtml).join('') });
  (input.extraSections ?? []).forEach((s, i) => sections.push({ id: `extra-${i + 1}`, title: s.title, html: s.html }));
  const groups = buildCharts({
    document: input.document,
    report: input.report,
    samples: input.samples,
    durationMs: input.durationMs,
    faults: c.faults,
    bands: c.bands,
  });
  sections.push({
    id: 'charts',
    title: 'Over time',
    html:
      groups.length === 0
        ? '<p class="muted">Nothing to chart: the run has no clients and no servers.</p>'
        : groups
            .map(
              (g) =>
                `<h3>${escapeHtml(g.title)}</h3>` +
                (g.note ? `<p class="muted">${escapeHtml(g.note)}</p>` : '') +
                `<div class="chart-grid">${g.charts.map(renderChart).join('')}</div>`,
            )
            .join(''),
  });

  const toc = sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Backpressure">
<title>${escapeHtml(c.title)} · Backpressure report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${mastheadHtml(c)}
<nav class="toc" aria-label="Sections">${toc}</nav>
${sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n')}
<footer>Simulated by Backpressure. A run is a pure function of its document and seed: the command above gives these numbers again.</footer>
</main>
<script type="application/json" id="${DOCUMENT_SCRIPT_ID}">${jsonForScript(c.documentJson.trimEnd())}</script>
</body>
</html>
`;
}

function mastheadHtml(c: ReportContent): string {
  const facts = c.facts.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd></div>`);
  return (
    `<header class="masthead"><p class="kicker">Backpressure simulation report</p>` +
    `<h1>${escapeHtml(c.title)}</h1>` +
    (c.title !== c.documentName ? `<p class="docname">Document: ${escapeHtml(c.documentName)}</p>` : '') +
    c.description.map((p) => `<p class="description">${escapeHtml(p)}</p>`).join('') +
    `<dl class="facts">${facts.join('')}</dl>` +
    (c.keyFigures.length > 0 ? `<div class="cards">${c.keyFigures.map(cardHtml).join('')}</div>` : '') +
    `</header>`
  );
}

function cardHtml(k: KeyFigures): string {
  const tone = !Number.isFinite(k.success) ? '' : k.success >= 0.995 ? 'good' : k.success >= 0.95 ? 'warn' : 'bad';
  return (
    `<div class="card"><h3>${escapeHtml(k.id)}${k.label ? ` <span class="muted">· ${escapeHtml(k.label)}</span>` : ''}</h3>` +
    `<div class="big ${tone}">${escapeHtml(k.successText)} <span class="small">succeeded</span></div>` +
    `<div class="small">${escapeHtml(k.requests)} requests · p99 ${escapeHtml(k.p99)} · ${escapeHtml(k.attempts)} attempts/request</div>` +
    (k.failures ? `<div class="small">failed by ${escapeHtml(k.failures)}</div>` : '') +
    `</div>`
  );
}

function reproduceHtml(c: ReportContent): string {
  const href = `data:application/json;charset=utf-8,${encodeURIComponent(c.documentJson)}`;
  return (
    `<p>Save the document as <code>${escapeHtml(c.fileName)}</code> and run:</p>` +
    `<pre class="command"><code>${escapeHtml(c.command)}</code></pre>` +
    `<p><a class="download" href="${escapeHtml(href)}" download="${escapeHtml(c.fileName)}">Download ${escapeHtml(c.fileName)}</a> ` +
    `<span class="muted">The document is also embedded in this page, as JSON in the script element ` +
    `<code>#${DOCUMENT_SCRIPT_ID}</code>.</span></p>`
  );
}

function timelineHtml(c: ReportContent, durationMs: number): string {
  const svg = renderTimeline({
    durationMs,
    faults: c.faults,
    breakers: c.breakers,
    health: c.health,
    outliers: c.outliers,
  });
  if (!svg)
    return '<p class="muted">No faults were injected, and no breaker, health check or outlier detector reported a change.</p>';
  const list =
    c.faults.length === 0
      ? '<p class="muted">No faults were injected.</p>'
      : tableHtml({
          id: 'faults',
          title: '',
          columns: [
            { header: 'fault', align: 'left' },
            { header: 'kind', align: 'left' },
            { header: 'from', align: 'right' },
            { header: 'until', align: 'right' },
            { header: 'effect', align: 'left' },
          ],
          rows: c.faults.map((f) => [
            f.fault.id,
            f.fault.kind,
            `${seconds(f.fault.atMs)} s`,
            f.fault.untilMs === undefined ? 'end' : `${seconds(f.fault.untilMs)} s`,
            f.effect,
          ]),
          labels: [],
        });
  return `${svg}${list}`;
}

const seconds = (ms: number) => String(Number((ms / 1000).toFixed(3)));

function tableHtml(t: SummaryTable): string {
  const head = t.columns.map(
    (col) => `<th${col.align === 'right' ? ' class="num"' : ''} scope="col">${escapeHtml(col.header)}</th>`,
  );
  const rows = t.rows.map((row, r) => {
    const cells = row.map((cell, i) => {
      const label = i === 0 ? t.labels[r] : undefined;
      const body = `${escapeHtml(cell)}${label ? `<span class="label">${escapeHtml(label)}</span>` : ''}`;
      return i === 0
        ? `<th scope="row">${body}</th>`
        : `<td${t.columns[i]?.align === 'right' ? ' class="num"' : ''}>${body}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return (
    (t.title ? `<h3 id="table-${t.id}">${escapeHtml(t.title)}</h3>` : '') +
    `<div class="table-wrap"><table><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}
