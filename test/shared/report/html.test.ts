/** @vitest-environment jsdom */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import { buildReportHtml, DOCUMENT_SCRIPT_ID, runForReport } from '../../../shared/export/report/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { pathPoints, template, templateRun } from './fixtures.js';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('buildReportHtml (cascading failure)', () => {
  const run = templateRun('cascading-failure');
  const html = buildReportHtml(run);
  const page = parse(html);

  it('is one page whose sections are siblings, in the documented order', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const ids = [...page.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids).toEqual(['reproduce', 'diagram', 'timeline', 'summary', 'charts']);
    expect(page.querySelector('h1')?.textContent).toBe(run.document.name);
    expect(page.querySelector('title')?.textContent).toContain(run.document.name);
    expect(page.querySelector('.description')?.textContent).toContain('Server A calls Server B');
  });

  it('has every SVG well-formed as XML', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // two diagrams (light and dark), the timeline, six charts
    expect(svgs.length).toBe(9);
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('names every client and node, and gives the seed and the command that reproduces the run', () => {
    const summary = page.getElementById('summary')!.textContent!;
    for (const id of [...Object.keys(run.report.clients), ...Object.keys(run.report.nodes)]) {
      expect(summary).toContain(id);
    }
    const seed = [...page.querySelectorAll('.facts div')].find((d) => d.querySelector('dt')?.textContent === 'Seed');
    expect(seed?.querySelector('dd')?.textContent).toBe('1');
    expect(page.querySelector('pre.command')?.textContent).toBe(
      'backpressure run cascading-failure.bp.json --seed 1 --duration 60s',
    );
  });

  it('shows the numbers of a one-call run', () => {
    const once = createSimulation(run.document);
    once.runUntil(once.durationMs);
    const users = once.report().clients.users!;
    const row = [...page.querySelectorAll('#table-clients + .table-wrap tbody tr')][0]!;
    const cells = [...row.children].map((c) => c.textContent);
    expect(cells[0]).toContain('users');
    expect(cells[1]).toBe(users.requests.toLocaleString('en-US'));
    expect(cells[3]).toBe(users.failed.toLocaleString('en-US'));
  });

  it('embeds the document, which parses back to the same document, and offers it as a download', () => {
    const script = page.getElementById(DOCUMENT_SCRIPT_ID)!;
    expect(script.getAttribute('type')).toBe('application/json');
    expect(JSON.parse(script.textContent!)).toEqual(run.document);
    const link = page.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.getAttribute('download')).toBe('cascading-failure.bp.json');
    const href = link.getAttribute('href')!;
    expect(href.startsWith('data:application/json;charset=utf-8,')).toBe(true);
    expect(JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)))).toEqual(run.document);
  });

  it('runs no script and asks for nothing over the network', () => {
    const scripts = [...page.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('type'))).toEqual(['application/json']);
    expect(page.querySelectorAll('link, img, iframe, object, embed').length).toBe(0);
    for (const el of page.querySelectorAll('[src], [href]')) {
      const url = el.getAttribute('src') ?? el.getAttribute('href')!;
      expect(url.startsWith('#') || url.startsWith('data:')).toBe(true);
    }
    expect(html).not.toMatch(/url\(\s*['"]?(https?:|\/\/)/);
    expect(html).not.toMatch(/@import/);
  });

  it('draws the charts: lines with points inside the plot, at most 400 per line', () => {
    const charts = [...page.querySelectorAll('figure.chart')];
    expect(charts.map((c) => c.id)).toEqual([
      'chart-success',
      'chart-latency',
      'chart-throughput',
      'chart-attempts',
      'chart-utilization',
      'chart-queue',
    ]);
    for (const chart of charts) {
      const lines = [...chart.querySelectorAll('path.line')];
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const points = pathPoints(line.getAttribute('d')!);
        expect(points.length).toBeGreaterThan(50);
        expect(points.length).toBeLessThanOrEqual(400);
        for (const [x, y] of points) {
          expect(x).toBeGreaterThanOrEqual(48);
          expect(x).toBeLessThanOrEqual(588);
          expect(y).toBeGreaterThanOrEqual(22);
          expect(y).toBeLessThanOrEqual(180);
        }
      }
      // axes with ticks and a unit, and a legend that names each line
      expect(chart.querySelectorAll('.tick-labels text').length).toBeGreaterThan(5);
      expect(chart.querySelector('.unit')?.textContent).not.toBe('');
      expect(chart.querySelectorAll('.legend li').length).toBeGreaterThanOrEqual(lines.length);
    }
    expect(page.querySelector('#chart-latency .legend')?.textContent).toContain('users p99');
  });

  it('shades the fault in every chart and draws it in the timeline', () => {
    for (const chart of page.querySelectorAll('figure.chart')) {
      expect(chart.querySelector('.fault-label')?.textContent).toBe('slow db x2');
    }
    const bar = page.querySelector('#timeline rect.tl-fault')!;
    expect(bar.querySelector('title')?.textContent).toBe('service time of db x2: 20 s – 35 s');
    // 20 s to 35 s of 60 s, on a 676-unit track that starts at 210
    expect(Number(bar.getAttribute('x'))).toBeCloseTo(210 + (676 * 20) / 60, 0);
    expect(Number(bar.getAttribute('width'))).toBeCloseTo((676 * 15) / 60, 0);
  });

  it('is the same bytes every time', () => {
    expect(buildReportHtml(run)).toBe(html);
  });
});

describe('buildReportHtml (options and edge cases)', () => {
  it('draws breaker bands where the report has transitions', () => {
    const page = parse(buildReportHtml(templateRun('cascading-failure-with-breaker')));
    expect(page.querySelectorAll('#chart-success .band-open').length).toBeGreaterThan(0);
    expect(page.querySelector('#chart-success .legend')?.textContent).toContain('breaker open');
    expect(page.querySelectorAll('#timeline rect.tl-open').length).toBeGreaterThan(0);
    expect(page.getElementById('table-breakers')).not.toBeNull();
  });

  it('takes a title and extra sections, placed after the summary', () => {
    const run = templateRun('cascading-failure');
    const page = parse(
      buildReportHtml({
        ...run,
        title: 'Design review: checkout',
        fileName: 'checkout.bp.json',
        extraSections: [{ title: 'Score', html: '<p id="score">8 of 10</p>', markdown: '8 of 10' }],
      }),
    );
    expect(page.querySelector('h1')?.textContent).toBe('Design review: checkout');
    expect(page.querySelector('.docname')?.textContent).toContain(run.document.name);
    const ids = [...page.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids.indexOf('extra-1')).toBe(ids.indexOf('summary') + 1);
    expect(page.getElementById('score')?.textContent).toBe('8 of 10');
    expect(page.querySelector('pre.command')?.textContent).toContain('run checkout.bp.json ');
  });

  it('escapes what the document says, and the embedded JSON cannot end its script element', () => {
    const doc: TopologyDocument = {
      ...template('three-tier-web-app'),
      name: 'Evil </script><script>alert(1)</script>',
      description: '<img src=x onerror=alert(1)> & "quotes"',
    };
    const run = runForReport(doc, { durationMs: 2000 });
    const html = buildReportHtml(run);
    const page = parse(html);
    expect(page.querySelectorAll('script').length).toBe(1);
    expect(page.querySelectorAll('img').length).toBe(0);
    expect(page.querySelector('h1')?.textContent).toBe(doc.name);
    expect(page.querySelector('.description')?.textContent).toBe(doc.description);
    expect(JSON.parse(page.getElementById(DOCUMENT_SCRIPT_ID)!.textContent!)).toEqual(doc);
  });

  it('says so when there is nothing to chart or draw', () => {
    const empty: TopologyDocument = { ...template('three-tier-web-app'), nodes: [], edges: [], faults: [], notes: [] };
    const page = parse(buildReportHtml(runForReport(empty, { durationMs: 1000 })));
    expect(page.getElementById('diagram')?.textContent).toContain('No diagram: the document is empty.');
    expect(page.getElementById('charts')?.textContent).toContain('Nothing to chart');
    expect(page.getElementById('timeline')?.textContent).toContain('No faults were injected');
  });
});
