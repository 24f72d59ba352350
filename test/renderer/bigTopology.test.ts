import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/model/validate.js';
import { nodeRect } from '../../renderer/src/store/geometry.js';
import { BIG_EDGES, BIG_NODES, bigTopology } from '../bench/bigTopology.js';

describe('the canvas benchmark topology', () => {
  const doc = bigTopology();

  it('is a valid document with 500 nodes and 600 edges', () => {
    const result = validateDocument(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(doc.nodes).toHaveLength(BIG_NODES);
    expect(doc.edges).toHaveLength(BIG_EDGES);
    expect(BIG_NODES).toBe(500);
    expect(BIG_EDGES).toBe(600);
  });

  it('is the same every time', () => {
    expect(bigTopology()).toEqual(doc);
  });

  it('has every kind of node but cdn, each inside its region', () => {
    const kinds = new Set(doc.nodes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(
      ['cache', 'client', 'database', 'dns', 'loadBalancer', 'queue', 'region', 'service', 'sidecar'].sort(),
    );
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    for (const n of doc.nodes) {
      if (n.kind === 'region') continue;
      const region = byId.get(n.parent!)!;
      expect(region.kind).toBe('region');
      const r = nodeRect(region);
      const b = nodeRect(n);
      expect(b.x).toBeGreaterThanOrEqual(r.x);
      expect(b.y).toBeGreaterThanOrEqual(r.y);
      expect(b.x + b.width).toBeLessThanOrEqual(r.x + r.width);
      expect(b.y + b.height).toBeLessThanOrEqual(r.y + r.height);
    }
  });

  it('docks each sidecar under its service', () => {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const sidecars = doc.nodes.filter((n) => n.kind === 'sidecar');
    expect(sidecars.length).toBeGreaterThan(0);
    for (const s of sidecars) {
      const service = byId.get(s.kind === 'sidecar' ? s.params.attachedTo! : '')!;
      expect(service.kind).toBe('service');
      expect(s.position).toEqual({ x: service.position.x, y: service.position.y + 72 });
      expect(s.parent).toBe(service.parent);
    }
  });

  it('draws every edge from left to right, with no duplicates and none into clients, sidecars or regions', () => {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const pairs = new Set<string>();
    for (const e of doc.edges) {
      const s = byId.get(e.source)!;
      const t = byId.get(e.target)!;
      expect(t.position.x).toBeGreaterThan(s.position.x);
      expect(['client', 'sidecar', 'region']).not.toContain(t.kind);
      expect(['sidecar', 'region']).not.toContain(s.kind);
      const key = `${e.source}>${e.target}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
  });
});
