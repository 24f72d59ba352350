import type { Report } from '../engine/report.js';
import { createSimulation } from '../engine/simulation.js';
import { formatPercent } from '../format.js';
import { DEFAULT_SEED } from '../model/defaults.js';
import type { Fault, TopologyDocument, TopologyNode } from '../model/types.js';
import { estimate } from './estimation.js';
import { formatFigure } from './text.js';
import { graphOf, isManaged, labelOf, listLabels, regionsOf, replicasOf, requestEdges } from './graph.js';
import type { Graph } from './graph.js';
import { scaleModel } from './scaleModel.js';
import type {
  BrokenNode,
  DrillFault,
  DrillResult,
  DrillSecond,
  DrillStep,
  InterviewPrompt,
  ResolvedDrill,
  SkippedDrillStep,
} from './types.js';

/** A drill lasts 60 simulated seconds. */
export const DRILL_DURATION_MS = 60_000;

/**
 * After the drill, clients stop sending and what is still in flight gets this long to finish; whatever is still
 * in flight after it is stuck (a blackholed call with no timeout) and counts as failed.
 */
export const DRILL_DRAIN_MS = 30_000;

/**
 * The largest total client rate a drill simulates. Above it the design runs as a scale model (see
 * `DrillResult.loadScale`), so a drill of a 30-node design takes a second or two in a worker.
 */
export const MAX_DRILL_RPS = 1500;

/** Share of a node's arrivals that fail (errors and rejections) from which the drill calls it broken. */
const BROKEN_FAILURE_RATE = 0.02;
/** Utilisation from which a pool counts as saturated. */
const SATURATED = 0.9;
/** Score weights: availability matters more than the tail. */
const AVAILABILITY_WEIGHT = 70;
const LATENCY_WEIGHT = 30;

export interface DrillOptions {
  /** Defaults to the document's seed, else 1. */
  seed?: number;
  /** Defaults to `DRILL_DURATION_MS`. */
  durationMs?: number;
  /**
   * Load to offer: `'prompt'` (default) drives the clients at the prompt's peak requests per second, split in
   * proportion to their rates; `'design'` keeps the rates the design sets.
   */
  load?: 'prompt' | 'design';
  /** Called after every simulated second (drain included), for a progress bar. */
  onProgress?: (simulatedMs: number, totalMs: number) => void;
}

/** Servers a fault can take down: everything on the path but the users and managed networks (DNS, CDN, global LB). */
function crashable(g: Graph, n: TopologyNode): boolean {
  return n.kind !== 'client' && n.kind !== 'region' && !isManaged(g, n);
}

/** Regions (top level when there are two or more, else zones) ranked by how many request-path servers they hold. */
function busiestDomains(g: Graph): { id: string; members: TopologyNode[] }[] {
  const servers = g.requestPath.filter((n) => crashable(g, n));
  const count = (pick: (chain: TopologyNode[]) => TopologyNode | undefined) => {
    const by = new Map<string, TopologyNode[]>();
    for (const n of servers) {
      const r = pick(regionsOf(g, n.id));
      if (!r) continue;
      const list = by.get(r.id);
      if (list) list.push(n);
      else by.set(r.id, [n]);
    }
    return [...by.entries()].map(([id, members]) => ({ id, members }));
  };
  let domains = count((chain) => chain.at(-1));
  if (domains.length < 2) {
    const zones = count((chain) => chain[0]);
    if (zones.length > domains.length) domains = zones;
  }
  // Most servers first; document order breaks ties, so the choice is stable.
  const order = new Map(g.doc.nodes.map((n, i) => [n.id, i]));
  return domains.sort((a, b) => b.members.length - a.members.length || order.get(a.id)! - order.get(b.id)!);
}

/** Request-path nodes in breadth-first order from the clients: the first of a kind is the one users hit first. */
function breadthFirst(g: Graph): TopologyNode[] {
  const seen = new Set<string>();
  const out: TopologyNode[] = [];
  let frontier = g.clients.map((c) => c.id);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const n = g.byId.get(id);
      if (n) out.push(n);
      for (const e of requestEdges(g, id)) next.push(e.target);
    }
    frontier = next;
  }
  return out;
}

const FAILURE_WORDS: Record<string, string> = {
  error: 'errors',
  timeout: 'timeouts',
  rejected: 'rejected',
  unavailable: 'unavailable',
  circuitOpen: 'refused by a breaker',
};

const KIND_WORDS: Record<string, string> = {
  database: 'database',
  cache: 'cache',
  loadBalancer: 'load balancer',
  service: 'service',
};

/**
 * Turns the interviewer's steps into faults on this design (MODEL §5): a region crash becomes a blackhole crash
 * of every server in the busiest region, a slow database a `slow` fault on each database, and so on. A design with
 * no regions at all runs in one place, so a region crash takes down all of it. `offsetMs` shifts every fault (for
 * a drill dealt mid-session on a running simulation). Steps with nothing to hit are `skipped`, with the reason.
 */
export function resolveDrill(
  doc: TopologyDocument,
  steps: readonly DrillStep[],
  options: { offsetMs?: number } = {},
): ResolvedDrill {
  const g = graphOf(doc);
  const offset = options.offsetMs ?? 0;
  const taken = new Set<string>([
    ...doc.nodes.map((n) => n.id),
    ...doc.edges.map((e) => e.id),
    ...doc.faults.map((f) => f.id),
    ...doc.notes.map((n) => n.id),
  ]);
  const newId = (base: string) => {
    let id = base.slice(0, 60);
    for (let k = 2; taken.has(id); k++) id = `${base.slice(0, 56)}-${k}`;
    taken.add(id);
    return id;
  };
  const faults: DrillFault[] = [];
  const skipped: SkippedDrillStep[] = [];
  steps.forEach((step, i) => {
    const atMs = Math.max(0, offset + step.atS * 1000);
    const untilMs = offset + (step.atS + step.forS) * 1000;
    if (untilMs <= atMs) {
      skipped.push({ step, reason: 'It would be over before it starts.' });
      return;
    }
    // The times the fault really runs at (shifted by the offset), as the canvas clock shows them.
    const window = `${formatFigure(atMs / 1000)} s to ${formatFigure(untilMs / 1000)} s`;
    const add = (fault: Fault, concerns: string[], description: string) =>
      faults.push({ step, fault, concerns, description });
    const base = `drill-${i + 1}-${step.kind}`;
    switch (step.kind) {
      case 'crashRegion': {
        const [busiest] = busiestDomains(g);
        const members = busiest ? busiest.members : g.requestPath.filter((n) => crashable(g, n));
        if (members.length === 0) {
          skipped.push({ step, reason: 'There is no server on the request path to take down yet.' });
          return;
        }
        const ids = members.map((n) => n.id);
        const description = busiest
          ? `"${labelOf(g, busiest.id)}" goes dark from ${window}: ${listLabels(g, ids)} stop${ids.length === 1 ? 's' : ''} answering.`
          : `The design runs in one place, and all of it goes dark from ${window}.`;
        members.forEach((n, k) =>
          add(
            { id: newId(`${base}-${k + 1}`), kind: 'crash', atMs, untilMs, node: n.id, mode: 'blackhole' },
            busiest ? [busiest.id, ...ids] : ids,
            description,
          ),
        );
        return;
      }
      case 'partitionRegions': {
        const domains = busiestDomains(g);
        if (domains.length < 2) {
          skipped.push({
            step,
            reason: 'The design runs in fewer than two regions, so there is no link between regions to cut.',
          });
          return;
        }
        const [cut, ...rest] = domains;
        add(
          {
            id: newId(base),
            kind: 'partition',
            atMs,
            untilMs,
            sides: [[cut!.id], rest.map((d) => d.id)],
          },
          [cut!.id, ...rest.map((d) => d.id)],
          `"${labelOf(g, cut!.id)}" is cut off from ${listLabels(
            g,
            rest.map((d) => d.id),
          )} from ${window}.`,
        );
        return;
      }
      case 'slowDatabase': {
        const dbs = g.requestPath.filter((n) => n.kind === 'database');
        if (dbs.length === 0) {
          skipped.push({ step, reason: 'There is no database on the request path to slow down.' });
          return;
        }
        const ids = dbs.map((n) => n.id);
        const description = `${listLabels(g, ids)} run${ids.length === 1 ? 's' : ''} ${formatFigure(step.factor)}x slower from ${window}.`;
        dbs.forEach((n, k) =>
          add(
            { id: newId(`${base}-${k + 1}`), kind: 'slow', atMs, untilMs, node: n.id, factor: step.factor },
            ids,
            description,
          ),
        );
        return;
      }
      case 'surge': {
        if (g.clients.length === 0) {
          skipped.push({ step, reason: 'There are no clients to surge.' });
          return;
        }
        const ids = g.clients.map((c) => c.id);
        const description = `Traffic from ${listLabels(g, ids)} jumps ${formatFigure(step.factor)}x from ${window}.`;
        g.clients.forEach((c, k) =>
          add(
            { id: newId(`${base}-${k + 1}`), kind: 'surge', atMs, untilMs, node: c.id, factor: step.factor },
            ids,
            description,
          ),
        );
        return;
      }
      case 'crashNode': {
        const n = breadthFirst(g).find((x) => x.kind === step.target && crashable(g, x));
        if (!n) {
          skipped.push({ step, reason: `There is no ${KIND_WORDS[step.target]} on the request path to crash.` });
          return;
        }
        const replicas = replicasOf(n);
        const fault: Fault =
          replicas >= 2
            ? { id: newId(base), kind: 'crash', atMs, untilMs, node: n.id, replica: 0, mode: 'refuse' }
            : { id: newId(base), kind: 'crash', atMs, untilMs, node: n.id, mode: 'refuse' };
        add(
          fault,
          [n.id],
          replicas >= 2
            ? `One of the ${replicas} replicas of "${labelOf(g, n.id)}" crashes from ${window}.`
            : `"${labelOf(g, n.id)}" crashes from ${window}.`,
        );
        return;
      }
    }
  });
  return { faults, skipped };
}

/** The drill's score component for availability: how many of the target's nines it kept (1 at or above target). */
function availabilityComponent(availability: number, target: number): number {
  if (availability >= target) return 1;
  if (availability <= 0) return 0;
  return Math.max(0, Math.min(1, Math.log(1 - availability) / Math.log(1 - target)));
}

/**
 * The drill's score component for the tail: target / p99 when over target, counted only as far as requests got
 * through (a fast answer to the 1% that succeeded is no achievement).
 */
function latencyComponent(p99Ms: number, target: number, succeeded: number, availabilityPart: number): number {
  if (succeeded === 0) return 0;
  return (p99Ms <= target ? 1 : target / p99Ms) * availabilityPart;
}

/**
 * Runs the design under the prompt's drill with the shared simulation core and scores it against the prompt's
 * targets: 70 points for availability (the share of the target's nines kept) and 30 for the p99 (target / p99
 * when over, scaled by the availability share). The design's own faults are left out; after the drill the clients stop and in-flight requests get
 * `DRILL_DRAIN_MS` to finish, and what is still in flight then counts as failed. A pure function of (document,
 * prompt, options): the same seed gives the same result. Throws the engine's `InvalidDocumentError` for a design
 * that does not validate.
 */
export function runDrill(doc: TopologyDocument, prompt: InterviewPrompt, options: DrillOptions = {}): DrillResult {
  const seed = options.seed ?? doc.simulation.seed ?? DEFAULT_SEED;
  const durationMs = options.durationMs ?? DRILL_DURATION_MS;
  const copy = JSON.parse(JSON.stringify(doc)) as TopologyDocument;
  copy.faults = [];
  const peak = estimate(prompt.estimation).peakRps;
  const {
    doc: model,
    loadScale,
    offeredRps,
  } = scaleModel(copy, {
    targetRps: options.load === 'design' ? null : peak,
    maxRps: MAX_DRILL_RPS,
    stopAtMs: durationMs,
  });
  // Resolved on the design as drawn, so descriptions quote its replica counts, not the scale model's.
  const { faults, skipped } = resolveDrill(doc, prompt.drill);
  model.faults = faults.map((f) => f.fault);
  model.simulation = { seed, durationMs: durationMs + DRILL_DRAIN_MS };

  const sim = createSimulation(model, { seed, durationMs: durationMs + DRILL_DRAIN_MS });
  const timeline: DrillSecond[] = [];
  let prevOk = 0;
  let prevFailed = 0;
  let atEnd: Report | null = null;
  const totalMs = durationMs + DRILL_DRAIN_MS;
  for (let from = 0; from < totalMs; from += 1000) {
    // Stop on the drill's end exactly, so the last second of the timeline holds no drain.
    const t = Math.min(from + 1000, from < durationMs ? durationMs : totalMs);
    sim.runUntil(t);
    options.onProgress?.(t, totalMs);
    if (from >= durationMs) continue;
    const now = sim.report();
    if (t >= durationMs) atEnd = now;
    let ok = 0;
    let failed = 0;
    for (const c of Object.values(now.clients)) {
      ok += c.succeeded;
      failed += c.failed;
    }
    timeline.push({ atMs: from, succeeded: ok - prevOk, failed: failed - prevFailed });
    prevOk = ok;
    prevFailed = failed;
  }
  const report = sim.report();

  let succeeded = 0;
  let requests = 0;
  for (const c of Object.values(report.clients)) {
    succeeded += c.succeeded;
    requests += c.requests;
  }
  const availability = requests > 0 ? succeeded / requests : 0;
  // The tail users see: the worst client p99, among clients that carry at least 1% of the requests.
  let p99Ms = 0;
  for (const c of Object.values(report.clients)) {
    if (c.succeeded > 0 && c.requests >= 0.01 * requests) p99Ms = Math.max(p99Ms, c.latencyMs.p99);
  }
  const meetsAvailability = availability >= prompt.targets.availability;
  const meetsP99 = succeeded > 0 && p99Ms <= prompt.targets.p99Ms;
  const availabilityPart = availabilityComponent(availability, prompt.targets.availability);
  const score = Math.round(
    AVAILABILITY_WEIGHT * availabilityPart +
      LATENCY_WEIGHT * latencyComponent(p99Ms, prompt.targets.p99Ms, succeeded, availabilityPart),
  );

  return {
    seed,
    durationMs,
    faults,
    skipped,
    offeredRps,
    loadScale,
    availability,
    p99Ms,
    meetsAvailability,
    meetsP99,
    brokenNodes: brokenNodes(graphOf(model), report, atEnd ?? report),
    timeline,
    report,
    score,
    document: model,
  };
}

/**
 * Where the design broke: clients that lost requests, servers that answered errors or rejections, or saturated.
 * A crashed node answers nothing itself (its callers see the failure), so it shows up only through its callers.
 */
function brokenNodes(g: Graph, report: Report, atEnd: Report): BrokenNode[] {
  const out: BrokenNode[] = [];
  for (const n of g.requestPath) {
    if (n.kind === 'client') {
      const c = report.clients[n.id];
      if (!c || c.requests === 0) continue;
      const lost = c.failed + c.inFlight;
      if (lost / c.requests < 0.001) continue;
      const reasons = (Object.entries(c.failures) as [string, number][])
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${formatFigure(v)} ${FAILURE_WORDS[k] ?? k}`);
      if (c.inFlight > 0) reasons.push(`${formatFigure(c.inFlight)} never answered`);
      out.push({
        nodeId: n.id,
        label: labelOf(g, n.id),
        why: `${formatPercent(lost / c.requests)}% of requests failed: ${reasons.join(', ')}.`,
      });
      continue;
    }
    // Servers as they were when the drill ended, before the drain dilutes their figures.
    const r = atEnd.nodes[n.id];
    if (!r || r.arrivals === 0) continue;
    const failedShare = (r.errors + r.rejected) / r.arrivals;
    const why: string[] = [];
    if (failedShare >= BROKEN_FAILURE_RATE) {
      const parts = [];
      if (r.errors > 0) parts.push(`${formatFigure(r.errors)} errors`);
      if (r.rejected > 0) parts.push(`${formatFigure(r.rejected)} rejected`);
      why.push(`${formatPercent(failedShare)}% of its requests failed (${parts.join(', ')})`);
    }
    if (r.utilization >= SATURATED) why.push(`saturated at ${formatPercent(r.utilization)}% busy`);
    if (why.length > 0) out.push({ nodeId: n.id, label: labelOf(g, n.id), why: `${why.join('; ')}.` });
  }
  return out;
}
