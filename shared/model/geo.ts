import { REGION_PRESETS, type RegionPreset, type TopologyEdge, type TopologyNode } from './types.js';

/** One-way latency inside one datacenter (0.5 ms round trip). */
export const SAME_REGION_LATENCY_MS = 0.25;
/** One-way latency between two zones (availability zones) of one region. */
export const CROSS_ZONE_LATENCY_MS = 0.5;
/** Light in fibre covers about 200 km per millisecond. */
export const FIBRE_KM_PER_MS = 200;
/** Real routes are about 1.5 times longer than the great circle. */
export const ROUTE_STRETCH = 1.5;

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km between two points given in degrees (haversine). */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** One-way latency between two places `km` apart: km / 200 x 1.5 + 0.25 ms. */
export function latencyForDistanceKm(km: number): number {
  return (km / FIBRE_KM_PER_MS) * ROUTE_STRETCH + SAME_REGION_LATENCY_MS;
}

/** Coordinates of a region node: its own `lat`/`lon`, its preset, or its parent region's (a zone). */
export function regionLocation(
  region: TopologyNode,
  byId: ReadonlyMap<string, TopologyNode>,
): { lat: number; lon: number } | null {
  for (let r: TopologyNode | undefined = region, depth = 0; r && depth < 4; depth++) {
    if (r.kind === 'region') {
      const p = r.params;
      if (typeof p.lat === 'number' && typeof p.lon === 'number') return { lat: p.lat, lon: p.lon };
      if (p.location && p.location in REGION_PRESETS) return REGION_PRESETS[p.location as RegionPreset];
    }
    r = r.parent ? byId.get(r.parent) : undefined;
  }
  return null;
}

interface Placement {
  /** Innermost region (a zone or a region), or null outside any region. */
  inner: TopologyNode | null;
  /** Outermost region, or null outside any region. */
  outer: TopologyNode | null;
}

function placement(node: TopologyNode, byId: ReadonlyMap<string, TopologyNode>): Placement {
  let inner: TopologyNode | null = null;
  let outer: TopologyNode | null = null;
  let p = node.parent ? byId.get(node.parent) : undefined;
  for (let depth = 0; p && p.kind === 'region' && depth < 4; depth++) {
    if (!inner) inner = p;
    outer = p;
    p = p.parent ? byId.get(p.parent) : undefined;
  }
  return { inner, outer };
}

/**
 * The one-way latency an edge gets from the regions of its ends when it sets no `latencyMs`:
 * same region, or either end outside every region: 0.25 ms; two zones of one region: 0.5 ms;
 * two regions: great-circle km / 200 x 1.5 + 0.25 ms.
 *
 * @example derivedLatencyMs(a, b, byId) // 41.9 for us-east to eu-west
 */
export function derivedLatencyMs(
  source: TopologyNode,
  target: TopologyNode,
  byId: ReadonlyMap<string, TopologyNode>,
): number {
  const a = placement(source, byId);
  const b = placement(target, byId);
  if (!a.outer || !b.outer) return SAME_REGION_LATENCY_MS;
  if (a.inner === b.inner) return SAME_REGION_LATENCY_MS;
  if (a.outer === b.outer) return CROSS_ZONE_LATENCY_MS;
  const la = regionLocation(a.inner ?? a.outer, byId);
  const lb = regionLocation(b.inner ?? b.outer, byId);
  if (!la || !lb) return SAME_REGION_LATENCY_MS;
  return latencyForDistanceKm(greatCircleKm(la.lat, la.lon, lb.lat, lb.lon));
}

/** The latency an edge uses: its own `latencyMs`, or the one derived from regions. */
export function edgeLatencyMs(edge: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): number {
  if (typeof edge.params.latencyMs === 'number') return edge.params.latencyMs;
  const s = byId.get(edge.source);
  const t = byId.get(edge.target);
  if (!s || !t) return SAME_REGION_LATENCY_MS;
  return derivedLatencyMs(s, t, byId);
}
