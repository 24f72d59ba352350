import { joinWords } from '../text.js';
import type { TopologyNode } from '../../model/types.js';
import { failureDomainOf, isManaged, labelOf, listLabels, regionsOf, replicasOf, survives } from '../graph.js';
import type { Graph } from '../graph.js';
import { fail, pass, unique } from './verdict.js';
import type { Check } from './verdict.js';

function describe(n: TopologyNode): string {
  const name = `"${n.label?.trim() || n.id}"`;
  if (n.kind === 'service' || n.kind === 'database') return `${name} (${n.kind}, ${replicasOf(n)} replica)`;
  return `${name} (${n.kind === 'loadBalancer' ? 'load balancer' : n.kind})`;
}

/**
 * A node that runs once (one replica, or a kind without replicas) and whose loss leaves some client with no way
 * to complete its requests: a chooser (client, DNS, load balancer) with another live target routes around it.
 */
export const noSinglePointOfFailure: Check = (g) => {
  const spofs: TopologyNode[] = [];
  const hit = new Map<string, string[]>();
  for (const n of g.requestPath) {
    if (n.kind === 'client' || n.kind === 'sidecar' || isManaged(g, n) || replicasOf(n) >= 2) continue;
    const dead = new Set([n.id]);
    const clients = g.clients.filter((c) => !survives(g, c.id, dead)).map((c) => c.id);
    if (clients.length === 0) continue;
    spofs.push(n);
    hit.set(n.id, clients);
  }
  if (spofs.length === 0) {
    const redundant = g.requestPath.filter((n) => replicasOf(n) >= 2).map((n) => n.id);
    return pass(
      'Every node on the request path is redundant: it runs two or more replicas, or something in front of it can route around it. DNS, CDNs and global load balancers count as the managed, anycast networks they are.',
      redundant,
    );
  }
  const clientIds = unique(spofs.flatMap((n) => hit.get(n.id) ?? []));
  const edges = g.doc.edges.filter((e) => spofs.some((n) => n.id === e.target)).map((e) => e.id);
  return fail(
    `${joinWords(spofs.map(describe))} ${spofs.length === 1 ? 'is' : 'are each'} on every path from ${listLabels(g, clientIds)}: one crash fails ${clientIds.length === 1 ? 'its' : 'their'} requests. Give services and databases 2+ replicas; put a second load balancer, cache or queue next to the first behind DNS or a balancer.`,
    spofs.map((n) => n.id),
    edges,
  );
};

/** The failure domains (innermost regions: zones, or regions without zones) that hold request-path servers. */
function domains(g: Graph): { domains: string[]; unplaced: string[] } {
  const found: string[] = [];
  const unplaced: string[] = [];
  for (const n of g.requestPath) {
    if (n.kind === 'client' || n.kind === 'sidecar' || isManaged(g, n)) continue;
    const d = failureDomainOf(g, n.id);
    if (d === undefined) unplaced.push(n.id);
    else if (!found.includes(d)) found.push(d);
  }
  return { domains: found, unplaced };
}

/**
 * The request path spans at least the prompt's number of regions (or zones), and every client still completes its
 * requests with any one of them gone.
 */
export const multiRegion: Check = (g, prompt) => {
  const { domains: ds, unplaced } = domains(g);
  const need = prompt.regions;
  if (ds.length === 0) {
    return fail(
      `No node on the request path is inside a region, and this prompt needs ${need}. Draw ${need} regions (or zones) and put a full serving path in each.`,
      unplaced,
    );
  }
  if (ds.length < need) {
    return fail(
      `The request path runs in ${ds.length} ${ds.length === 1 ? 'region' : 'regions or zones'} (${listLabels(g, ds)}); this prompt needs ${need}. Add ${need - ds.length} more with their own load balancer, services and data.`,
      ds,
    );
  }
  const failures: string[] = [];
  const nodes: string[] = [];
  for (const d of ds) {
    const dead = new Set(g.doc.nodes.filter((n) => regionsOf(g, n.id).some((r) => r.id === d)).map((n) => n.id));
    const lost = g.clients.filter((c) => !dead.has(c.id) && !survives(g, c.id, dead));
    if (lost.length === 0) continue;
    // Name what the survivors still depend on inside the dead domain: the shared piece to duplicate.
    const shared = g.requestPath.filter(
      (n) =>
        dead.has(n.id) && n.kind !== 'client' && (n.kind === 'database' || n.kind === 'queue' || n.kind === 'cache'),
    );
    const blame = shared.length > 0 ? shared : g.requestPath.filter((n) => dead.has(n.id) && n.kind !== 'client');
    failures.push(
      `losing "${labelOf(g, d)}" fails ${listLabels(
        g,
        lost.map((c) => c.id),
      )}${
        blame.length > 0
          ? `, which still depend${lost.length === 1 ? 's' : ''} on ${listLabels(
              g,
              blame.map((n) => n.id),
            )} there`
          : ''
      }`,
    );
    nodes.push(d, ...blame.map((n) => n.id));
  }
  if (failures.length > 0) {
    return fail(
      `The design spans ${ds.length} regions or zones, but ${failures.join('; ')}. Each one needs its own copy of what it calls, data included.`,
      unique(nodes),
    );
  }
  return pass(
    `Serves from ${listLabels(g, ds)} and every client still completes its requests with any one of them down.${unplaced.length > 0 ? ` ${listLabels(g, unplaced)} sit${unplaced.length === 1 ? 's' : ''} outside any region.` : ''}`,
    ds,
  );
};
