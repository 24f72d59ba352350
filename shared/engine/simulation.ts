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
import { CallPool, IntQueue, RequestPool, TimerQueue } from './pools.js';
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
  /**
   * Replicas that some balancer, sidecar or DNS routing to them has taken out of rotation: ejected by outlier
   * detection, or marked down by a health check (crashed or not); `outOfRotation` counts the replicas that are up
   * (not crashed) but out for either reason, each once, so `healthy - outOfRotation` replicas take traffic.
   */
  ejected: Float64Array;
  markedDown: Float64Array;
  outOfRotation: Float64Array;
}

/** Thrown by `createSimulation` (and `injectFault`) for a document that does not validate. */
export class InvalidDocumentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid document:\n${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n')}`);
    this.name = 'InvalidDocumentError';
  }
}

// The codes below are const enums, so that the hot path compares with literals.

/** Event types. */
const enum Ev {
  ClientNext = 1,
  ReqArrive = 2,
  RespArrive = 3,
  WorkDone = 4,
  Timers = 6,
  RateStep = 7,
  ClientRetry = 8,
  OpRetry = 9,
  Breaker = 10,
  ProbeSend = 11,
  ProbeArrive = 12,
  ProbeBack = 13,
  ProbeTimeout = 14,
  Uneject = 15,
  FaultStart = 16,
  FaultEnd = 17,
  LocalAnswer = 18,
  SendRequest = 19,
  SendAnswer = 20,
  Channel = 21,
}

/** Node kinds. */
const enum Kind {
  Client = 0,
  /** A service or a database. */
  Server = 1,
  Balancer = 2,
  Dns = 3,
  /** A CDN or a cache. */
  Cache = 4,
  Queue = 5,
  /** A region or a sidecar. */
  Passive = 6,
}

/** Bit flags of a call record (`CallPool.flags`). */
const enum Flag {
  /** The caller stopped waiting (it timed out). */
  CallerDone = 1,
  /** No answer will ever come (the request or the answer was lost). */
  ServerGone = 2,
  /** A timeout is armed for this call. */
  HasTimer = 4,
  /** Holds an HTTP/1.1 connection until the caller is done with it. */
  Conn = 8,
  /** The request message is a retry. */
  Retry = 16,
  /** Waiting for a free HTTP/1.1 connection. */
  Waiting = 32,
}

/** Roles of a call record (`CallPool.role`). */
const enum Role {
  /** A request message to a node, and that node's work on it. */
  Wire = 0,
  /** A logical call under a caller policy (timeout, retries, breaker): its attempts are children. */
  Op = 1,
  /** A DNS lookup of a client user. */
  Lookup = 2,
  /** A message held by a queue until a consumer has taken it. */
  QueueMsg = 3,
}

/** Protocols of an edge (`EdgeRt.protocol`). */
const enum Proto {
  Http1 = 0,
  /** http2, grpc, tcp */
  Multiplexed = 1,
  Http3 = 2,
  WebSocket = 3,
  Udp = 4,
}

const enum Limit {
  /** Calls nested deeper than this answer `error` (a guard against runaway recursion through probabilistic loops). */
  CallDepth = 64,
  /** TCP retransmission timeout (MODEL §3.3). */
  RtoMs = 200,
  /** HTTP/1.1 connections per caller instance and target instance (MODEL §3.4). */
  Http1Connections = 6,
  /** Outlier ejections last n x base, at most this long (Envoy's max_ejection_time default). */
  EjectionMs = 300_000,
}

/** Retransmissions before a message is given up (MODEL §3.3). */
const RETRANSMISSIONS = 5;
/** A queue delivers one message at most this many times before it is dead-lettered. */
const DELIVERIES = 5;
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
  /** Departure and arrival times of the message `transmit` put on an edge last (fields, so that they are not boxed). */
  private departure = 0.5;
  private arrival = 0.5;

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
          ? Proto.Udp
          : p.protocol === 'http1.1'
            ? Proto.Http1
            : p.protocol === 'http3'
              ? Proto.Http3
              : p.protocol === 'websocket'
                ? Proto.WebSocket
                : Proto.Multiplexed;
      const handshakeRtts =
        protocol === Proto.Udp
          ? 0
          : protocol === Proto.Http3
            ? 1
            : protocol === Proto.WebSocket
              ? 2 + tlsRtts
              : 1 + tlsRtts;
      return {
        src,
        dst,
        latency,
        jitter: p.jitterMs,
        loss: p.lossRate,
        bytesPerMs: p.bandwidthMbps * 125,
        protocol,
        keepAlive: p.keepAlive || protocol === Proto.WebSocket,
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
      if (E.protocol === Proto.Udp) continue;
      const src = nodes[E.src];
      const callers = src.kind === 'client' ? resolveClient(src.params).users : replicas[E.src];
      E.conns = new ConnTable(callers, replicas[E.dst]);
    }
    this.faults = new FaultEffects(doc, this.edges, replicas);

    nodes.forEach((node, i) => {
      const rng = Rng.derive(this.seed, `node:${node.id}`);
      switch (node.kind) {
        case 'client':
          this.kind[i] = Kind.Client;
          this.clients[i] = this.buildClient(i, resolveClient(node.params), rng, outEdges[i]);
          break;
        case 'service':
        case 'database': {
          const cfg = node.kind === 'service' ? resolveService(node.params) : resolveDatabase(node.params);
          const side = sidecarOf.get(i);
          this.kind[i] = Kind.Server;
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
          this.kind[i] = Kind.Balancer;
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
          this.kind[i] = Kind.Dns;
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
          this.kind[i] = Kind.Cache;
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
          this.kind[i] = Kind.Queue;
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
          this.kind[i] = Kind.Passive;
      }
    });

    // scheduled faults, first arrivals, rate steps and the first probes
    doc.faults.forEach((f, k) => this.scheduleFault(f, k));
    this.clients.forEach((c, i) => {
      if (!c) return;
      this.scheduleNextArrival(i, c);
      c.cfg.rateSchedule.forEach((s, k) => this.q.push(s.atMs, Ev.RateStep, i, k));
    });
    this.checks.forEach((_, k) => this.q.push(0, Ev.ProbeSend, k, 0));
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
      breakers: new Array<CircuitBreaker | undefined>(this.nodeIds.length),
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
    const processed = this.runEvents(end);
    if (end > this.nowMs) this.nowMs = end;
    this.events += processed;
    return {
      timeMs: this.nowMs,
      events: processed,
      messages: this.ring ? this.ring.drain() : null,
      done: this.nowMs >= this.durationMs,
    };
  }

  /**
   * Runs every event up to and including `end`; returns how many ran. The loop has a function of its own, so that
   * the optimised code for it (compiled while it runs) is not thrown away where `runUntil` goes on after it.
   */
  private runEvents(end: number): number {
    const q = this.q;
    let processed = 0;
    for (let type = q.next(end); type >= 0; type = q.next(end)) {
      this.nowMs = q.t;
      processed++;
      // most events are messages arriving on a channel
      if (type === Ev.Channel) this.onChannel(q.a);
      else this.handle(type, q.a, q.b);
    }
    return processed;
  }

  private handle(type: number, a: number, b: number): void {
    const C = this.calls;
    switch (type) {
      case Ev.ClientNext:
        this.onClientNext(a, b);
        break;
      case Ev.ReqArrive:
        if (C.gen(a) === b) this.onRequestArrive(a);
        break;
      case Ev.RespArrive:
        if (C.gen(a) === b) this.onResponseArrive(a);
        break;
      case Ev.WorkDone:
        if (C.gen(a) === b) this.onWorkDone(a);
        break;
      case Ev.Timers:
        this.onTimers(a);
        break;
      case Ev.RateStep:
        this.onRateStep(a, b);
        break;
      case Ev.ClientRetry:
        if (this.reqs.gen(a) === b) this.clientAttempt(a);
        break;
      case Ev.OpRetry:
        if (C.gen(a) === b) this.opAttempt(a);
        break;
      case Ev.Breaker:
        this.breakers[a].breaker.halfOpen(this.nowMs);
        break;
      case Ev.ProbeSend:
        this.onProbeSend(a);
        break;
      case Ev.ProbeArrive:
        this.onProbeArrive(a, b);
        break;
      case Ev.ProbeBack:
        this.onProbeResult(a, b, true);
        break;
      case Ev.ProbeTimeout:
        this.onProbeResult(a, b, false);
        break;
      case Ev.Uneject:
        this.onUneject(a, b);
        break;
      case Ev.FaultStart:
        this.onFault(a, true);
        break;
      case Ev.FaultEnd:
        this.onFault(a, false);
        break;
      case Ev.LocalAnswer:
        if (C.gen(a) === b) this.onLocalAnswer(a);
        break;
      case Ev.SendRequest:
        if (C.gen(a) === b) this.onHandshakeDone(a);
        break;
      case Ev.SendAnswer:
        if (C.gen(a) === b) this.sendAnswer(a);
        break;
      case Ev.Channel:
        this.onChannel(a);
        break;
    }
  }

  /** The first message of a channel arrives; the next one's arrival takes its place in the event list. */
  private onChannel(ch: number): void {
    const c = this.channels[ch];
    c.shift();
    const type = c.type;
    const a = c.a;
    const b = c.b;
    if (c.length > 0) {
      this.q.at = c.headArrive();
      this.q.schedule(Ev.Channel, ch, 0);
    } else c.scheduled = false;
    const C = this.calls;
    if (type === Ev.ReqArrive) {
      if (C.gen(a) === b) this.onRequestArrive(a);
    } else if (type === Ev.RespArrive) {
      if (C.gen(a) === b) this.onResponseArrive(a);
    } else this.handle(type, a, b);
  }

  /** Schedules the arrival of the message just sent on edge `e` (direction `back`), at `arrival`. */
  private arriveAt(e: number, back: boolean, type: number, a: number, b: number): void {
    const ch = e * 2 + (back ? 1 : 0);
    const c = this.channels[ch];
    const q = this.q;
    const at = this.arrival;
    q.at = at;
    if (!c.offer(at, type, a, b)) q.schedule(type, a, b);
    else if (!c.scheduled) {
      c.scheduled = true;
      q.schedule(Ev.Channel, ch, 0);
    }
  }

  // ---------------------------------------------------------------- faults

  /**
   * Fault events sort after every other event at the same time, so a fault injected live after `runUntil(t)` and
   * the same fault scheduled in the document at `t` take effect at the same point of the run.
   */
  private scheduleFault(f: Fault, k: number): void {
    this.q.pushLate(f.atMs, Ev.FaultStart, k, 0);
    if (f.untilMs !== undefined) this.q.pushLate(f.untilMs, Ev.FaultEnd, k, 0);
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
    this.q.at = this.nowMs + dt;
    this.q.schedule(Ev.ClientNext, i, c.gen);
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
    R.setClient(r, i);
    R.setCreatedAt(r, this.nowMs);
    R.setUser(r, c.rng.int(c.cfg.users));
    R.setKey(r, this.drawKey(c));
    R.setSerial(r, this.serial++);
    R.setRequestBytes(r, c.cfg.requestBytes);
    R.setResponseBytes(r, c.cfg.responseBytes);
    R.setPrevBackoff(r, c.cfg.retry ? c.cfg.retry.backoff.baseMs : 0);
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
    const c = this.clients[R.client(r)]!;
    R.setAttempts(r, R.attempts(r) + 1);
    c.attempts++;
    const d = c.dns;
    if (d) {
      const user = R.user(r);
      if (d.expiry[user] > this.nowMs && d.answer[user] >= 0) {
        const e = d.edgeTo.get(d.answer[user]);
        if (e !== undefined) this.clientSend(r, c, e);
        else this.requestAttemptDone(r, UNAVAILABLE);
        return;
      }
      // a lookup message to the DNS node and back (`lookupMs` of work there)
      const call = this.calls.alloc(Role.Lookup);
      this.initCall(call, -1, r, d.edge, 0, user, 0);
      if (c.policy.timers) this.armTimer(c.policy, call);
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
        R.setAttempts(r, R.attempts(r) - 1);
        c.attempts--;
        this.requestAttemptDone(r, CIRCUIT_OPEN);
        return;
      }
      epoch = br.epoch;
    }
    const call = this.calls.alloc(Role.Wire);
    this.initCall(call, -1, r, edge, -1, R.user(r), 0);
    this.calls.setEpoch(call, epoch);
    if (R.attempts(r) > 1) this.calls.setFlags(call, this.calls.flags(call) | Flag.Retry);
    this.sendWire(call, p);
  }

  /** The outcome of one attempt of a client request (its wire call or its DNS lookup). */
  private clientCallDone(call: number, outcome: number): void {
    const C = this.calls;
    const r = C.req(call);
    const c = this.clients[this.reqs.client(r)]!;
    if (C.role(call) === Role.Lookup) {
      if (outcome === OK && C.aux(call) >= 0) {
        const d = c.dns!;
        const user = this.reqs.user(r);
        d.expiry[user] = this.nowMs + this.dnses[d.dns]!.cfg.ttlMs;
        d.answer[user] = C.aux(call);
        const e = d.edgeTo.get(C.aux(call));
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
    const c = this.clients[R.client(r)]!;
    if (outcome === OK) {
      c.succeeded++;
      c.hist.record(this.nowMs - R.createdAt(r));
      c.recent.record(this.nowMs - R.createdAt(r));
      R.free(r);
      return;
    }
    const retry = c.policy.retry;
    if (retry && retry.retries(outcome) && R.attempts(r) < retry.maxAttempts) {
      if (retry.budget && !retry.budget.tryRetry(this.nowMs)) c.retriesDenied++;
      else {
        const delay = backoffDelay(retry.backoff, R.attempts(r), R.prevBackoff(r), c.rng);
        R.setPrevBackoff(r, delay);
        this.q.push(this.nowMs + delay, Ev.ClientRetry, r, R.gen(r));
        return;
      }
    }
    c.failed++;
    c.failures[outcome]++;
    R.free(r);
  }

  // ---------------------------------------------------------------- policies: timeouts, retries, breakers

  private breakerFor(p: PolicyRt, target: number): CircuitBreaker {
    let br = p.breakers[target];
    if (br === undefined) {
      br = new CircuitBreaker(p.breakerCfg!);
      p.breakers[target] = br;
      br.id = this.breakers.length;
      this.breakers.push({ key: `${this.nodeIds[p.owner]}->${this.nodeIds[target]}`, breaker: br });
    }
    return br;
  }

  private recordBreaker(p: PolicyRt, call: number, outcome: number): void {
    const C = this.calls;
    if (!p.breakerCfg || C.epoch(call) < 0) return;
    const br = this.breakerFor(p, C.node(call));
    const failed = outcome === ERROR || outcome === TIMEOUT || outcome === REJECTED || outcome === UNAVAILABLE;
    if (br.record(this.nowMs, C.epoch(call), failed, this.nowMs - C.sentAt(call)) && br.state === OPEN) {
      this.q.push(br.openUntil, Ev.Breaker, br.id, 0);
    }
  }

  /** A dependency call of job `parent` over `edge`, through the caller's policy layers when it has any. */
  private callDependency(parent: number, edge: number, policy: PolicyRt | null): void {
    const C = this.calls;
    if (!policy) {
      const call = C.alloc(Role.Wire);
      this.initCall(call, parent, C.req(parent), edge, -1, C.replica(parent), C.depth(parent) + 1);
      this.sendWire(call, null);
      return;
    }
    const op = C.alloc(Role.Op);
    this.initCall(op, parent, C.req(parent), edge, -1, C.replica(parent), C.depth(parent) + 1);
    C.setPolicy(op, policy.id);
    C.setPrevBackoff(op, policy.retry ? policy.retry.backoff.baseMs : 0);
    policy.retry?.budget?.firstAttempt(this.nowMs);
    this.opAttempt(op);
  }

  /** One attempt of a policy layer: the breaker decides, then the inner layer or the wire carries it. */
  private opAttempt(op: number): void {
    const C = this.calls;
    if (C.flags(op) & Flag.CallerDone) {
      C.free(op); // abandoned by an outer timeout: no more attempts
      return;
    }
    const p = this.policies[C.policy(op)];
    let epoch = -1;
    if (p.breakerCfg) {
      const br = this.breakerFor(p, C.node(op));
      if (!br.admit()) {
        this.opFinish(op, CIRCUIT_OPEN);
        return;
      }
      epoch = br.epoch;
    }
    C.setAttempt(op, C.attempt(op) + 1);
    const inner = p.inner;
    const child = C.alloc(inner ? Role.Op : Role.Wire);
    this.initCall(child, op, C.req(op), C.edge(op), -1, C.callerInst(op), C.depth(op));
    C.setEpoch(child, epoch);
    if (C.attempt(op) > 1 || C.flags(op) & Flag.Retry) C.setFlags(child, C.flags(child) | Flag.Retry);
    if (inner) {
      C.setPolicy(child, inner.id);
      C.setPrevBackoff(child, inner.retry ? inner.retry.backoff.baseMs : 0);
      C.setSentAt(child, this.nowMs);
      if (p.timers) this.armTimer(p, child);
      inner.retry?.budget?.firstAttempt(this.nowMs);
      this.opAttempt(child);
    } else {
      const pk = p.pickers?.get(C.edge(op));
      if (pk !== undefined) {
        const picker = this.pickers[pk].picker;
        const t = picker.pick(C.callerInst(op), this.reqs.key(C.req(op)));
        if (t < 0) {
          C.free(child);
          this.opChildDone(op, -1, UNAVAILABLE);
          return;
        }
        C.setReplica(child, picker.replica[t]);
        C.setAux(child, t);
        picker.outstanding[t]++;
      }
      this.sendWire(child, p);
    }
  }

  /** An attempt of policy layer `op` ended (`child` is -1 when it never went out). */
  private opChildDone(op: number, child: number, outcome: number): void {
    const C = this.calls;
    const p = this.policies[C.policy(op)];
    if (child >= 0) {
      this.recordBreaker(p, child, outcome);
      const pk = p.pickers?.get(C.edge(op));
      if (pk !== undefined && C.aux(child) >= 0) {
        this.pickers[pk].picker.outstanding[C.aux(child)]--;
        this.recordOutlier(pk, C.aux(child), outcome);
      }
    }
    if (C.flags(op) & Flag.CallerDone) {
      C.free(op);
      return;
    }
    const retry = p.retry;
    if (outcome !== OK && retry && retry.retries(outcome) && C.attempt(op) < retry.maxAttempts) {
      if (!retry.budget || retry.budget.tryRetry(this.nowMs)) {
        const delay = backoffDelay(retry.backoff, C.attempt(op), C.prevBackoff(op), p.rng);
        C.setPrevBackoff(op, delay);
        this.q.push(this.nowMs + delay, Ev.OpRetry, op, C.gen(op));
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

  /** Arms the timeout of policy `p` (which has one) for `call`. */
  private armTimer(p: PolicyRt, call: number): void {
    const tq = p.timers!;
    const deadline = this.nowMs + p.timeoutMs;
    const C = this.calls;
    C.setFlags(call, C.flags(call) | Flag.HasTimer);
    tq.push(deadline, call, C.gen(call));
    if (!tq.armed) {
      tq.armed = true;
      this.q.at = deadline;
      this.q.schedule(Ev.Timers, tq.id, 0);
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
      if (C.gen(call) !== gen || C.flags(call) & Flag.CallerDone) continue;
      this.attemptTimedOut(call);
    }
    // most calls answer long before their deadline: skip those, so the next wake-up is for a call still waiting
    while (tq.length > 0) {
      const h = tq.headIndex();
      const call = tq.call[h];
      if (C.gen(call) === tq.gen[h] && !(C.flags(call) & Flag.CallerDone)) break;
      tq.shift();
    }
    if (tq.length > 0) {
      this.q.at = tq.headDeadline();
      this.q.schedule(Ev.Timers, idx, 0);
    } else tq.armed = false;
  }

  private attemptTimedOut(call: number): void {
    const C = this.calls;
    const gone = (C.flags(call) & Flag.ServerGone) !== 0;
    C.setFlags(call, C.flags(call) | Flag.CallerDone);
    // a timed-out HTTP/1.1 request cannot be told apart from a late answer on its connection: close it
    this.releaseConnection(call, true);
    this.deliverToCaller(call, TIMEOUT);
    // a request still waiting for a connection is freed when it reaches the head of the line
    if (gone) C.free(call);
  }

  // ---------------------------------------------------------------- messages on edges

  /**
   * Puts a message on an edge now; returns whether it arrives. Its departure and (planned) arrival times are left in
   * `departure` and `arrival`. Messages are serialised FIFO per direction at the edge's bandwidth; a loss on a
   * TCP-based edge costs retransmissions after an RTO that doubles, and the message is lost only when the last
   * retransmission is lost too. Partitions and cuts drop messages outright. Callers record the message with `record`
   * when messages are recorded.
   */
  private transmit(e: number, back: boolean, bytes: number, offset = 0): boolean {
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
      if (E.protocol === Proto.Udp) lost = true;
      else {
        let rto = Limit.RtoMs;
        let k = 0;
        for (; k < RETRANSMISSIONS; k++) {
          arrive += rto;
          rto *= 2;
          E.bytes += bytes;
          if (E.rng.next() >= loss) break;
        }
        lost = k === RETRANSMISSIONS;
      }
    }
    this.departure = now;
    this.arrival = arrive;
    if (lost) E.lost++;
    return !lost;
  }

  /** Records the message `transmit` put on edge `e` last (`sent`: whether it arrives) in the message ring. */
  private record(e: number, back: boolean, sent: boolean, kind: number, request: number, outcome: number): void {
    const now = this.departure;
    if (sent) this.ring!.push(e, back ? 1 : 0, now, this.arrival, kind, request, outcome);
    else {
      const lostAt = now + (this.arrival - now) * this.edges[e].rng.next();
      this.ring!.push(e, back ? 1 : 0, now, lostAt, kind, request, MO_LOST);
    }
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
    C.setReq(call, r);
    C.setParent(call, parent);
    C.setEdge(call, edge);
    C.setNode(call, this.edges[edge].dst);
    C.setReplica(call, replica);
    C.setCallerInst(call, callerInst);
    C.setDepth(call, depth);
    C.setSentAt(call, this.nowMs);
  }

  /** Sends wire call `call` (fields set), with `policy`'s timeout, through the edge's connections. */
  private sendWire(call: number, policy: PolicyRt | null, offset = 0): void {
    const C = this.calls;
    const edge = C.edge(call);
    const E = this.edges[edge];
    if (C.replica(call) < 0) {
      const s = this.servers[E.dst];
      if (s !== null && s.busy.length > 1) {
        const rep = E.rr;
        E.rr = rep + 1 === s.busy.length ? 0 : rep + 1;
        C.setReplica(call, rep);
      } else C.setReplica(call, 0);
    }
    C.setSentAt(call, this.nowMs);
    if (policy && policy.timers) this.armTimer(policy, call);
    const conns = E.conns;
    if (conns === null) {
      this.transmitRequest(call, 0, offset);
      return;
    }
    // connections: handshakes for new ones, reuse with keep-alive, HTTP/1.1's one request per connection
    const slot = conns.slot(C.callerInst(call), C.replica(call));
    let delay = 0;
    if (E.protocol === Proto.Http1) {
      if (E.keepAlive && conns.idle(slot) > 0) conns.setIdle(slot, conns.idle(slot) - 1);
      else if (conns.open(slot) < Limit.Http1Connections) {
        conns.setOpen(slot, conns.open(slot) + 1);
        delay = E.handshakeRtts * this.rtt(edge);
      } else {
        conns.queue(slot).push(call);
        conns.queued++;
        C.setFlags(call, C.flags(call) | Flag.Waiting);
        return;
      }
      C.setFlags(call, C.flags(call) | Flag.Conn);
    } else if (E.keepAlive && conns.open(slot) !== 0) {
      // an open multiplexed connection: wait only for its handshake to finish
      const ready = conns.readyAt(slot);
      if (ready > this.nowMs + offset) {
        // the connection's handshake is still under way: the request waits for it (no handshake of its own)
        this.q.at = ready;
        this.q.schedule(Ev.SendRequest, call, C.gen(call));
        return;
      }
    } else {
      delay =
        E.protocol === Proto.Http3 ? (conns.resumed[slot] ? 0 : this.rtt(edge)) : E.handshakeRtts * this.rtt(edge);
      conns.resumed[slot] = 1;
      conns.setOpen(slot, 1);
      conns.setReadyAt(slot, this.nowMs + delay);
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
    if (!(C.flags(call) & Flag.Conn)) return;
    C.setFlags(call, C.flags(call) & ~Flag.Conn);
    const edge = C.edge(call);
    const E = this.edges[edge];
    const conns = E.conns!;
    const slot = conns.slot(C.callerInst(call), C.replica(call));
    const waiting = conns.queued > 0 ? conns.waiting[slot] : null;
    const reuse = E.keepAlive && !close;
    let next = -1;
    while (waiting && waiting.length > 0) {
      const w = waiting.shift();
      conns.queued--;
      C.setFlags(w, C.flags(w) & ~Flag.Waiting);
      if (!(C.flags(w) & Flag.CallerDone)) {
        next = w;
        break;
      }
      C.free(w); // timed out while it waited
    }
    if (next < 0) {
      if (reuse) conns.setIdle(slot, conns.idle(slot) + 1);
      else conns.setOpen(slot, conns.open(slot) - 1);
      return;
    }
    C.setFlags(next, C.flags(next) | Flag.Conn);
    this.transmitRequest(next, reuse ? 0 : E.handshakeRtts * this.rtt(edge));
  }

  /** Puts the request message of `call` on its edge, after `delay` (a handshake) when there is one. */
  private transmitRequest(call: number, delay: number, offset = 0): void {
    const C = this.calls;
    if (delay > 0) {
      const t = this.nowMs + offset;
      if (this.ring) {
        const serial = this.reqs.serial(C.req(call));
        this.ring.push(C.edge(call), 0, t, t + delay, MSG_HANDSHAKE, serial, MO_DELIVERED);
      }
      this.q.at = t + delay;
      this.q.schedule(Ev.SendRequest, call, C.gen(call));
      return;
    }
    const r = C.req(call);
    const role = C.role(call);
    const edge = C.edge(call);
    const bytes = role === Role.Lookup ? LOOKUP_BYTES : this.reqs.requestBytes(r);
    const sent = this.transmit(edge, false, bytes, offset);
    if (this.ring) {
      const parent = C.parent(call);
      const kind =
        role === Role.Lookup
          ? MSG_LOOKUP
          : parent >= 0 && C.role(parent) === Role.QueueMsg
            ? MSG_DELIVERY
            : C.flags(call) & Flag.Retry
              ? MSG_RETRY
              : MSG_REQUEST;
      this.record(edge, false, sent, kind, this.reqs.serial(r), MO_DELIVERED);
    }
    if (!sent) this.messageLost(call);
    else this.arriveAt(edge, false, Ev.ReqArrive, call, C.gen(call));
  }

  /** The connection is up: the request goes, unless its caller gave up meanwhile. */
  private onHandshakeDone(call: number): void {
    const C = this.calls;
    if (C.flags(call) & Flag.CallerDone) {
      this.releaseConnection(call, true);
      C.free(call);
      return;
    }
    this.transmitRequest(call, 0);
  }

  /** The target answers `call` with `outcome` after `delay`: the answer travels back over the call's edge. */
  private respond(call: number, outcome: number, delay: number): void {
    const C = this.calls;
    C.setOutcome(call, outcome);
    if (delay > 0) this.q.push(this.nowMs + delay, Ev.SendAnswer, call, C.gen(call));
    else this.sendAnswer(call);
  }

  private sendAnswer(call: number): void {
    const C = this.calls;
    const r = C.req(call);
    const lookup = C.role(call) === Role.Lookup;
    const edge = C.edge(call);
    const sent = this.transmit(edge, true, lookup ? LOOKUP_BYTES : this.reqs.responseBytes(r));
    if (this.ring) {
      const kind = lookup ? MSG_LOOKUP : MSG_RESPONSE;
      this.record(edge, true, sent, kind, this.reqs.serial(r), C.outcome(call) + 1);
    }
    if (!sent) this.messageLost(call);
    else this.arriveAt(edge, true, Ev.RespArrive, call, C.gen(call));
  }

  /** No answer will come for `call`: free it once its caller no longer waits (or never will be told). */
  private messageLost(call: number): void {
    const C = this.calls;
    const f = C.flags(call);
    if (f & Flag.CallerDone || !(f & Flag.HasTimer)) {
      this.releaseConnection(call, true);
      C.free(call);
    } else C.setFlags(call, f | Flag.ServerGone);
  }

  private onRequestArrive(call: number): void {
    const C = this.calls;
    const node = C.node(call);
    const mode = this.faults.anyCrash
      ? this.faults.crashOf(node, this.kind[node] === Kind.Server ? C.replica(call) : -1)
      : CRASH_NONE;
    if (mode !== CRASH_NONE) {
      const st = this.stats[node];
      if (st) st.arrivals++;
      this.crashAnswer(call, mode);
      return;
    }
    switch (this.kind[node]) {
      case Kind.Server:
        this.serverArrive(call, node);
        break;
      case Kind.Balancer:
        this.balancerArrive(call, node);
        break;
      case Kind.Dns:
      case Kind.Cache:
        this.localArrive(call, node);
        break;
      case Kind.Queue:
        this.queueArrive(call, node);
        break;
      default:
        this.respond(call, UNAVAILABLE, 0);
    }
  }

  private onResponseArrive(call: number): void {
    const C = this.calls;
    this.releaseConnection(call);
    if (C.flags(call) & Flag.CallerDone) {
      // the caller timed out already: the late answer is discarded
      if (C.parent(call) < 0) this.clients[this.reqs.client(C.req(call))]!.lateAnswers++;
      C.free(call);
      return;
    }
    this.deliverToCaller(call, C.outcome(call));
    C.free(call);
  }

  /** Hands the outcome of `call` to whoever made it. The call record is still valid during this. */
  private deliverToCaller(call: number, outcome: number): void {
    const C = this.calls;
    const parent = C.parent(call);
    if (parent < 0) {
      this.clientCallDone(call, outcome);
      return;
    }
    switch (C.role(parent)) {
      case Role.Op:
        this.opChildDone(parent, call, outcome);
        return;
      case Role.QueueMsg:
        this.deliveryDone(parent, outcome);
        return;
    }
    const pn = C.node(parent);
    switch (this.kind[pn]) {
      case Kind.Balancer: {
        const b = this.balancers[pn]!;
        const t = C.aux(call);
        if (t >= 0) {
          if (!b.layer4) this.pickers[b.picker].picker.outstanding[t]--;
          this.recordOutlier(b.picker, t, outcome);
        }
        this.balancerFinish(parent, pn, outcome);
        return;
      }
      case Kind.Cache:
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
    const rep = C.replica(call);
    st.arrivals++;
    C.setArrivedAt(call, this.nowMs);
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
    this.q.at = this.nowMs + dt;
    this.q.schedule(Ev.WorkDone, call, this.calls.gen(call));
  }

  private onWorkDone(call: number): void {
    const C = this.calls;
    const node = C.node(call);
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
    if (C.depth(call) >= Limit.CallDepth) {
      this.serverFinish(call, node, ERROR);
      return;
    }
    if (!s.parallel) {
      C.setStep(call, 0);
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
    C.setStep(call, chosen.length);
    for (const e of chosen) this.callDependency(call, e, s.policy);
  }

  private nextDependency(call: number, node: number, s: ServerRt): void {
    const C = this.calls;
    const deps = s.deps;
    for (let k = C.step(call); k < deps.length; k++) {
      const e = deps[k];
      const p = this.edges[e].probability;
      if (p >= 1 || s.rng.next() < p) {
        C.setStep(call, k + 1);
        this.callDependency(call, e, s.policy);
        return;
      }
    }
    this.serverFinish(call, node, C.failed(call) ? ERROR : OK);
  }

  private dependencyDone(parent: number, node: number, outcome: number): void {
    const C = this.calls;
    const s = this.servers[node]!;
    if (outcome !== OK) C.setFailed(parent, 1);
    if (s.parallel) {
      C.setStep(parent, C.step(parent) - 1);
      if (C.step(parent) === 0) this.serverFinish(parent, node, C.failed(parent) ? ERROR : OK);
    } else if (C.failed(parent)) this.serverFinish(parent, node, ERROR);
    else this.nextDependency(parent, node, s);
  }

  private serverFinish(call: number, node: number, outcome: number): void {
    const s = this.servers[node]!;
    const st = this.stats[node]!;
    const C = this.calls;
    const rep = C.replica(call);
    const now = this.nowMs;
    st.touch(now);
    st.inSystem--;
    const mode = this.faults.crashOf(node, rep);
    if (mode !== CRASH_NONE) this.crashAnswer(call, mode);
    else {
      if (outcome === OK) {
        st.ok++;
        st.hist.record(now - C.arrivedAt(call));
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
    this.calls.setArrivedAt(call, this.nowMs);
    this.forward(call, node, b);
  }

  /** Picks a target and sends the request on after `processingMs` (the pick is made on arrival). */
  private forward(call: number, node: number, b: BalancerRt): void {
    const C = this.calls;
    const picker = this.pickers[b.picker].picker;
    const caller = this.edges[C.edge(call)].src;
    const clientAddr = (Math.imul(caller + 1, 0x9e3779b1) ^ C.callerInst(call)) | 0;
    let t: number;
    if (b.layer4) {
      // L4 keeps one target per connection (one per caller instance); least-connections counts those connections
      const key = caller * 16777216 + C.callerInst(call);
      const kept = b.sticky.get(key);
      if (kept !== undefined && picker.usable[kept]) t = kept;
      else {
        t = picker.pick(clientAddr, this.reqs.key(C.req(call)));
        if (t >= 0) {
          if (kept !== undefined) picker.outstanding[kept]--;
          picker.outstanding[t]++;
          b.sticky.set(key, t);
        }
      }
    } else {
      t = picker.pick(clientAddr, this.reqs.key(C.req(call)));
      if (t >= 0) picker.outstanding[t]++;
    }
    if (t < 0) {
      this.balancerFinish(call, node, UNAVAILABLE);
      return;
    }
    const child = C.alloc(Role.Wire);
    this.initCall(child, call, C.req(call), picker.edge[t], picker.replica[t], 0, C.depth(call) + 1);
    C.setAux(child, t);
    if (C.flags(call) & Flag.Retry) C.setFlags(child, C.flags(child) | Flag.Retry);
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
      st.hist.record(now - this.calls.arrivedAt(call));
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
    const duration = Math.min(Limit.EjectionMs, n * od.baseEjectionMs);
    // Envoy returns hosts at its periodic sweep: the first interval tick at or after the ejection has run out
    const until = Math.ceil((this.nowMs + duration) / od.intervalMs) * od.intervalMs;
    P.ejections.push({ target: t, atMs: this.nowMs, untilMs: until });
    picker.refresh();
    this.q.push(until, Ev.Uneject, pk, t);
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
    this.q.push(this.nowMs + h.cfg.intervalMs, Ev.ProbeSend, k, 0);
    this.q.push(this.nowMs + h.cfg.timeoutMs, Ev.ProbeTimeout, k, h.seq);
    const sent = this.transmit(h.edge, false, PROBE_BYTES);
    if (this.ring) this.record(h.edge, false, sent, MSG_PROBE, -1, MO_DELIVERED);
    if (sent) this.arriveAt(h.edge, false, Ev.ProbeArrive, k, h.seq);
  }

  private onProbeArrive(k: number, seq: number): void {
    const h = this.checks[k];
    const target = this.edges[h.edge].dst;
    const mode = this.faults.crashOf(target, h.replica);
    if (mode === CRASH_BLACKHOLE) return;
    const outcome = mode === CRASH_NONE ? 1 : UNAVAILABLE + 1;
    const sent = this.transmit(h.edge, true, PROBE_BYTES);
    if (this.ring) this.record(h.edge, true, sent, MSG_PROBE, -1, outcome);
    // a refused probe comes back as a failure; encode it in the sign of the sequence number
    if (sent) this.arriveAt(h.edge, true, Ev.ProbeBack, k, mode === CRASH_NONE ? seq : -seq);
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
    C.setArrivedAt(call, this.nowMs);
    if (this.kind[node] === Kind.Dns) {
      this.q.push(this.nowMs + this.dnses[node]!.cfg.lookupMs, Ev.LocalAnswer, call, C.gen(call));
      return;
    }
    const cache = this.caches[node]!;
    const key = this.reqs.key(C.req(call));
    if (cache.store.hit(key, this.nowMs)) {
      cache.hits++;
      this.q.push(this.nowMs + cache.cfg.hitMs, Ev.LocalAnswer, call, C.gen(call));
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
    const origin = C.alloc(Role.Wire);
    this.initCall(origin, call, C.req(call), edge, -1, 0, C.depth(call) + 1);
    this.sendWire(origin, null);
  }

  private onLocalAnswer(call: number): void {
    const C = this.calls;
    const node = C.node(call);
    if (this.kind[node] === Kind.Dns) {
      const d = this.dnses[node]!;
      const client = this.clients[this.reqs.client(C.req(call))];
      C.setAux(call, this.dnsAnswer(d, client));
      this.localFinish(call, node, C.aux(call) >= 0 ? OK : UNAVAILABLE);
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
      st.hist.record(this.nowMs - this.calls.arrivedAt(call));
    } else if (outcome === REJECTED) st.rejected++;
    else st.errors++;
    this.respond(call, outcome, 0);
  }

  /** The origin answered a cache miss: store a good answer, and answer every miss that waited for it. */
  private originDone(call: number, node: number, outcome: number): void {
    const cache = this.caches[node]!;
    const key = this.reqs.key(this.calls.req(call));
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
    C.setArrivedAt(call, this.nowMs);
    if (qn.stored >= qn.cfg.capacity || qn.consumers.length === 0) {
      st.rejected++;
      this.respond(call, REJECTED, 0);
      return;
    }
    // the broker keeps its own copy of the message, then acknowledges after `enqueueMs`
    const R = this.reqs;
    const r = C.req(call);
    const copy = R.alloc();
    R.setInternal(copy, 1);
    this.internalRequests++;
    R.setClient(copy, R.client(r));
    R.setUser(copy, R.user(r));
    R.setKey(copy, R.key(r));
    R.setSerial(copy, R.serial(r));
    R.setRequestBytes(copy, R.requestBytes(r));
    R.setResponseBytes(copy, R.responseBytes(r));
    R.setCreatedAt(copy, this.nowMs);
    const msg = C.alloc(Role.QueueMsg);
    C.setReq(msg, copy);
    C.setNode(msg, node);
    C.setParent(msg, -1);
    C.setDepth(msg, C.depth(call));
    C.setAttempt(msg, 0);
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
      C.setAttempt(msg, C.attempt(msg) + 1);
      const edge = qn.consumers[qn.rr];
      qn.rr = (qn.rr + 1) % qn.consumers.length;
      const call = C.alloc(Role.Wire);
      this.initCall(call, msg, C.req(msg), edge, -1, 0, C.depth(msg) + 1);
      this.sendWire(call, null);
    }
  }

  private deliveryDone(msg: number, outcome: number): void {
    const C = this.calls;
    const node = C.node(msg);
    const qn = this.queues[node]!;
    const st = this.stats[node]!;
    st.touch(this.nowMs);
    st.busy--;
    qn.inDelivery--;
    if (outcome !== OK && C.attempt(msg) < DELIVERIES) qn.held.push(msg);
    else {
      if (outcome !== OK) {
        qn.deadLetters++;
        st.errors++;
      }
      st.inSystem--;
      qn.stored--;
      this.reqs.free(C.req(msg));
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
      ejected: new Float64Array(n),
      markedDown: new Float64Array(n),
      outOfRotation: new Float64Array(n),
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
    this.rotationState(out);
    return out;
  }

  /** Fills the out-of-rotation counts: one flag byte per replica (1 ejected, 2 marked down), then a count per node. */
  private rotationState(out: NodeLiveState): void {
    const n = this.nodeIds.length;
    const first = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) first[i + 1] = first[i] + out.replicas[i];
    const flags = new Uint8Array(first[n]);
    for (const P of this.pickers) {
      const p = P.picker;
      for (let t = 0; t < p.n; t++) {
        const flag = (p.ejected[t] ? 1 : 0) | (p.healthy[t] ? 0 : 2);
        if (flag === 0) continue;
        const node = this.edges[p.edge[t]].dst;
        const rep = p.replica[t];
        if (rep >= 0) flags[first[node] + rep] |= flag;
        else for (let k = first[node]; k < first[node + 1]; k++) flags[k] |= flag;
      }
    }
    for (const d of this.dnses) {
      if (!d) continue;
      for (let t = 0; t < d.targets.length; t++) {
        if (d.healthy[t]) continue;
        const node = d.targets[t];
        for (let k = first[node]; k < first[node + 1]; k++) flags[k] |= 2;
      }
    }
    for (let i = 0; i < n; i++) {
      let ejected = 0;
      let down = 0;
      let either = 0;
      for (let k = first[i], rep = 0; k < first[i + 1]; k++, rep++) {
        const f = flags[k];
        if (f === 0) continue;
        if (f & 1) ejected++;
        if (f & 2) down++;
        if (this.faults.crashOf(i, rep) === CRASH_NONE) either++;
      }
      out.ejected[i] = ejected;
      out.markedDown[i] = down;
      out.outOfRotation[i] = either;
    }
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
