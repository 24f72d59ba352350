import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopologyDocument } from '../../shared/model/types.js';
import { validateDocument } from '../../shared/model/validate.js';
import { createSimulation } from '../../shared/engine/index.js';
import {
  describeSide,
  halfPlane,
  lineThroughRect,
  sideOf,
  splitByLine,
} from '../../renderer/src/canvas/partitionLine.js';
import { partitionFault } from '../../renderer/src/sim/faultMenu.js';

const template = (name: string): TopologyDocument =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../assets/templates/${name}.bp.json`), 'utf8'));

describe('which side of a line', () => {
  it('puts points above a rightward line on side A, below on side B, on the line on neither', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 0 };
    expect(sideOf(a, b, { x: 50, y: -10 })).toBe(0);
    expect(sideOf(a, b, { x: 50, y: 10 })).toBe(1);
    expect(sideOf(a, b, { x: 500, y: 0 })).toBe(-1);
    // the line extends past its ends
    expect(sideOf(a, b, { x: -500, y: -1 })).toBe(0);
    // drawn the other way, the sides swap
    expect(sideOf(b, a, { x: 50, y: -10 })).toBe(1);
  });
});

describe('splitting a document by a line', () => {
  it('names whole regions when the line runs between them (the multi-region template)', () => {
    const doc = template('multi-region');
    // us-east spans y 0..152, eu-west y 212..364: a horizontal line at y = 180
    const split = splitByLine(doc, { x: -100, y: 180 }, { x: 1200, y: 180 });
    expect(split.sides).toEqual([['us-east'], ['eu-west']]);
    expect(split.nodes[0]).toEqual(['us-users', 'us-lb', 'us-api', 'primary-db']);
    expect(split.nodes[1]).toEqual(['eu-users', 'eu-lb', 'eu-api']);
    expect(split.onLine).toEqual([]);
  });

  it('names nodes one by one where the line splits a region, and regions it does not', () => {
    const doc = template('multi-region');
    // a vertical line at x = 750: us-api (592..768, centre 680) left, primary-db (872..) right
    const split = splitByLine(doc, { x: 750, y: -50 }, { x: 750, y: 400 });
    // drawn downwards: left of the direction on screen is the +x side
    expect(split.sides[0]).toEqual(['primary-db']);
    expect(split.sides[1]).toEqual(['eu-west', 'us-users', 'us-lb', 'us-api']);
  });

  it('leaves nodes whose centre is on the line on neither side', () => {
    const doc = template('multi-region');
    // through the centre of us-lb (312 + 88, 56 + 32)
    const split = splitByLine(doc, { x: 400, y: 0 }, { x: 400, y: 200 });
    expect(split.onLine).toEqual(['us-lb', 'eu-lb']);
    expect(split.nodes[0].length + split.nodes[1].length).toBe(5);
  });

  it('keeps a docked sidecar with its service', () => {
    const doc = template('microservices-mesh');
    const reviews = doc.nodes.find((n) => n.id === 'reviews')!;
    const proxy = doc.nodes.find((n) => n.id === 'reviews-proxy')!;
    // a horizontal line between the service's box and its docked sidecar below it
    const y = reviews.position.y + 66;
    const split = splitByLine(doc, { x: -1e4, y }, { x: 1e4, y });
    const sideOfReviews = split.nodes[0].includes('reviews') ? 0 : 1;
    expect(split.nodes[sideOfReviews]).toContain(proxy.id);
  });

  it('makes a valid partition fault that the core runs, both ways and one way', () => {
    const doc = template('multi-region');
    const split = splitByLine(doc, { x: -100, y: 180 }, { x: 1200, y: 180 });
    for (const oneWay of [false, true]) {
      const fault = partitionFault(doc, split.sides, oneWay).make(5_000);
      expect(fault).toMatchObject({
        kind: 'partition',
        atMs: 5_000,
        untilMs: 15_000,
        sides: [['us-east'], ['eu-west']],
      });
      expect((fault as { oneWay?: boolean }).oneWay).toBe(oneWay ? true : undefined);
      const withFault = { ...doc, faults: [fault] };
      expect(validateDocument(withFault).ok).toBe(true);
      const sim = createSimulation(withFault, { durationMs: 20_000 });
      sim.runUntil(20_000);
      const edges = sim.report().edges;
      // EU's API calls the primary database in us-east: those messages are lost while the partition holds
      const crossing = doc.edges.find((e) => e.source === 'eu-api' && e.target === 'primary-db')!;
      expect(edges[crossing.id]!.lost).toBeGreaterThan(0);
    }
  });

  it('describes a side by labels, a few then how many more', () => {
    const doc = template('multi-region');
    expect(describeSide(doc, ['us-users', 'us-lb'])).toMatch(/,/);
    expect(describeSide(doc, ['us-users', 'us-lb', 'us-api', 'primary-db'])).toMatch(/and 1 more$/);
    expect(describeSide(doc, [])).toBe('nothing');
  });
});

describe('the preview geometry', () => {
  const view = { x: 0, y: 0, width: 200, height: 100 };

  it('tints each side: two polygons that together cover the view', () => {
    const a = { x: 0, y: 50 };
    const b = { x: 200, y: 50 };
    const area = (poly: { x: number; y: number }[]) =>
      Math.abs(
        poly.reduce((s, p, i) => s + p.x * poly[(i + 1) % poly.length]!.y - poly[(i + 1) % poly.length]!.x * p.y, 0),
      ) / 2;
    const top = halfPlane(a, b, view, 0);
    const bottom = halfPlane(a, b, view, 1);
    expect(area(top)).toBeCloseTo(10_000);
    expect(area(bottom)).toBeCloseTo(10_000);
    expect(top.every((p) => p.y <= 50)).toBe(true);
    // a diagonal through the centre splits it in half too
    const d0 = halfPlane({ x: 0, y: 0 }, { x: 200, y: 100 }, view, 0);
    const d1 = halfPlane({ x: 0, y: 0 }, { x: 200, y: 100 }, view, 1);
    expect(area(d0) + area(d1)).toBeCloseTo(20_000);
    expect(area(d0)).toBeCloseTo(10_000);
  });

  it('extends the drawn segment across the view, or says it misses it', () => {
    expect(lineThroughRect({ x: 50, y: 50 }, { x: 60, y: 50 }, view)).toEqual([
      { x: 0, y: 50 },
      { x: 200, y: 50 },
    ]);
    expect(lineThroughRect({ x: 0, y: 500 }, { x: 10, y: 500 }, view)).toBeNull();
    expect(lineThroughRect({ x: 5, y: 5 }, { x: 5, y: 5 }, view)).toBeNull();
  });
});
