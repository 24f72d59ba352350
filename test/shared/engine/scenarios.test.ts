import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulation, MSG_REQUEST, MSG_RETRY, type Report } from '../../../shared/engine/index.js';
import { parseDocument } from '../../../shared/model/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

function template(name: string): TopologyDocument {
  const url = new URL(`../../../assets/templates/${name}.bp.json`, import.meta.url);
  const parsed = parseDocument(readFileSync(fileURLToPath(url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.document;
}

/** Reports at the end of each 5 s window. */
function windows(d: TopologyDocument): Report[] {
  const sim = createSimulation(d);
  const out: Report[] = [];
  for (let t = 5000; t <= sim.durationMs; t += 5000) {
    sim.runUntil(t);
    out.push(sim.report());
  }
  return out;
}

/** Figures of the window ending at `endMs`, from consecutive reports. */
function between(rs: Report[], endMs: number) {
  const i = endMs / 5000 - 1;
  const a = rs[i - 1];
  const b = rs[i];
  const ca = a.clients.users;
  const cb = b.clients.users;
  const done = cb.succeeded + cb.failed - (ca.succeeded + ca.failed);
  return {
    success: (cb.succeeded - ca.succeeded) / done,
    requests: cb.requests - ca.requests,
    arrivals: (id: string) => b.nodes[id].arrivals - a.nodes[id].arrivals,
  };
}

describe('the cascading failure of the seeds', () => {
  const plain = windows(template('cascading-failure'));
  const guarded = windows(template('cascading-failure-with-breaker'));

  it('before the slowdown both designs serve everyone', () => {
    for (const rs of [plain, guarded]) expect(between(rs, 15_000).success).toBeGreaterThan(0.99);
  });

  it('a database slowed 2x makes timeouts and retries amplify its load and collapse the front tier', () => {
    const w = between(plain, 30_000);
    expect(w.arrivals('db') / w.requests).toBeGreaterThan(2);
    expect(w.arrivals('server-b') / w.arrivals('server-a')).toBeGreaterThan(2);
    expect(w.success).toBeLessThan(0.1);
  });

  it('a breaker on the front tier keeps the database load bounded', () => {
    const w = between(guarded, 30_000);
    // the slowed database serves 16 workers / 40 ms = 400 requests/s: it stays below that
    expect(w.arrivals('db') / 5).toBeLessThan(400);
    expect(w.arrivals('db') / w.requests).toBeLessThan(1);
  });

  it('and recovers within openMs after the slowdown ends, while retries alone keep it down', () => {
    const r = guarded[guarded.length - 1];
    const closed = r.breakers['server-a->server-b'].transitions.filter((t) => t.to === 'closed');
    const recovered = closed[closed.length - 1].atMs;
    expect(recovered).toBeGreaterThan(35_000);
    expect(recovered).toBeLessThanOrEqual(35_000 + 5000 + 500);
    expect(between(guarded, 45_000).success).toBeGreaterThan(0.99);
    expect(between(plain, 45_000).success).toBeLessThan(0.5);
  });
});

describe('a retry storm', () => {
  function peakPer10ms(name: string): number {
    const sim = createSimulation(template(name), { messages: { capacity: 1 << 22 } });
    const m = sim.runUntil(Infinity).messages!;
    const buckets = new Map<number, number>();
    for (let i = 0; i < m.count; i++) {
      const request = m.kind[i] === MSG_REQUEST || m.kind[i] === MSG_RETRY;
      if (!request || m.direction[i] !== 0 || m.outcome[i] !== 0) continue;
      const b = Math.floor(m.arriveMs[i] / 10);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    return Math.max(...buckets.values());
  }

  it('without jitter arrives in synchronized waves; full jitter lowers the peak per 10 ms measurably', () => {
    const waves = peakPer10ms('retry-storm');
    const jittered = peakPer10ms('retry-storm-with-jitter');
    // 800 requests/s is 8 per 10 ms: both peaks are retries
    expect(waves).toBeGreaterThan(500);
    expect(jittered).toBeLessThan(waves / 2);
  });
});
