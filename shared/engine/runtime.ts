import type {
  ResolvedBreaker,
  ResolvedCache,
  ResolvedClient,
  ResolvedDns,
  ResolvedHealthCheck,
  ResolvedOutlier,
  ResolvedQueue,
  ResolvedServer,
} from '../model/defaults.js';
import type { TargetPicker } from './balancer.js';
import type { CircuitBreaker } from './breaker.js';
import type { ConnTable } from './connections.js';
import type { Histogram } from './histogram.js';
import type { LruTtlCache } from './lruCache.js';
import type { IntQueue, TimerQueue } from './pools.js';
import type { Rng } from './prng.js';
import type { RetryPolicyRt } from './retry.js';
import type { Sampler } from './sampler.js';
import type { TokenBucket } from './tokenBucket.js';

/** Runtime shapes the engine keeps per node, edge and policy. Plain data; the engine holds the behaviour. */

export interface EdgeRt {
  src: number;
  dst: number;
  /** One-way latency, including the processing of sidecars at either end. */
  latency: number;
  jitter: number;
  loss: number;
  /** Bandwidth in bytes per ms. */
  bytesPerMs: number;
  /** Protocol code (simulation.ts, `Proto`). */
  protocol: number;
  keepAlive: boolean;
  /** Round trips a new connection pays before its first request. */
  handshakeRtts: number;
  probability: number;
  weight: number;
  busyFwd: number;
  busyBack: number;
  messages: number;
  lost: number;
  bytes: number;
  /** Round-robin counter for choosing a replica of the target when the caller does not balance. */
  rr: number;
  rng: Rng;
  /** Connection state per (caller instance, target replica); null for UDP. */
  conns: ConnTable | null;
}

export class NodeStats {
  arrivals = 0;
  ok = 0;
  errors = 0;
  rejected = 0;
  inSystem = 0;
  inSystemArea = 0;
  busy = 0;
  busyArea = 0;
  lastT = 0;

  constructor(
    readonly workers: number,
    readonly hist: Histogram,
  ) {}

  touch(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      this.inSystemArea += this.inSystem * dt;
      this.busyArea += this.busy * dt;
      this.lastT = now;
    }
  }
}

/**
 * A caller's policy layer: per-attempt timeout, retries and circuit breakers for each target. A service's own
 * policy (the application) wraps its sidecar's (the mesh) through `inner`, so their retries multiply.
 */
export interface PolicyRt {
  id: number;
  /** Node index of the caller (a client, a service, or a sidecar): names its breakers in the report. */
  owner: number;
  timeoutMs: number;
  timers: TimerQueue | null;
  retry: RetryPolicyRt | null;
  breakerCfg: ResolvedBreaker | null;
  /** Breakers by target node index (made on first use). */
  breakers: (CircuitBreaker | undefined)[];
  inner: PolicyRt | null;
  /** Client-side balancing over the replicas behind each edge (sidecars), by edge index. */
  pickers: Map<number, number> | null;
  rng: Rng;
}

export interface DnsCache {
  dns: number;
  edge: number;
  expiry: Float64Array;
  answer: Int32Array;
  edgeTo: Map<number, number>;
}

export interface ClientRt {
  node: number;
  cfg: ResolvedClient;
  rng: Rng;
  /** Rate from the schedule, before surges. */
  baseRate: number;
  rate: number;
  /** Bumped when the rate changes, so the pending arrival event is ignored. */
  gen: number;
  edges: Int32Array;
  cumWeights: Float64Array;
  zipfCdf: Float64Array | null;
  policy: PolicyRt;
  dns: DnsCache | null;
  requests: number;
  succeeded: number;
  failed: number;
  attempts: number;
  failures: Float64Array;
  retriesDenied: number;
  lateAnswers: number;
  hist: Histogram;
  /** Latency of the requests finished since the last latency window was taken. */
  recent: Histogram;
}

export interface ServerRt {
  cfg: ResolvedServer;
  sampler: Sampler;
  rng: Rng;
  busy: Int32Array;
  queues: IntQueue[];
  deps: Int32Array;
  parallel: boolean;
  /** The service's own policy (wrapping its sidecar's), or the sidecar's alone, or null. */
  policy: PolicyRt | null;
  inbound: TokenBucket | null;
}

export interface BalancerRt {
  processingMs: number;
  picker: number;
  layer4: boolean;
  sticky: Map<number, number>;
}

export interface DnsRt {
  cfg: ResolvedDns;
  /** Target node indices, in edge order. */
  targets: Int32Array;
  edges: Int32Array;
  weights: Float64Array;
  healthy: Uint8Array;
  rr: number;
  rng: Rng;
}

export interface CacheRt {
  cfg: ResolvedCache & { coalesce: boolean };
  store: LruTtlCache;
  origins: Int32Array;
  rr: number;
  /** Misses waiting for an origin call already under way, by key. */
  pending: Map<number, number[]>;
  hits: number;
  misses: number;
}

export interface QueueRt {
  cfg: ResolvedQueue;
  held: IntQueue;
  stored: number;
  inDelivery: number;
  consumers: Int32Array;
  rr: number;
  deadLetters: number;
}

/** Health checking of one target by a load balancer or a DNS node. */
export interface HealthCheckRt {
  key: string;
  checker: number;
  edge: number;
  replica: number;
  cfg: ResolvedHealthCheck;
  /** The balancer's picker index and target, or -1 and the DNS target index. */
  picker: number;
  target: number;
  fails: number;
  succs: number;
  up: boolean;
  seq: number;
  sentAt: number;
  down: { atMs: number }[];
  upAt: { atMs: number }[];
}

export interface PickerRt {
  picker: TargetPicker;
  /** Node index of the detector (a balancer or a sidecar), for the report. */
  owner: number;
  names: string[];
  outlier: ResolvedOutlier | null;
  ejections: { target: number; atMs: number; untilMs: number }[];
}
