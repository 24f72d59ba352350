import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../shared/engine/index.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { edgeTooltip, nodeTooltip } from '../../renderer/src/canvas/liveTooltipContent.js';
import { liveState } from '../../renderer/src/sim/frameBuilder.js';
import { RATE_WINDOW_MS, RateWindow } from '../../renderer/src/sim/liveRates.js';

const template = (name: string): TopologyDocument =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../assets/templates/${name}.bp.json`), 'utf8'));

describe('live rates', () => {
  it('measures arrivals and messages per second over the last second, whatever the frame spacing', () => {
    const doc = template('three-tier-web-app');
    const sim = createSimulation(doc, { durationMs: 10_000 });
    const rateWindow = new RateWindow(doc);
    const users = doc.nodes.findIndex((n) => n.id === 'users');
    const rate = (doc.nodes[users]!.params as { rate: number }).rate;
    // small frames, then one big jump
    for (const t of [100, 200, 300, 2_000, 2_050, 6_000]) {
      sim.runUntil(t);
      const rates = rateWindow.update(t, sim.report());
      if (t >= 2_000) expect(rates.arrivalRate[users]).toBeGreaterThan(rate * 0.8);
      if (t >= 2_000) expect(rates.arrivalRate[users]).toBeLessThan(rate * 1.2);
    }
    // the first frame already has a rate: counts start from nothing at 0
    const fresh = new RateWindow(doc);
    const again = createSimulation(doc, { durationMs: 10_000 });
    again.runUntil(RATE_WINDOW_MS);
    expect(fresh.update(RATE_WINDOW_MS, again.report()).arrivalRate[users]).toBeGreaterThan(rate * 0.8);
  });
});

describe('the live tooltip', () => {
  it('lists a service and an edge with their numbers, formatted', () => {
    const doc = template('three-tier-web-app');
    const sim = createSimulation(doc, { durationMs: 10_000 });
    sim.runUntil(3_000);
    const report = sim.report();
    const live = liveState(sim, sim.topology, report, null);
    const view = { live, report, nodeIds: sim.nodeIds, edgeIds: sim.edgeIds };
    const api = nodeTooltip(doc, view, 'api')!;
    expect(api.title).toBe('API (3 replicas)');
    expect(api.subtitle).toBe('Service');
    expect(api.status).toBeNull();
    const rows = Object.fromEntries(api.rows.map((r) => [r.label, r.value]));
    expect(Object.keys(rows)).toEqual([
      'Utilization',
      'Queue',
      'In flight',
      'Arrivals',
      'Errors',
      'Replicas in rotation',
      'Latency p50 / p99',
    ]);
    expect(rows.Utilization).toMatch(/^\d+\.\d%$/);
    expect(rows.Arrivals).toMatch(/^[\d,.]+\/s$/);
    expect(rows['Replicas in rotation']).toBe('3 of 3');
    expect(rows['Latency p50 / p99']).toMatch(/^[\d.]+ \/ [\d.]+ ms$/);
    const edge = edgeTooltip(doc, view, 'lb-api')!;
    expect(edge.title).toBe('Load balancer (L7) → API (3 replicas)');
    const erows = Object.fromEntries(edge.rows.map((r) => [r.label, r.value]));
    expect(erows.Messages).toMatch(/\/s$/);
    expect(erows.Bytes).toMatch(/B\/s$/);
    expect(erows.Lost).toBe('0.0%');
    expect(erows['Circuit breaker']).toBe('none on this edge');
    expect(nodeTooltip(doc, view, 'nope')).toBeNull();
  });

  it('says a crashed node is crashed, and a cut edge cut', () => {
    const doc: TopologyDocument = {
      ...template('three-tier-web-app'),
      faults: [
        { id: 'c', kind: 'crash', node: 'db', atMs: 1_000, untilMs: 5_000 },
        { id: 'x', kind: 'cut', edges: ['users-lb'], atMs: 1_000, untilMs: 5_000 },
      ],
    };
    const sim = createSimulation(doc, { durationMs: 10_000 });
    sim.runUntil(2_000);
    const report = sim.report();
    const view = {
      live: liveState(sim, sim.topology, report, null),
      report,
      nodeIds: sim.nodeIds,
      edgeIds: sim.edgeIds,
    };
    expect(nodeTooltip(doc, view, 'db')!.status).toEqual({ text: 'crashed', tone: 'danger' });
    expect(edgeTooltip(doc, view, 'users-lb')!.status).toEqual({ text: 'cut', tone: 'danger' });
  });
});
