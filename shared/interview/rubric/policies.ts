import { formatDuration, joinWords } from '../text.js';
import { resolveClient, resolveRetry, resolveService, resolveSidecar } from '../../model/defaults.js';
import type { ResolvedRetry } from '../../model/defaults.js';
import type { RetryPolicy, TopologyNode } from '../../model/types.js';
import { labelOf, listLabels, replicasOf, requestEdges, sidecarOf } from '../graph.js';
import type { Graph } from '../graph.js';
import { fail, notApplicable, pass, unique } from './verdict.js';
import type { Check } from './verdict.js';

/** A timeout longer than this many times the p99 target (or 1 s, if more) is too long to protect anyone. */
const TIMEOUT_TARGET_MULTIPLE = 10;

/** The nodes that make remote calls on the request path: clients and services that call something. */
function callers(g: Graph): TopologyNode[] {
  return g.requestPath.filter(
    (n) => (n.kind === 'client' || n.kind === 'service') && requestEdges(g, n.id).some((e) => g.byId.has(e.target)),
  );
}

/** A caller's timeout per attempt (0 = none): the client's, or the sidecar's when one handles a service's calls. */
function timeoutOf(g: Graph, n: TopologyNode): { ms: number; where: string } {
  if (n.kind === 'client') return { ms: resolveClient(n.params).timeoutMs, where: `"${labelOf(g, n.id)}"` };
  const sidecar = sidecarOf(g, n.id);
  if (sidecar && sidecar.kind === 'sidecar' && resolveSidecar(sidecar.params).timeoutMs > 0) {
    return { ms: resolveSidecar(sidecar.params).timeoutMs, where: `sidecar "${labelOf(g, sidecar.id)}"` };
  }
  return { ms: n.kind === 'service' ? resolveService(n.params).timeoutMs : 0, where: `"${labelOf(g, n.id)}"` };
}

/** Every caller on the request path sets a timeout, no longer than 10x the prompt's p99 target. */
export const timeouts: Check = (g, prompt) => {
  const list = callers(g);
  if (list.length === 0)
    return fail('Nothing on the request path makes a call yet: connect a client to what it calls.');
  const limit = Math.max(1000, TIMEOUT_TARGET_MULTIPLE * prompt.targets.p99Ms);
  const missing: string[] = [];
  const tooLong: string[] = [];
  const bad: string[] = [];
  for (const n of list) {
    const t = timeoutOf(g, n);
    if (t.ms <= 0) {
      missing.push(`"${labelOf(g, n.id)}"`);
      bad.push(n.id);
    } else if (t.ms > limit) {
      tooLong.push(`${t.where} (${formatDuration(t.ms)})`);
      bad.push(n.id);
    }
  }
  const badEdges = g.doc.edges.filter((e) => bad.includes(e.source)).map((e) => e.id);
  if (bad.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0)
      parts.push(
        `${joinWords(missing)} ${missing.length === 1 ? 'calls' : 'call'} out with no timeout, so a hung dependency holds ${missing.length === 1 ? 'its' : 'their'} workers forever`,
      );
    if (tooLong.length > 0)
      parts.push(
        `${joinWords(tooLong)} wait${tooLong.length === 1 ? 's' : ''} longer than ${formatDuration(limit)}, ${TIMEOUT_TARGET_MULTIPLE}x the ${formatDuration(prompt.targets.p99Ms)} p99 target`,
      );
    return fail(`${parts.join('; ')}. Set a timeout a little above each dependency's p99.`, bad, badEdges);
  }
  return pass(
    `Every caller on the request path has a timeout within ${formatDuration(limit)} (${listLabels(
      g,
      list.map((n) => n.id),
    )}). Load balancers, caches and CDNs pass the caller's deadline on.`,
    list.map((n) => n.id),
  );
};

/** The retry policies on the request path: clients', services' and their sidecars'. */
function retryPolicies(g: Graph): { owner: TopologyNode; policy: ResolvedRetry }[] {
  const out: { owner: TopologyNode; policy: ResolvedRetry }[] = [];
  const add = (owner: TopologyNode, p: RetryPolicy | undefined) => {
    const r = resolveRetry(p);
    if (r && r.maxAttempts > 1) out.push({ owner, policy: r });
  };
  for (const n of callers(g)) {
    if (n.kind === 'client' || n.kind === 'service') add(n, n.params.retry);
    const s = n.kind === 'service' ? sidecarOf(g, n.id) : undefined;
    if (s && s.kind === 'sidecar') add(s, s.params.retry);
  }
  return out;
}

/** Something retries, and every retry policy jitters its backoff and has a budget. */
export const retriesWithJitterAndBudget: Check = (g) => {
  const policies = retryPolicies(g);
  if (policies.length === 0) {
    const list = callers(g).map((n) => n.id);
    return fail(
      'Nothing retries: a single dropped packet or crashed replica becomes an error the user sees. Retry at one layer, usually the caller closest to the failure, with jittered backoff and a budget.',
      list,
    );
  }
  const problems: string[] = [];
  const bad: string[] = [];
  for (const { owner, policy } of policies) {
    const name = `"${labelOf(g, owner.id)}"`;
    const jitter = policy.backoff.jitter;
    const issues: string[] = [];
    if (jitter === 'none') issues.push('backs off without jitter, so retries arrive in synchronized waves');
    if (jitter === 'immediate') issues.push('retries immediately, hammering a dependency that just failed');
    if (policy.budget === null)
      issues.push(`has no budget, so an outage multiplies its load by up to ${policy.maxAttempts}x`);
    if (issues.length > 0) {
      problems.push(`${name} ${issues.join(' and ')}`);
      bad.push(owner.id);
    }
  }
  if (problems.length > 0) {
    return fail(`${problems.join('; ')}. Use full or decorrelated jitter and a retry budget (e.g. 20% of calls).`, bad);
  }
  const owners = policies.map((p) => p.owner.id);
  return pass(
    `${listLabels(g, owners)} ${owners.length === 1 ? 'retries' : 'retry'} with jittered backoff within a budget.${owners.length > 1 ? ' Retries at several layers multiply, so keep the attempts low.' : ''}`,
    owners,
  );
};

/** Heavy-tailed: the p99 is well above the mean (exponential is about 4.6x). */
function heavyTailed(n: TopologyNode): boolean {
  if (n.kind !== 'service') return false;
  const d = resolveService(n.params).serviceTime;
  if (d.dist === 'exponential') return true;
  if (d.dist === 'lognormal') return d.p99Ms >= 3 * d.meanMs;
  return false;
}

/** Whether a call to `id` can slow down: it is (or reaches) a database or a heavy-tailed service. */
function canSlowDown(g: Graph, id: string): boolean {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const n = g.byId.get(at);
    if (!n) continue;
    if (n.kind === 'database' || heavyTailed(n)) return true;
    // A queue answers on enqueue: what its consumers do cannot slow the caller.
    if (n.kind === 'queue') continue;
    for (const e of requestEdges(g, at)) stack.push(e.target);
  }
  return false;
}

/** Every service call to a dependency that can slow down goes through a breaker (the service's or its sidecar's). */
export const breakers: Check = (g) => {
  const needs: { caller: TopologyNode; edges: string[] }[] = [];
  for (const n of g.requestPath) {
    if (n.kind !== 'service') continue;
    const edges = requestEdges(g, n.id)
      .filter((e) => canSlowDown(g, e.target))
      .map((e) => e.id);
    if (edges.length > 0) needs.push({ caller: n, edges });
  }
  if (needs.length === 0)
    return notApplicable('No service on the request path calls a database or a dependency that can slow down.');
  const hasBreaker = (n: TopologyNode) => {
    if (n.kind === 'service' && n.params.circuitBreaker) return true;
    const s = sidecarOf(g, n.id);
    return s?.kind === 'sidecar' && s.params.circuitBreaker !== undefined;
  };
  const missing = needs.filter((x) => !hasBreaker(x.caller));
  if (missing.length > 0) {
    const edges = missing.flatMap((x) => x.edges);
    const targets = unique(g.doc.edges.filter((e) => edges.includes(e.id)).map((e) => e.target));
    return fail(
      `${listLabels(
        g,
        missing.map((x) => x.caller.id),
      )} ${missing.length === 1 ? 'calls' : 'call'} ${listLabels(g, targets)} with no circuit breaker: when ${targets.length === 1 ? 'it slows' : 'they slow'} down, callers queue up behind ${targets.length === 1 ? 'it' : 'them'} until they run out of workers. Add a breaker on the service or its sidecar.`,
      missing.map((x) => x.caller.id),
      edges,
    );
  }
  return pass(
    `${listLabels(
      g,
      needs.map((x) => x.caller.id),
    )} ${needs.length === 1 ? 'has a breaker' : 'have breakers'} on the calls that can slow down, so a slow dependency fails fast instead of spreading.`,
    needs.map((x) => x.caller.id),
    needs.flatMap((x) => x.edges),
  );
};

/** Target instances behind a chooser: a service's replicas count one each. */
function instancesBehind(g: Graph, id: string): number {
  let count = 0;
  for (const e of g.out.get(id) ?? []) {
    const t = g.byId.get(e.target);
    if (t) count += replicasOf(t);
  }
  return count;
}

/** Every load balancer and DNS node with more than one target instance probes them with a health check. */
export const healthChecks: Check = (g) => {
  const routers = g.requestPath.filter(
    (n) => (n.kind === 'loadBalancer' || n.kind === 'dns') && instancesBehind(g, n.id) > 1,
  );
  if (routers.length === 0) {
    const direct = g.requestPath.filter((n) => n.kind === 'service' && replicasOf(n) > 1);
    return fail(
      direct.length > 0
        ? `Nothing balances the replicas of ${listLabels(
            g,
            direct.map((n) => n.id),
          )} with health checks: callers keep sending a dead replica its share. Put a load balancer with a health check in front.`
        : 'There is no load balancer or DNS spreading load over several targets, so nothing could take a dead one out of rotation. Put a load balancer with health checks in front of replicated services.',
      direct.map((n) => n.id),
    );
  }
  const missing = routers.filter((n) => !(n.kind === 'loadBalancer' || n.kind === 'dns') || !n.params.healthCheck);
  if (missing.length > 0) {
    const edges = g.doc.edges.filter((e) => missing.some((n) => n.id === e.source)).map((e) => e.id);
    return fail(
      `${listLabels(
        g,
        missing.map((n) => n.id),
      )} ${missing.length === 1 ? 'sends' : 'send'} traffic to targets without health checks: a dead target keeps getting its share until someone notices. Enable a health check (e.g. every 5 s, down after 3 failures).`,
      missing.map((n) => n.id),
      edges,
    );
  }
  return pass(
    `${listLabels(
      g,
      routers.map((n) => n.id),
    )} ${routers.length === 1 ? 'probes its' : 'probe their'} targets and take${routers.length === 1 ? 's' : ''} dead ones out of rotation.`,
    routers.map((n) => n.id),
  );
};
