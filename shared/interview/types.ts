/**
 * Types of interview practice mode: prompts, phases, estimation, capacity, rubric, chaos drill and score card.
 * Pure data; the functions that produce them live next to this file and are re-exported by `index.ts`.
 */
import type { Report } from '../engine/report.js';
import type { Fault, NodeKind, TopologyDocument } from '../model/types.js';

/** The five phases of a system-design interview, in order. */
export type PhaseId = 'requirements' | 'estimation' | 'highLevel' | 'deepDive' | 'wrapUp';

export interface Phase {
  id: PhaseId;
  title: string;
  /** Fraction of the session (the shares of all phases add up to 1). */
  share: number;
  /** The gentle nudge shown when the phase starts. */
  prompt: string;
}

/** Where a session stands on its clock. */
export interface PhasePosition {
  phase: Phase;
  index: number;
  /** Start and end of the phase, ms from the start of the session. */
  startMs: number;
  endMs: number;
  remainingInPhaseMs: number;
  /** Remaining in the whole session (0 once over time). */
  remainingMs: number;
  /** True once the session has run past its length (the phase is then the last one). */
  overtime: boolean;
}

export const RUBRIC_IDS = [
  'noSinglePointOfFailure',
  'multiRegion',
  'cdnForStatic',
  'timeouts',
  'retriesWithJitterAndBudget',
  'breakers',
  'healthChecks',
  'dnsTtl',
  'capacityHeadroom',
  'cacheForHotReads',
  'queueForAsyncWork',
] as const;
export type RubricId = (typeof RUBRIC_IDS)[number];

export interface RubricRule {
  id: RubricId;
  title: string;
  /** One to three sentences: the reasoning an interviewer wants to hear. */
  why: string;
}

export type RubricStatus = 'pass' | 'fail' | 'notApplicable';

export interface RubricResult {
  id: RubricId;
  title: string;
  why: string;
  status: RubricStatus;
  /** What is right or wrong, naming nodes by their labels. */
  detail: string;
  /** Ids of the nodes the result concerns (what to highlight on the canvas). */
  nodes: string[];
  /** Ids of the edges the result concerns. */
  edges: string[];
}

/** The scale figures of a prompt, for back-of-envelope estimation. */
export interface EstimationInputs {
  dailyActiveUsers: number;
  requestsPerUserPerDay: number;
  /** Reads per write (e.g. 100 for a URL shortener: 100 redirects per link created). */
  readWriteRatio: number;
  requestBytes: number;
  responseBytes: number;
  /** Bytes stored per write (0 when nothing is kept). */
  storedBytesPerWrite: number;
  retentionYears: number;
  /** Peak traffic over the daily average (2-3 for most consumer products, 10+ for flash sales). */
  peakToAverage: number;
  /**
   * Share of the requests reaching a cache or CDN that it answers without calling its origin (0 when absent):
   * what the capacity check assumes for each cache layer.
   */
  cacheHitRatio?: number;
}

export interface Estimate {
  averageRps: number;
  peakRps: number;
  /** Peak reads and writes per second. */
  readRps: number;
  writeRps: number;
  /** At peak. */
  ingressBytesPerSecond: number;
  egressBytesPerSecond: number;
  /** Over the retention period, before replication. */
  storageBytes: number;
  /** Peak requests per second that get past one cache layer (all of them when `cacheHitRatio` is absent). */
  originRps: number;
  /** One line per step of the arithmetic. */
  explanation: string[];
}

export interface NodeCapacity {
  nodeId: string;
  /** `service`, `database`, or `queue` (whose consumers are its workers). */
  kind: NodeKind;
  label: string;
  /** 1 for a queue. */
  replicas: number;
  /** Workers per replica; a queue's consumers (deliveries in flight). */
  concurrency: number;
  /**
   * Mean service time of one request (ms), from the node's service-time distribution; for a queue, the mean time
   * one delivery takes (round trip to a consumer and its answer).
   */
  serviceTimeMs: number;
  /** replicas x concurrency / mean service time, in requests per second. */
  maxRps: number;
  /** Requests reaching this node per client request (0 when no client reaches it). */
  visits: number;
  /** The total client rate at which this node saturates: maxRps / visits (Infinity when unreached). */
  limitRps: number;
}

/** A link whose HTTP/1.1 connection pool limits throughput (HTTP/2, gRPC and HTTP/3 multiplex and have none). */
export interface LinkCapacity {
  edgeId: string;
  /** `source -> target`, by labels. */
  label: string;
  /** 6 per caller instance and target instance. */
  connections: number;
  /** Mean time a request holds a connection: round trip plus the target's answer time, without queueing (ms). */
  holdMs: number;
  maxRps: number;
  visits: number;
  limitRps: number;
}

export interface Capacity {
  /** Every node with a worker pool (services, databases, queues with consumers), in document order. */
  nodes: NodeCapacity[];
  /** HTTP/1.1 links on the request path, in document order. */
  links: LinkCapacity[];
  /**
   * The total client rate at which the first worker pool on a request path saturates (Infinity when no client
   * reaches a worker pool), with the clients' traffic split as their rates are.
   */
  pathMaxRps: number;
  /** Id of the node that sets `pathMaxRps` (the calling node when a link sets it). */
  bottleneck?: string;
  /** Id of the edge that sets `pathMaxRps`, when a link's connection pool does. */
  bottleneckEdge?: string;
  /** pathMaxRps / peakRps. */
  headroom(peakRps: number): number;
}

/** What an interviewer says during a drill; resolved against the user's design by `resolveDrill`. */
export type DrillStep =
  /** Crash the region (or zone) that holds the most request-path nodes. */
  | { kind: 'crashRegion'; atS: number; forS: number; say: string }
  /** Cut the region holding the most request-path nodes off from the others. */
  | { kind: 'partitionRegions'; atS: number; forS: number; say: string }
  /** Multiply the service time of every database by `factor`. */
  | { kind: 'slowDatabase'; atS: number; forS: number; factor: number; say: string }
  /** Multiply every client's rate by `factor`. */
  | { kind: 'surge'; atS: number; forS: number; factor: number; say: string }
  /** Crash the first node of that kind on the request path. */
  | {
      kind: 'crashNode';
      atS: number;
      forS: number;
      target: 'database' | 'cache' | 'loadBalancer' | 'service';
      say: string;
    };
export type DrillStepKind = DrillStep['kind'];

export interface DrillFault {
  step: DrillStep;
  /** The fault as the document stores it (MODEL §5). */
  fault: Fault;
  /** Ids of the nodes the fault hits (what to highlight on the canvas). */
  concerns: string[];
  /** What happens, naming nodes by their labels. */
  description: string;
}

export interface SkippedDrillStep {
  step: DrillStep;
  /** Why the design has nothing for this step to hit. */
  reason: string;
}

export interface ResolvedDrill {
  faults: DrillFault[];
  skipped: SkippedDrillStep[];
}

export interface BrokenNode {
  nodeId: string;
  label: string;
  why: string;
}

/** Succeeded and failed client requests in one second of the drill. */
export interface DrillSecond {
  atMs: number;
  succeeded: number;
  failed: number;
}

export interface DrillResult {
  seed: number;
  durationMs: number;
  faults: DrillFault[];
  skipped: SkippedDrillStep[];
  /** Requests per second the drill offered at its start: the prompt's peak, scaled (see `loadScale`). */
  offeredRps: number;
  /**
   * The design is run as a scale model when the prompt's peak is too large to simulate quickly: client rates,
   * worker pools, key spaces and rate limits are multiplied by this factor (1 = full size), which keeps every
   * node's utilisation.
   */
  loadScale: number;
  /** Succeeded / sent over all clients; requests still stuck after the drain count as failed (0 when none sent). */
  availability: number;
  /** Worst client p99 over succeeded requests (ms). */
  p99Ms: number;
  meetsAvailability: boolean;
  meetsP99: boolean;
  brokenNodes: BrokenNode[];
  /** Per simulated second, for a chart. */
  timeline: DrillSecond[];
  /** The report of the whole run, drain included. */
  report: Report;
  /** 0..100 from availability and p99 against the prompt's targets. */
  score: number;
  /**
   * The document exactly as the drill ran it: scaled, clients stopping at the end, the drill's faults, the seed and
   * the duration (drill plus drain). Running it with the same seed reproduces `report`.
   */
  document: TopologyDocument;
}

export interface InterviewPrompt {
  id: string;
  title: string;
  summary: string;
  difficulty: 'easy' | 'medium' | 'hard';
  requirements: { functional: string[]; nonFunctional: string[] };
  /** The scale figures. */
  estimation: EstimationInputs;
  hints: string[];
  /** The rubric items that apply to this prompt. */
  rubric: RubricId[];
  /** Regions (or zones) the design needs; 1 means one region is fine. */
  regions: number;
  /** The failover time the prompt asks for, in seconds: what the DNS TTL rule checks against. */
  failoverSeconds?: number;
  targets: { availability: number; p99Ms: number };
  /** The prompt's faults, by selector (resolved against the user's design). */
  drill: DrillStep[];
}

/** One entry of `assets/interview/index.json`. */
export interface PromptIndexEntry {
  file: string;
  id: string;
  title: string;
  summary: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
}

export interface ScoreCard {
  promptId: string;
  title: string;
  lengthMs: number;
  elapsedMs: number;
  rubric: RubricResult[];
  drill: DrillResult | null;
  notes: string;
  /** 0..100. */
  score: number;
  /** What went right and what went wrong, in sentences. */
  summary: string[];
}

export interface ScoreCardInput {
  prompt: InterviewPrompt;
  doc: TopologyDocument;
  rubric: RubricResult[];
  drill: DrillResult | null;
  notes: string;
  lengthMs: number;
  elapsedMs: number;
}

/** A section for the HTML and Markdown reports (their builders take `extraSections`). */
export interface ReportSection {
  title: string;
  html: string;
  markdown: string;
}
