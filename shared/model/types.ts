/**
 * The Backpressure topology document, version 1 (see the model contract).
 *
 * All times are milliseconds, all rates are per second, all sizes are bytes. Every `params` field is optional in
 * a document; `resolve*` functions in `defaults.ts` fill in the defaults.
 */

/** The current document version. Older documents are migrated on load (see `migrate.ts`). */
export const DOCUMENT_VERSION = 1;
export const DOCUMENT_FORMAT = 'backpressure.topology';

export const NODE_KINDS = [
  'client',
  'dns',
  'cdn',
  'loadBalancer',
  'service',
  'database',
  'cache',
  'queue',
  'sidecar',
  'region',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const PROTOCOLS = ['http1.1', 'http2', 'http3', 'grpc', 'websocket', 'tcp', 'udp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const TLS_VERSIONS = ['none', 'tls1.2', 'tls1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export const LB_STRATEGIES = [
  'roundRobin',
  'random',
  'leastConnections',
  'powerOfTwo',
  'ipHash',
  'consistentHash',
  'weighted',
] as const;
export type LbStrategy = (typeof LB_STRATEGIES)[number];

export const DNS_POLICIES = ['roundRobin', 'failover', 'latency', 'weighted'] as const;
export type DnsPolicy = (typeof DNS_POLICIES)[number];

export const JITTER_MODES = ['none', 'full', 'equal', 'decorrelated', 'immediate'] as const;
export type JitterMode = (typeof JITTER_MODES)[number];

/** Outcomes a caller may retry on or count as a failure. */
export const RETRYABLE_OUTCOMES = ['error', 'timeout', 'rejected', 'unavailable'] as const;
export type RetryableOutcome = (typeof RETRYABLE_OUTCOMES)[number];

export const REGION_PRESETS = {
  'us-east': { lat: 38.9, lon: -77.0 },
  'us-west': { lat: 37.4, lon: -122.1 },
  'sa-east': { lat: -23.5, lon: -46.6 },
  'eu-west': { lat: 53.3, lon: -6.3 },
  'eu-central': { lat: 50.1, lon: 8.7 },
  'ap-south': { lat: 19.1, lon: 72.9 },
  'ap-northeast': { lat: 35.7, lon: 139.7 },
  'ap-southeast': { lat: -33.9, lon: 151.2 },
  'af-south': { lat: -33.9, lon: 18.4 },
} as const satisfies Record<string, { lat: number; lon: number }>;
export type RegionPreset = keyof typeof REGION_PRESETS;

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A service-time (or similar) distribution. `normal` is clamped at 0. */
export type Distribution =
  | { dist: 'constant'; meanMs: number }
  | { dist: 'exponential'; meanMs: number }
  | { dist: 'uniform'; minMs: number; maxMs: number }
  | { dist: 'lognormal'; meanMs: number; p99Ms: number }
  | { dist: 'normal'; meanMs: number; stdMs: number };
export type DistributionKind = Distribution['dist'];

export interface Backoff {
  baseMs?: number;
  capMs?: number;
  multiplier?: number;
  jitter?: JitterMode;
}

export interface RetryBudget {
  ratio?: number;
  minPerSec?: number;
}

export interface RetryPolicy {
  maxAttempts?: number;
  backoff?: Backoff;
  retryOn?: RetryableOutcome[];
  budget?: RetryBudget;
}

export interface CircuitBreakerPolicy {
  failureRateThreshold?: number;
  slowCallRateThreshold?: number;
  slowCallDurationMs?: number;
  windowType?: 'count' | 'time';
  windowSize?: number;
  minimumCalls?: number;
  openMs?: number;
  halfOpenCalls?: number;
}

export interface RateLimitPolicy {
  ratePerSec?: number;
  burst?: number;
}

export interface HealthCheckPolicy {
  intervalMs?: number;
  timeoutMs?: number;
  unhealthyThreshold?: number;
  healthyThreshold?: number;
  failOpen?: boolean;
}

export interface OutlierDetectionPolicy {
  consecutiveErrors?: number;
  intervalMs?: number;
  baseEjectionMs?: number;
  maxEjectionPercent?: number;
}

export interface KeySpace {
  count?: number;
  distribution?: 'uniform' | 'zipf';
  zipfS?: number;
}

export interface RateStep {
  atMs: number;
  rate: number;
}

export interface ClientParams {
  rate?: number;
  arrival?: 'poisson' | 'uniform';
  users?: number;
  keys?: KeySpace;
  requestBytes?: number;
  responseBytes?: number;
  /** Per attempt; 0 means no timeout. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  rateSchedule?: RateStep[];
}

export interface DnsParams {
  ttlMs?: number;
  policy?: DnsPolicy;
  lookupMs?: number;
  healthCheck?: HealthCheckPolicy;
}

export interface CdnParams {
  capacity?: number;
  ttlMs?: number;
  hitMs?: number;
  coalesce?: boolean;
}

export interface LoadBalancerParams {
  strategy?: LbStrategy;
  layer?: 4 | 7;
  vnodes?: number;
  processingMs?: number;
  healthCheck?: HealthCheckPolicy;
  outlierDetection?: OutlierDetectionPolicy;
}

export interface ServiceParams {
  replicas?: number;
  concurrency?: number;
  queueCapacity?: number;
  serviceTime?: Distribution;
  errorRate?: number;
  calls?: 'sequential' | 'parallel';
  timeoutMs?: number;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
}

export interface DatabaseParams {
  replicas?: number;
  concurrency?: number;
  queueCapacity?: number;
  serviceTime?: Distribution;
  errorRate?: number;
}

export interface CacheParams {
  capacity?: number;
  ttlMs?: number;
  hitMs?: number;
}

export interface QueueParams {
  capacity?: number;
  enqueueMs?: number;
  consumers?: number;
}

export interface SidecarParams {
  attachedTo?: string;
  processingMs?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  outlierDetection?: OutlierDetectionPolicy;
  rateLimit?: RateLimitPolicy;
  mtls?: boolean;
  lbStrategy?: LbStrategy;
}

export interface RegionParams {
  location?: RegionPreset;
  lat?: number;
  lon?: number;
  size?: Size;
}

export interface NodeParamsByKind {
  client: ClientParams;
  dns: DnsParams;
  cdn: CdnParams;
  loadBalancer: LoadBalancerParams;
  service: ServiceParams;
  database: DatabaseParams;
  cache: CacheParams;
  queue: QueueParams;
  sidecar: SidecarParams;
  region: RegionParams;
}

interface NodeBase<K extends NodeKind> {
  id: string;
  kind: K;
  label?: string;
  position: Point;
  /** Id of the `region` node that contains this node. */
  parent?: string;
  params: NodeParamsByKind[K];
}

/** A node of any kind; narrow on `kind` to get its params type. */
export type TopologyNode = { [K in NodeKind]: NodeBase<K> }[NodeKind];
export type NodeOfKind<K extends NodeKind> = NodeBase<K>;

export interface EdgeParams {
  /** One-way propagation delay; derived from regions when absent. */
  latencyMs?: number;
  jitterMs?: number;
  lossRate?: number;
  bandwidthMbps?: number;
  protocol?: Protocol;
  tls?: TlsVersion;
  keepAlive?: boolean;
  probability?: number;
  weight?: number;
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  params: EdgeParams;
}

interface FaultBase {
  id: string;
  atMs: number;
  untilMs?: number;
}

export interface PartitionFault extends FaultBase {
  kind: 'partition';
  sides: [string[], string[]];
  oneWay?: boolean;
}
export interface CutFault extends FaultBase {
  kind: 'cut';
  edges: string[];
  oneWay?: boolean;
}
export interface CrashFault extends FaultBase {
  kind: 'crash';
  node: string;
  replica?: number;
  mode?: 'refuse' | 'blackhole';
}
export interface SlowFault extends FaultBase {
  kind: 'slow';
  node: string;
  factor: number;
}
export interface ErrorsFault extends FaultBase {
  kind: 'errors';
  node: string;
  errorRate: number;
}
export interface DegradeFault extends FaultBase {
  kind: 'degrade';
  edge: string;
  addLatencyMs?: number;
  lossRate?: number;
}
export interface SurgeFault extends FaultBase {
  kind: 'surge';
  node: string;
  factor: number;
}

export type Fault = PartitionFault | CutFault | CrashFault | SlowFault | ErrorsFault | DegradeFault | SurgeFault;
export type FaultKind = Fault['kind'];
export const FAULT_KINDS = ['partition', 'cut', 'crash', 'slow', 'errors', 'degrade', 'surge'] as const;

/** A sticky note on the canvas. */
export interface Note {
  id: string;
  text: string;
  position: Point;
  size?: Size;
  color?: string;
}

export interface SimulationSettings {
  seed?: number;
  durationMs?: number;
}

export interface TopologyDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  name: string;
  description?: string;
  simulation: SimulationSettings;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  faults: Fault[];
  notes: Note[];
  /** Unknown top-level fields are preserved on save. */
  [extra: string]: unknown;
}
