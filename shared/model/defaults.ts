import type {
  Backoff,
  CdnParams,
  CircuitBreakerPolicy,
  ClientParams,
  DatabaseParams,
  Distribution,
  DnsParams,
  EdgeParams,
  HealthCheckPolicy,
  LbStrategy,
  LoadBalancerParams,
  OutlierDetectionPolicy,
  QueueParams,
  RateLimitPolicy,
  RateStep,
  RetryableOutcome,
  RetryPolicy,
  ServiceParams,
  SidecarParams,
  CacheParams,
  DnsPolicy,
  JitterMode,
  Protocol,
  TlsVersion,
} from './types.js';

/** Default simulation settings when a document's `simulation` leaves them out. */
export const DEFAULT_SEED = 1;
export const DEFAULT_DURATION_MS = 60_000;

export interface ResolvedBackoff {
  baseMs: number;
  capMs: number;
  multiplier: number;
  jitter: JitterMode;
}
export interface ResolvedRetry {
  maxAttempts: number;
  backoff: ResolvedBackoff;
  retryOn: RetryableOutcome[];
  /** Present only when the policy sets a budget. */
  budget: { ratio: number; minPerSec: number } | null;
}
export type ResolvedBreaker = Required<CircuitBreakerPolicy>;
export type ResolvedRateLimit = Required<RateLimitPolicy>;
export type ResolvedHealthCheck = Required<HealthCheckPolicy>;
export type ResolvedOutlier = Required<OutlierDetectionPolicy>;

export const DEFAULT_BACKOFF: ResolvedBackoff = { baseMs: 25, capMs: 250, multiplier: 2, jitter: 'full' };
export const DEFAULT_RETRY_ON: RetryableOutcome[] = ['error', 'timeout', 'rejected', 'unavailable'];
export const DEFAULT_BUDGET = { ratio: 0.2, minPerSec: 10 };
export const DEFAULT_BREAKER: ResolvedBreaker = {
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDurationMs: 60_000,
  windowType: 'count',
  windowSize: 20,
  minimumCalls: 10,
  openMs: 5000,
  halfOpenCalls: 3,
};
export const DEFAULT_RATE_LIMIT: ResolvedRateLimit = { ratePerSec: 100, burst: 20 };
export const DEFAULT_HEALTH_CHECK: ResolvedHealthCheck = {
  intervalMs: 5000,
  timeoutMs: 1000,
  unhealthyThreshold: 3,
  healthyThreshold: 2,
  failOpen: true,
};
export const DEFAULT_OUTLIER: ResolvedOutlier = {
  consecutiveErrors: 5,
  intervalMs: 10_000,
  baseEjectionMs: 30_000,
  maxEjectionPercent: 10,
};

/** Fills a retry policy's missing fields; `undefined` (no policy) stays `null`. */
export function resolveRetry(p: RetryPolicy | undefined): ResolvedRetry | null {
  if (!p) return null;
  const b: Backoff = p.backoff ?? {};
  return {
    maxAttempts: p.maxAttempts ?? 3,
    backoff: {
      baseMs: b.baseMs ?? DEFAULT_BACKOFF.baseMs,
      capMs: b.capMs ?? DEFAULT_BACKOFF.capMs,
      multiplier: b.multiplier ?? DEFAULT_BACKOFF.multiplier,
      jitter: b.jitter ?? DEFAULT_BACKOFF.jitter,
    },
    retryOn: p.retryOn ? [...p.retryOn] : [...DEFAULT_RETRY_ON],
    budget: p.budget
      ? { ratio: p.budget.ratio ?? DEFAULT_BUDGET.ratio, minPerSec: p.budget.minPerSec ?? DEFAULT_BUDGET.minPerSec }
      : null,
  };
}

export function resolveBreaker(p: CircuitBreakerPolicy | undefined): ResolvedBreaker | null {
  return p ? { ...DEFAULT_BREAKER, ...p } : null;
}
export function resolveRateLimit(p: RateLimitPolicy | undefined): ResolvedRateLimit | null {
  return p ? { ...DEFAULT_RATE_LIMIT, ...p } : null;
}
export function resolveHealthCheck(p: HealthCheckPolicy | undefined): ResolvedHealthCheck | null {
  return p ? { ...DEFAULT_HEALTH_CHECK, ...p } : null;
}
export function resolveOutlier(p: OutlierDetectionPolicy | undefined): ResolvedOutlier | null {
  return p ? { ...DEFAULT_OUTLIER, ...p } : null;
}

export interface ResolvedClient {
  rate: number;
  arrival: 'poisson' | 'uniform';
  users: number;
  keys: { count: number; distribution: 'uniform' | 'zipf'; zipfS: number };
  requestBytes: number;
  responseBytes: number;
  timeoutMs: number;
  retry: ResolvedRetry | null;
  circuitBreaker: ResolvedBreaker | null;
  rateSchedule: RateStep[];
}
export function resolveClient(p: ClientParams): ResolvedClient {
  return {
    rate: p.rate ?? 10,
    arrival: p.arrival ?? 'poisson',
    users: p.users ?? 100,
    keys: {
      count: p.keys?.count ?? 1000,
      distribution: p.keys?.distribution ?? 'uniform',
      zipfS: p.keys?.zipfS ?? 1.0,
    },
    requestBytes: p.requestBytes ?? 1000,
    responseBytes: p.responseBytes ?? 10_000,
    timeoutMs: p.timeoutMs ?? 10_000,
    retry: resolveRetry(p.retry),
    circuitBreaker: resolveBreaker(p.circuitBreaker),
    rateSchedule: (p.rateSchedule ?? []).map((s) => ({ atMs: s.atMs, rate: s.rate })),
  };
}

export interface ResolvedDns {
  ttlMs: number;
  policy: DnsPolicy;
  lookupMs: number;
  healthCheck: ResolvedHealthCheck | null;
}
export function resolveDns(p: DnsParams): ResolvedDns {
  return {
    ttlMs: p.ttlMs ?? 60_000,
    policy: p.policy ?? 'roundRobin',
    lookupMs: p.lookupMs ?? 30,
    healthCheck: resolveHealthCheck(p.healthCheck),
  };
}

export type ResolvedCdn = Required<CdnParams>;
export function resolveCdn(p: CdnParams): ResolvedCdn {
  return {
    capacity: p.capacity ?? 10_000,
    ttlMs: p.ttlMs ?? 60_000,
    hitMs: p.hitMs ?? 1,
    coalesce: p.coalesce ?? true,
  };
}

export interface ResolvedLoadBalancer {
  strategy: LbStrategy;
  layer: 4 | 7;
  vnodes: number;
  processingMs: number;
  healthCheck: ResolvedHealthCheck | null;
  outlierDetection: ResolvedOutlier | null;
}
export function resolveLoadBalancer(p: LoadBalancerParams): ResolvedLoadBalancer {
  return {
    strategy: p.strategy ?? 'roundRobin',
    layer: p.layer ?? 7,
    vnodes: p.vnodes ?? 100,
    processingMs: p.processingMs ?? 0.1,
    healthCheck: resolveHealthCheck(p.healthCheck),
    outlierDetection: resolveOutlier(p.outlierDetection),
  };
}

/** A service or a database: both are pools of workers in front of a FIFO queue. */
export interface ResolvedServer {
  replicas: number;
  concurrency: number;
  queueCapacity: number;
  serviceTime: Distribution;
  errorRate: number;
  calls: 'sequential' | 'parallel';
  timeoutMs: number;
  retry: ResolvedRetry | null;
  circuitBreaker: ResolvedBreaker | null;
}
export function resolveService(p: ServiceParams): ResolvedServer {
  return {
    replicas: p.replicas ?? 1,
    concurrency: p.concurrency ?? 8,
    queueCapacity: p.queueCapacity ?? 100,
    serviceTime: p.serviceTime ?? { dist: 'exponential', meanMs: 20 },
    errorRate: p.errorRate ?? 0,
    calls: p.calls ?? 'sequential',
    timeoutMs: p.timeoutMs ?? 0,
    retry: resolveRetry(p.retry),
    circuitBreaker: resolveBreaker(p.circuitBreaker),
  };
}
export function resolveDatabase(p: DatabaseParams): ResolvedServer {
  return {
    replicas: p.replicas ?? 1,
    concurrency: p.concurrency ?? 50,
    queueCapacity: p.queueCapacity ?? 1000,
    serviceTime: p.serviceTime ?? { dist: 'exponential', meanMs: 5 },
    errorRate: p.errorRate ?? 0,
    calls: 'sequential',
    timeoutMs: 0,
    retry: null,
    circuitBreaker: null,
  };
}

export type ResolvedCache = Required<CacheParams>;
export function resolveCache(p: CacheParams): ResolvedCache {
  return { capacity: p.capacity ?? 10_000, ttlMs: p.ttlMs ?? 300_000, hitMs: p.hitMs ?? 0.5 };
}

export type ResolvedQueue = Required<QueueParams>;
export function resolveQueue(p: QueueParams): ResolvedQueue {
  return { capacity: p.capacity ?? 100_000, enqueueMs: p.enqueueMs ?? 1, consumers: p.consumers ?? 4 };
}

export interface ResolvedSidecar {
  attachedTo: string;
  processingMs: number;
  timeoutMs: number;
  retry: ResolvedRetry | null;
  circuitBreaker: ResolvedBreaker | null;
  outlierDetection: ResolvedOutlier | null;
  rateLimit: ResolvedRateLimit | null;
  mtls: boolean;
  lbStrategy: LbStrategy;
}
export function resolveSidecar(p: SidecarParams): ResolvedSidecar {
  return {
    attachedTo: p.attachedTo ?? '',
    processingMs: p.processingMs ?? 0.2,
    timeoutMs: p.timeoutMs ?? 0,
    retry: resolveRetry(p.retry),
    circuitBreaker: resolveBreaker(p.circuitBreaker),
    outlierDetection: resolveOutlier(p.outlierDetection),
    rateLimit: resolveRateLimit(p.rateLimit),
    mtls: p.mtls ?? false,
    lbStrategy: p.lbStrategy ?? 'roundRobin',
  };
}

/** Edge parameters with defaults; `latencyMs` is `null` when it is to be derived from regions. */
export interface ResolvedEdge {
  latencyMs: number | null;
  jitterMs: number;
  lossRate: number;
  bandwidthMbps: number;
  protocol: Protocol;
  tls: TlsVersion;
  keepAlive: boolean;
  probability: number;
  weight: number;
}
export function resolveEdge(p: EdgeParams): ResolvedEdge {
  return {
    latencyMs: p.latencyMs ?? null,
    jitterMs: p.jitterMs ?? 0,
    lossRate: p.lossRate ?? 0,
    bandwidthMbps: p.bandwidthMbps ?? 1000,
    protocol: p.protocol ?? 'http1.1',
    tls: p.tls ?? 'none',
    keepAlive: p.keepAlive ?? true,
    probability: p.probability ?? 1,
    weight: p.weight ?? 1,
  };
}
