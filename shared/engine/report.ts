import type { LatencySummary } from './histogram.js';

/** Failure counts of a client's requests, by final reason. */
export interface FailureCounts {
  error: number;
  timeout: number;
  rejected: number;
  unavailable: number;
  circuitOpen: number;
}

export interface ClientReport {
  requests: number;
  succeeded: number;
  failed: number;
  inFlight: number;
  attempts: number;
  failures: FailureCounts;
  retriesDenied: number;
  /** Answers that arrived after the attempt had timed out; they are discarded. */
  lateAnswers: number;
  latencyMs: LatencySummary;
}

export interface NodeReport {
  arrivals: number;
  ok: number;
  errors: number;
  rejected: number;
  utilization: number;
  meanInSystem: number;
  latencyMs: LatencySummary;
}

export interface EdgeReport {
  messages: number;
  lost: number;
  bytes: number;
}

export interface BreakerTransition {
  atMs: number;
  from: 'closed' | 'open' | 'halfOpen';
  to: 'closed' | 'open' | 'halfOpen';
}

export interface BreakerReport {
  transitions: BreakerTransition[];
  refused: number;
}

export interface CacheReport {
  hits: number;
  misses: number;
  hitRatio: number;
}

export interface HealthReport {
  down: { atMs: number }[];
  up: { atMs: number }[];
}

/** Outlier ejections of one target by a balancer or a sidecar. */
export interface OutlierReport {
  ejections: { atMs: number; untilMs: number }[];
}

/** The run report of MODEL §7: a pure function of (document, seed, duration). */
export interface Report {
  format: 'backpressure.report';
  version: 1;
  seed: number;
  durationMs: number;
  events: number;
  clients: Record<string, ClientReport>;
  nodes: Record<string, NodeReport>;
  edges: Record<string, EdgeReport>;
  breakers: Record<string, BreakerReport>;
  caches: Record<string, CacheReport>;
  health: Record<string, HealthReport>;
  /** Outlier ejections, for balancers and sidecars with outlier detection. */
  outliers: Record<string, OutlierReport>;
}
