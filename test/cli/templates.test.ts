import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/engine/index.js';
import type { TopologyDocument, TopologyNode } from '../../shared/model/types.js';
import { parseDocument } from '../../shared/model/validate.js';
import { cli, ROOT, TEMPLATES, TEMPLATES_DIR } from './helpers.js';

/** Canvas geometry (the renderer draws nodes at these sizes; positions are absolute top-left corners). */
const NODE_W = 176;
const NODE_H = 64;
/** A sidecar is drawn docked under its service, 8 px below it. */
const SIDECAR_H = 28;
const SIDECAR_GAP = 8;
/** Margins a child keeps inside its region (the header takes the top 40 px). */
const MARGIN = 16;
const HEADER = 40;
/** Free space between any two boxes that are not nested. */
const SPACING = 24;
/** Free space between the two ends of an edge, for its label. */
const EDGE_GAP = 80;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface CatalogueEntry {
  file: string;
  title: string;
  summary: string;
  tags: string[];
}

async function runJson(name: string): Promise<Report> {
  const r = await cli(['run', `assets/templates/${name}.bp.json`, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

function load(file: string): TopologyDocument {
  const parsed = parseDocument(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.document;
}

/** The box a node is drawn in: regions by their size, sidecars as a strip, every other node 176 x 64. */
function boxOf(node: TopologyNode): Box {
  const { x, y } = node.position;
  if (node.kind === 'region') {
    const size = node.params.size;
    if (!size) throw new Error(`region ${node.id} has no size`);
    return { x, y, w: size.width, h: size.height };
  }
  return { x, y, w: NODE_W, h: node.kind === 'sidecar' ? SIDECAR_H : NODE_H };
}

/** Whether two boxes come closer than `gap` px to each other (overlapping boxes do). */
function tooClose(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

function describeBox(b: Box): string {
  return `(${b.x}, ${b.y}) ${b.w}x${b.h}`;
}

/** The problems of a document's layout against the canvas rules; an empty list when it follows them. */
function layoutProblems(doc: TopologyDocument): string[] {
  const problems: string[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const sidecarOf = new Map<string, TopologyNode>();
  for (const n of doc.nodes) if (n.kind === 'sidecar' && n.params.attachedTo) sidecarOf.set(n.params.attachedTo, n);

  // The space a node needs inside its region: a service with a sidecar includes the docked sidecar.
  const footprint = (n: TopologyNode): Box => {
    const b = boxOf(n);
    return sidecarOf.has(n.id) ? { ...b, h: NODE_H + SIDECAR_GAP + SIDECAR_H } : b;
  };
  const ancestors = (n: TopologyNode): Set<string> => {
    const out = new Set<string>();
    for (let p = n.parent; p && !out.has(p); p = byId.get(p)?.parent) out.add(p);
    return out;
  };

  for (const n of doc.nodes) {
    if (n.kind === 'sidecar') {
      const service = n.params.attachedTo ? byId.get(n.params.attachedTo) : undefined;
      if (!service) {
        problems.push(`${n.id}: sidecar without its service`);
        continue;
      }
      const at = { x: service.position.x, y: service.position.y + NODE_H + SIDECAR_GAP };
      if (n.position.x !== at.x || n.position.y !== at.y)
        problems.push(`${n.id}: a sidecar sits docked under its service, at (${at.x}, ${at.y})`);
      if (n.parent !== service.parent) problems.push(`${n.id}: a sidecar is in the region of its service`);
      continue; // its service's footprint covers it
    }
    if (!n.parent) continue;
    const region = byId.get(n.parent)!;
    const r = boxOf(region);
    const c = footprint(n);
    const inside =
      c.x >= r.x + MARGIN && c.x + c.w <= r.x + r.w - MARGIN && c.y >= r.y + HEADER && c.y + c.h <= r.y + r.h - MARGIN;
    if (!inside) problems.push(`${n.id} ${describeBox(c)} sticks out of ${region.id} ${describeBox(r)}`);
  }

  // No two boxes come closer than 24 px, unless one contains the other (a region and what is inside it) or they
  // are a service and its docked sidecar.
  const nodes = doc.nodes;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (ancestors(a).has(b.id) || ancestors(b).has(a.id)) continue;
      if (sidecarOf.get(a.id) === b || sidecarOf.get(b.id) === a) continue;
      if (tooClose(boxOf(a), boxOf(b), SPACING))
        problems.push(`${a.id} ${describeBox(boxOf(a))} and ${b.id} ${describeBox(boxOf(b))} overlap or touch`);
    }
  }

  // Sticky notes keep clear of every node and region.
  for (const note of doc.notes) {
    if (!note.size) {
      problems.push(`${note.id}: a note has a size`);
      continue;
    }
    const b = { ...note.position, w: note.size.width, h: note.size.height };
    for (const n of nodes)
      if (tooClose(b, boxOf(n), SPACING)) problems.push(`note ${note.id} ${describeBox(b)} covers ${n.id}`);
  }

  // Edges run left to right with room for a label between their ends.
  for (const e of doc.edges) {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    if (t.position.x < s.position.x + NODE_W + EDGE_GAP)
      problems.push(`${e.id}: ${t.id} starts less than ${EDGE_GAP} px right of ${s.id}`);
  }
  return problems;
}

describe('templates', () => {
  it('there are at least 13 of them', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(13);
  });

  describe('the catalogue (index.json)', () => {
    const catalogue = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'index.json'), 'utf8')) as CatalogueEntry[];
    const files = TEMPLATES.map((t) => path.basename(t));

    it('lists every template exactly once, and nothing else', () => {
      const listed = catalogue.map((e) => e.file);
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual([...files].sort());
    });

    it('starts with the single-region web app, then the global app', () => {
      expect(catalogue[0].file).toBe('three-tier-web-app.bp.json');
      expect(catalogue[1].file).toBe('global-app.bp.json');
    });

    it.each(catalogue.map((e) => [e.file, e] as const))('%s has a title, a short summary and tags', (_, entry) => {
      expect(Object.keys(entry).sort()).toEqual(['file', 'summary', 'tags', 'title']);
      expect(entry.title.trim().length).toBeGreaterThan(0);
      expect(entry.summary.trim().length).toBeGreaterThan(0);
      expect(entry.summary.length).toBeLessThanOrEqual(180);
      expect(entry.tags.length).toBeGreaterThan(0);
      for (const tag of entry.tags) expect(tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('holds no other files than templates and itself', () => {
      const others = fs.readdirSync(TEMPLATES_DIR).filter((f) => !f.endsWith('.bp.json'));
      expect(others).toEqual(['index.json']);
    });
  });

  describe.each(TEMPLATES)('%s', (file) => {
    it('validates', async () => {
      const r = await cli(['validate', file]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/: valid \(\d+ nodes?, \d+ edges?\)\n$/);
    });

    it('is instructive and laid out for the canvas', () => {
      const doc = load(file);
      expect(doc.name.length).toBeGreaterThan(0);
      expect(doc.description?.length ?? 0).toBeGreaterThan(200);
      expect(doc.description).toContain('Try: ');
      for (const node of doc.nodes) {
        if (node.kind !== 'region') expect(node.label, node.id).toBeTruthy();
      }
      // edges point left to right on the canvas
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      for (const e of doc.edges) {
        expect(byId.get(e.target)!.position.x, e.id).toBeGreaterThan(byId.get(e.source)!.position.x);
      }
      expect(layoutProblems(doc)).toEqual([]);
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

  describe('the layout check', () => {
    const base = (): TopologyDocument => ({
      format: 'backpressure.topology',
      version: 1,
      name: 'layout',
      simulation: {},
      nodes: [
        {
          id: 'r',
          kind: 'region',
          position: { x: 0, y: 0 },
          params: { location: 'us-east', size: { width: 520, height: 180 } },
        },
        { id: 'a', kind: 'client', label: 'a', parent: 'r', position: { x: 32, y: 56 }, params: {} },
        { id: 'b', kind: 'service', label: 'b', parent: 'r', position: { x: 312, y: 56 }, params: {} },
        {
          id: 'b-proxy',
          kind: 'sidecar',
          label: 'proxy',
          parent: 'r',
          position: { x: 312, y: 128 },
          params: { attachedTo: 'b' },
        },
      ],
      edges: [{ id: 'a-b', source: 'a', target: 'b', params: {} }],
      faults: [],
      notes: [],
    });

    it('accepts a tidy layout', () => {
      expect(layoutProblems(base())).toEqual([]);
    });

    it('finds a child sticking out of its region, a loose sidecar, an overlap and a cramped edge', () => {
      const wide = base();
      (wide.nodes[0].params as { size: { width: number } }).size.width = 500;
      expect(layoutProblems(wide)).toEqual([expect.stringMatching(/^b .* sticks out of r/)]);

      const loose = base();
      loose.nodes[3].position = { x: 312, y: 140 };
      expect(layoutProblems(loose).join('\n')).toMatch(/b-proxy: a sidecar sits docked under its service/);

      const crowded = base();
      crowded.nodes.push({ id: 'c', kind: 'client', label: 'c', position: { x: 100, y: 170 }, params: {} });
      expect(layoutProblems(crowded).join('\n')).toMatch(/r .* and c .* overlap or touch/);

      const cramped = base();
      cramped.nodes[2].position = { x: 240, y: 56 };
      cramped.nodes[3].position = { x: 240, y: 128 };
      expect(layoutProblems(cramped)).toEqual(['a-b: b starts less than 80 px right of a']);
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

  it('global app: GeoDNS keeps each population in its own region, and the CDN answers most files', async () => {
    const report = await runJson('global-app');
    expect(report.edges['us-users-eu'].messages).toBe(0);
    expect(report.edges['eu-users-us'].messages).toBe(0);
    expect(report.edges['us-users-us'].messages).toBeGreaterThan(0);
    expect(report.edges['eu-users-eu'].messages).toBeGreaterThan(0);
    expect(report.caches.cdn.hitRatio).toBeGreaterThan(0.9);
    // EU cache misses cross the Atlantic: a higher mean than in the US
    expect(report.clients['eu-users'].latencyMs.mean).toBeGreaterThan(report.clients['us-users'].latencyMs.mean + 15);
  });

  it('microservices mesh: the sidecar ejects the hung replica at once and nobody sees an error', async () => {
    const report = await runJson('microservices-mesh');
    expect(report.clients.users.failed).toBe(0);
    const ejections = report.outliers['frontend-proxy->reviews/2'].ejections;
    expect(ejections.length).toBe(1);
    expect(ejections[0].atMs).toBeGreaterThan(20_000);
    expect(ejections[0].atMs).toBeLessThan(21_000);
    expect(report.outliers['frontend-proxy->reviews/0'].ejections).toEqual([]);
  });

  it('websocket chat: the broker absorbs the surge and delivers every message by the end', async () => {
    const report = await runJson('websocket-chat');
    expect(report.clients.users.failed).toBe(0);
    const published = report.nodes.pubsub.arrivals;
    expect(report.nodes.fanout.arrivals).toBeGreaterThan(published - 100);
  });

  it('region partition: DNS marks the cut-off region down and up again; far-side writes fail meanwhile', async () => {
    const report = await runJson('region-partition');
    const health = report.health['dns->east-lb'];
    expect(health.down.length).toBe(1);
    expect(health.down[0].atMs).toBeGreaterThan(20_000);
    expect(health.down[0].atMs).toBeLessThan(36_000);
    expect(health.up.length).toBe(1);
    expect(health.up[0].atMs).toBeGreaterThan(60_000);
    expect(report.edges['west-api-writes'].lost).toBeGreaterThan(0);
    const east = report.clients['east-users'];
    expect(east.succeeded / east.requests).toBeGreaterThan(0.6);
    expect(east.succeeded / east.requests).toBeLessThan(0.9);
  });

  it('url shortener: the caches leave the database a small share of the clicks', async () => {
    const report = await runJson('url-shortener');
    expect(report.caches.cdn.hitRatio).toBeGreaterThan(0.6);
    expect(report.nodes['links-db'].arrivals).toBeLessThan(report.clients.clicks.requests * 0.25);
  });

  it('power of two choices beats random at high load', async () => {
    const r = await cli(['run', 'assets/templates/lb-strategies.bp.json', '--json']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.clients['clients-p2c'].latencyMs.mean).toBeLessThan(
      report.clients['clients-random'].latencyMs.mean * 0.6,
    );
  });
});
