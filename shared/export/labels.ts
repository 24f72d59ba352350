/**
 * The words a diagram shows besides names: an edge's protocol and latency, a region's location. The canvas shows
 * the same words.
 */
import { edgeLatencyMs } from '../model/geo.js';
import type { EdgeParams, Protocol, TopologyEdge, TopologyNode } from '../model/types.js';

/** How each protocol is written on an edge. */
export const PROTOCOL_NAMES: Readonly<Record<Protocol, string>> = {
  'http1.1': 'HTTP/1.1',
  http2: 'HTTP/2',
  http3: 'HTTP/3',
  grpc: 'gRPC',
  websocket: 'WebSocket',
  tcp: 'TCP',
  udp: 'UDP',
};

/** A one-way latency for a label: `0.25 ms`, `12.5 ms`, `120 ms`. */
export function formatLatency(ms: number): string {
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${Number(ms.toPrecision(2))} ms`;
}

/**
 * The text on an edge in an exported diagram: protocol (with `+TLS` when encrypted), one-way latency, and the call
 * share when below 100%. `HTTP/2+TLS · 41 ms · 30%`.
 */
export function edgeLabelText(params: EdgeParams, latencyMs: number): string {
  const protocol = PROTOCOL_NAMES[params.protocol ?? 'http1.1'] ?? String(params.protocol);
  const tls = params.tls !== undefined && params.tls !== 'none' ? '+TLS' : '';
  const share =
    params.probability !== undefined && params.probability < 1 ? ` · ${Math.round(params.probability * 100)}%` : '';
  return `${protocol}${tls} · ${formatLatency(latencyMs)}${share}`;
}

/** Where a region is: its preset name, `lat, lon`, or nothing. */
export function regionWhere(node: TopologyNode): string {
  if (node.kind !== 'region') return '';
  if (node.params.location !== undefined) return node.params.location;
  if (node.params.lat !== undefined && node.params.lon !== undefined) return `${node.params.lat}, ${node.params.lon}`;
  return '';
}

/** The one-way latency an edge's label shows: its own, or the one its regions give; never throws. */
export function edgeLatencyForLabel(edge: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): number {
  try {
    const ms = edgeLatencyMs(edge, byId);
    return Number.isFinite(ms) ? ms : 0;
  } catch {
    return typeof edge.params.latencyMs === 'number' ? edge.params.latencyMs : 0;
  }
}
