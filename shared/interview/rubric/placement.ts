import { formatDuration } from '../text.js';
import { resolveDns, resolveHealthCheck } from '../../model/defaults.js';
import { isGlobalBalancer, labelOf, listLabels, requestEdges } from '../graph.js';
import { fail, pass, unique } from './verdict.js';
import type { Check } from './verdict.js';

/** Every client's requests go through a CDN before they reach the origin. */
export const cdnForStatic: Check = (g) => {
  if (g.clients.length === 0)
    return fail('There are no clients yet: add users and put a CDN in front of what they fetch.');
  const served = (clientId: string) => requestEdges(g, clientId).some((e) => g.byId.get(e.target)?.kind === 'cdn');
  const without = g.clients.filter((c) => !served(c.id)).map((c) => c.id);
  const cdns = g.requestPath.filter((n) => n.kind === 'cdn').map((n) => n.id);
  if (without.length === g.clients.length) {
    return fail(
      `${listLabels(g, without)} ${without.length === 1 ? 'fetches' : 'fetch'} everything from the origin. Put a CDN between users and the origin for static and cacheable content: it answers from the edge and only sends misses on.`,
      without,
      g.doc.edges.filter((e) => without.includes(e.source)).map((e) => e.id),
    );
  }
  const partial =
    without.length > 0
      ? ` ${listLabels(g, without)} go${without.length === 1 ? 'es' : ''} straight to the origin, which is right for writes and personalised calls.`
      : '';
  return pass(
    `${listLabels(g, cdns)} serve${cdns.length === 1 ? 's' : ''} cacheable content at the edge.${partial}`,
    cdns,
  );
};

/** A cache (or CDN) sits in front of a database somewhere on the read path. */
export const cacheForHotReads: Check = (g) => {
  const databases = g.requestPath.filter((n) => n.kind === 'database').map((n) => n.id);
  if (databases.length === 0)
    return fail('There is no database on the request path yet, so nothing to put a cache in front of.');
  const caches = g.requestPath.filter(
    (n) => n.kind === 'cache' && requestEdges(g, n.id).some((e) => g.byId.get(e.target)?.kind === 'database'),
  );
  if (caches.length === 0) {
    const direct = g.doc.edges.filter(
      (e) => g.byId.get(e.target)?.kind === 'database' && g.byId.get(e.source)?.kind === 'service',
    );
    return fail(
      `Every read goes to ${listLabels(g, databases)}. Put a read-through cache between ${listLabels(g, unique(direct.map((e) => e.source)))} and the database: hot keys are served from memory and the database sees only misses and writes.`,
      databases,
      direct.map((e) => e.id),
    );
  }
  return pass(
    `${listLabels(
      g,
      caches.map((n) => n.id),
    )} ${caches.length === 1 ? 'serves' : 'serve'} hot reads in front of ${listLabels(g, databases)}.`,
    caches.map((n) => n.id),
  );
};

/** A queue on the request path hands work to consumers. */
export const queueForAsyncWork: Check = (g) => {
  const queues = g.requestPath.filter((n) => n.kind === 'queue');
  if (queues.length === 0) {
    const services = g.requestPath.filter((n) => n.kind === 'service').map((n) => n.id);
    return fail(
      'All work happens inline, while the user waits. Put a queue in front of the slow or bursty part (fan-out, delivery, processing) and let consumers drain it at their own pace.',
      services,
    );
  }
  const consumers = unique(queues.flatMap((q) => (g.out.get(q.id) ?? []).map((e) => e.target)));
  return pass(
    `${listLabels(
      g,
      queues.map((n) => n.id),
    )} ${queues.length === 1 ? 'takes' : 'take'} the asynchronous work off the request path; ${listLabels(g, consumers)} ${consumers.length === 1 ? 'drains' : 'drain'} it.`,
    [...queues.map((n) => n.id), ...consumers],
  );
};

/**
 * Worst-case failover between regions fits the prompt's failover time: for DNS, detection by health check plus
 * the TTL users cache answers for; for a global load balancer, detection alone.
 */
export const dnsTtl: Check = (g, prompt) => {
  const target = (prompt.failoverSeconds ?? 0) * 1000;
  const dnses = g.requestPath.filter((n) => n.kind === 'dns');
  const globals = g.requestPath.filter((n) => isGlobalBalancer(g, n));
  if (dnses.length === 0 && globals.length === 0) {
    return fail(
      `Nothing routes users between regions, so nothing can move them when one fails. Add DNS with a health check and a TTL well under ${formatDuration(target)}, or a global load balancer.`,
      g.clients.map((c) => c.id),
    );
  }
  const problems: string[] = [];
  const bad: string[] = [];
  const good: string[] = [];
  for (const n of [...dnses, ...globals]) {
    if (n.kind !== 'dns' && n.kind !== 'loadBalancer') continue;
    const hc = resolveHealthCheck(n.params.healthCheck);
    const name = `"${labelOf(g, n.id)}"`;
    if (!hc) {
      problems.push(`${name} has no health check, so it keeps sending users to a dead region`);
      bad.push(n.id);
      continue;
    }
    const detectMs = hc.intervalMs * hc.unhealthyThreshold;
    // A global balancer moves traffic as soon as it sees the failure; DNS users wait out their cached answer.
    const ttlMs = n.kind === 'dns' ? resolveDns(n.params).ttlMs : 0;
    const totalMs = detectMs + ttlMs;
    if (totalMs > target) {
      problems.push(
        n.kind === 'dns'
          ? `${name} fails over in up to ${formatDuration(totalMs)} (${formatDuration(detectMs)} to detect + ${formatDuration(ttlMs)} TTL)`
          : `${name} takes up to ${formatDuration(detectMs)} to notice a dead region`,
      );
      bad.push(n.id);
    } else good.push(`${name} fails over within ${formatDuration(totalMs)}`);
  }
  if (bad.length > 0) {
    return fail(
      `The prompt asks for failover within ${formatDuration(target)}: ${problems.join('; ')}. Shorten the TTL and the health-check interval.`,
      bad,
    );
  }
  return pass(
    `${good.join('; ')} (detection${dnses.length > 0 ? ' + TTL' : ''}), within the ${formatDuration(target)} the prompt asks.`,
    [...dnses, ...globals].map((n) => n.id),
  );
};
