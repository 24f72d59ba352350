import {
  resolveCache,
  resolveCdn,
  resolveClient,
  resolveDatabase,
  resolveDns,
  resolveEdge,
  resolveLoadBalancer,
  resolveQueue,
  resolveService,
  resolveSidecar,
  DEFAULT_DURATION_MS,
  DEFAULT_SEED,
  type ResolvedBreaker,
  type ResolvedClient,
  type ResolvedRetry,
  type ResolvedSidecar,
} from '../model/defaults.js';
import { edgeLatencyMs } from '../model/geo.js';
import type { Fault, LbStrategy, TopologyDocument, TopologyNode } from '../model/types.js';
import { validateDocument, type Problem } from '../model/validate.js';
import { TargetPicker, type TargetSpec } from './balancer.js';
import { CircuitBreaker, OPEN } from './breaker.js';
import { Channel } from './channels.js';
import { ConnTable } from './connections.js';
import { EventQueue } from './eventQueue.js';
import { CRASH_BLACKHOLE, CRASH_NONE, FaultEffects } from './faults.js';
import { Histogram } from './histogram.js';
import { LruTtlCache } from './lruCache.js';
import {
  MessageRing,
  MO_DELIVERED,
  MO_LOST,
  MSG_DELIVERY,
  MSG_HANDSHAKE,
  MSG_LOOKUP,
  MSG_PROBE,
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_RETRY,
  type MessageBatch,
} from './messages.js';
import { CIRCUIT_OPEN, ERROR, OK, OUTCOME_NAMES, REJECTED, TIMEOUT, UNAVAILABLE } from './outcomes.js';
import {
  CallPool,
  F_CALLER_DONE,
  F_CONN,
  F_HAS_TIMER,
  F_RETRY,
  F_SERVER_GONE,
  F_WAITING,
  IntQueue,
  R_LOOKUP,
  R_OP,
  R_QMSG,
  R_WIRE,
  RequestPool,
  TimerQueue,
} from './pools.js';
import { Rng } from './prng.js';
import type {
  BreakerReport,
  CacheReport,
  ClientReport,
  EdgeReport,
  HealthReport,
  NodeReport,
  OutlierReport,
  Report,
} from './report.js';
import { backoffDelay, RetryPolicyRt } from './retry.js';
import {
  NodeStats,
  P_HTTP1,
  P_HTTP3,
  P_MULTIPLEXED,
  P_UDP,
  P_WEBSOCKET,
  type BalancerRt,
  type CacheRt,
  type ClientRt,
  type DnsRt,
  type EdgeRt,
  type HealthCheckRt,
  type PickerRt,
  type PolicyRt,
  type QueueRt,
  type ServerRt,
} from './runtime.js';
import { makeSampler, sample } from './sampler.js';
import { TokenBucket } from './tokenBucket.js';

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

/** Live record counts of a running simulation. */
export interface Diagnostics {
  /** Logical client requests not yet finished. */
  liveRequests: number;
  /** Call records (attempts, policy layers, lookups, queued messages) still held. */
  liveCalls: number;
  /** Events waiting in the future-event list. */
  pendingEvents: number;
}

/** A running simulation of one topology. */
export interface Simulation {
  readonly seed: number;
  readonly durationMs: number;
  /** Simulated time reached so far. */
  readonly nowMs: number;
  /** Document ids by index, to decode message batches. */
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
  /** The document being run, with every fault injected so far in its `faults`. */
  readonly topology: TopologyDocument;
  /** Runs every event up to and including `tMs` (clamped to the duration). Slicing never changes the result. */
  runUntil(tMs: number): SliceResult;
  /**
   * Injects a fault into the running simulation at the current simulated time (or later, when its `atMs` is later).
   * The fault is appended to `topology.faults` with that `atMs`, so running that topology from the start
   * reproduces this run exactly. Throws `InvalidDocumentError` for a fault that does not validate.
   */
  injectFault(fault: Fault): Fault;
  /** The report (MODEL §7) at the current simulated time. */
  report(): Report;
  /** Live counts of the engine's own records, for invariants and debugging views. */
  diagnostics(): Diagnostics;
  /** What every node is doing now, indexed like `nodeIds` (fresh arrays each call). */
  liveState(): NodeLiveState;
  /**
   * Latency percentiles of the requests each client finished since the previous call (null for a client that
   * finished none), by client id. Taking the window starts the next one.
   */
  takeLatencyWindow(): Record<string, { p50: number; p95: number; p99: number } | null>;
}

/** The state of every node at the current simulated time, indexed like `nodeIds`. */
export interface NodeLiveState {
  /** Workers busy (servers, queue consumers); requests being handled for other kinds. */
  busy: Float64Array;
  /** Workers in all replicas (0 for kinds without a worker pool). */
  workers: Float64Array;
  /** Requests waiting: in the replicas' queues of a server, the backlog of a queue. */
  queued: Float64Array;
  /** Queue capacity over all replicas (0 where it does not apply). */
  queueCapacity: Float64Array;
  /** Replicas not held down by a crash fault, and replicas in all. */
  healthy: Float64Array;
  replicas: Float64Array;
  /** 1 while every replica of the node is crashed. */
  crashed: Uint8Array;
}

/** Thrown by `createSimulation` (and `injectFault`) for a document that does not validate. */
export class InvalidDocumentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid document:\n${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n')}`);
    this.name = 'InvalidDocumentError';
  }
}

// Event types
const EV_CLIENT_NEXT = 1;
const EV_REQ_ARRIVE = 2;
const EV_RESP_ARRIVE = 3;
const EV_WORK_DONE = 4;
const EV_TIMERS = 6;
const EV_RATE_STEP = 7;
const EV_CLIENT_RETRY = 8;
const EV_OP_RETRY = 9;
const EV_BREAKER = 10;
const EV_PROBE_SEND = 11;
const EV_PROBE_ARRIVE = 12;
const EV_PROBE_BACK = 13;
const EV_PROBE_TIMEOUT = 14;
const EV_UNEJECT = 15;
const EV_FAULT_START = 16;
const EV_FAULT_END = 17;
const EV_LOCAL_ANSWER = 18;
const EV_SEND_REQUEST = 19;
const EV_SEND_ANSWER = 20;
const EV_CHANNEL = 21;

// Node kind codes
const K_CLIENT = 0;
const K_SERVER = 1; // service or database
const K_BALANCER = 2;
const K_DNS = 3;
const K_CACHE = 4; // cdn or cache
const K_QUEUE = 5;
const K_PASSIVE = 6; // region, sidecar

/** Calls nested deeper than this answer `error` (a guard against runaway recursion through probabilistic loops). */
const MAX_CALL_DEPTH = 64;
/** TCP retransmission timeout and the number of retransmissions before a message is given up (MODEL §3.3). */
const RTO_MS = 200;
const MAX_RETRANSMISSIONS = 5;
/** HTTP/1.1 connections per caller instance and target instance (MODEL §3.4). */
const HTTP1_MAX_CONNECTIONS = 6;
/** Outlier ejections last n x base, at most this long (Envoy's max_ejection_time default). */
const MAX_EJECTION_MS = 300_000;
/** A queue delivers one message at most this many times before it is dead-lettered. */
const MAX_DELIVERIES = 5;
/** Sizes of probe and lookup messages. */
const PROBE_BYTES = 100;
const LOOKUP_BYTES = 100;

/**
 * Creates a simulation of a topology. Validates it first (throwing `InvalidDocumentError` with every
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
  return new Engine(JSON.parse(JSON.stringify(checked.document)) as TopologyDocument, options);
}

class Engine implements Simulation {
  readonly seed: number;
  readonly durationMs: number;
  readonly nodeIds: string[];
  readonly edgeIds: string[];
  readonly topology: TopologyDocument;
  nowMs = 0;
  private events = 0;
  private serial = 0;
  private internalRequests = 0;
  private readonly q = new EventQueue(4096);
  private readonly calls = new CallPool(1024);
  private readonly reqs = new RequestPool(1024);
  private readonly kind: Uint8Array;
  private readonly stats: (NodeStats | null)[];
  private readonly clients: (ClientRt | null)[];
  private readonly servers: (ServerRt | null)[];
  private readonly balancers: (BalancerRt | null)[];
  private readonly dnses: (DnsRt | null)[];
  private readonly caches: (CacheRt | null)[];
  private readonly queues: (QueueRt | null)[];
  private readonly edges: EdgeRt[];
  private readonly timerQueues: TimerQueue[] = [];
  private readonly policies: PolicyRt[] = [];
  private readonly breakers: { key: string; breaker: CircuitBreaker }[] = [];
  private readonly pickers: PickerRt[] = [];
  private readonly checks: HealthCheckRt[] = [];
  private readonly faults: FaultEffects;
  private readonly activeFaults: Fault[] = [];
  private readonly ring: MessageRing | null;
  private readonly channels: Channel[];

  constructor(doc: TopologyDocument, options: SimulationOptions) {
    this.topology = doc;
    this.seed = (options.seed ?? doc.simulation.seed ?? DEFAULT_SEED) >>> 0;
    this.durationMs = options.durationMs ?? doc.simulation.durationMs ?? DEFAULT_DURATION_MS;
    this.ring = options.messages
      ? new MessageRing(Math.max(1, options.messages.capacity), options.messages.onFull)
      : null;
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
    this.dnses = new Array<DnsRt | null>(n).fill(null);
    this.caches = new Array<CacheRt | null>(n).fill(null);
    this.queues = new Array<QueueRt | null>(n).fill(null);

    // sidecars by the service they attach to
    const sidecarOf = new Map<number, { index: number; cfg: ResolvedSidecar }>();
    nodes.forEach((node, i) => {
      if (node.kind === 'sidecar') {
        const cfg = resolveSidecar(node.params);
        const s = index.get(cfg.attachedTo);
        if (s !== undefined) sidecarOf.set(s, { index: i, cfg });
      }
    });

    this.edges = doc.edges.map((e) => {
      const p = resolveEdge(e.params);
      const src = index.get(e.source) ?? -1;
      const dst = index.get(e.target) ?? -1;
      const sa = sidecarOf.get(src);
      const sb = sidecarOf.get(dst);
      const latency = edgeLatencyMs(e, byId) + (sa ? sa.cfg.processingMs : 0) + (sb ? sb.cfg.processingMs : 0);
      const tlsRtts = Math.max(
        p.tls === 'tls1.2' ? 2 : p.tls === 'tls1.3' ? 1 : 0,
        sa?.cfg.mtls && sb?.cfg.mtls ? 1 : 0,
      );
      const protocol =
        p.protocol === 'udp'
          ? P_UDP
          : p.protocol === 'http1.1'
            ? P_HTTP1
            : p.protocol === 'http3'
              ? P_HTTP3
              : p.protocol === 'websocket'
                ? P_WEBSOCKET
                : P_MULTIPLEXED;
      const handshakeRtts =
        protocol === P_UDP ? 0 : protocol === P_HTTP3 ? 1 : protocol === P_WEBSOCKET ? 2 + tlsRtts : 1 + tlsRtts;
      return {
        src,
        dst,
        latency,
        jitter: p.jitterMs,
        loss: p.lossRate,
        bytesPerMs: p.bandwidthMbps * 125,
        protocol,
        keepAlive: p.keepAlive || protocol === P_WEBSOCKET,
        handshakeRtts,
        probability: p.probability,
        weight: p.weight,
        busyFwd: 0,
        busyBack: 0,
        messages: 0,
        lost: 0,
        bytes: 0,
        rr: 0,
        rng: Rng.derive(this.seed, `edge:${e.id}`),
        conns: null,
      };
    });
    this.channels = Array.from({ length: this.edges.length * 2 }, () => new Channel());
    const outEdges: number[][] = nodes.map(() => []);
    this.edges.forEach((e, i) => outEdges[e.src].push(i));
    const replicas = nodes.map((node) => this.replicasOf(node));
    for (const E of this.edges) {
      if (E.protocol === P_UDP) continue;
      const src = nodes[E.src];
      const callers = src.kind === 'client' ? resolveClient(src.params).users : replicas[E.src];
      E.conns = new ConnTable(callers, replicas[E.dst]);
    }
    this.faults = new FaultEffects(doc, this.edges, replicas);

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
          const side = sidecarOf.get(i);
          this.kind[i] = K_SERVER;
          this.stats[i] = new NodeStats(cfg.replicas * cfg.concurrency, new Histogram());
          let mesh: PolicyRt | null = null;
          if (side) {
            const sc = side.cfg;
            mesh = this.buildPolicy(side.index, sc.timeoutMs, sc.retry, sc.circuitBreaker, null, rng);
            mesh.pickers = new Map();
            for (const e of outEdges[i]) {
              if (replicas[this.edges[e].dst] > 1 || sc.outlierDetection) {
                mesh.pickers.set(e, this.buildPicker(side.index, [e], sc.lbStrategy, 100, sc.outlierDetection, rng));
              }
            }
          }
          const own =
            cfg.timeoutMs > 0 || cfg.retry || cfg.circuitBreaker
              ? this.buildPolicy(i, cfg.timeoutMs, cfg.retry, cfg.circuitBreaker, mesh, rng)
              : null;
          this.servers[i] = {
            cfg,
            sampler: makeSampler(cfg.serviceTime),
            rng,
            busy: new Int32Array(cfg.replicas),
            queues: Array.from({ length: cfg.replicas }, () => new IntQueue(16)),
            deps: Int32Array.from(outEdges[i]),
            parallel: cfg.calls === 'parallel',
            policy: own ?? mesh,
            inbound: side?.cfg.rateLimit
              ? new TokenBucket(side.cfg.rateLimit.ratePerSec, side.cfg.rateLimit.burst)
              : null,
          };
          break;
        }
        case 'loadBalancer': {
          const cfg = resolveLoadBalancer(node.params);
          this.kind[i] = K_BALANCER;
          this.stats[i] = new NodeStats(0, new Histogram());
          const picker = this.buildPicker(i, outEdges[i], cfg.strategy, cfg.vnodes, cfg.outlierDetection, rng);
          this.balancers[i] = { processingMs: cfg.processingMs, picker, layer4: cfg.layer === 4, sticky: new Map() };
          if (cfg.healthCheck) {
            const p = this.pickers[picker];
            p.picker.failOpen = cfg.healthCheck.failOpen;
            for (let t = 0; t < p.picker.n; t++) {
              this.addCheck(i, p.picker.edge[t], p.picker.replica[t], cfg.healthCheck, picker, t, p.names[t]);
            }
          }
          break;
        }
        case 'dns': {
          const cfg = resolveDns(node.params);
          this.kind[i] = K_DNS;
          this.stats[i] = new NodeStats(0, new Histogram());
          const out = outEdges[i];
          const d: DnsRt = {
            cfg,
            targets: Int32Array.from(out, (e) => this.edges[e].dst),
            edges: Int32Array.from(out),
            weights: Float64Array.from(out, (e) => this.edges[e].weight),
            healthy: new Uint8Array(out.length).fill(1),
            rr: 0,
            rng,
          };
          this.dnses[i] = d;
          if (cfg.healthCheck) {
            out.forEach((e, t) => this.addCheck(i, e, -1, cfg.healthCheck!, -1, t, nodes[this.edges[e].dst].id));
          }
          break;
        }
        case 'cdn':
        case 'cache': {
          const cfg = node.kind === 'cdn' ? resolveCdn(node.params) : { ...resolveCache(node.params), coalesce: true };
          this.kind[i] = K_CACHE;
          this.stats[i] = new NodeStats(0, new Histogram());
          this.caches[i] = {
            cfg,
            store: new LruTtlCache(cfg.capacity, cfg.ttlMs),
            origins: Int32Array.from(outEdges[i]),
            rr: 0,
            pending: new Map(),
            hits: 0,
            misses: 0,
          };
          break;
        }
        case 'queue': {
          const cfg = resolveQueue(node.params);
          this.kind[i] = K_QUEUE;
          this.stats[i] = new NodeStats(cfg.consumers, new Histogram());
          this.queues[i] = {
            cfg,
            held: new IntQueue(64),
            stored: 0,
            inDelivery: 0,
            consumers: Int32Array.from(outEdges[i]),
            rr: 0,
            deadLetters: 0,
          };
          break;
        }
        default:
          this.kind[i] = K_PASSIVE;
      }
    });

    // scheduled faults, first arrivals, rate steps and the first probes
    doc.faults.forEach((f, k) => this.scheduleFault(f, k));
    this.clients.forEach((c, i) => {
      if (!c) return;
      this.scheduleNextArrival(i, c);
      c.cfg.rateSchedule.forEach((s, k) => this.q.push(s.atMs, EV_RATE_STEP, i, k));
    });
    this.checks.forEach((_, k) => this.q.push(0, EV_PROBE_SEND, k, 0));
  }

  private replicasOf(node: TopologyNode): number {
    if (node.kind === 'service') return resolveService(node.params).replicas;
    if (node.kind === 'database') return resolveDatabase(node.params).replicas;
    return 1;
  }

  private buildPolicy(
    owner: number,
    timeoutMs: number,
    retry: ResolvedRetry | null,
    breakerCfg: ResolvedBreaker | null,
    inner: PolicyRt | null,
    rng: Rng,
  ): PolicyRt {
    let timers: TimerQueue | null = null;
    if (timeoutMs > 0) {
      timers = new TimerQueue(this.timerQueues.length);
      this.timerQueues.push(timers);
    }
    const p: PolicyRt = {
      id: this.policies.length,
      owner,
      timeoutMs,
      timers,
      retry: retry ? new RetryPolicyRt(retry) : null,
      breakerCfg,
      breakers: new Map(),
      inner,
      pickers: null,
      rng,
    };
    this.policies.push(p);
    return p;
  }

  /** A picker over the targets behind `edges` (each replica of a service is a target). */
  private buildPicker(
    owner: number,
    edges: number[],
    strategy: LbStrategy,
    vnodes: number,
    outlier: PickerRt['outlier'],
    rng: Rng,
  ): number {
    const nodes = this.topology.nodes;
    const targets: TargetSpec[] = [];
    for (const e of edges) {
      const target = nodes[this.edges[e].dst];
      const r = this.replicasOf(target);
      const server = target.kind === 'service' || target.kind === 'database';
      for (let k = 0; k < r; k++) {
        targets.push({
          edge: e,
          replica: server ? k : -1,
          weight: this.edges[e].weight,
          name: r > 1 ? `${target.id}/${k}` : target.id,
        });
      }
    }
    this.pickers.push({
      picker: new TargetPicker(targets, strategy, rng, vnodes),
      owner,
      names: targets.map((t) => t.name),
      outlier,
      ejections: [],
    });
    return this.pickers.length - 1;
  }

  private addCheck(
    checker: number,
    edge: number,
    replica: number,
    cfg: NonNullable<ReturnType<typeof resolveDns>['healthCheck']>,
    picker: number,
    target: number,
    name: string,
  ): void {
    this.checks.push({
      key: `${this.nodeIds[checker]}->${name}`,
      checker,
      edge,
      replica,
      cfg,
      picker,
      target,
      fails: 0,
      succs: 0,
      up: true,
      seq: 0,
      sentAt: 0,
      down: [],
      upAt: [],
    });
  }

  private buildClient(i: number, cfg: ResolvedClient, rng: Rng, out: number[]): ClientRt {
    const dnsEdge = out.find((e) => this.topology.nodes[this.edges[e].dst].kind === 'dns');
    const direct = out.filter((e) => e !== dnsEdge);
    const cum = new Float64Array(direct.length);
    let total = 0;
    direct.forEach((e, k) => {
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
    const policy = this.buildPolicy(i, cfg.timeoutMs, cfg.retry, cfg.circuitBreaker, null, rng);
    let dns: ClientRt['dns'] = null;
    if (dnsEdge !== undefined) {
      const edgeTo = new Map<number, number>();
      for (const e of direct) edgeTo.set(this.edges[e].dst, e);
      dns = {
        dns: this.edges[dnsEdge].dst,
        edge: dnsEdge,
        expiry: new Float64Array(cfg.users).fill(-Infinity),
        answer: new Int32Array(cfg.users).fill(-1),
        edgeTo,
      };
    }
    return {
      node: i,
      cfg,
      rng,
      baseRate: cfg.rate,
      rate: cfg.rate,
      gen: 0,
      edges: Int32Array.from(direct),
      cumWeights: cum,
      zipfCdf,
      policy,
      dns,
      requests: 0,
      succeeded: 0,
      failed: 0,
      attempts: 0,
      failures: new Float64Array(OUTCOME_NAMES.length),
      retriesDenied: 0,
      lateAnswers: 0,
      hist: new Histogram(),
      recent: new Histogram(),
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
      this.handle(type, q.a, q.b);
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

  private handle(type: number, a: number, b: number): void {
    const C = this.calls;
    switch (type) {
      case EV_CLIENT_NEXT:
        this.onClientNext(a, b);
        break;
      case EV_REQ_ARRIVE:
        if (C.gen[a] === b) this.onRequestArrive(a);
        break;
      case EV_RESP_ARRIVE:
        if (C.gen[a] === b) this.onResponseArrive(a);
        break;
      case EV_WORK_DONE:
        if (C.gen[a] === b) this.onWorkDone(a);
        break;
      case EV_TIMERS:
        this.onTimers(a);
        break;
      case EV_RATE_STEP:
        this.onRateStep(a, b);
        break;
      case EV_CLIENT_RETRY:
        if (this.reqs.gen[a] === b) this.clientAttempt(a);
        break;
      case EV_OP_RETRY:
        if (C.gen[a] === b) this.opAttempt(a);
        break;
      case EV_BREAKER:
        this.breakers[a].breaker.halfOpen(this.nowMs);
        break;
      case EV_PROBE_SEND:
        this.onProbeSend(a);
        break;
      case EV_PROBE_ARRIVE:
        this.onProbeArrive(a, b);
        break;
      case EV_PROBE_BACK:
        this.onProbeResult(a, b, true);
        break;
      case EV_PROBE_TIMEOUT:
        this.onProbeResult(a, b, false);
        break;
      case EV_UNEJECT:
        this.onUneject(a, b);
        break;
      case EV_FAULT_START:
        this.onFault(a, true);
        break;
      case EV_FAULT_END:
        this.onFault(a, false);
        break;
      case EV_LOCAL_ANSWER:
        if (C.gen[a] === b) this.onLocalAnswer(a);
        break;
      case EV_SEND_REQUEST:
        if (C.gen[a] === b) this.onHandshakeDone(a);
        break;
      case EV_SEND_ANSWER:
        if (C.gen[a] === b) this.sendAnswer(a);
        break;
      case EV_CHANNEL:
        this.onChannel(a);
        break;
    }
  }

  /** The first message of a channel arrives; the next one's arrival takes its place in the event list. */
  private onChannel(ch: number): void {
    const c = this.channels[ch];
    const i = c.shift();
    const type = c.type[i];
    const a = c.a[i];
    const b = c.b[i];
    if (c.length > 0) this.q.push(c.headArrive(), EV_CHANNEL, ch, 0);
    else c.scheduled = false;
    const C = this.calls;
    if (type === EV_REQ_ARRIVE) {
      if (C.gen[a] === b) this.onRequestArrive(a);
    } else if (type === EV_RESP_ARRIVE) {
      if (C.gen[a] === b) this.onResponseArrive(a);
    } else this.handle(type, a, b);
  }

  /** Schedules the arrival of a message sent on edge `e` (direction `back`). */
  private arriveAt(e: number, back: boolean, at: number, type: number, a: number, b: number): void {
    const ch = e * 2 + (back ? 1 : 0);
    const c = this.channels[ch];
    if (!c.offer(at, type, a, b)) this.q.push(at, type, a, b);
    else if (!c.scheduled) {
      c.scheduled = true;
      this.q.push(at, EV_CHANNEL, ch, 0);
    }
  }

  // ---------------------------------------------------------------- faults

  /**
   * Fault events sort after every other event at the same time, so a fault injected live after `runUntil(t)` and
   * the same fault scheduled in the document at `t` take effect at the same point of the run.
   */
  private scheduleFault(f: Fault, k: number): void {
    this.q.pushLate(f.atMs, EV_FAULT_START, k, 0);
    if (f.untilMs !== undefined) this.q.pushLate(f.untilMs, EV_FAULT_END, k, 0);
  }

  injectFault(fault: Fault): Fault {
    const f = { ...fault, atMs: Math.max(fault.atMs ?? 0, this.nowMs) } as Fault;
    const next = { ...this.topology, faults: [...this.topology.faults, f] };
    const checked = validateDocument(next);
    if (!checked.ok) throw new InvalidDocumentError(checked.problems);
    this.topology.faults.push(f);
    this.scheduleFault(f, this.topology.faults.length - 1);
    return f;
  }

  private onFault(k: number, start: boolean): void {
    const f = this.topology.faults[k];
    if (start) this.activeFaults.push(f);
    else {
      const at = this.activeFaults.indexOf(f);
      if (at < 0) return;
      this.activeFaults.splice(at, 1);
    }
    this.faults.recompute(this.activeFaults);
    const nodeId = 'node' in f ? f.node : null;
    const node = nodeId !== null ? this.nodeIds.indexOf(nodeId) : -1;
    if (f.kind === 'surge' && node >= 0) {
      const c = this.clients[node]!;
      c.rate = c.baseRate * this.faults.surge[node];
      c.gen++;
      this.scheduleNextArrival(node, c);
    }
    if (f.kind === 'crash' && start && node >= 0) this.crashStarted(node);
  }

  /** Requests waiting in the queue of a crashed replica get the crash's answer now. */
  private crashStarted(node: number): void {
    const s = this.servers[node];
    if (!s) return;
    const st = this.stats[node]!;
    for (let rep = 0; rep < s.queues.length; rep++) {
      const mode = this.faults.crashOf(node, rep);
      if (mode === CRASH_NONE) continue;
      const queue = s.queues[rep];
      while (queue.length > 0) {
        const call = queue.shift();
        st.touch(this.nowMs);
        st.inSystem--;
        this.crashAnswer(call, mode);
      }
    }
  }

  /** A crashed node refuses (`unavailable` at once) or says nothing at all. */
  private crashAnswer(call: number, mode: number): void {
    if (mode === CRASH_BLACKHOLE) this.messageLost(call);
    else this.respond(call, UNAVAILABLE, 0);
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
    if (this.faults.nodeCrash[i] === CRASH_NONE) this.newRequest(i, c);
    this.scheduleNextArrival(i, c);
  }

  private onRateStep(i: number, k: number): void {
    const c = this.clients[i]!;
    c.baseRate = c.cfg.rateSchedule[k].rate;
    c.rate = c.baseRate * this.faults.surge[i];
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
    R.requestBytes[r] = c.cfg.requestBytes;
    R.responseBytes[r] = c.cfg.responseBytes;
    R.prevBackoff[r] = c.cfg.retry ? c.cfg.retry.backoff.baseMs : 0;
    c.requests++;
    c.policy.retry?.budget?.firstAttempt(this.nowMs);
    this.clientAttempt(r);
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

  /** Starts one attempt of request `r`: resolve (when the client uses DNS), then send. */
  private clientAttempt(r: number): void {
    const R = this.reqs;
    const c = this.clients[R.client[r]]!;
    R.attempts[r]++;
    c.attempts++;
    const d = c.dns;
    if (d) {
      const user = R.user[r];
      if (d.expiry[user] > this.nowMs && d.answer[user] >= 0) {
        const e = d.edgeTo.get(d.answer[user]);
        if (e !== undefined) this.clientSend(r, c, e);
        else this.requestAttemptDone(r, UNAVAILABLE);
        return;
      }
      // a lookup message to the DNS node and back (`lookupMs` of work there)
      const call = this.calls.alloc(R_LOOKUP);
      this.initCall(call, -1, r, d.edge, 0, user, 0);
      if (c.policy.timers) this.armTimer(c.policy.timers, this.nowMs + c.policy.timeoutMs, call);
      this.transmitRequest(call, 0);
      return;
    }
    let edge = c.edges[0];
    if (c.edges.length > 1) {
      const w = c.cumWeights;
      const u = c.rng.next() * w[w.length - 1];
      let k = 0;
      while (k < w.length - 1 && w[k] <= u) k++;
      edge = c.edges[k];
    }
    this.clientSend(r, c, edge);
  }

  private clientSend(r: number, c: ClientRt, edge: number): void {
    const R = this.reqs;
    const p = c.policy;
    let epoch = -1;
    if (p.breakerCfg) {
      const br = this.breakerFor(p, this.edges[edge].dst);
      if (!br.admit()) {
        R.attempts[r]--;
        c.attempts--;
        this.requestAttemptDone(r, CIRCUIT_OPEN);
        return;
      }
      epoch = br.epoch;
    }
    const call = this.calls.alloc(R_WIRE);
    this.initCall(call, -1, r, edge, -1, R.user[r], 0);
    this.calls.epoch[call] = epoch;
    if (R.attempts[r] > 1) this.calls.flags[call] |= F_RETRY;
    this.sendWire(call, p);
  }

  /** The outcome of one attempt of a client request (its wire call or its DNS lookup). */
  private clientCallDone(call: number, outcome: number): void {
    const C = this.calls;
    const r = C.req[call];
    const c = this.clients[this.reqs.client[r]]!;
    if (C.role[call] === R_LOOKUP) {
      if (outcome === OK && C.aux[call] >= 0) {
        const d = c.dns!;
        const user = this.reqs.user[r];
        d.expiry[user] = this.nowMs + this.dnses[d.dns]!.cfg.ttlMs;
        d.answer[user] = C.aux[call];
        const e = d.edgeTo.get(C.aux[call]);
        if (e !== undefined) {
          this.clientSend(r, c, e);
          return;
        }
        outcome = UNAVAILABLE;
      }
      this.requestAttemptDone(r, outcome === OK ? UNAVAILABLE : outcome);
      return;
    }
    this.recordBreaker(c.policy, call, outcome);
    this.requestAttemptDone(r, outcome);
  }

  private requestAttemptDone(r: number, outcome: number): void {
    const R = this.reqs;
    const c = this.clients[R.client[r]]!;
    if (outcome === OK) {
      c.succeeded++;
      c.hist.record(this.nowMs - R.createdAt[r]);
      c.recent.record(this.nowMs - R.createdAt[r]);
      R.free(r);
      return;
    }
    const retry = c.policy.retry;
    if (retry && retry.retries(outcome) && R.attempts[r] < retry.maxAttempts) {
      if (retry.budget && !retry.budget.tryRetry(this.nowMs)) c.retriesDenied++;
      else {
        const delay = backoffDelay(retry.backoff, R.attempts[r], R.prevBackoff[r], c.rng);
        R.prevBackoff[r] = delay;
        this.q.push(this.nowMs + delay, EV_CLIENT_RETRY, r, R.gen[r]);
        return;
      }
    }
    c.failed++;
    c.failures[outcome]++;
    R.free(r);
  }

  // ---------------------------------------------------------------- policies: timeouts, retries, breakers

  private breakerFor(p: PolicyRt, target: number): CircuitBreaker {
    let br = p.breakers.get(target);
    if (!br) {
      br = new CircuitBreaker(p.breakerCfg!);
      p.breakers.set(target, br);
      br.id = this.breakers.length;
      this.breakers.push({ key: `${this.nodeIds[p.owner]}->${this.nodeIds[target]}`, breaker: br });
    }
    return br;
  }

  private recordBreaker(p: PolicyRt, call: number, outcome: number): void {
    const C = this.calls;
    if (!p.breakerCfg || C.epoch[call] < 0) return;
    const br = this.breakerFor(p, C.node[call]);
    const failed = outcome === ERROR || outcome === TIMEOUT || outcome === REJECTED || outcome === UNAVAILABLE;
    if (br.record(this.nowMs, C.epoch[call], failed, this.nowMs - C.sentAt[call]) && br.state === OPEN) {
      this.q.push(br.openUntil, EV_BREAKER, br.id, 0);
    }
  }

  /** A dependency call of job `parent` over `edge`, through the caller's policy layers when it has any. */
  private callDependency(parent: number, edge: number, policy: PolicyRt | null): void {
    const C = this.calls;
    if (!policy) {
      const call = C.alloc(R_WIRE);
      this.initCall(call, parent, C.req[parent], edge, -1, C.replica[parent], C.depth[parent] + 1);
      this.sendWire(call, null);
      return;
    }
    const op = C.alloc(R_OP);
    this.initCall(op, parent, C.req[parent], edge, -1, C.replica[parent], C.depth[parent] + 1);
    C.policy[op] = policy.id;
    C.prevBackoff[op] = policy.retry ? policy.retry.backoff.baseMs : 0;
    policy.retry?.budget?.firstAttempt(this.nowMs);
    this.opAttempt(op);
  }

  /** One attempt of a policy layer: the breaker decides, then the inner layer or the wire carries it. */
  private opAttempt(op: number): void {
    const C = this.calls;
    if (C.flags[op] & F_CALLER_DONE) {
      C.free(op); // abandoned by an outer timeout: no more attempts
      return;
    }
    const p = this.policies[C.policy[op]];
    let epoch = -1;
    if (p.breakerCfg) {
      const br = this.breakerFor(p, C.node[op]);
      if (!br.admit()) {
        this.opFinish(op, CIRCUIT_OPEN);
        return;
      }
      epoch = br.epoch;
    }
    C.attempt[op]++;
    const inner = p.inner;
    const child = C.alloc(inner ? R_OP : R_WIRE);
    this.initCall(child, op, C.req[op], C.edge[op], -1, C.callerInst[op], C.depth[op]);
    C.epoch[child] = epoch;
    if (C.attempt[op] > 1 || C.flags[op] & F_RETRY) C.flags[child] |= F_RETRY;
    if (inner) {
      C.policy[child] = inner.id;
      C.prevBackoff[child] = inner.retry ? inner.retry.backoff.baseMs : 0;
      C.sentAt[child] = this.nowMs;
      if (p.timers) this.armTimer(p.timers, this.nowMs + p.timeoutMs, child);
      inner.retry?.budget?.firstAttempt(this.nowMs);
      this.opAttempt(child);
    } else {
      const pk = p.pickers?.get(C.edge[op]);
      if (pk !== undefined) {
        const picker = this.pickers[pk].picker;
        const t = picker.pick(C.callerInst[op], this.reqs.key[C.req[op]]);
        if (t < 0) {
          C.free(child);
          this.opChildDone(op, -1, UNAVAILABLE);
          return;
        }
        C.replica[child] = picker.replica[t];
        C.aux[child] = t;
        picker.outstanding[t]++;
      }
      this.sendWire(child, p);
    }
  }

  /** An attempt of policy layer `op` ended (`child` is -1 when it never went out). */
  private opChildDone(op: number, child: number, outcome: number): void {
    const C = this.calls;
    const p = this.policies[C.policy[op]];
    if (child >= 0) {
      this.recordBreaker(p, child, outcome);
      const pk = p.pickers?.get(C.edge[op]);
      if (pk !== undefined && C.aux[child] >= 0) {
        this.pickers[pk].picker.outstanding[C.aux[child]]--;
        this.recordOutlier(pk, C.aux[child], outcome);
      }
    }
    if (C.flags[op] & F_CALLER_DONE) {
      C.free(op);
      return;
    }
    const retry = p.retry;
    if (outcome !== OK && retry && retry.retries(outcome) && C.attempt[op] < retry.maxAttempts) {
      if (!retry.budget || retry.budget.tryRetry(this.nowMs)) {
        const delay = backoffDelay(retry.backoff, C.attempt[op], C.prevBackoff[op], p.rng);
        C.prevBackoff[op] = delay;
        this.q.push(this.nowMs + delay, EV_OP_RETRY, op, C.gen[op]);
        return;
      }
    }
    this.opFinish(op, outcome);
  }

  private opFinish(op: number, outcome: number): void {
    this.deliverToCaller(op, outcome);
    this.calls.free(op);
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
    // most calls answer long before their deadline: skip those, so the next wake-up is for a call still waiting
    while (tq.length > 0) {
      const h = tq.headIndex();
      const call = tq.call[h];
      if (C.gen[call] === tq.gen[h] && !(C.flags[call] & F_CALLER_DONE)) break;
      tq.shift();
    }
    if (tq.length > 0) this.q.push(tq.headDeadline(), EV_TIMERS, idx, 0);
    else tq.armed = false;
  }

  private attemptTimedOut(call: number): void {
    const C = this.calls;
    const gone = (C.flags[call] & F_SERVER_GONE) !== 0;
    C.flags[call] |= F_CALLER_DONE;
    // a timed-out HTTP/1.1 request cannot be told apart from a late answer on its connection: close it
    this.releaseConnection(call, true);
    this.deliverToCaller(call, TIMEOUT);
    // a request still waiting for a connection is freed when it reaches the head of the line
    if (gone) C.free(call);
  }

  // ---------------------------------------------------------------- messages on edges

  /**
   * Puts a message on an edge now and returns its arrival time, or -1 when it is lost. Messages are serialised FIFO
   * per direction at the edge's bandwidth; a loss on a TCP-based edge costs retransmissions after an RTO that
   * doubles, and the message is lost only when the last retransmission is lost too. Partitions and cuts drop
   * messages outright.
   */
  private transmit(
    e: number,
    back: boolean,
    bytes: number,
    kind: number,
    request: number,
    outcome: number,
    offset = 0,
  ): number {
    const E = this.edges[e];
    // `offset` delays the departure by a constant of the sender (a balancer's processing), so departures on the
    // edge stay in order
    const now = this.nowMs + offset;
    const tx = bytes / E.bytesPerMs;
    let start = back ? E.busyBack : E.busyFwd;
    if (start < now) start = now;
    const free = start + tx;
    if (back) E.busyBack = free;
    else E.busyFwd = free;
    let latency = E.latency;
    let loss = E.loss;
    const F = this.faults;
    let blocked = false;
    if (F.anyEdgeFault) {
      latency += F.addLatency[e];
      if (F.extraLoss[e] > 0) loss = 1 - (1 - loss) * (1 - F.extraLoss[e]);
      blocked = (back ? F.blockedBack[e] : F.blockedFwd[e]) !== 0;
    }
    let arrive = free + latency;
    if (E.jitter > 0) arrive += E.rng.next() * E.jitter;
    E.messages++;
    E.bytes += bytes;
    let lost = blocked;
    if (!lost && loss > 0 && E.rng.next() < loss) {
      if (E.protocol === P_UDP) lost = true;
      else {
        let rto = RTO_MS;
        let k = 0;
        for (; k < MAX_RETRANSMISSIONS; k++) {
          arrive += rto;
          rto *= 2;
          E.bytes += bytes;
          if (E.rng.next() >= loss) break;
        }
        lost = k === MAX_RETRANSMISSIONS;
      }
    }
    if (lost) {
      E.lost++;
      if (this.ring) {
        this.ring.push(e, back ? 1 : 0, now, now + (arrive - now) * E.rng.next(), kind, request, MO_LOST);
      }
      return -1;
    }
    if (this.ring) this.ring.push(e, back ? 1 : 0, now, arrive, kind, request, outcome);
    return arrive;
  }

  private initCall(
    call: number,
    parent: number,
    r: number,
    edge: number,
    replica: number,
    callerInst: number,
    depth: number,
  ): void {
    const C = this.calls;
    C.req[call] = r;
    C.parent[call] = parent;
    C.edge[call] = edge;
    C.node[call] = this.edges[edge].dst;
    C.replica[call] = replica;
    C.callerInst[call] = callerInst;
    C.depth[call] = depth;
    C.sentAt[call] = this.nowMs;
  }

  /** Sends wire call `call` (fields set), with `policy`'s timeout, through the edge's connections. */
  private sendWire(call: number, policy: PolicyRt | null, offset = 0): void {
    const C = this.calls;
    const edge = C.edge[call];
    const E = this.edges[edge];
    if (C.replica[call] < 0) {
      const s = this.servers[E.dst];
      if (s !== null && s.busy.length > 1) {
        const rep = E.rr;
        E.rr = rep + 1 === s.busy.length ? 0 : rep + 1;
        C.replica[call] = rep;
      } else C.replica[call] = 0;
    }
    C.sentAt[call] = this.nowMs;
    if (policy && policy.timers) this.armTimer(policy.timers, this.nowMs + policy.timeoutMs, call);
    const conns = E.conns;
    if (conns === null) {
      this.transmitRequest(call, 0, offset);
      return;
    }
    // connections: handshakes for new ones, reuse with keep-alive, HTTP/1.1's one request per connection
    const slot = conns.slot(C.callerInst[call], C.replica[call]);
    let delay = 0;
    if (E.protocol === P_HTTP1) {
      if (E.keepAlive && conns.idle[slot] > 0) conns.idle[slot]--;
      else if (conns.open[slot] < HTTP1_MAX_CONNECTIONS) {
        conns.open[slot]++;
        delay = E.handshakeRtts * this.rtt(edge);
      } else {
        conns.queue(slot).push(call);
        C.flags[call] |= F_WAITING;
        return;
      }
      C.flags[call] |= F_CONN;
    } else if (E.keepAlive && conns.open[slot] !== 0) {
      // an open multiplexed connection: wait only for its handshake to finish
      const ready = conns.readyAt[slot];
      if (ready > this.nowMs + offset) {
        // the connection's handshake is still under way: the request waits for it (no handshake of its own)
        this.q.push(ready, EV_SEND_REQUEST, call, C.gen[call]);
        return;
      }
    } else {
      delay = E.protocol === P_HTTP3 ? (conns.resumed[slot] ? 0 : this.rtt(edge)) : E.handshakeRtts * this.rtt(edge);
      conns.resumed[slot] = 1;
      conns.open[slot] = 1;
      conns.readyAt[slot] = this.nowMs + delay;
    }
    this.transmitRequest(call, delay, offset);
  }

  /** Round-trip time of an edge now (degrade faults included). */
  private rtt(edge: number): number {
    return 2 * (this.edges[edge].latency + (this.faults.anyEdgeFault ? this.faults.addLatency[edge] : 0));
  }

  /**
   * Frees the HTTP/1.1 connection `call` held (closing it when `close` or without keep-alive) and hands a
   * connection to the next request waiting for one.
   */
  private releaseConnection(call: number, close = false): void {
    const C = this.calls;
    if (!(C.flags[call] & F_CONN)) return;
    C.flags[call] &= ~F_CONN;
    const edge = C.edge[call];
    const E = this.edges[edge];
    const conns = E.conns!;
    const slot = conns.slot(C.callerInst[call], C.replica[call]);
    const waiting = conns.waiting[slot];
    const reuse = E.keepAlive && !close;
    let next = -1;
    while (waiting && waiting.length > 0) {
      const w = waiting.shift();
      C.flags[w] &= ~F_WAITING;
      if (!(C.flags[w] & F_CALLER_DONE)) {
        next = w;
        break;
      }
      C.free(w); // timed out while it waited
    }
    if (next < 0) {
      if (reuse) conns.idle[slot]++;
      else conns.open[slot]--;
      return;
    }
    C.flags[next] |= F_CONN;
    this.transmitRequest(next, reuse ? 0 : E.handshakeRtts * this.rtt(edge));
  }

  /** Puts the request message of `call` on its edge, after `delay` (a handshake) when there is one. */
  private transmitRequest(call: number, delay: number, offset = 0): void {
    const C = this.calls;
    if (delay > 0) {
      const t = this.nowMs + offset;
      if (this.ring) {
        const serial = this.reqs.serial[C.req[call]];
        this.ring.push(C.edge[call], 0, t, t + delay, MSG_HANDSHAKE, serial, MO_DELIVERED);
      }
      this.q.push(t + delay, EV_SEND_REQUEST, call, C.gen[call]);
      return;
    }
    const r = C.req[call];
    const role = C.role[call];
    const edge = C.edge[call];
    const parent = C.parent[call];
    const kind =
      role === R_LOOKUP
        ? MSG_LOOKUP
        : parent >= 0 && C.role[parent] === R_QMSG
          ? MSG_DELIVERY
          : C.flags[call] & F_RETRY
            ? MSG_RETRY
            : MSG_REQUEST;
    const serial = this.reqs.serial[r];
    const bytes = role === R_LOOKUP ? LOOKUP_BYTES : this.reqs.requestBytes[r];
    const at = this.transmit(edge, false, bytes, kind, serial, MO_DELIVERED, offset);
    if (at < 0) this.messageLost(call);
    else this.arriveAt(edge, false, at, EV_REQ_ARRIVE, call, C.gen[call]);
  }

  /** The connection is up: the request goes, unless its caller gave up meanwhile. */
  private onHandshakeDone(call: number): void {
    const C = this.calls;
    if (C.flags[call] & F_CALLER_DONE) {
      this.releaseConnection(call, true);
      C.free(call);
      return;
    }
    this.transmitRequest(call, 0);
  }

  /** The target answers `call` with `outcome` after `delay`: the answer travels back over the call's edge. */
  private respond(call: number, outcome: number, delay: number): void {
    const C = this.calls;
    C.outcome[call] = outcome;
    if (delay > 0) this.q.push(this.nowMs + delay, EV_SEND_ANSWER, call, C.gen[call]);
    else this.sendAnswer(call);
  }

  private sendAnswer(call: number): void {
    const C = this.calls;
    const outcome = C.outcome[call];
    const r = C.req[call];
    const lookup = C.role[call] === R_LOOKUP;
    const at = this.transmit(
      C.edge[call],
      true,
      lookup ? LOOKUP_BYTES : this.reqs.responseBytes[r],
      lookup ? MSG_LOOKUP : MSG_RESPONSE,
      this.reqs.serial[r],
      outcome + 1,
    );
    if (at < 0) this.messageLost(call);
    else this.arriveAt(C.edge[call], true, at, EV_RESP_ARRIVE, call, C.gen[call]);
  }

  /** No answer will come for `call`: free it once its caller no longer waits (or never will be told). */
  private messageLost(call: number): void {
    const C = this.calls;
    const f = C.flags[call];
    if (f & F_CALLER_DONE || !(f & F_HAS_TIMER)) {
      this.releaseConnection(call, true);
      C.free(call);
    } else C.flags[call] = f | F_SERVER_GONE;
  }

  private onRequestArrive(call: number): void {
    const C = this.calls;
    const node = C.node[call];
    const mode = this.faults.anyCrash
      ? this.faults.crashOf(node, this.kind[node] === K_SERVER ? C.replica[call] : -1)
      : CRASH_NONE;
    if (mode !== CRASH_NONE) {
      const st = this.stats[node];
      if (st) st.arrivals++;
      this.crashAnswer(call, mode);
      return;
    }
    switch (this.kind[node]) {
      case K_SERVER:
        this.serverArrive(call, node);
        break;
      case K_BALANCER:
        this.balancerArrive(call, node);
        break;
      case K_DNS:
      case K_CACHE:
        this.localArrive(call, node);
        break;
      case K_QUEUE:
        this.queueArrive(call, node);
        break;
      default:
        this.respond(call, UNAVAILABLE, 0);
    }
  }

  private onResponseArrive(call: number): void {
    const C = this.calls;
    this.releaseConnection(call);
    if (C.flags[call] & F_CALLER_DONE) {
      // the caller timed out already: the late answer is discarded
      if (C.parent[call] < 0) this.clients[this.reqs.client[C.req[call]]]!.lateAnswers++;
      C.free(call);
      return;
    }
    this.deliverToCaller(call, C.outcome[call]);
    C.free(call);
  }

  /** Hands the outcome of `call` to whoever made it. The call record is still valid during this. */
  private deliverToCaller(call: number, outcome: number): void {
    const C = this.calls;
    const parent = C.parent[call];
    if (parent < 0) {
      this.clientCallDone(call, outcome);
      return;
    }
    switch (C.role[parent]) {
      case R_OP:
        this.opChildDone(parent, call, outcome);
        return;
      case R_QMSG:
        this.deliveryDone(parent, outcome);
        return;
    }
    const pn = C.node[parent];
    switch (this.kind[pn]) {
      case K_BALANCER: {
        const b = this.balancers[pn]!;
        const t = C.aux[call];
        if (t >= 0) {
          if (!b.layer4) this.pickers[b.picker].picker.outstanding[t]--;
          this.recordOutlier(b.picker, t, outcome);
        }
        this.balancerFinish(parent, pn, outcome);
        return;
      }
      case K_CACHE:
        this.originDone(parent, pn, outcome);
        return;
      default:
        this.dependencyDone(parent, pn, outcome);
    }
  }

  // ---------------------------------------------------------------- services and databases

  private serverArrive(call: number, node: number): void {
    const s = this.servers[node]!;
    const st = this.stats[node]!;
    const C = this.calls;
    const rep = C.replica[call];
    st.arrivals++;
    C.arrivedAt[call] = this.nowMs;
    if (s.inbound && !s.inbound.take(this.nowMs)) {
      st.rejected++;
      this.respond(call, REJECTED, 0);
      return;
    }
    if (s.busy[rep] < s.cfg.concurrency) {
      st.touch(this.nowMs);
      st.inSystem++;
      st.busy++;
      s.busy[rep]++;
      this.startWork(call, node, s);
    } else if (s.queues[rep].length < s.cfg.queueCapacity) {
      st.touch(this.nowMs);
      st.inSystem++;
      s.queues[rep].push(call);
    } else {
      st.rejected++;
      this.respond(call, REJECTED, 0);
    }
  }

  private startWork(call: number, node: number, s: ServerRt): void {
    const dt = sample(s.sampler, s.rng) * this.faults.slow[node];
    this.q.push(this.nowMs + dt, EV_WORK_DONE, call, this.calls.gen[call]);
  }

  private onWorkDone(call: number): void {
    const C = this.calls;
    const node = C.node[call];
    const s = this.servers[node]!;
    const fe = this.faults.errorRate[node];
    const errorRate = fe >= 0 ? fe : s.cfg.errorRate;
    if (errorRate > 0 && s.rng.next() < errorRate) {
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
    // parallel: decide every call first (an attempt refused by a breaker answers at once), then send them all
    const chosen: number[] = [];
    for (let k = 0; k < deps.length; k++) {
      const p = this.edges[deps[k]].probability;
      if (p >= 1 || s.rng.next() < p) chosen.push(deps[k]);
    }
    if (chosen.length === 0) {
      this.serverFinish(call, node, OK);
      return;
    }
    C.step[call] = chosen.length;
    for (const e of chosen) this.callDependency(call, e, s.policy);
  }

  private nextDependency(call: number, node: number, s: ServerRt): void {
    const C = this.calls;
    const deps = s.deps;
    for (let k = C.step[call]; k < deps.length; k++) {
      const e = deps[k];
      const p = this.edges[e].probability;
      if (p >= 1 || s.rng.next() < p) {
        C.step[call] = k + 1;
        this.callDependency(call, e, s.policy);
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
    const mode = this.faults.crashOf(node, rep);
    if (mode !== CRASH_NONE) this.crashAnswer(call, mode);
    else {
      if (outcome === OK) {
        st.ok++;
        st.hist.record(now - C.arrivedAt[call]);
      } else st.errors++;
      this.respond(call, outcome, 0);
    }
    const queue = s.queues[rep];
    if (queue.length > 0 && mode === CRASH_NONE) this.startWork(queue.shift(), node, s);
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
    this.forward(call, node, b);
  }

  /** Picks a target and sends the request on after `processingMs` (the pick is made on arrival). */
  private forward(call: number, node: number, b: BalancerRt): void {
    const C = this.calls;
    const picker = this.pickers[b.picker].picker;
    const caller = this.edges[C.edge[call]].src;
    const clientAddr = (Math.imul(caller + 1, 0x9e3779b1) ^ C.callerInst[call]) | 0;
    let t: number;
    if (b.layer4) {
      // L4 keeps one target per connection (one per caller instance); least-connections counts those connections
      const key = caller * 16777216 + C.callerInst[call];
      const kept = b.sticky.get(key);
      if (kept !== undefined && picker.usable[kept]) t = kept;
      else {
        t = picker.pick(clientAddr, this.reqs.key[C.req[call]]);
        if (t >= 0) {
          if (kept !== undefined) picker.outstanding[kept]--;
          picker.outstanding[t]++;
          b.sticky.set(key, t);
        }
      }
    } else {
      t = picker.pick(clientAddr, this.reqs.key[C.req[call]]);
      if (t >= 0) picker.outstanding[t]++;
    }
    if (t < 0) {
      this.balancerFinish(call, node, UNAVAILABLE);
      return;
    }
    const child = C.alloc(R_WIRE);
    this.initCall(child, call, C.req[call], picker.edge[t], picker.replica[t], 0, C.depth[call] + 1);
    C.aux[child] = t;
    if (C.flags[call] & F_RETRY) C.flags[child] |= F_RETRY;
    this.sendWire(child, null, b.processingMs);
  }

  private balancerFinish(call: number, node: number, outcome: number): void {
    const st = this.stats[node]!;
    const now = this.nowMs;
    st.touch(now);
    st.inSystem--;
    const mode = this.faults.nodeCrash[node];
    if (mode !== CRASH_NONE) {
      this.crashAnswer(call, mode);
      return;
    }
    if (outcome === OK) {
      st.ok++;
      st.hist.record(now - this.calls.arrivedAt[call]);
    } else if (outcome === REJECTED) st.rejected++;
    else st.errors++;
    this.respond(call, outcome, 0);
  }

  // ---------------------------------------------------------------- outlier detection (Envoy)

  private recordOutlier(pk: number, t: number, outcome: number): void {
    const P = this.pickers[pk];
    const od = P.outlier;
    if (!od) return;
    const picker = P.picker;
    if (outcome === OK) {
      picker.consecutiveFailures[t] = 0;
      return;
    }
    if (outcome === CIRCUIT_OPEN) return;
    if (++picker.consecutiveFailures[t] < od.consecutiveErrors || picker.ejected[t]) return;
    const allowed = Math.max(1, Math.floor((picker.n * od.maxEjectionPercent) / 100));
    if (picker.ejectedCount >= allowed) return;
    picker.ejected[t] = 1;
    picker.ejectedCount++;
    picker.consecutiveFailures[t] = 0;
    const n = ++picker.ejections[t];
    const duration = Math.min(MAX_EJECTION_MS, n * od.baseEjectionMs);
    // Envoy returns hosts at its periodic sweep: the first interval tick at or after the ejection has run out
    const until = Math.ceil((this.nowMs + duration) / od.intervalMs) * od.intervalMs;
    P.ejections.push({ target: t, atMs: this.nowMs, untilMs: until });
    picker.refresh();
    this.q.push(until, EV_UNEJECT, pk, t);
  }

  private onUneject(pk: number, t: number): void {
    const picker = this.pickers[pk].picker;
    if (!picker.ejected[t]) return;
    picker.ejected[t] = 0;
    picker.ejectedCount--;
    picker.refresh();
  }

  // ---------------------------------------------------------------- health checks

  private onProbeSend(k: number): void {
    const h = this.checks[k];
    h.seq++;
    h.sentAt = this.nowMs;
    this.q.push(this.nowMs + h.cfg.intervalMs, EV_PROBE_SEND, k, 0);
    this.q.push(this.nowMs + h.cfg.timeoutMs, EV_PROBE_TIMEOUT, k, h.seq);
    const at = this.transmit(h.edge, false, PROBE_BYTES, MSG_PROBE, -1, MO_DELIVERED);
    if (at >= 0) this.arriveAt(h.edge, false, at, EV_PROBE_ARRIVE, k, h.seq);
  }

  private onProbeArrive(k: number, seq: number): void {
    const h = this.checks[k];
    const target = this.edges[h.edge].dst;
    const mode = this.faults.crashOf(target, h.replica);
    if (mode === CRASH_BLACKHOLE) return;
    const outcome = mode === CRASH_NONE ? 1 : UNAVAILABLE + 1;
    const at = this.transmit(h.edge, true, PROBE_BYTES, MSG_PROBE, -1, outcome);
    // a refused probe comes back as a failure; encode it in the sign of the sequence number
    if (at >= 0) this.arriveAt(h.edge, true, at, EV_PROBE_BACK, k, mode === CRASH_NONE ? seq : -seq);
  }

  private onProbeResult(k: number, seq: number, answered: boolean): void {
    const h = this.checks[k];
    const good = answered && seq > 0;
    const s = seq < 0 ? -seq : seq;
    if (s !== h.seq || h.sentAt < 0) return; // an old probe, or this one was already judged
    if (answered && this.nowMs - h.sentAt > h.cfg.timeoutMs) return;
    h.sentAt = -1;
    if (good) {
      h.fails = 0;
      if (!h.up && ++h.succs >= h.cfg.healthyThreshold) this.setHealth(h, true);
    } else {
      h.succs = 0;
      if (h.up && ++h.fails >= h.cfg.unhealthyThreshold) this.setHealth(h, false);
    }
  }

  private setHealth(h: HealthCheckRt, up: boolean): void {
    h.up = up;
    h.fails = 0;
    h.succs = 0;
    (up ? h.upAt : h.down).push({ atMs: this.nowMs });
    if (h.picker >= 0) {
      const picker = this.pickers[h.picker].picker;
      picker.healthy[h.target] = up ? 1 : 0;
      picker.refresh();
    } else this.dnses[h.checker]!.healthy[h.target] = up ? 1 : 0;
  }

  // ---------------------------------------------------------------- DNS, CDN and cache: answers after local work

  private localArrive(call: number, node: number): void {
    const st = this.stats[node]!;
    const C = this.calls;
    st.arrivals++;
    st.touch(this.nowMs);
    st.inSystem++;
    C.arrivedAt[call] = this.nowMs;
    if (this.kind[node] === K_DNS) {
      this.q.push(this.nowMs + this.dnses[node]!.cfg.lookupMs, EV_LOCAL_ANSWER, call, C.gen[call]);
      return;
    }
    const cache = this.caches[node]!;
    const key = this.reqs.key[C.req[call]];
    if (cache.store.hit(key, this.nowMs)) {
      cache.hits++;
      this.q.push(this.nowMs + cache.cfg.hitMs, EV_LOCAL_ANSWER, call, C.gen[call]);
      return;
    }
    cache.misses++;
    if (cache.cfg.coalesce) {
      const waiting = cache.pending.get(key);
      if (waiting) {
        waiting.push(call);
        return;
      }
      cache.pending.set(key, []);
    }
    let edge = cache.origins[0];
    if (cache.origins.length > 1) {
      edge = cache.origins[cache.rr];
      cache.rr = (cache.rr + 1) % cache.origins.length;
    }
    const origin = C.alloc(R_WIRE);
    this.initCall(origin, call, C.req[call], edge, -1, 0, C.depth[call] + 1);
    this.sendWire(origin, null);
  }

  private onLocalAnswer(call: number): void {
    const C = this.calls;
    const node = C.node[call];
    if (this.kind[node] === K_DNS) {
      const d = this.dnses[node]!;
      const client = this.clients[this.reqs.client[C.req[call]]];
      C.aux[call] = this.dnsAnswer(d, client);
      this.localFinish(call, node, C.aux[call] >= 0 ? OK : UNAVAILABLE);
      return;
    }
    this.localFinish(call, node, OK);
  }

  /** The target a DNS node names by its policy, among healthy targets (all when none is healthy). */
  private dnsAnswer(d: DnsRt, client: ClientRt | null): number {
    const n = d.targets.length;
    if (n === 0) return -1;
    let any = false;
    for (let t = 0; t < n; t++) if (d.healthy[t]) any = true;
    const ok = (t: number): boolean => !any || d.healthy[t] === 1;
    switch (d.cfg.policy) {
      case 'failover':
        for (let t = 0; t < n; t++) if (ok(t)) return d.targets[t];
        return -1;
      case 'latency': {
        let best = -1;
        let bestLatency = Infinity;
        for (let t = 0; t < n; t++) {
          if (!ok(t)) continue;
          const e = client?.dns?.edgeTo.get(d.targets[t]);
          const latency = e !== undefined ? this.edges[e].latency : Infinity;
          if (best < 0 || latency < bestLatency) {
            best = t;
            bestLatency = latency;
          }
        }
        return best < 0 ? -1 : d.targets[best];
      }
      case 'weighted': {
        let total = 0;
        for (let t = 0; t < n; t++) if (ok(t)) total += d.weights[t];
        let u = d.rng.next() * total;
        for (let t = 0; t < n; t++) {
          if (!ok(t)) continue;
          u -= d.weights[t];
          if (u < 0) return d.targets[t];
        }
        return -1;
      }
      default:
        for (let k = 0; k < n; k++) {
          const t = d.rr;
          d.rr = (t + 1) % n;
          if (ok(t)) return d.targets[t];
        }
        return -1;
    }
  }

  private localFinish(call: number, node: number, outcome: number): void {
    const st = this.stats[node]!;
    st.touch(this.nowMs);
    st.inSystem--;
    if (outcome === OK) {
      st.ok++;
      st.hist.record(this.nowMs - this.calls.arrivedAt[call]);
    } else if (outcome === REJECTED) st.rejected++;
    else st.errors++;
    this.respond(call, outcome, 0);
  }

  /** The origin answered a cache miss: store a good answer, and answer every miss that waited for it. */
  private originDone(call: number, node: number, outcome: number): void {
    const cache = this.caches[node]!;
    const key = this.reqs.key[this.calls.req[call]];
    if (outcome === OK) cache.store.store(key, this.nowMs);
    const waiting = cache.cfg.coalesce ? cache.pending.get(key) : undefined;
    if (cache.cfg.coalesce) cache.pending.delete(key);
    this.localFinish(call, node, outcome);
    if (waiting) for (const w of waiting) this.localFinish(w, node, outcome);
  }

  // ---------------------------------------------------------------- queues

  private queueArrive(call: number, node: number): void {
    const qn = this.queues[node]!;
    const st = this.stats[node]!;
    const C = this.calls;
    st.arrivals++;
    C.arrivedAt[call] = this.nowMs;
    if (qn.stored >= qn.cfg.capacity || qn.consumers.length === 0) {
      st.rejected++;
      this.respond(call, REJECTED, 0);
      return;
    }
    // the broker keeps its own copy of the message, then acknowledges after `enqueueMs`
    const R = this.reqs;
    const r = C.req[call];
    const copy = R.alloc();
    R.internal[copy] = 1;
    this.internalRequests++;
    R.client[copy] = R.client[r];
    R.user[copy] = R.user[r];
    R.key[copy] = R.key[r];
    R.serial[copy] = R.serial[r];
    R.requestBytes[copy] = R.requestBytes[r];
    R.responseBytes[copy] = R.responseBytes[r];
    R.createdAt[copy] = this.nowMs;
    const msg = C.alloc(R_QMSG);
    C.req[msg] = copy;
    C.node[msg] = node;
    C.parent[msg] = -1;
    C.depth[msg] = C.depth[call];
    C.attempt[msg] = 0;
    st.touch(this.nowMs);
    st.inSystem++;
    qn.stored++;
    qn.held.push(msg);
    st.ok++;
    st.hist.record(qn.cfg.enqueueMs);
    this.respond(call, OK, qn.cfg.enqueueMs);
    this.dispatch(node, qn);
  }

  private dispatch(node: number, qn: QueueRt): void {
    const C = this.calls;
    const st = this.stats[node]!;
    while (qn.inDelivery < qn.cfg.consumers && qn.held.length > 0) {
      const msg = qn.held.shift();
      st.touch(this.nowMs);
      st.busy++;
      qn.inDelivery++;
      C.attempt[msg]++;
      const edge = qn.consumers[qn.rr];
      qn.rr = (qn.rr + 1) % qn.consumers.length;
      const call = C.alloc(R_WIRE);
      this.initCall(call, msg, C.req[msg], edge, -1, 0, C.depth[msg] + 1);
      this.sendWire(call, null);
    }
  }

  private deliveryDone(msg: number, outcome: number): void {
    const C = this.calls;
    const node = C.node[msg];
    const qn = this.queues[node]!;
    const st = this.stats[node]!;
    st.touch(this.nowMs);
    st.busy--;
    qn.inDelivery--;
    if (outcome !== OK && C.attempt[msg] < MAX_DELIVERIES) qn.held.push(msg);
    else {
      if (outcome !== OK) {
        qn.deadLetters++;
        st.errors++;
      }
      st.inSystem--;
      qn.stored--;
      this.reqs.free(C.req[msg]);
      this.internalRequests--;
      C.free(msg);
    }
    this.dispatch(node, qn);
  }

  // ---------------------------------------------------------------- report

  liveState(): NodeLiveState {
    const n = this.nodeIds.length;
    const out: NodeLiveState = {
      busy: new Float64Array(n),
      workers: new Float64Array(n),
      queued: new Float64Array(n),
      queueCapacity: new Float64Array(n),
      healthy: new Float64Array(n),
      replicas: new Float64Array(n),
      crashed: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const st = this.stats[i];
      const s = this.servers[i];
      if (st) {
        out.busy[i] = st.busy;
        out.workers[i] = st.workers;
        out.queued[i] = Math.max(0, st.inSystem - st.busy);
      }
      const replicas = s ? s.cfg.replicas : 1;
      let up = 0;
      for (let rep = 0; rep < replicas; rep++) if (this.faults.crashOf(i, rep) === CRASH_NONE) up++;
      out.replicas[i] = replicas;
      out.healthy[i] = up;
      out.crashed[i] = up === 0 ? 1 : 0;
      if (s) {
        let waiting = 0;
        for (const q of s.queues) waiting += q.length;
        out.queued[i] = waiting;
        out.queueCapacity[i] = s.cfg.queueCapacity * replicas;
      }
    }
    return out;
  }

  takeLatencyWindow(): Record<string, { p50: number; p95: number; p99: number } | null> {
    const out: Record<string, { p50: number; p95: number; p99: number } | null> = {};
    this.clients.forEach((c, i) => {
      if (!c) return;
      const w = c.recent;
      out[this.nodeIds[i]!] =
        w.count > 0 ? { p50: w.quantile(0.5), p95: w.quantile(0.95), p99: w.quantile(0.99) } : null;
      c.recent = new Histogram();
    });
    return out;
  }
  diagnostics(): Diagnostics {
    return {
      liveRequests: this.reqs.live - this.internalRequests,
      liveCalls: this.calls.live,
      pendingEvents: this.q.size,
    };
  }

  report(): Report {
    const T = this.nowMs;
    const clients: Record<string, ClientReport> = {};
    const nodes: Record<string, NodeReport> = {};
    const edges: Record<string, EdgeReport> = {};
    const caches: Record<string, CacheReport> = {};
    this.topology.nodes.forEach((node, i) => {
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
          retriesDenied: c.retriesDenied,
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
      const cache = this.caches[i];
      if (cache) {
        const total = cache.hits + cache.misses;
        caches[node.id] = { hits: cache.hits, misses: cache.misses, hitRatio: total > 0 ? cache.hits / total : 0 };
      }
    });
    this.topology.edges.forEach((e, i) => {
      const E = this.edges[i];
      edges[e.id] = { messages: E.messages, lost: E.lost, bytes: E.bytes };
    });
    const breakers: Record<string, BreakerReport> = {};
    for (const { key, breaker } of [...this.breakers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      breakers[key] = { transitions: breaker.transitions.map((t) => ({ ...t })), refused: breaker.refused };
    }
    const health: Record<string, HealthReport> = {};
    for (const h of this.checks)
      health[h.key] = { down: h.down.map((d) => ({ ...d })), up: h.upAt.map((u) => ({ ...u })) };
    const outliers: Record<string, OutlierReport> = {};
    for (const P of this.pickers) {
      if (!P.outlier) continue;
      P.names.forEach((name, t) => {
        outliers[`${this.nodeIds[P.owner]}->${name}`] = {
          ejections: P.ejections.filter((x) => x.target === t).map((x) => ({ atMs: x.atMs, untilMs: x.untilMs })),
        };
      });
    }
    return {
      format: 'backpressure.report',
      version: 1,
      seed: this.seed,
      durationMs: T,
      events: this.events,
      clients,
      nodes,
      edges,
      breakers,
      caches,
      health,
      outliers,
    };
  }
}

/** Thrown for a document that uses a part of the model this core cannot simulate. */
export class UnsupportedFeatureError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'UnsupportedFeatureError';
  }
}
