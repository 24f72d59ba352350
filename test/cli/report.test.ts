import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../cli/duration.js';
import { durationFlag } from '../../shared/export/report/reproduce.js';
import { cli, ROOT, STACK_FRAME, TEMPLATE, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const doc = JSON.parse(fs.readFileSync(path.join(ROOT, TEMPLATE), 'utf8')) as { name: string };

describe('backpressure run --report', () => {
  it('writes a self-contained HTML report and still prints the tables', async () => {
    const file = path.join(tmp.dir, 'report.html');
    const r = await cli(['run', TEMPLATE, '--seed', '7', '--duration', '5s', '--report', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(/^Three-tier web app: seed 7, 5 s simulated/);
    const html = fs.readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('backpressure run three-tier-web-app.bp.json --seed 7 --duration 5s');
    expect(html).toContain(`<h1>${doc.name}</h1>`);
    expect(html).toMatch(/<figure class="chart" id="chart-success">/);
    // written atomically: no temp file left beside it
    expect(fs.readdirSync(tmp.dir)).toEqual(['report.html']);
  });

  it('writes Markdown for .md, relative to the working directory, with the seed and duration of the run', async () => {
    const ok = await cli(['run', path.join(ROOT, TEMPLATE), '--duration', '3s', '--report', 'out.md'], tmp.dir);
    expect(ok.code).toBe(0);
    const md = fs.readFileSync(path.join(tmp.dir, 'out.md'), 'utf8');
    expect(md.startsWith(`# ${doc.name}\n`)).toBe(true);
    expect(md).toContain('```sh\nbackpressure run three-tier-web-app.bp.json --seed 1 --duration 3s\n```');
    expect(md).toContain('### Clients\n\n| client | requests |');
  });

  it('combines with --json --out and --trace', async () => {
    const out = path.join(tmp.dir, 'r.json');
    const trace = path.join(tmp.dir, 't.jsonl');
    const report = path.join(tmp.dir, 'r.html');
    const r = await cli([
      'run',
      TEMPLATE,
      '--duration',
      '2s',
      '--json',
      '--out',
      out,
      '--trace',
      trace,
      '--report',
      report,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const json = JSON.parse(fs.readFileSync(out, 'utf8')) as { events: number; clients: Record<string, unknown> };
    expect(fs.readFileSync(trace, 'utf8').split('\n').length).toBeGreaterThan(100);
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain(`<dt>Events</dt><dd>${json.events.toLocaleString('en-US')}</dd>`);
    // the report's numbers are those of a run without --report
    const plain = await cli(['run', TEMPLATE, '--duration', '2s', '--json']);
    expect(JSON.parse(plain.stdout)).toEqual(json);
  });

  it('refuses a file that is neither .html nor .md before running, with exit 2 and no stack trace', async () => {
    for (const [name, reason] of [
      ['report.pdf', 'unknown report format ".pdf"'],
      ['report', 'no file extension'],
    ]) {
      const r = await cli(['run', TEMPLATE, '--report', path.join(tmp.dir, name)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`backpressure: --report ${path.join(tmp.dir, name)}: ${reason}`);
      expect(r.stderr).toContain('name a file ending in .html (a page with charts) or .md (Markdown)');
      expect(r.stderr).not.toMatch(STACK_FRAME);
    }
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });

  it('refuses to write the report over the document or another output', async () => {
    const input = path.join(tmp.dir, 'doc.md');
    fs.copyFileSync(path.join(ROOT, TEMPLATE), input);
    const over = await cli(['run', input, '--report', input]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('is the input document; refusing to write the report over it');
    const same = path.join(tmp.dir, 'x.html');
    const both = await cli(['run', TEMPLATE, '--out', same, '--report', same]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--report and --out name the same file');
  });

  it('says which directory is missing', async () => {
    const r = await cli(['run', TEMPLATE, '--duration', '1s', '--report', path.join(tmp.dir, 'no/such/dir/r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
    expect(r.stderr).toContain('no such directory');
  });

  it('writes durations in the command that --duration reads back exactly', () => {
    for (const ms of [1, 250, 1500, 12.5, 60_000, 90_000, 600_000, 3_600_000, 86_400_000]) {
      expect(parseDuration(durationFlag(ms))).toBe(ms);
    }
  });
});
