import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/engine/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

const template = (name: string): TopologyDocument =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../assets/templates/${name}.bp.json`), 'utf8'));

describe('live state: replicas out of rotation', () => {
  it("counts a hung replica ejected by its sidecar's outlier detection", () => {
    const sim = createSimulation(template('microservices-mesh'));
    const reviews = sim.nodeIds.indexOf('reviews');
    sim.runUntil(19_000);
    let live = sim.liveState();
    expect(live.ejected[reviews]).toBe(0);
    expect(live.outOfRotation[reviews]).toBe(0);
    sim.runUntil(21_000);
    live = sim.liveState();
    // replica 2 is crashed (a black hole) and ejected: out of rotation, but not among the replicas up
    expect(live.ejected[reviews]).toBe(1);
    expect(live.healthy[reviews]).toBe(2);
    expect(live.outOfRotation[reviews]).toBe(0);
  });

  it('counts targets a DNS health check marked down during a partition, up replicas only as out of rotation', () => {
    const sim = createSimulation(template('region-partition'));
    const eastLb = sim.nodeIds.indexOf('east-lb');
    sim.runUntil(19_000);
    expect(sim.liveState().markedDown[eastLb]).toBe(0);
    sim.runUntil(45_000);
    const live = sim.liveState();
    expect(live.markedDown[eastLb]).toBe(1);
    expect(live.outOfRotation[eastLb]).toBe(1);
    expect(live.crashed[eastLb]).toBe(0);
  });

  it('does not change the run', () => {
    const a = createSimulation(template('microservices-mesh'));
    const b = createSimulation(template('microservices-mesh'));
    for (let t = 1_000; t <= 30_000; t += 1_000) {
      a.runUntil(t);
      a.liveState();
    }
    b.runUntil(30_000);
    expect(JSON.stringify(a.report())).toBe(JSON.stringify(b.report()));
  });
});
