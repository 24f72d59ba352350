/**
 * Values the inspector derives from parameters: a server's capacity, an edge's latency and handshake cost, a
 * region's coordinates. They read the document as written (which may be invalid while the user edits it), so
 * each returns null when it cannot say.
 */
import { resolveDatabase, resolveEdge, resolveService } from '../../../shared/model/defaults.js';
import { derivedLatencyMs, regionLocation } from '../../../shared/model/geo.js';
import type { Distribution, TopologyEdge, TopologyNode } from '../../../shared/model/types.js';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The mean of a distribution in ms, or null when its fields are missing or not numbers. */
export function distributionMean(d: Distribution | undefined): number | null {
  if (!d || typeof d !== 'object') return null;
  if (d.dist === 'uniform') return finite(d.minMs) && finite(d.maxMs) ? (d.minMs + d.maxMs) / 2 : null;
  return finite((d as { meanMs?: unknown }).meanMs) ? (d as { meanMs: number }).meanMs : null;
}

export interface Capacity {
  /** Requests per second with every worker busy. */
  perSec: number;
  workers: number;
  meanMs: number;
}

/** A service's or database's throughput at 100% utilisation: replicas × concurrency / mean service time. */
export function serverCapacity(node: TopologyNode): Capacity | null {
  if (node.kind !== 'service' && node.kind !== 'database') return null;
  const r = node.kind === 'service' ? resolveService(node.params) : resolveDatabase(node.params);
  const meanMs = distributionMean(r.serviceTime);
  if (!finite(r.replicas) || !finite(r.concurrency) || meanMs === null) return null;
  const workers = r.replicas * r.concurrency;
  if (workers <= 0) return null;
  return { perSec: meanMs > 0 ? (workers * 1000) / meanMs : Infinity, workers, meanMs };
}

const byIdCache = new WeakMap<readonly TopologyNode[], Map<string, TopologyNode>>();

/** The nodes by id, built once per version of the node list. */
export function nodesById(nodes: readonly TopologyNode[]): Map<string, TopologyNode> {
  let map = byIdCache.get(nodes);
  if (!map) {
    map = new Map(nodes.map((n) => [n.id, n]));
    byIdCache.set(nodes, map);
  }
  return map;
}

/** The latency an edge would get from the regions of its ends (what an empty Latency field means). */
export function regionLatency(edge: TopologyEdge, nodes: readonly TopologyNode[]): number | null {
  const byId = nodesById(nodes);
  const s = byId.get(edge.source);
  const t = byId.get(edge.target);
  return s && t ? derivedLatencyMs(s, t, byId) : null;
}

/** Round trips a new connection waits before its first request (the core's rule, MODEL.md §3.4). */
export function handshakeRtts(edge: TopologyEdge): { rtts: number; what: string } {
  const p = resolveEdge(edge.params);
  const tls = p.tls === 'tls1.2' ? 2 : p.tls === 'tls1.3' ? 1 : 0;
  const tlsName = p.tls === 'tls1.2' ? ' + TLS 1.2' : p.tls === 'tls1.3' ? ' + TLS 1.3' : '';
  switch (p.protocol) {
    case 'udp':
      return { rtts: 0, what: 'UDP has no handshake' };
    case 'http3':
      return { rtts: 1, what: 'QUIC with TLS 1.3 built in; 0 when resumed' };
    case 'websocket':
      return { rtts: 2 + tls, what: `TCP + upgrade${tlsName}` };
    default:
      return { rtts: 1 + tls, what: `TCP${tlsName}` };
  }
}

/** A region's coordinates: its own, its preset's, or (a zone) its region's. */
export function regionCoordinates(
  region: TopologyNode,
  nodes: readonly TopologyNode[],
): { lat: number; lon: number } | null {
  const loc = regionLocation(region, nodesById(nodes));
  return loc && finite(loc.lat) && finite(loc.lon) ? loc : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

/** A duration in ms with sensible precision: 41.9, 0.25, 1200. */
export function formatMs(v: number): string {
  if (!Number.isFinite(v)) return '∞';
  const abs = Math.abs(v);
  return String(Number(v.toFixed(abs >= 1 ? 1 : abs >= 0.01 ? 2 : 4)));
}

/** A duration for people: 250 ms, 10 s, 2.5 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms < 1000) return `${formatMs(ms)} ms`;
  if (ms < 120_000) return `${formatNumber(ms / 1000)} s`;
  if (ms < 7_200_000) return `${formatNumber(ms / 60_000)} min`;
  return `${formatNumber(ms / 3_600_000)} h`;
}

/** A count or rate: 12,500 or 0.35. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '∞';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** "38.9° N, 77.0° W". */
export function formatCoordinates(c: { lat: number; lon: number }): string {
  const lat = `${Math.abs(c.lat).toFixed(1)}° ${c.lat >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(c.lon).toFixed(1)}° ${c.lon >= 0 ? 'E' : 'W'}`;
  return `${lat}, ${lon}`;
}
