import {
  resolveClient,
  resolveDatabase,
  resolveEdge,
  resolveLoadBalancer,
  resolveService,
  DEFAULT_DURATION_MS,
  DEFAULT_SEED,
  type ResolvedClient,
  type ResolvedServer,
} from '../model/defaults.js';
import { edgeLatencyMs } from '../model/geo.js';
import type { NodeKind, TopologyDocument, TopologyNode } from '../model/types.js';
import { validateDocument, type Problem } from '../model/validate.js';
import { TargetPicker, type TargetSpec } from './balancer.js';
import { EventQueue } from './eventQueue.js';
import { Histogram } from './histogram.js';
import { MessageRing, MSG_REQUEST, MSG_RESPONSE, MO_DELIVERED, MO_LOST, type MessageBatch } from './messages.js';
import { CIRCUIT_OPEN, ERROR, OK, OUTCOME_NAMES, REJECTED, TIMEOUT, UNAVAILABLE } from './outcomes.js';
import {
  CallPool,
  F_CALLER_DONE,
  F_HAS_TIMER,
  F_SERVER_GONE,
  IntQueue,
  RequestPool,
  TimerQueue,
} from './pools.js';
import { Rng } from './prng.js';
import type { ClientReport, EdgeReport, NodeReport, Report } from './report.js';
import { makeSampler, sample, type Sampler } from './sampler.js';

/** Options of `createSimulation`; each overrides the document's `simulation` settings. */
export interface SimulationOptions {
  seed?: number;
  durationMs?: number;
  /**
   * Record the messages that move on edges in a ring of `capacity` messages. Without `onFull`, messages not
   * drained in time are overwritten (and counted as dropped); with it, a full ring is handed to `onFull` first.
   */
  messages?: { capacity: number; onFull?: (batch: MessageBatch) => void };
}

/** What one `runUntil` call did. */
export interface SliceResult {
  /** Simulated time reached. */
  timeMs: number;
  /** Events processed in this slice. */
  events: number;
  /** Messages recorded since the previous slice, when recording is on. */
  messages: MessageBatch | null;
  /** True once the run has reached its duration. */
  done: boolean;
}

/** A running simulation of one document. */
export interface Simulation {
  readonly seed: number;
  readonly durationMs: number;
  /** Simulated time reached so far. */
  readonly nowMs: number;
  /** Document ids by index, to decode message batches. */
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
  /** Runs every event up to and including `tMs` (clamped to the duration). Slicing never changes the result. */
  runUntil(tMs: number): SliceResult;
  /** The report (MODEL §7) at the current simulated time. */
  report(): Report;
}

/** Thrown by `createSimulation` for a document that does not validate. */
export class InvalidDocumentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid document:\n${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n')}`);
    this.name = 'InvalidDocumentError';
  }
}

/** Thrown for documents that use a part of the model this core does not simulate yet. */
export class UnsupportedFeatureError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'UnsupportedFeatureError';
  }
}

// Event types
const EV_CLIENT_NEXT = 1;
const EV_REQ_ARRIVE = 2;
const EV_RESP_ARRIVE = 3;
const EV_WORK_DONE = 4;
const EV_LB_FORWARD = 5;
const EV_TIMERS = 6;
const EV_RATE_STEP = 7;

// Node kind codes
const K_CLIENT = 0;
const K_SERVER = 1; // service or database
const K_BALANCER = 2;
const K_OTHER = 3;

/** Calls nested deeper than this answer `error` (a guard against runaway recursion through probabilistic loops). */
const MAX_CALL_DEPTH = 64;
/** TCP retransmission timeout and the number of retransmissions before a message is given up (MODEL §3.3). */
const RTO_MS = 200;
const MAX_RETRANSMISSIONS = 5;

class NodeStats {
  arrivals = 0;
  ok = 0;
  errors = 0;
  rejected = 0;
  inSystem = 0;
  inSystemArea = 0;
  busy = 0;
  busyArea = 0;
  lastT = 0;
  readonly hist = new Histogram();

  constructor(readonly workers: number) {}

  touch(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      this.inSystemArea += this.inSystem * dt;
      this.busyArea += this.busy * dt;
      this.lastT = now;
    }
  }
}

interface EdgeRt {
  src: number;
  dst: number;
  latency: number;
  jitter: number;
  loss: number;
  /** Bandwidth in bytes per ms. */
  bytesPerMs: number;
  udp: boolean;
  probability: number;
  weight: number;
  busyFwd: number;
  busyBack: number;
  messages: number;
  lost: number;
  bytes: number;
  /** Round-robin counter for choosing a replica of the target when the caller is not a balancer. */
  rr: number;
  rng: Rng;
}

interface ClientRt {
  node: number;
  cfg: ResolvedClient;
  rng: Rng;
  rate: number;
  /** Bumped when the rate changes, so the pending arrival event is ignored. */
  gen: number;
  edges: Int32Array;
  cumWeights: Float64Array;
  zipfCdf: Float64Array | null;
  timers: TimerQueue | null;
  requests: number;
  succeeded: number;
  failed: number;
  attempts: number;
  failures: Float64Array;
  lateAnswers: number;
  hist: Histogram;
}

interface ServerRt {
  cfg: ResolvedServer;
  sampler: Sampler;
  rng: Rng;
  busy: Int32Array;
  queues: IntQueue[];
  deps: Int32Array;
  parallel: boolean;
}

interface BalancerRt {
  processingMs: number;
  picker: TargetPicker;
  layer4: boolean;
  sticky: Map<number, number>;
}

/**
 * Creates a simulation of a topology document. Validates it first (throwing `InvalidDocumentError` with every
 * problem). A run is a pure function of (document, seed, duration).
 *
 * @example
 * const sim = createSimulation(doc, { seed: 7, durationMs: 60_000 });
 * sim.runUntil(sim.durationMs);
 * console.log(sim.report().clients);
 */
export function createSimulation(document: TopologyDocument, options: SimulationOptions = {}): Simulation {
  const checked = validateDocument(document);
  if (!checked.ok) throw new InvalidDocumentError(checked.problems);
  return new Engine(checked.document, options);
}

class Engine implements Simulation {
  readonly seed: number;
  readonly durationMs: number;
  readonly nodeIds: string[];
  readonly edgeIds: string[];
  nowMs = 0;
  private events = 0;
  private serial = 0;
  private readonly q = new EventQueue(4096);
  private readonly calls = new CallPool(1024);
  private readonly reqs = new RequestPool(1024);
  private readonly kind: Uint8Array;
  private readonly stats: (NodeStats | null)[];
  private readonly clients: (ClientRt | null)[];
  private readonly servers: (ServerRt | null)[];
  private readonly balancers: (BalancerRt | null)[];
  private readonly edges: EdgeRt[];
  private readonly timerQueues: TimerQueue[] = [];
  private readonly ring: MessageRing | null;
  private readonly doc: TopologyDocument;

  constructor(doc: TopologyDocument, options: SimulationOptions) {
    this.doc = doc;
    this.seed = (options.seed ?? doc.simulation.seed ?? DEFAULT_SEED) >>> 0;
    this.durationMs = options.durationMs ?? doc.simulation.durationMs ?? DEFAULT_DURATION_MS;
    this.ring = options.messages ? new MessageRing(Math.max(1, options.messages.capacity), options.messages.onFull) : null;
    const nodes = doc.nodes;
    const byId = new Map(nodes.map((n) => [n.id, n] as const));
    const index = new Map(nodes.map((n, i) => [n.id, i] as const));
    this.nodeIds = nodes.map((n) => n.id);
    this.edgeIds = doc.edges.map((e) => e.id);
    const n = nodes.length;
    this.kind = new Uint8Array(n);
    this.stats = new Array<NodeStats | null>(n).fill(null);
    this.clients = new Array<ClientRt | null>(n).fill(null);
    this.servers = new Array<ServerRt | null>(n).fill(null);
    this.balancers = new Array<BalancerRt | null>(n).fill(null);

    this.edges = doc.edges.map((e) => {
      const p = resolveEdge(e.params);
      return {
        src: index.get(e.source) ?? -1,
        dst: index.get(e.target) ?? -1,
        latency: edgeLatencyMs(e, byId),
        jitter: p.jitterMs,
        loss: p.lossRate,
        bytesPerMs: p.bandwidthMbps * 125,
        udp: p.protocol === 'udp',
        probability: p.probability,
        weight: p.weight,
        busyFwd: 0,
        busyBack: 0,
        messages: 0,
        lost: 0,
        bytes: 0,
        rr: 0,
        rng: Rng.derive(this.seed, `edge:${e.id}`),
      };
    });
    const outEdges: number[][] = nodes.map(() => []);
    this.edges.forEach((e, i) => outEdges[e.src].push(i));

    nodes.forEach((node, i) => {
      const rng = Rng.derive(this.seed, `node:${node.id}`);
      switch (node.kind) {
        case 'client':
          this.kind[i] = K_CLIENT;
          this.clients[i] = this.buildClient(i, resolveClient(node.params), rng, outEdges[i]);
          break;
        case 'service':
        case 'database': {
          const cfg = node.kind === 'service' ? resolveService(node.params) : resolveDatabase(node.params);
          this.kind[i] = K_SERVER;
          this.stats[i] = new NodeStats(cfg.replicas * cfg.concurrency);
          this.servers[i] = {
            cfg,
            sampler: makeSampler(cfg.serviceTime),
            rng,
            busy: new Int32Array(cfg.replicas),
            queues: Array.from({ length: cfg.replicas }, () => new IntQueue(16)),
            deps: Int32Array.from(outEdges[i]),
            parallel: cfg.calls === 'parallel',
          };
          this.checkUnsupported(i, node, cfg.timeoutMs > 0 || cfg.retry !== null || cfg.circuitBreaker !== null);
          break;
        }
        case 'loadBalancer': {
          const cfg = resolveLoadBalancer(node.params);
          this.kind[i] = K_BALANCER;
          this.stats[i] = new NodeStats(0);
          const targets: TargetSpec[] = [];
          for (const e of outEdges[i]) {
            const target = nodes[this.edges[e].dst];
            const replicas = this.replicasOf(target);
            for (let r = 0; r < replicas; r++) {
              targets.push({
                edge: e,
                replica: target.kind === 'service' || target.kind === 'database' ? r : -1,
                weight: this.edges[e].weight,
                name: `${target.id}/${r}`,
              });
            }
          }
          this.balancers[i] = {
            processingMs: cfg.processingMs,
            picker: new TargetPicker(targets, cfg.strategy, rng, cfg.vnodes),
            layer4: cfg.layer === 4,
            sticky: new Map(),
          };
          this.checkUnsupported(i, node, cfg.healthCheck !== null || cfg.outlierDetection !== null);
          break;
        }
        case 'region':
          this.kind[i] = K_OTHER;
          break;
        default:
          this.kind[i] = K_OTHER;
          throw new UnsupportedFeatureError(
            `nodes[${i}]`,
            `"${node.kind}" nodes are part of the model but this version of the simulation core cannot run them yet`,
          );
      }
    });
    if (doc.faults.length > 0) {
      throw new UnsupportedFeatureError('faults', 'this version of the simulation core cannot inject faults yet');
    }
    // first arrivals and rate steps
    this.clients.forEach((c, i) => {
      if (!c) return;
      this.scheduleNextArrival(i, c);
      c.cfg.rateSchedule.forEach((s, k) => this.q.push(s.atMs, EV_RATE_STEP, i, k));
    });
  }

  private checkUnsupported(i: number, node: TopologyNode, uses: boolean): void {
    if (uses) {
      throw new UnsupportedFeatureError(
        `nodes[${i}].params`,
        `"${node.id}" uses timeouts, retries, breakers, health checks or outlier detection, which this version of the simulation core cannot run yet`,
      );
    }
  }

  private replicasOf(node: TopologyNode): number {
    if (node.kind === 'service') return resolveService(node.params).replicas;
    if (node.kind === 'database') return resolveDatabase(node.params).replicas;
    return 1;
  }

  private buildClient(i: number, cfg: ResolvedClient, rng: Rng, out: number[]): ClientRt {
    const cum = new Float64Array(out.length);
    let total = 0;
    out.forEach((e, k) => {
      total += this.edges[e].weight;
      cum[k] = total;
    });
    let zipfCdf: Float64Array | null = null;
    if (cfg.keys.distribution === 'zipf') {
      zipfCdf = new Float64Array(cfg.keys.count);
      let s = 0;
      for (let k = 0; k < cfg.keys.count; k++) {
        s += 1 / Math.pow(k + 1, cfg.keys.zipfS);
        zipfCdf[k] = s;
      }
      for (let k = 0; k < cfg.keys.count; k++) zipfCdf[k] /= s;
    }
    if (cfg.retry || cfg.circuitBreaker) {
      throw new UnsupportedFeatureError(
        `nodes[${i}].params`,
        'client retries and circuit breakers are not simulated by this version of the core yet',
      );
    }
    let timers: TimerQueue | null = null;
    if (cfg.timeoutMs > 0) {
      timers = new TimerQueue(this.timerQueues.length);
      this.timerQueues.push(timers);
    }
    return {
      node: i,
      cfg,
      rng,
      rate: cfg.rate,
      gen: 0,
      edges: Int32Array.from(out),
      cumWeights: cum,
      zipfCdf,
      timers,
      requests: 0,
      succeeded: 0,
      failed: 0,
      attempts: 0,
      failures: new Float64Array(OUTCOME_NAMES.length),
      lateAnswers: 0,
      hist: new Histogram(),
    };
  }

  // ---------------------------------------------------------------- the event loop

  runUntil(tMs: number): SliceResult {
    const end = Math.min(Number.isFinite(tMs) ? tMs : this.durationMs, this.durationMs);
    const q = this.q;
    let processed = 0;
    while (q.size > 0 && q.peekTime() <= end) {
      const type = q.pop();
      this.nowMs = q.t;
      processed++;
      switch (type) {
        case EV_CLIENT_NEXT:
          this.onClientNext(q.a, q.b);
          break;
        case EV_REQ_ARRIVE:
          if (this.calls.gen[q.a] === q.b) this.onRequestArrive(q.a);
          break;
        case EV_RESP_ARRIVE:
          if (this.calls.gen[q.a] === q.b) this.onResponseArrive(q.a);
          break;
        case EV_WORK_DONE:
          if (this.calls.gen[q.a] === q.b) this.onWorkDone(q.a);
          break;
        case EV_LB_FORWARD:
          if (this.calls.gen[q.a] === q.b) this.onBalancerForward(q.a);
          break;
        case EV_TIMERS:
          this.onTimers(q.a);
          break;
        case EV_RATE_STEP:
          this.onRateStep(q.a, q.b);
          break;
      }
    }
    if (end > this.nowMs) this.nowMs = end;
    this.events += processed;
    return {
      timeMs: this.nowMs,
      events: processed,
      messages: this.ring ? this.ring.drain() : null,
      done: this.nowMs >= this.durationMs,
    };
  }

  // ---------------------------------------------------------------- clients

  private scheduleNextArrival(i: number, c: ClientRt): void {
    if (c.rate <= 0) return;
    const dt = c.cfg.arrival === 'poisson' ? c.rng.exponential(1000 / c.rate) : 1000 / c.rate;
    this.q.push(this.nowMs + dt, EV_CLIENT_NEXT, i, c.gen);
  }

  private onClientNext(i: number, gen: number): void {
    const c = this.clients[i]!;
    if (gen !== c.gen) return;
    this.newRequest(i, c);
    this.scheduleNextArrival(i, c);
  }

  private onRateStep(i: number, k: number): void {
    const c = this.clients[i]!;
    c.rate = c.cfg.rateSchedule[k].rate;
    c.gen++;
    this.scheduleNextArrival(i, c);
  }

  private newRequest(i: number, c: ClientRt): void {
    const R = this.reqs;
    const r = R.alloc();
    R.client[r] = i;
    R.createdAt[r] = this.nowMs;
    R.user[r] = c.rng.int(c.cfg.users);
    R.key[r] = this.drawKey(c);
    R.serial[r] = this.serial++;
    c.requests++;
    this.sendAttempt(r, c);
  }

  private drawKey(c: ClientRt): number {
    const cdf = c.zipfCdf;
    if (!cdf) return c.rng.int(c.cfg.keys.count);
    const u = c.rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sendAttempt(r: number, c: ClientRt): void {
    const R = this.reqs;
    R.attempts[r]++;
    c.attempts++;
    let edge = c.edges[0];
    if (c.edges.length > 1) {
      const w = c.cumWeights;
      const u = c.rng.next() * w[w.length - 1];
      let k = 0;
      while (k < w.length - 1 && w[k] <= u) k++;
      edge = c.edges[k];
    }
    this.sendRequest(-1, r, edge, -1, R.user[r], 0, -1, c.timers, c.cfg.timeoutMs);
  }

  private clientAttemptDone(call: number, outcome: number): void {
    const r = this.calls.req[call];
    const R = this.reqs;
    const c = this.clients[R.client[r]]!;
    if (outcome === OK) {
      c.succeeded++;
      c.hist.record(this.nowMs - R.createdAt[r]);
    } else {
      c.failed++;
      c.failures[outcome]++;
    }
    R.free(r);
  }

  // ---------------------------------------------------------------- timers

  private armTimer(tq: TimerQueue, deadline: number, call: number): void {
    const C = this.calls;
    C.flags[call] |= F_HAS_TIMER;
    tq.push(deadline, call, C.gen[call]);
    if (!tq.armed) {
      tq.armed = true;
      this.q.push(deadline, EV_TIMERS, tq.id, 0);
    }
  }

  private onTimers(idx: number): void {
    const tq = this.timerQueues[idx];
    const C = this.calls;
    const now = this.nowMs;
    while (tq.length > 0 && tq.headDeadline() <= now) {
      const h = tq.headIndex();
      const call = tq.call[h];
      const gen = tq.gen[h];
      tq.shift();
      if (C.gen[call] !== gen || C.flags[call] & F_CALLER_DONE) continue;
      this.attemptTimedOut(call);
    }
    if (tq.length > 0) this.q.push(tq.headDeadline(), EV_TIMERS, idx, 0);
    else tq.armed = false;
  }

  private attemptTimedOut(call: number): void {
    const C = this.calls;
    const gone = (C.flags[call] & F_SERVER_GONE) !== 0;
    C.flags[call] |= F_CALLER_DONE;
    this.deliverToCaller(call, TIMEOUT);
    if (gone) C.free(call);
  }

  // ---------------------------------------------------------------- messages on edges

  /**
   * Puts a message on an edge now and returns its arrival time, or -1 when it is lost. Messages are serialised
   * FIFO per direction at the edge's bandwidth; a loss on a TCP-based edge costs retransmissions after an RTO that
   * doubles, and the message is lost only when the last retransmission is lost too.
   */
  private transmit(e: number, back: boolean, bytes: number, kind: number, request: number, outcome: number): number {
    const E = this.edges[e];
    const now = this.nowMs;
    const tx = bytes / E.bytesPerMs;
    let start = back ? E.busyBack : E.busyFwd;
    if (start < now) start = now;
    const free = start + tx;
    if (back) E.busyBack = free;
    else E.busyFwd = free;
    let arrive = free + E.latency;
    if (E.jitter > 0) arrive += E.rng.next() * E.jitter;
    E.messages++;
    E.bytes += bytes;
    let lost = false;
    if (E.loss > 0 && E.rng.next() < E.loss) {
      if (E.udp) lost = true;
      else {
        let rto = RTO_MS;
        let k = 0;
        for (; k < MAX_RETRANSMISSIONS; k++) {
          arrive += rto;
          rto *= 2;
          E.bytes += bytes;
          if (E.rng.next() >= E.loss) break;
        }
        lost = k === MAX_RETRANSMISSIONS;
      }
    }
    if (lost) {
      E.lost++;
      if (this.ring) this.ring.push(e, back ? 1 : 0, now, now + (arrive - now) * E.rng.next(), kind, request, MO_LOST);
      return -1;
    }
    if (this.ring) this.ring.push(e, back ? 1 : 0, now, arrive, kind, request, outcome);
    return arrive;
  }

  /**
   * Starts a call from `parent` (or from a client when -1) over `edge`, with a timeout from `timers` when given.
   * `aux` is kept for the caller (a balancer's target index).
   */
  private sendRequest(
    parent: number,
    r: number,
    edge: number,
    replica: number,
    callerInst: number,
    depth: number,
    aux: number,
    timers: TimerQueue | null,
    timeoutMs: number,
  ): void {
    const C = this.calls;
    const E = this.edges[edge];
    const call = C.alloc();
    C.req[call] = r;
    C.parent[call] = parent;
    C.edge[call] = edge;
    C.node[call] = E.dst;
    C.callerInst[call] = callerInst;
    C.depth[call] = depth;
    C.aux[call] = aux;
    if (timers) this.armTimer(timers, this.nowMs + timeoutMs, call);
    if (replica < 0) {
      const s = this.servers[E.dst];
      if (s !== null && s.busy.length > 1) {
        replica = E.rr;
        E.rr = replica + 1 === s.busy.length ? 0 : replica + 1;
      } else replica = 0;
    }
    C.replica[call] = replica;
    const c = this.clients[this.reqs.client[r]]!;
    const at = this.transmit(edge, false, c.cfg.requestBytes, MSG_REQUEST, this.reqs.serial[r], MO_DELIVERED);
    if (at < 0) this.messageLost(call);
    else this.q.push(at, EV_REQ_ARRIVE, call, C.gen[call]);
  }

  /** The target answers `call` with `outcome`: the answer travels back over the call's edge. */
  private respond(call: number, outcome: number): void {
    const C = this.calls;
    C.outcome[call] = outcome;
    const r = C.req[call];
    const c = this.clients[this.reqs.client[r]]!;
    const at = this.transmit(C.edge[call], true, c.cfg.responseBytes, MSG_RESPONSE, this.reqs.serial[r], outcome + 1);
    if (at < 0) this.messageLost(call);
    else this.q.push(at, EV_RESP_ARRIVE, call, C.gen[call]);
  }

  /** No answer will come for `call`: free it once its caller no longer waits (or never will be told). */
  private messageLost(call: number): void {
    const C = this.calls;
    const f = C.flags[call];
    if (f & F_CALLER_DONE || !(f & F_HAS_TIMER)) C.free(call);
    else C.flags[call] = f | F_SERVER_GONE;
  }

  private onRequestArrive(call: number): void {
    const node = this.calls.node[call];
    switch (this.kind[node]) {
      case K_SERVER:
        this.serverArrive(call, node);
        break;
      case K_BALANCER:
        this.balancerArrive(call, node);
        break;
      default:
        this.respond(call, UNAVAILABLE);
    }
  }

  private onResponseArrive(call: number): void {
    const C = this.calls;
    if (C.flags[call] & F_CALLER_DONE) {
      // the caller timed out already: the late answer is discarded
      const r = C.req[call];
      if (C.parent[call] < 0) this.clients[this.reqs.client[r]]!.lateAnswers++;
      C.free(call);
      return;
    }
    this.deliverToCaller(call, C.outcome[call]);
    C.free(call);
  }

  /** Hands the outcome of `call` to whoever made it. The call record is still valid during this. */
  private deliverToCaller(call: number, outcome: number): void {
    const parent = this.calls.parent[call];
    if (parent < 0) {
      this.clientAttemptDone(call, outcome);
      return;
    }
    const pn = this.calls.node[parent];
    if (this.kind[pn] === K_BALANCER) {
      const b = this.balancers[pn]!;
      const t = this.calls.aux[call];
      if (t >= 0) b.picker.outstanding[t]--;
      this.balancerFinish(parent, pn, outcome);
    } else this.dependencyDone(parent, pn, outcome);
  }

  // ---------------------------------------------------------------- services and databases

  private serverArrive(call: number, node: number): void {
    const s = this.servers[node]!;
    const st = this.stats[node]!;
    const C = this.calls;
    const rep = C.replica[call];
    st.arrivals++;
    C.arrivedAt[call] = this.nowMs;
    if (s.busy[rep] < s.cfg.concurrency) {
      st.touch(this.nowMs);
      st.inSystem++;
      st.busy++;
      s.busy[rep]++;
      this.startWork(call, s);
    } else if (s.queues[rep].length < s.cfg.queueCapacity) {
      st.touch(this.nowMs);
      st.inSystem++;
      s.queues[rep].push(call);
    } else {
      st.rejected++;
      this.respond(call, REJECTED);
    }
  }

  private startWork(call: number, s: ServerRt): void {
    const dt = sample(s.sampler, s.rng);
    this.q.push(this.nowMs + dt, EV_WORK_DONE, call, this.calls.gen[call]);
  }

  private onWorkDone(call: number): void {
    const C = this.calls;
    const node = C.node[call];
    const s = this.servers[node]!;
    if (s.cfg.errorRate > 0 && s.rng.next() < s.cfg.errorRate) {
      this.serverFinish(call, node, ERROR);
      return;
    }
    const deps = s.deps;
    if (deps.length === 0) {
      this.serverFinish(call, node, OK);
      return;
    }
    if (C.depth[call] >= MAX_CALL_DEPTH) {
      this.serverFinish(call, node, ERROR);
      return;
    }
    if (!s.parallel) {
      C.step[call] = 0;
      this.nextDependency(call, node, s);
      return;
    }
    let pending = 0;
    const r = C.req[call];
    for (let k = 0; k < deps.length; k++) {
      const e = deps[k];
      const p = this.edges[e].probability;
      if (p >= 1 || s.rng.next() < p) pending++;
      else continue;
      C.step[call] = pending; // count before sending: an answer could in principle be handled synchronously
      this.sendRequest(call, r, e, -1, C.replica[call], C.depth[call] + 1, -1, null, 0);
    }
    if (pending === 0) this.serverFinish(call, node, OK);
  }

  private nextDependency(call: number, node: number, s: ServerRt): void {
    const C = this.calls;
    const deps = s.deps;
    for (let k = C.step[call]; k < deps.length; k++) {
      const e = deps[k];
      const p = this.edges[e].probability;
      if (p >= 1 || s.rng.next() < p) {
        C.step[call] = k + 1;
        this.sendRequest(call, C.req[call], e, -1, C.replica[call], C.depth[call] + 1, -1, null, 0);
        return;
      }
    }
    this.serverFinish(call, node, C.failed[call] ? ERROR : OK);
  }

  private dependencyDone(parent: number, node: number, outcome: number): void {
    const C = this.calls;
    const s = this.servers[node]!;
    if (outcome !== OK) C.failed[parent] = 1;
    if (s.parallel) {
      if (--C.step[parent] === 0) this.serverFinish(parent, node, C.failed[parent] ? ERROR : OK);
    } else if (C.failed[parent]) this.serverFinish(parent, node, ERROR);
    else this.nextDependency(parent, node, s);
  }

  private serverFinish(call: number, node: number, outcome: number): void {
    const s = this.servers[node]!;
    const st = this.stats[node]!;
    const C = this.calls;
    const rep = C.replica[call];
    const now = this.nowMs;
    st.touch(now);
    st.inSystem--;
    if (outcome === OK) {
      st.ok++;
      st.hist.record(now - C.arrivedAt[call]);
    } else st.errors++;
    this.respond(call, outcome);
    const queue = s.queues[rep];
    if (queue.length > 0) this.startWork(queue.shift(), s);
    else {
      st.busy--;
      s.busy[rep]--;
    }
  }

  // ---------------------------------------------------------------- load balancers

  private balancerArrive(call: number, node: number): void {
    const b = this.balancers[node]!;
    const st = this.stats[node]!;
    st.arrivals++;
    st.touch(this.nowMs);
    st.inSystem++;
    this.calls.arrivedAt[call] = this.nowMs;
    this.q.push(this.nowMs + b.processingMs, EV_LB_FORWARD, call, this.calls.gen[call]);
  }

  private onBalancerForward(call: number): void {
    const C = this.calls;
    const node = C.node[call];
    const b = this.balancers[node]!;
    const caller = this.edges[C.edge[call]].src;
    const clientAddr = (Math.imul(caller + 1, 0x9e3779b1) ^ C.callerInst[call]) | 0;
    let t: number;
    if (b.layer4) {
      // L4 keeps one target per connection: one per caller instance while the target stays usable
      const key = caller * 16777216 + C.callerInst[call];
      const kept = b.sticky.get(key);
      if (kept !== undefined && b.picker.usable[kept]) t = kept;
      else {
        t = b.picker.pick(clientAddr, this.reqs.key[C.req[call]]);
        if (t >= 0) b.sticky.set(key, t);
      }
    } else t = b.picker.pick(clientAddr, this.reqs.key[C.req[call]]);
    if (t < 0) {
      this.balancerFinish(call, node, UNAVAILABLE);
      return;
    }
    b.picker.outstanding[t]++;
    this.sendRequest(call, C.req[call], b.picker.edge[t], b.picker.replica[t], 0, C.depth[call] + 1, t, null, 0);
  }

  private balancerFinish(call: number, node: number, outcome: number): void {
    const st = this.stats[node]!;
    const now = this.nowMs;
    st.touch(now);
    st.inSystem--;
    if (outcome === OK) {
      st.ok++;
      st.hist.record(now - this.calls.arrivedAt[call]);
    } else if (outcome === REJECTED) st.rejected++;
    else st.errors++;
    this.respond(call, outcome);
  }

  // ---------------------------------------------------------------- report

  report(): Report {
    const T = this.nowMs;
    const clients: Record<string, ClientReport> = {};
    const nodes: Record<string, NodeReport> = {};
    const edges: Record<string, EdgeReport> = {};
    this.doc.nodes.forEach((node, i) => {
      const c = this.clients[i];
      if (c) {
        const f = c.failures;
        clients[node.id] = {
          requests: c.requests,
          succeeded: c.succeeded,
          failed: c.failed,
          inFlight: c.requests - c.succeeded - c.failed,
          attempts: c.attempts,
          failures: {
            error: f[ERROR],
            timeout: f[TIMEOUT],
            rejected: f[REJECTED],
            unavailable: f[UNAVAILABLE],
            circuitOpen: f[CIRCUIT_OPEN],
          },
          retriesDenied: 0,
          lateAnswers: c.lateAnswers,
          latencyMs: c.hist.summary(),
        };
        return;
      }
      const st = this.stats[i];
      if (!st) return;
      const dt = T - st.lastT;
      const inArea = st.inSystemArea + st.inSystem * dt;
      const busyArea = st.busyArea + st.busy * dt;
      nodes[node.id] = {
        arrivals: st.arrivals,
        ok: st.ok,
        errors: st.errors,
        rejected: st.rejected,
        utilization: T > 0 && st.workers > 0 ? busyArea / (st.workers * T) : 0,
        meanInSystem: T > 0 ? inArea / T : 0,
        latencyMs: st.hist.summary(),
      };
    });
    this.doc.edges.forEach((e, i) => {
      const E = this.edges[i];
      edges[e.id] = { messages: E.messages, lost: E.lost, bytes: E.bytes };
    });
    return {
      format: 'backpressure.report',
      version: 1,
      seed: this.seed,
      durationMs: T,
      events: this.events,
      clients,
      nodes,
      edges,
      breakers: {},
      caches: {},
      health: {},
    };
  }
}

/** Kinds of node the core simulates in this version. */
export const SIMULATED_KINDS: readonly NodeKind[] = ['client', 'loadBalancer', 'service', 'database', 'region'];
