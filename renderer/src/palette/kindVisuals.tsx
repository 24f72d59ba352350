import type { ReactNode } from 'react';
import type { NodeKind } from '../../../shared/model/types.js';

export { KIND_COLORS } from '../../../shared/export/kindStyle.js';

/** One line about what each kind does in a run (at most 110 characters). */
export const KIND_DESCRIPTIONS: Record<NodeKind, string> = {
  client: 'Users sending requests at a set rate (Poisson or uniform arrivals), with per-attempt timeouts and retries.',
  dns: 'Resolves a name to one of its targets: round robin, failover, latency or weighted; answers cached for the TTL.',
  cdn: 'Edge cache close to users: fresh objects answer in about 1 ms, misses go to the origin, coalesced per key.',
  loadBalancer:
    'Spreads requests (L7) or connections (L4) across targets: round robin, least connections, consistent hash…',
  service: 'Application servers: replicas with worker pools and FIFO queues; calls its dependencies for each request.',
  database: 'Stateful store: a service with 50 connections per replica, a deep queue and queries of about 5 ms.',
  cache: 'Read-through key cache with LRU eviction and a TTL: hits answer in under 1 ms, misses ask the origin.',
  queue: 'Asynchronous broker: acknowledges on enqueue and delivers to consumers later; rejects when it is full.',
  sidecar:
    'Mesh proxy attached to one service: an inbound rate limit; timeouts, retries, breakers and mTLS on its calls.',
  region: 'A place on the map (us-east, eu-west…): nodes inside share a datacenter; latency between follows distance.',
};

const GLYPHS: Record<NodeKind, ReactNode> = {
  // A person: head and shoulders.
  client: (
    <>
      <circle cx="12" cy="8" r="3.75" />
      <path d="M4.75 20.25c0-4 3.25-6.75 7.25-6.75s7.25 2.75 7.25 6.75" />
    </>
  ),
  // A signpost: a pole with two signs pointing opposite ways.
  dns: (
    <>
      <path d="M12 2.75v18.5M8.5 21.25h7" />
      <path d="M5 4.75h11.25l2.75 2.5-2.75 2.5H5z" />
      <path d="M19 12.25H7.75L5 14.75l2.75 2.5H19z" />
    </>
  ),
  // A cloud with three edge locations hanging under it.
  cdn: (
    <>
      <path d="M7.5 14.5a3.75 3.75 0 0 1-.4-7.48 5 5 0 0 1 9.6.73A3.4 3.4 0 0 1 16.6 14.5z" />
      <path d="M8 14.5l-2 3.5M12 14.5v3.5M16 14.5l2 3.5" />
      <circle cx="5.5" cy="19.75" r="1.25" />
      <circle cx="12" cy="19.75" r="1.25" />
      <circle cx="18.5" cy="19.75" r="1.25" />
    </>
  ),
  // One stream fanning out into three.
  loadBalancer: (
    <>
      <circle cx="4" cy="12" r="2" />
      <path d="M6 12h13.25M8.5 12c4.5 0 5-7 10.75-7M8.5 12c4.5 0 5 7 10.75 7" />
      <path d="M17 2.75L19.25 5 17 7.25M17 9.75L19.25 12 17 14.25M17 16.75l2.25 2.25L17 21.25" />
    </>
  ),
  // A server: two rack units with status lights.
  service: (
    <>
      <rect x="3.25" y="3.75" width="17.5" height="7" rx="1.75" />
      <rect x="3.25" y="13.25" width="17.5" height="7" rx="1.75" />
      <path d="M7 7.25h.01M7 16.75h.01M11 7.25h6M11 16.75h6" />
    </>
  ),
  // A cylinder.
  database: (
    <>
      <ellipse cx="12" cy="5.5" rx="7.25" ry="2.75" />
      <path d="M4.75 5.5v13c0 1.52 3.25 2.75 7.25 2.75s7.25-1.23 7.25-2.75v-13" />
      <path d="M4.75 12c0 1.52 3.25 2.75 7.25 2.75s7.25-1.23 7.25-2.75" />
    </>
  ),
  // A memory chip with a lightning bolt.
  cache: (
    <>
      <rect x="5" y="5" width="14" height="14" rx="2" />
      <path d="M9 2.25V5M15 2.25V5M9 19v2.75M15 19v2.75M2.25 9H5M2.25 15H5M19 9h2.75M19 15h2.75" />
      <path d="M12.75 7.75L9.75 12.5h4.5l-3 4.25" />
    </>
  ),
  // A pipe carrying three messages.
  queue: (
    <>
      <path d="M2.5 6.25h19M2.5 17.75h19" />
      <rect x="4.25" y="9.25" width="4" height="5.5" rx="0.75" />
      <rect x="10" y="9.25" width="4" height="5.5" rx="0.75" />
      <rect x="15.75" y="9.25" width="4" height="5.5" rx="0.75" />
    </>
  ),
  // A box (the service) with a small hexagon (the proxy) docked on its side.
  sidecar: (
    <>
      <rect x="2.75" y="5.25" width="10.5" height="13.5" rx="1.75" />
      <path d="M6 9.5h4M6 12h4M6 14.5h2.5" />
      <path d="M17.6 8.25l3.4 1.9v3.7l-3.4 1.9-3.4-1.9v-3.7z" />
      <path d="M13.25 12h.95" />
    </>
  ),
  // A dashed area with a map pin in it.
  region: (
    <>
      <rect x="2.75" y="2.75" width="18.5" height="18.5" rx="3" strokeDasharray="3 2.6" />
      <path d="M12 17.5s-4.25-3.6-4.25-6.9a4.25 4.25 0 0 1 8.5 0c0 3.3-4.25 6.9-4.25 6.9z" />
      <circle cx="12" cy="10.6" r="1.4" />
    </>
  ),
};

export interface KindIconProps {
  kind: NodeKind;
  size?: number;
  className?: string;
}

/** The icon of a node kind: a 24×24 stroke drawing in `currentColor`. */
export function KindIcon({ kind, size = 20, className }: KindIconProps) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-kind-icon={kind}
    >
      {GLYPHS[kind]}
    </svg>
  );
}
