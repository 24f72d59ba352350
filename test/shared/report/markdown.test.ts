import { describe, expect, it } from 'vitest';
import { buildReportMarkdown } from '../../../shared/export/report/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { template, templateRun } from './fixtures.js';

/** The lines of the Markdown table under a heading. */
function tableUnder(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const at = lines.indexOf(heading);
  expect(at, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((l, i) => i > at && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('buildReportMarkdown', () => {
  const run = templateRun('cascading-failure');
  const md = buildReportMarkdown(run);

  it('starts with the title, the description and the run facts', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Cascading failure: a slow database takes the site down');
    expect(md).toContain('Server A calls Server B, which calls the database;');
    expect(md).toContain('| Seed | Simulated | Events | Requests | Succeeded | Nodes | Faults |');
    expect(md).toMatch(/^\| 1 \| 60 s \| [\d,]+ \| 31,349 \| \d+\.\d% \| 4 \| 1 \|$/m);
  });

  it('gives the command in a shell block and the document in a json block that parses back', () => {
    expect(md).toContain('```sh\nbackpressure run cascading-failure.bp.json --seed 1 --duration 60s\n```');
    const json = /```json\n([\s\S]*?)\n```/.exec(md)?.[1];
    expect(JSON.parse(json!)).toEqual(run.document);
    expect(md).toContain('<details>\n<summary>cascading-failure.bp.json</summary>');
  });

  it('has the summary tables with every client and node, numbers right-aligned and unescaped', () => {
    const clients = tableUnder(md, '### Clients');
    expect(clients[0]).toBe(
      '| client | requests | ok % | failed | in flight | attempts/req | mean ms | p50 ms | p95 ms | p99 ms |',
    );
    expect(clients[1]).toBe('| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(clients[2]).toMatch(/^\| users — Users \| 31,349 \| \d+\.\d \|/);
    const nodes = tableUnder(md, '### Nodes').join('\n');
    for (const id of ['server-a', 'server-b', 'db']) expect(nodes).toContain(`| ${id} — `);
    expect(tableUnder(md, '### Edges')).toHaveLength(2 + 3);
    expect(md).not.toMatch(/\d\\\./);
  });

  it('lists the faults and the run over time in windows, with the active fault named', () => {
    expect(tableUnder(md, '### Faults')[2]).toBe('| db-snapshot | slow | 20 s | 35 s | service time of db x2 |');
    const users = tableUnder(md, '### users');
    expect(users).toHaveLength(2 + 12);
    expect(users[0]).toBe('| time | ok % | ok/s | p99 ms | attempts/req | faults |');
    expect(users[2]).toMatch(/^\| 0–5 s \| 100\.0 \|/);
    // 20-35 s: the windows starting at 20, 25 and 30 s
    expect(users.filter((l) => l.endsWith('| slow db x2 |'))).toHaveLength(3);
    const servers = tableUnder(md, '### Servers');
    expect(servers[0]).toBe(
      '| time | server-a util % | server-b util % | db util % | server-a queue | server-b queue | db queue |',
    );
  });

  it('links the diagram only when given an image path', () => {
    expect(md).not.toContain('## Topology');
    const withImage = buildReportMarkdown({ ...run, diagramImage: 'images/cascading failure (1).svg' });
    expect(withImage).toContain(
      '## Topology\n\n![Topology of Cascading failure: a slow database takes the site down](images/cascading%20failure%20%281%29.svg)',
    );
  });

  it('puts extra sections after the summary and before the run over time', () => {
    const out = buildReportMarkdown({
      ...run,
      title: 'Interview: checkout',
      extraSections: [{ title: 'Score card', html: '<p>x</p>', markdown: '**8** of 10' }],
    });
    expect(out.split('\n')[0]).toBe('# Interview: checkout');
    const order = ['## Summary', '## Score card', '**8** of 10', '## Over time', '## Document'].map((s) =>
      out.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
  });

  it('keeps what the document says from becoming markup or closing the json fence', () => {
    const doc: TopologyDocument = {
      ...template('three-tier-web-app'),
      name: 'A | B <b>bold</b>',
      description: '# not a heading\n\n1. not a list',
      notes: [{ id: 'n1', position: { x: 0, y: 0 }, text: 'has ``` a fence' }],
    };
    const out = buildReportMarkdown({ ...templateRun('three-tier-web-app'), document: doc });
    expect(out.split('\n')[0]).toBe('# A \\| B \\<b\\>bold\\</b\\>');
    expect(out).toContain('\n\\# not a heading\n');
    expect(out).toContain('\n1\\. not a list\n');
    expect(out).toContain('````json\n');
    const json = /````json\n([\s\S]*?)\n````/.exec(out)?.[1];
    expect(JSON.parse(json!)).toEqual(doc);
  });
});
