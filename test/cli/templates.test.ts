import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/engine/index.js';
import { parseDocument } from '../../shared/model/validate.js';
import { cli, ROOT, TEMPLATES } from './helpers.js';

describe('templates', () => {
  it('there are several of them', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(TEMPLATES)('%s', (file) => {
    it('validates', async () => {
      const r = await cli(['validate', file]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/: valid \(\d+ nodes?, \d+ edges?\)\n$/);
    });

    it('is instructive and laid out for the canvas', () => {
      const parsed = parseDocument(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      const doc = parsed.document;
      expect(doc.name.length).toBeGreaterThan(0);
      expect(doc.description?.length ?? 0).toBeGreaterThan(200);
      for (const node of doc.nodes) {
        if (node.kind !== 'region') expect(node.label, node.id).toBeTruthy();
      }
      // edges point left to right on the canvas
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      for (const e of doc.edges) {
        expect(byId.get(e.target)!.position.x, e.id).toBeGreaterThan(byId.get(e.source)!.position.x);
      }
    });

    it('runs quickly, and every request is accounted for', async () => {
      const started = performance.now();
      const r = await cli(['run', file, '--json']);
      const elapsed = performance.now() - started;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      const clients = Object.values(report.clients);
      expect(clients.length).toBeGreaterThan(0);
      // templates with faults show failure on purpose; the others serve everyone
      const faulty = fs.readFileSync(path.join(ROOT, file), 'utf8').includes('"atMs"');
      for (const c of clients) {
        expect(c.requests).toBeGreaterThan(0);
        expect(c.requests).toBe(c.succeeded + c.failed + c.inFlight);
        if (!faulty) expect(c.succeeded / c.requests).toBeGreaterThan(0.99);
      }
      // generous bound for slow CI machines; locally each takes well under a second
      expect(elapsed).toBeLessThan(10_000);
    });
  });

  it('queueing near saturation shows the M/M/1 curve', async () => {
    const r = await cli(['run', 'assets/templates/queueing-near-saturation.bp.json', '--json']);
    const report = JSON.parse(r.stdout) as Report;
    const mean = (id: string) => report.clients[id].latencyMs.mean;
    // 10 ms / (1 - rho): 20, 50, 100 ms
    expect(mean('load-50')).toBeGreaterThan(17);
    expect(mean('load-50')).toBeLessThan(23);
    expect(mean('load-80')).toBeGreaterThan(42);
    expect(mean('load-80')).toBeLessThan(58);
    expect(mean('load-90')).toBeGreaterThan(80);
    expect(mean('load-90')).toBeLessThan(125);
  });

  it('multi-region derives ~41 ms one way across the Atlantic', async () => {
    const r = await cli(['run', 'assets/templates/multi-region.bp.json', '--json']);
    const report = JSON.parse(r.stdout) as Report;
    const gap = report.clients['eu-users'].latencyMs.p50 - report.clients['us-users'].latencyMs.p50;
    expect(gap).toBeGreaterThan(70);
    expect(gap).toBeLessThan(95);
  });

  it('power of two choices beats random at high load', async () => {
    const r = await cli(['run', 'assets/templates/lb-strategies.bp.json', '--json']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.clients['clients-p2c'].latencyMs.mean).toBeLessThan(
      report.clients['clients-random'].latencyMs.mean * 0.6,
    );
  });
});
