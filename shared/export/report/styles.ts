/**
 * The report's style sheet, inlined in the page: light by default, dark when the reader's system asks for it, and
 * plain black on white when printed. Chart and timeline colours are CSS variables, so the SVG follows the theme.
 */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f6f4; --panel: #ffffff; --fg: #1d1f23; --muted: #5f6570; --border: #dcdee3; --stripe: #f3f4f6;
  --accent: #2563eb; --danger: #c62828; --warn: #b45309; --ok: #15803d; --code: #f1f2f4;
  --grid: rgba(95, 101, 112, 0.16); --axis: #8a909b;
  --fault: rgba(95, 101, 112, 0.12); --fault-edge: rgba(95, 101, 112, 0.55);
  --s0: #2563eb; --s1: #0d9488; --s2: #9333ea; --s3: #ea580c; --s4: #db2777; --s5: #65a30d; --s6: #0891b2; --s7: #a16207;
  --tl-fault: #7c8594;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #131519; --panel: #1c1f25; --fg: #e6e8ec; --muted: #9aa1ad; --border: #2f333c; --stripe: #20242b;
    --accent: #60a5fa; --danger: #f87171; --warn: #fbbf24; --ok: #4ade80; --code: #15171b;
    --grid: rgba(154, 161, 173, 0.16); --axis: #6b7280;
    --fault: rgba(154, 161, 173, 0.13); --fault-edge: rgba(154, 161, 173, 0.5);
    --s0: #60a5fa; --s1: #2dd4bf; --s2: #c084fc; --s3: #fb923c; --s4: #f472b6; --s5: #a3e635; --s6: #22d3ee; --s7: #facc15;
    --tl-fault: #8b94a3;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0; font: 14px/1.5 Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  -webkit-text-size-adjust: 100%;
}
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 8px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
p { margin: 0 0 10px; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.kicker { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; margin: 0; }
.docname { color: var(--muted); }
.description { max-width: 80ch; color: var(--fg); }
section, header.masthead {
  background: var(--panel); border: 1px solid var(--border); border-radius: 10px; padding: 20px 22px; margin: 0 0 16px;
}
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 14px 0 0; }
.facts div { min-width: 90px; }
.facts dt { color: var(--muted); font-size: 12px; }
.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; margin-top: 16px; }
.card { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; }
.card h3 { margin: 0 0 4px; font-size: 13px; color: var(--muted); font-weight: 600; }
.card .big { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .big.bad { color: var(--danger); } .card .big.warn { color: var(--warn); } .card .big.good { color: var(--ok); }
.card .small { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
nav.toc { margin: 0 0 16px; font-size: 13px; color: var(--muted); }
nav.toc a { margin-right: 14px; text-decoration: none; }
pre.command { background: var(--code); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto; margin: 0 0 10px; }
a.download {
  display: inline-block; border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; text-decoration: none;
  font-weight: 600;
}
.muted { color: var(--muted); }
.diagram { overflow-x: auto; }
.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 8px; }
.diagram-dark { display: none; }
@media screen and (prefers-color-scheme: dark) {
  .diagram-light { display: none; }
  .diagram-dark { display: block; }
}
.table-wrap { overflow-x: auto; margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 13px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--border); white-space: nowrap; }
th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; }
td.num, th.num { text-align: right; }
tbody tr:nth-child(even) > * { background: var(--stripe); }
tbody th { color: var(--fg); font-weight: 600; font-size: 13px; }
td .label, th .label { color: var(--muted); font-weight: 400; margin-left: 6px; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 14px 22px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart figcaption { font-weight: 600; margin: 0 0 4px; }
.chart-svg, .timeline-svg { display: block; width: 100%; height: auto; overflow: visible; }
svg text { fill: var(--muted); font-size: 10.5px; font-family: inherit; }
svg .grid { stroke: var(--grid); stroke-width: 1; fill: none; }
svg .axis { stroke: var(--axis); stroke-width: 1; fill: none; }
svg .unit { font-size: 10.5px; }
svg .line { fill: none; stroke-linejoin: round; stroke-linecap: round; }
svg .fault-fill { fill: var(--fault); }
svg .fault-edge { stroke: var(--fault-edge); stroke-dasharray: 3 3; fill: none; }
svg .fault-label { font-size: 10px; }
svg .band-open .band-fill { fill: var(--danger); fill-opacity: 0.1; }
svg .band-open .band-edge { fill: var(--danger); fill-opacity: 0.85; }
svg .band-half .band-fill { fill: var(--warn); fill-opacity: 0.1; }
svg .band-half .band-edge { fill: var(--warn); fill-opacity: 0.85; }
.line.c0 { stroke: var(--s0); } .line.c1 { stroke: var(--s1); } .line.c2 { stroke: var(--s2); } .line.c3 { stroke: var(--s3); }
.line.c4 { stroke: var(--s4); } .line.c5 { stroke: var(--s5); } .line.c6 { stroke: var(--s6); } .line.c7 { stroke: var(--s7); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; padding: 0; margin: 4px 0 0 48px; font-size: 12px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 3px; border-radius: 2px; }
.swatch.c0 { background: var(--s0); } .swatch.c1 { background: var(--s1); } .swatch.c2 { background: var(--s2); }
.swatch.c3 { background: var(--s3); } .swatch.c4 { background: var(--s4); } .swatch.c5 { background: var(--s5); }
.swatch.c6 { background: var(--s6); } .swatch.c7 { background: var(--s7); }
.swatch.fault { height: 10px; background: var(--fault); border-left: 1px dashed var(--fault-edge); }
.swatch.band-open { height: 10px; background: color-mix(in srgb, var(--danger) 25%, transparent); border-top: 3px solid var(--danger); }
.swatch.band-half { height: 10px; background: color-mix(in srgb, var(--warn) 25%, transparent); border-top: 3px solid var(--warn); }
.chart-note { color: var(--muted); font-size: 12px; margin: 2px 0 0 48px; }
.timeline-svg text.lane-label { fill: var(--fg); font-size: 11.5px; }
.timeline-svg .lane-sub { fill: var(--muted); font-size: 10.5px; }
.timeline-svg .lane-head { fill: var(--fg); font-weight: 600; font-size: 11.5px; }
.timeline-svg .lane-stripe { fill: var(--stripe); }
.timeline-svg .tl-fault { fill: var(--tl-fault); }
.timeline-svg .tl-crash, .timeline-svg .tl-partition, .timeline-svg .tl-cut { fill: var(--danger); }
.timeline-svg .tl-slow, .timeline-svg .tl-degrade, .timeline-svg .tl-errors { fill: var(--warn); }
.timeline-svg .tl-surge { fill: var(--s2); }
.timeline-svg .tl-open { fill: var(--danger); }
.timeline-svg .tl-halfOpen { fill: var(--warn); }
.timeline-svg .tl-down { fill: var(--danger); fill-opacity: 0.75; }
.timeline-svg .tl-ejected { fill: var(--s2); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
@media print {
  :root { color-scheme: light; }
  html, section, header.masthead { background: #fff; }
  section, header.masthead { border: none; padding: 0; margin-bottom: 18px; break-inside: avoid; }
  nav.toc, a.download { display: none; }
}
@media (max-width: 560px) {
  main { padding: 16px 10px; }
  .chart-grid { grid-template-columns: 1fr; }
}
`;
