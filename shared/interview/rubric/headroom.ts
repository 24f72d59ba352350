import { formatDecimal } from '../../format.js';
import { HTTP1_CONNECTIONS, capacityOf } from '../capacity.js';
import { estimate } from '../estimation.js';
import { formatFigure } from '../text.js';
import { listLabels } from '../graph.js';
import { fail, pass } from './verdict.js';
import type { Check } from './verdict.js';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Capacity over the prompt's peak that the design must have. */
export const REQUIRED_HEADROOM = 1.3;

/** The design serves the prompt's estimated peak with 1.3x to spare before its first worker pool saturates. */
export const capacityHeadroom: Check = (g, prompt) => {
  const peak = estimate(prompt.estimation).peakRps;
  const hit = prompt.estimation.cacheHitRatio ?? 0;
  const cap = capacityOf(g.doc, { cacheHitRatio: hit });
  const assumption =
    hit > 0 ? ` Each cache layer is counted as answering ${formatFigure(hit * 100)}% of what reaches it.` : '';
  const reached = cap.nodes.filter((n) => n.visits > 0);
  if (reached.length === 0 && cap.links.length === 0) {
    return fail(
      `No service or database on the request path to size yet. The prompt's peak is ${formatFigure(peak)} requests/s.`,
    );
  }
  const headroom = cap.headroom(peak);
  const need = peak * REQUIRED_HEADROOM;
  const shortPools = reached.filter((n) => n.limitRps < need);
  const shortLinks = cap.links.filter((l) => l.limitRps < need);
  const per = (visits: number) =>
    Math.abs(visits - 1) > 0.005 ? ` for ${formatDecimal(visits)} calls per request` : '';
  const link = cap.links.find((l) => l.edgeId === cap.bottleneckEdge);
  const pool = reached.find((n) => n.nodeId === cap.bottleneck);
  const formula = link
    ? `the HTTP/1.1 link ${link.label}: ${formatFigure(link.connections)} connections / ${formatFigure(link.holdMs)} ms each = ${formatFigure(link.maxRps)} requests/s${per(link.visits)}`
    : pool
      ? pool.kind === 'queue'
        ? `"${pool.label}": ${pool.concurrency} deliveries in flight / ${formatFigure(pool.serviceTimeMs)} ms each = ${formatFigure(pool.maxRps)} messages/s${per(pool.visits)}`
        : `"${pool.label}": ${pool.replicas} x ${pool.concurrency} workers / ${formatFigure(pool.serviceTimeMs)} ms = ${formatFigure(pool.maxRps)} requests/s${per(pool.visits)}`
      : 'no worker pool';
  if (shortPools.length > 0 || shortLinks.length > 0) {
    const fixes: string[] = [];
    if (shortPools.length > 0)
      fixes.push(
        `${listLabels(
          g,
          shortPools.map((n) => n.nodeId),
        )} need${shortPools.length === 1 ? 's' : ''} more replicas, concurrency or consumers, or a cache to take load off`,
      );
    if (shortLinks.length > 0)
      fixes.push(
        `${shortLinks.map((l) => l.label).join(', ')} need${shortLinks.length === 1 ? 's' : ''} HTTP/2 or gRPC (HTTP/1.1 carries one request per connection, ${HTTP1_CONNECTIONS} connections per caller and target)`,
      );
    return fail(
      `The peak is ${formatFigure(peak)} requests/s but the design saturates at ${formatFigure(cap.pathMaxRps)} (${formatDecimal(headroom)}x, ${REQUIRED_HEADROOM}x needed), first at ${formula}. ${capitalise(fixes.join('; '))}.${assumption}`,
      shortPools.map((n) => n.nodeId),
      shortLinks.map((l) => l.edgeId),
    );
  }
  return pass(
    `The design serves ${formatFigure(cap.pathMaxRps)} requests/s before the first pool saturates, ${formatDecimal(headroom)}x the ${formatFigure(peak)} requests/s peak; the tightest is ${formula}.${assumption}`,
    cap.bottleneck !== undefined ? [cap.bottleneck] : [],
    cap.bottleneckEdge !== undefined ? [cap.bottleneckEdge] : [],
  );
};
