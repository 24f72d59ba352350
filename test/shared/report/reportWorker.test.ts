import { describe, expect, it } from 'vitest';
import { buildReportHtml, buildReportMarkdown, runForReport } from '../../../shared/export/report/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { reportFileName } from '../../../renderer/src/report/exportReport.js';
import type { FromReportWorker } from '../../../renderer/src/report/protocol.js';
import { createReportHost } from '../../../renderer/src/report/reportHost.js';
import { template } from './fixtures.js';

/** The app's report worker, driven directly: what it posts for one build. */
function build(doc: TopologyDocument, format: 'html' | 'markdown', durationMs = 4000): FromReportWorker[] {
  const posted: FromReportWorker[] = [];
  createReportHost((m) => posted.push(m))({
    type: 'build',
    jobId: 7,
    doc,
    seed: 3,
    durationMs,
    fileName: 'shop.bp.json',
    format,
  });
  return posted;
}

describe("the app's report worker", () => {
  const doc = template('three-tier-web-app');

  it('reports progress now and then, then the report the command line would write', () => {
    const posted = build(doc, 'html');
    const progress = posted.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBeLessThanOrEqual(21);
    const times = progress.map((m) => m.tMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(4000);
    const last = posted.at(-1)!;
    expect(last.type).toBe('built');
    expect(posted.every((m) => m.jobId === 7)).toBe(true);
    const expected = buildReportHtml({ ...runForReport(doc, { seed: 3, durationMs: 4000 }), fileName: 'shop.bp.json' });
    expect(last.type === 'built' && last.text).toBe(expected);
  });

  it('builds Markdown too', () => {
    const last = build(doc, 'markdown', 1000).at(-1)!;
    expect(last.type === 'built' && last.text).toBe(
      buildReportMarkdown({ ...runForReport(doc, { seed: 3, durationMs: 1000 }), fileName: 'shop.bp.json' }),
    );
  });

  it('hands back every problem of a document that does not validate', () => {
    const broken = {
      ...doc,
      nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, kind: 'service' as const, params: { concurrency: 0 } } : n)),
    };
    const posted = build(broken as TopologyDocument, 'html');
    expect(posted).toHaveLength(1);
    const [failed] = posted;
    expect(failed!.type).toBe('failed');
    if (failed!.type === 'failed') {
      expect(failed!.problems.some((p) => p.path === 'nodes[0].params.concurrency')).toBe(true);
    }
  });

  it('names the report after the document file', () => {
    expect(reportFileName('shop.bp.json', 'html')).toBe('shop.report.html');
    expect(reportFileName('Shop.JSON', 'markdown')).toBe('Shop.report.md');
    expect(reportFileName('notes.txt', 'html')).toBe('notes.txt.report.html');
  });
});
