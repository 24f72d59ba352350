import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, MESSAGE_OUTCOMES, type Report } from '../../shared/engine/index.js';
import { cli, documentText, ROOT, STACK_FRAME, TEMPLATE, tempDir } from './helpers.js';

/**
 * The report's edge `messages` count what crossed an edge; the trace also draws each connection handshake as one
 * message (kind "handshake"), which the report does not count.
 */
const HANDSHAKE = '"kind":"handshake"';
function countTrace(text: string): { lines: number; counted: number } {
  let lines = 0;
  let handshakes = 0;
  for (let start = 0, end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    lines++;
    if (text.slice(start, end).includes(HANDSHAKE)) handshakes++;
  }
  return { lines, counted: lines - handshakes };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('backpressure run', () => {
  it('prints readable tables with a header, clients, nodes and edges', async () => {
    const r = await cli(['run', TEMPLATE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Three-tier web app: seed 1, 60 s simulated, [\d,]+ events$/);
    for (const title of ['Clients', 'Nodes', 'Edges']) expect(lines).toContain(title);
    const users = lines.find((l) => l.startsWith('users '));
    expect(users).toBeDefined();
    // requests, ok %, and latencies with one decimal
    expect(users).toMatch(/^users\s+[\d,]+\s+\d+\.\d\s+\d+\s+\d+\s+1\.00\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d$/);
    expect(lines.find((l) => l.startsWith('api '))).toMatch(/^api\s+service\s+[\d,]+/);
    expect(lines.find((l) => l.startsWith('api-db '))).toMatch(/api -> db\s+[\d,]+\s+0\s+[\d.]+ [kMG]?B$/);
    // columns are aligned: the header row and the rule have the same column starts
    const header = lines.indexOf('Clients') + 1;
    expect(lines[header + 1]).toMatch(/^-+( +-+)+$/);
    expect(lines[header].length).toBe(lines[header + 1].length);
    expect(r.stdout.includes('\u001b[')).toBe(false); // no colours
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('--json prints the report of MODEL §7', async () => {
    const r = await cli(['run', TEMPLATE, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(r.stdout) as Report;
    // every key of MODEL §7, in its order (the engine may add more, e.g. outlier ejections)
    const section7 = [
      'format',
      'version',
      'seed',
      'durationMs',
      'events',
      'clients',
      'nodes',
      'edges',
      'breakers',
      'caches',
      'health',
    ];
    expect(Object.keys(report).filter((k) => section7.includes(k))).toEqual(section7);
    expect(report.format).toBe('backpressure.report');
    expect(report.version).toBe(1);
    expect(report.seed).toBe(1);
    expect(report.durationMs).toBe(60_000);
    expect(report.events).toBeGreaterThan(0);
    const users = report.clients.users;
    for (const key of [
      'requests',
      'succeeded',
      'failed',
      'inFlight',
      'attempts',
      'failures',
      'retriesDenied',
      'latencyMs',
    ]) {
      expect(users).toHaveProperty(key);
    }
    expect(Object.keys(users.failures).sort()).toEqual(['circuitOpen', 'error', 'rejected', 'timeout', 'unavailable']);
    expect(Object.keys(users.latencyMs)).toEqual(['mean', 'p50', 'p90', 'p95', 'p99', 'max']);
    expect(users.requests).toBeGreaterThan(0);
    expect(users.requests).toBe(users.succeeded + users.failed + users.inFlight);
    expect(Object.keys(report.nodes).sort()).toEqual(['api', 'db', 'lb']);
    expect(Object.keys(report.nodes.api)).toEqual([
      'arrivals',
      'ok',
      'errors',
      'rejected',
      'utilization',
      'meanInSystem',
      'latencyMs',
    ]);
    expect(Object.keys(report.edges).sort()).toEqual(['api-db', 'lb-api', 'users-lb']);
    expect(Object.keys(report.edges['lb-api'])).toEqual(['messages', 'lost', 'bytes']);
    // 2-space indentation
    expect(r.stdout.split('\n')[1]).toBe('  "format": "backpressure.report",');
  });

  it('--seed changes the report, and the same seed gives byte-identical JSON', async () => {
    const a = await cli(['run', TEMPLATE, '--json', '--seed', '7']);
    const b = await cli(['run', TEMPLATE, '--json', '--seed', '7']);
    const c = await cli(['run', TEMPLATE, '--json', '--seed', '8']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    expect((JSON.parse(a.stdout) as Report).seed).toBe(7);
    expect((JSON.parse(c.stdout) as Report).seed).toBe(8);
  });

  it('--duration overrides the document', async () => {
    for (const [flag, ms] of [
      ['2s', 2000],
      ['1500', 1500],
      ['250ms', 250],
      ['0.05m', 3000],
    ] as const) {
      const r = await cli(['run', TEMPLATE, '--json', '--duration', flag]);
      expect(r.code, flag).toBe(0);
      expect((JSON.parse(r.stdout) as Report).durationMs, flag).toBe(ms);
    }
  });

  it('--out writes the report atomically and prints nothing', async () => {
    const out = path.join(tmp.dir, 'report.json');
    const r = await cli(['run', TEMPLATE, '--json', '--duration', '2s', '--out', out]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const expected = await cli(['run', TEMPLATE, '--json', '--duration', '2s']);
    expect(fs.readFileSync(out, 'utf8')).toBe(expected.stdout);
    expect(fs.readdirSync(tmp.dir)).toEqual(['report.json']); // no temp file left behind

    // a relative --out is resolved against the working directory; the table form works too
    const rel = await cli(['run', path.join(ROOT, TEMPLATE), '--duration', '2s', '--out', 'table.txt'], tmp.dir);
    expect(rel).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(path.join(tmp.dir, 'table.txt'), 'utf8')).toMatch(
      /^Three-tier web app: seed 1, 2 s simulated/,
    );
  });

  it('--out refuses to overwrite the input document', async () => {
    const input = path.join(tmp.dir, 'app.bp.json');
    fs.copyFileSync(path.join(ROOT, TEMPLATE), input);
    const before = fs.readFileSync(input, 'utf8');
    for (const out of ['app.bp.json', './app.bp.json', input]) {
      const r = await cli(['run', 'app.bp.json', '--json', '--out', out], tmp.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the input document/);
      expect(r.stdout).toBe('');
    }
    const trace = await cli(['run', 'app.bp.json', '--trace', 'app.bp.json'], tmp.dir);
    expect(trace.code).toBe(2);
    expect(fs.readFileSync(input, 'utf8')).toBe(before);
  });

  it('--out into a missing directory is an input error', async () => {
    const r = await cli(['run', TEMPLATE, '--duration', '1s', '--out', path.join(tmp.dir, 'nope', 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*r\.json: no such directory/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('--trace writes one JSON line per message, identical across runs', async () => {
    const t1 = path.join(tmp.dir, 't1.jsonl');
    const t2 = path.join(tmp.dir, 't2.jsonl');
    const r1 = await cli(['run', TEMPLATE, '--json', '--duration', '5s', '--trace', t1]);
    const r2 = await cli(['run', TEMPLATE, '--json', '--duration', '5s', '--trace', t2]);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toBe(r2.stdout); // tracing does not change the report
    const untraced = await cli(['run', TEMPLATE, '--json', '--duration', '5s']);
    expect(r1.stdout).toBe(untraced.stdout);

    const text = fs.readFileSync(t1, 'utf8');
    expect(fs.readFileSync(t2, 'utf8')).toBe(text);
    const report = JSON.parse(r1.stdout) as Report;
    const total = Object.values(report.edges).reduce((s, e) => s + e.messages, 0);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(countTrace(text).counted).toBe(total);

    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['t0', 't1', 'edge', 'dir', 'kind', 'request', 'outcome']);
    const edges = new Set(Object.keys(report.edges));
    const perEdge = new Map<string, number>();
    for (const line of lines) {
      const m = JSON.parse(line) as {
        t0: number;
        t1: number;
        edge: string;
        dir: string;
        kind: string;
        outcome: string;
      };
      expect(edges.has(m.edge)).toBe(true);
      expect(['forward', 'back']).toContain(m.dir);
      expect(MESSAGE_KINDS).toContain(m.kind);
      expect(MESSAGE_OUTCOMES).toContain(m.outcome);
      expect(m.t1).toBeGreaterThanOrEqual(m.t0);
      if (m.kind !== 'handshake') perEdge.set(m.edge, (perEdge.get(m.edge) ?? 0) + 1);
    }
    for (const [id, e] of Object.entries(report.edges)) expect(perEdge.get(id) ?? 0, id).toBe(e.messages);
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['t1.jsonl', 't2.jsonl']);
  });

  it('--trace streams more messages than the ring holds', async () => {
    // ~300 requests/s x 6 messages x 40 s is well over the 65,536-message ring
    const trace = path.join(tmp.dir, 'big.jsonl');
    const r = await cli([
      'run',
      TEMPLATE,
      '--json',
      '--duration',
      '40s',
      '--trace',
      trace,
      '--out',
      path.join(tmp.dir, 'r.json'),
    ]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'r.json'), 'utf8')) as Report;
    const total = Object.values(report.edges).reduce((s, e) => s + e.messages, 0);
    expect(total).toBeGreaterThan(65_536);
    const text = fs.readFileSync(trace, 'utf8');
    expect(countTrace(text).counted).toBe(total);
  });

  it('--trace hands over a full ring in the middle of a slice without losing a message', async () => {
    // 40,000 requests/s x 2 messages: one 1 s slice holds more than the 65,536-message ring
    const doc = path.join(tmp.dir, 'flood.bp.json');
    fs.writeFileSync(
      doc,
      documentText(
        [
          {
            id: 'flood',
            kind: 'client',
            position: { x: 0, y: 0 },
            params: { rate: 40_000, users: 10_000, timeoutMs: 0, requestBytes: 0, responseBytes: 0 },
          },
          {
            id: 'sink',
            kind: 'service',
            position: { x: 220, y: 0 },
            params: { concurrency: 1000, serviceTime: { dist: 'constant', meanMs: 1 } },
          },
        ],
        [{ id: 'e', source: 'flood', target: 'sink', params: { protocol: 'http2' } }],
        { simulation: { seed: 3, durationMs: 1500 } },
      ),
    );
    const trace = path.join(tmp.dir, 'flood.jsonl');
    const r = await cli(['run', doc, '--json', '--trace', trace]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.edges.e.messages).toBeGreaterThan(1.5 * 65_536);
    const text = fs.readFileSync(trace, 'utf8');
    expect(countTrace(text).counted).toBe(report.edges.e.messages);
    const lines = text.slice(0, -1).split('\n');
    // every request of the run appears once on its way out, none lost in the hand-over
    const serials = new Set<number>();
    for (const line of lines) {
      const m = JSON.parse(line) as { kind: string; dir: string; request: number };
      if (m.kind === 'request' && m.dir === 'forward') serials.add(m.request);
    }
    expect(serials.size).toBe(report.clients.flood.attempts);
  });
});
