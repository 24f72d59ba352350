/**
 * Zod schemas for the version 1 topology document (see the model contract, §2, §4 and §5).
 *
 * These schemas check each field on its own (types, ranges, enums, unknown parameters) with messages written for
 * people (`must be an integer >= 1`), never zod's defaults. Checks that need the whole document (ids that must
 * exist, loops, one sidecar per service...) live in `validate.ts`; use `validateDocument` rather than these
 * schemas to check a document, since it also guards against hostile inputs (cycles, getters, huge arrays).
 */
import { z } from 'zod';
import {
  DNS_POLICIES,
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  FAULT_KINDS,
  JITTER_MODES,
  LB_STRATEGIES,
  NODE_KINDS,
  PROTOCOLS,
  REGION_PRESETS,
  RETRYABLE_OUTCOMES,
  TLS_VERSIONS,
} from './types.js';
import type {
  Backoff,
  CircuitBreakerPolicy,
  Distribution,
  EdgeParams,
  FaultKind,
  HealthCheckPolicy,
  KeySpace,
  NodeKind,
  NodeParamsByKind,
  OutlierDetectionPolicy,
  Point,
  RateLimitPolicy,
  RateStep,
  RegionPreset,
  RetryBudget,
  RetryPolicy,
  SimulationSettings,
  Size,
} from './types.js';

/** One problem found in a document: where (`nodes[3].params.concurrency`, '' for the document) and why. */
export interface Problem {
  path: string;
  message: string;
}

/** A problem whose path is still a list of keys and indexes (formatted with {@link formatPath}). */
export interface PathProblem {
  segments: readonly (string | number)[];
  message: string;
}

/** Size caps of a document, so that a hostile or broken file cannot make validation or the engine run away. */
export const DOCUMENT_LIMITS = {
  nodes: 5000,
  edges: 20_000,
  faults: 1000,
  notes: 1000,
  /** Any other array (a rate schedule, an unknown field...). */
  otherArray: 100_000,
  /** Nesting depth of objects and arrays. */
  depth: 64,
  /** Total number of values (objects, arrays, scalars) in one topology file. */
  values: 2_000_000,
} as const;

/** Ids of nodes, edges, faults and notes: 1-64 characters of `A-Za-z0-9_.-`. */
export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The largest duration a document may hold: 24 hours, in ms. */
export const MAX_DURATION_MS = 86_400_000;

/** Turns path segments into `nodes[3].params.concurrency` ('' for the document itself). */
export function formatPath(segments: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/** The message for a document whose `version` is newer than this build reads. */
export function newerVersionMessage(version: number): string {
  return `this document was written by a newer version of Backpressure (version ${version}); this one reads version ${DOCUMENT_VERSION}`;
}

/** Flattens zod issues into path problems, one per unknown key for `unrecognized_keys`. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): PathProblem[] {
  const out: PathProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ segments: [...path, key], message: issue.message });
    } else {
      out.push({ segments: path, message: issue.message });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Message helpers

/** A short description of a value for "(got ...)" in messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return v.length <= 24 ? JSON.stringify(v) : 'a string';
    case 'number':
      return String(v);
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof v}`;
  }
}

type Issue = { readonly input: unknown; readonly code?: string };

/** An error map: "required" when the value is missing, else the expectation and what was found. */
function expected(expectation: string, required = 'required'): (iss: Issue) => string {
  return (iss) => (iss.input === undefined ? required : `${expectation} (got ${describeValue(iss.input)})`);
}

function oneLineList(values: readonly (string | number)[]): string {
  return values.join(', ');
}

interface NumSpec {
  int?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  gt?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Always state the whole range, even when only one bound is broken (for [0, 1] and the like). */
  whole?: boolean;
  /** Appended to messages about the upper bound, e.g. ' (24 hours)'. */
  maxNote?: string;
  /** Message when the value is missing. */
  required?: string;
}

function rangeText(s: NumSpec): string {
  if (s.min !== undefined && s.max !== undefined) return `from ${s.min} to ${s.max}${s.maxNote ?? ''}`;
  const lo = s.gt !== undefined ? `> ${s.gt}` : s.min !== undefined ? `>= ${s.min}` : '';
  const hi = s.max !== undefined ? `<= ${s.max}${s.maxNote ?? ''}` : '';
  return [lo, hi].filter((t) => t !== '').join(' and ');
}

/** A finite number (NaN and Infinity are refused by zod 4's `z.number()`) in a range, with readable messages. */
function num(spec: NumSpec) {
  const noun = spec.int ? 'an integer' : 'a number';
  const whole = `must be ${noun} ${rangeText(spec)}`.trimEnd();
  return z.number({ error: expected(whole, spec.required) }).check((ctx) => {
    const v = ctx.value;
    let message: string | null = null;
    if (spec.int && !Number.isInteger(v)) message = `${whole} (got ${v})`;
    else if (spec.min !== undefined && v < spec.min) message = spec.whole ? whole : `must be ${noun} >= ${spec.min}`;
    else if (spec.gt !== undefined && v <= spec.gt) message = spec.whole ? whole : `must be ${noun} > ${spec.gt}`;
    else if (spec.max !== undefined && v > spec.max)
      message = spec.whole ? whole : `must be ${noun} <= ${spec.max}${spec.maxNote ?? ''}`;
    if (message !== null) ctx.issues.push({ code: 'custom', message, input: v });
  });
}

function text(opts: { min?: number; max: number; required?: string }) {
  const min = opts.min ?? 0;
  const rule = min > 0 ? `${min} to ${opts.max} characters` : `at most ${opts.max} characters`;
  return z.string({ error: expected(`must be a string of ${rule}`, opts.required) }).check((ctx) => {
    const n = ctx.value.length;
    if (n < min || n > opts.max)
      ctx.issues.push({ code: 'custom', message: `must be ${rule} long (is ${n})`, input: ctx.value });
  });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, required?: string) {
  return z.enum(values, { error: expected(`must be one of ${oneLineList(values)}`, required) });
}

function bool() {
  return z.boolean({ error: expected('must be true or false') });
}

/** An id of a node, edge, fault or note. */
export const idSchema = z
  .string({ error: expected("must be an id: 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'") })
  .regex(ID_PATTERN, { error: "must be an id: 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'" });

/** A reference to an id; whether it exists is checked against the whole document in `validate.ts`. */
function ref(what: string, required?: string) {
  const rule = `must be the id of ${what}: 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'`;
  return z.string({ error: expected(rule, required) }).check((ctx) => {
    if (!ID_PATTERN.test(ctx.value))
      ctx.issues.push({ code: 'custom', message: `${rule} (got ${describeValue(ctx.value)})`, input: ctx.value });
  });
}

/** A strict object: an unknown key is an error that lists the known ones. */
function strict<S extends z.core.$ZodLooseShape>(
  shape: S,
  what: string,
  expectation = 'must be an object',
  required = 'required',
) {
  const known = oneLineList(Object.keys(shape));
  return z.strictObject(shape, {
    error: (iss: Issue) =>
      iss.code === 'unrecognized_keys'
        ? `unknown ${what} (known: ${known})`
        : iss.input === undefined
          ? required
          : `${expectation} (got ${describeValue(iss.input)})`,
  });
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs a refinement even when some fields already failed (zod skips it otherwise), as long as it has an object. */
const ALWAYS_ON_OBJECTS = { when: (payload: { value: unknown }) => isPlainRecord(payload.value) };

function finiteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared number shapes

const duration = (required?: string) => num({ min: 0, max: MAX_DURATION_MS, maxNote: ' (24 hours)', required });
const positiveDuration = (required?: string) => num({ gt: 0, max: MAX_DURATION_MS, maxNote: ' (24 hours)', required });
const rate = () => num({ min: 0, max: 10_000_000 });
const fraction = (required?: string) => num({ min: 0, max: 1, whole: true, required });
const bytes = () => num({ int: true, min: 0, max: 1_000_000_000 });
const count = (max: number) => num({ int: true, min: 1, max });
const percent = () => num({ gt: 0, max: 100, whole: true });

/** A canvas position `{x, y}` (finite numbers). */
export const pointSchema = z.looseObject(
  { x: num({}), y: num({}) },
  { error: expected('must be a position {"x": number, "y": number}') },
);

/** A canvas size `{width, height}` (> 0). */
export const sizeSchema = z.looseObject(
  { width: num({ gt: 0, max: 1_000_000 }), height: num({ gt: 0, max: 1_000_000 }) },
  { error: expected('must be a size {"width": number, "height": number}') },
);

// ---------------------------------------------------------------------------------------------------------------
// Distributions

const distributionKinds = ['constant', 'exponential', 'uniform', 'lognormal', 'normal'] as const;

/** The largest p99 / mean ratio any lognormal distribution has: exp(z99² / 2) with z99 = 2.326. */
export const LOGNORMAL_MAX_P99_RATIO = 14.9;

/** A service-time distribution, discriminated on `dist`. */
export const distributionSchema = z.discriminatedUnion(
  'dist',
  [
    strict({ dist: z.literal('constant'), meanMs: duration() }, 'field of a constant distribution'),
    strict({ dist: z.literal('exponential'), meanMs: positiveDuration() }, 'field of an exponential distribution'),
    strict(
      { dist: z.literal('uniform'), minMs: duration(), maxMs: duration() },
      'field of a uniform distribution',
    ).superRefine((d, ctx) => {
      if (finiteNumber(d.minMs) && finiteNumber(d.maxMs) && d.maxMs < d.minMs)
        ctx.addIssue({ code: 'custom', message: `must be >= minMs (${d.minMs})`, path: ['maxMs'] });
    }, ALWAYS_ON_OBJECTS),
    strict(
      { dist: z.literal('lognormal'), meanMs: positiveDuration(), p99Ms: positiveDuration() },
      'field of a lognormal distribution',
    ).superRefine((d, ctx) => {
      if (!finiteNumber(d.meanMs) || !finiteNumber(d.p99Ms) || d.meanMs <= 0) return;
      if (d.p99Ms <= d.meanMs) {
        ctx.addIssue({ code: 'custom', message: `must be greater than meanMs (${d.meanMs})`, path: ['p99Ms'] });
      } else if (d.p99Ms / d.meanMs > LOGNORMAL_MAX_P99_RATIO) {
        ctx.addIssue({
          code: 'custom',
          message:
            `must be at most ${LOGNORMAL_MAX_P99_RATIO} x meanMs: no lognormal distribution has a mean of ` +
            `${d.meanMs} ms and a p99 of ${d.p99Ms} ms (its p99 is at most ~${LOGNORMAL_MAX_P99_RATIO} times its mean)`,
          path: ['p99Ms'],
        });
      }
    }, ALWAYS_ON_OBJECTS),
    strict({ dist: z.literal('normal'), meanMs: duration(), stdMs: duration() }, 'field of a normal distribution'),
  ],
  {
    error: (iss: Issue) => {
      if (iss.code === 'invalid_union') {
        const d = isPlainRecord(iss.input) ? iss.input.dist : undefined;
        const list = `one of ${oneLineList(distributionKinds)}`;
        return d === undefined ? `required: ${list}` : `must be ${list} (got ${describeValue(d)})`;
      }
      return `must be a distribution such as {"dist": "exponential", "meanMs": 20} (got ${describeValue(iss.input)})`;
    },
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Policies (§4)

const DEFAULT_BASE_MS = 25;
const DEFAULT_CAP_MS = 250;
const DEFAULT_HC_INTERVAL_MS = 5000;
const DEFAULT_HC_TIMEOUT_MS = 1000;

/** Retry backoff (§4); `capMs` must not be below `baseMs`, defaults included. */
export const backoffSchema = strict(
  {
    baseMs: positiveDuration().optional(),
    capMs: positiveDuration().optional(),
    multiplier: num({ min: 1, max: 1000 }).optional(),
    jitter: oneOf(JITTER_MODES).optional(),
  },
  'field of backoff',
).superRefine((b, ctx) => {
  // Compare resolved values: a base above the default cap is as contradictory as an explicit cap below it.
  const base = b.baseMs === undefined ? DEFAULT_BASE_MS : b.baseMs;
  const cap = b.capMs === undefined ? DEFAULT_CAP_MS : b.capMs;
  if (!finiteNumber(base) || !finiteNumber(cap) || cap >= base) return;
  if (b.capMs !== undefined) ctx.addIssue({ code: 'custom', message: `must be >= baseMs (${base})`, path: ['capMs'] });
  else
    ctx.addIssue({
      code: 'custom',
      message: `must be <= capMs (${DEFAULT_CAP_MS} by default); raise capMs too`,
      path: ['baseMs'],
    });
}, ALWAYS_ON_OBJECTS);

const retryOnSchema = z
  .array(
    z.enum(RETRYABLE_OUTCOMES, {
      error: (iss: Issue) =>
        iss.input === 'circuitOpen'
          ? `circuitOpen is never retried (a breaker refused the call locally; retrying would only hammer it): use ${oneLineList(RETRYABLE_OUTCOMES)}`
          : `must be one of ${oneLineList(RETRYABLE_OUTCOMES)} (got ${describeValue(iss.input)})`,
    }),
    { error: expected(`must be a list of outcomes (${oneLineList(RETRYABLE_OUTCOMES)})`) },
  )
  .check((ctx) => {
    if (ctx.value.length === 0)
      ctx.issues.push({
        code: 'custom',
        message: 'must list at least one outcome (leave retry out to never retry)',
        input: ctx.value,
      });
  });

/** Retry budget (§4). */
export const retryBudgetSchema = strict(
  { ratio: num({ min: 0, max: 10 }).optional(), minPerSec: num({ min: 0, max: 10_000_000 }).optional() },
  'field of budget',
);

/** Retry policy (§4). `circuitOpen` is never retryable. */
export const retrySchema = strict(
  {
    maxAttempts: num({ int: true, min: 1, max: 100 }).optional(),
    backoff: backoffSchema.optional(),
    retryOn: retryOnSchema.optional(),
    budget: retryBudgetSchema.optional(),
  },
  'field of retry',
);

/** Circuit breaker (§4, resilience4j semantics). */
export const circuitBreakerSchema = strict(
  {
    failureRateThreshold: percent().optional(),
    slowCallRateThreshold: percent().optional(),
    slowCallDurationMs: positiveDuration().optional(),
    windowType: oneOf(['count', 'time']).optional(),
    windowSize: count(1_000_000).optional(),
    minimumCalls: count(1_000_000).optional(),
    openMs: positiveDuration().optional(),
    halfOpenCalls: count(1_000_000).optional(),
  },
  'field of circuitBreaker',
);

/** Token-bucket rate limit (§4). */
export const rateLimitSchema = strict(
  { ratePerSec: num({ gt: 0, max: 10_000_000 }).optional(), burst: count(1_000_000_000).optional() },
  'field of rateLimit',
);

/** Health check (§4); a probe must time out before the next one, defaults included. */
export const healthCheckSchema = strict(
  {
    intervalMs: positiveDuration().optional(),
    timeoutMs: positiveDuration().optional(),
    unhealthyThreshold: count(1_000_000).optional(),
    healthyThreshold: count(1_000_000).optional(),
    failOpen: bool().optional(),
  },
  'field of healthCheck',
).superRefine((h, ctx) => {
  const interval = h.intervalMs === undefined ? DEFAULT_HC_INTERVAL_MS : h.intervalMs;
  const timeout = h.timeoutMs === undefined ? DEFAULT_HC_TIMEOUT_MS : h.timeoutMs;
  if (!finiteNumber(interval) || !finiteNumber(timeout) || timeout < interval) return;
  const why = 'a probe must time out before the next one is sent';
  if (h.timeoutMs !== undefined)
    ctx.addIssue({
      code: 'custom',
      message: `must be less than intervalMs (${interval}): ${why}`,
      path: ['timeoutMs'],
    });
  else
    ctx.addIssue({
      code: 'custom',
      message: `must be greater than timeoutMs (${DEFAULT_HC_TIMEOUT_MS} by default): ${why}; set timeoutMs too`,
      path: ['intervalMs'],
    });
}, ALWAYS_ON_OBJECTS);

/** Outlier detection (§4, Envoy semantics). */
export const outlierDetectionSchema = strict(
  {
    consecutiveErrors: count(1_000_000).optional(),
    intervalMs: positiveDuration().optional(),
    baseEjectionMs: positiveDuration().optional(),
    maxEjectionPercent: num({ min: 0, max: 100, whole: true }).optional(),
  },
  'field of outlierDetection',
);

// ---------------------------------------------------------------------------------------------------------------
// Node params (§2), strict per kind

/** A client's key space (`keys`). */
export const keySpaceSchema = strict(
  {
    count: count(10_000_000).optional(),
    distribution: oneOf(['uniform', 'zipf']).optional(),
    zipfS: num({ gt: 0, max: 10 }).optional(),
  },
  'field of keys',
);

const rateStepSchema = strict({ atMs: duration(), rate: rate() }, 'field of a rate step', 'must be {"atMs", "rate"}');

/** A client's rate schedule: `{atMs, rate}` steps with strictly increasing `atMs`. */
export const rateScheduleSchema = z
  .array(rateStepSchema, { error: expected('must be a list of {"atMs", "rate"} steps') })
  .superRefine((steps, ctx) => {
    for (let i = 1; i < steps.length; i++) {
      const prev = steps[i - 1]?.atMs;
      const cur = steps[i]?.atMs;
      if (finiteNumber(prev) && finiteNumber(cur) && cur <= prev)
        ctx.addIssue({
          code: 'custom',
          message: `must be greater than the previous step's atMs (${prev}): steps go in time order`,
          path: [i, 'atMs'],
        });
    }
  });

const USE_DEFAULTS = 'must be an object (use {} for the defaults)';
const REQUIRED_USE_DEFAULTS = 'required (use {} for the defaults)';

function paramsOf<S extends z.core.$ZodLooseShape>(shape: S, kindName: string) {
  return strict(shape, `parameter for ${kindName}`, USE_DEFAULTS, REQUIRED_USE_DEFAULTS);
}

const REGION_PRESET_NAMES = Object.keys(REGION_PRESETS) as [RegionPreset, ...RegionPreset[]];

const server = {
  replicas: count(1000).optional(),
  concurrency: count(100_000).optional(),
  queueCapacity: num({ int: true, min: 0, max: 10_000_000 }).optional(),
  serviceTime: distributionSchema.optional(),
  errorRate: fraction().optional(),
};

/** The parameter schema of each node kind. */
export const paramsSchemas = {
  client: paramsOf(
    {
      rate: rate().optional(),
      arrival: oneOf(['poisson', 'uniform']).optional(),
      users: count(10_000_000).optional(),
      keys: keySpaceSchema.optional(),
      requestBytes: bytes().optional(),
      responseBytes: bytes().optional(),
      timeoutMs: duration().optional(),
      retry: retrySchema.optional(),
      circuitBreaker: circuitBreakerSchema.optional(),
      rateSchedule: rateScheduleSchema.optional(),
    },
    'a client',
  ),
  dns: paramsOf(
    {
      ttlMs: duration().optional(),
      policy: oneOf(DNS_POLICIES).optional(),
      lookupMs: duration().optional(),
      healthCheck: healthCheckSchema.optional(),
    },
    'a dns node',
  ),
  cdn: paramsOf(
    {
      capacity: count(10_000_000).optional(),
      ttlMs: duration().optional(),
      hitMs: duration().optional(),
      coalesce: bool().optional(),
    },
    'a cdn',
  ),
  loadBalancer: paramsOf(
    {
      strategy: oneOf(LB_STRATEGIES).optional(),
      layer: z.literal([4, 7], { error: expected('must be 4 or 7') }).optional(),
      vnodes: count(10_000).optional(),
      processingMs: duration().optional(),
      healthCheck: healthCheckSchema.optional(),
      outlierDetection: outlierDetectionSchema.optional(),
    },
    'a load balancer',
  ),
  service: paramsOf(
    {
      ...server,
      calls: oneOf(['sequential', 'parallel']).optional(),
      timeoutMs: duration().optional(),
      retry: retrySchema.optional(),
      circuitBreaker: circuitBreakerSchema.optional(),
    },
    'a service',
  ),
  database: paramsOf(server, 'a database'),
  cache: paramsOf(
    { capacity: count(10_000_000).optional(), ttlMs: duration().optional(), hitMs: duration().optional() },
    'a cache',
  ),
  queue: paramsOf(
    {
      capacity: count(10_000_000).optional(),
      enqueueMs: duration().optional(),
      consumers: count(100_000).optional(),
    },
    'a queue',
  ),
  sidecar: paramsOf(
    {
      attachedTo: ref('a service', 'required: the id of the service whose traffic this sidecar carries'),
      processingMs: duration().optional(),
      timeoutMs: duration().optional(),
      retry: retrySchema.optional(),
      circuitBreaker: circuitBreakerSchema.optional(),
      outlierDetection: outlierDetectionSchema.optional(),
      rateLimit: rateLimitSchema.optional(),
      mtls: bool().optional(),
      lbStrategy: oneOf(LB_STRATEGIES).optional(),
    },
    'a sidecar',
  ),
  region: paramsOf(
    {
      location: z
        .enum(REGION_PRESET_NAMES, {
          error: expected(`must be one of ${oneLineList(REGION_PRESET_NAMES)}, or leave it out and set lat and lon`),
        })
        .optional(),
      lat: num({ min: -90, max: 90, whole: true }).optional(),
      lon: num({ min: -180, max: 180, whole: true }).optional(),
      size: sizeSchema.optional(),
    },
    'a region',
  ).superRefine((p, ctx) => {
    const hasLat = p.lat !== undefined;
    const hasLon = p.lon !== undefined;
    if (p.location !== undefined && (hasLat || hasLon))
      ctx.addIssue({
        code: 'custom',
        message: 'set either a location preset or lat and lon, not both',
        path: ['location'],
      });
    else if (hasLat && !hasLon)
      ctx.addIssue({ code: 'custom', message: 'required when lat is given (lat and lon go together)', path: ['lon'] });
    else if (hasLon && !hasLat)
      ctx.addIssue({ code: 'custom', message: 'required when lon is given (lat and lon go together)', path: ['lat'] });
  }, ALWAYS_ON_OBJECTS),
} as const;

/** What a node kind is called in messages: "a load balancer". */
export const KIND_NAMES: Record<NodeKind, string> = {
  client: 'a client',
  dns: 'a dns node',
  cdn: 'a cdn',
  loadBalancer: 'a load balancer',
  service: 'a service',
  database: 'a database',
  cache: 'a cache',
  queue: 'a queue',
  sidecar: 'a sidecar',
  region: 'a region',
};

function isNodeKind(v: unknown): v is NodeKind {
  return typeof v === 'string' && (NODE_KINDS as readonly string[]).includes(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Nodes, edges, faults, notes

/**
 * A node. Unknown fields on the node itself are kept; its `params` are checked strictly against its kind (an
 * unknown parameter is an error), even when other fields of the node are wrong.
 */
export const nodeSchema = z
  .looseObject(
    {
      id: idSchema,
      kind: oneOf(NODE_KINDS),
      label: text({ max: 200 }).optional(),
      position: pointSchema,
      parent: ref('a region node').optional(),
      // Checked below against the node's kind. z.unknown() hands the input on as it is: zod's own copy of an
      // object leaves out an own "__proto__" key, which must still be reported as an unknown parameter.
      params: z.unknown().optional(),
    },
    { error: expected('must be a node object {"id", "kind", "position", "params"}') },
  )
  .superRefine((node, ctx) => {
    const params: unknown = node.params;
    if (!isPlainRecord(params)) {
      const message = params === undefined ? REQUIRED_USE_DEFAULTS : `${USE_DEFAULTS} (got ${describeValue(params)})`;
      ctx.addIssue({ code: 'custom', message, path: ['params'] });
      return;
    }
    if (!isNodeKind(node.kind)) return;
    const r = paramsSchemas[node.kind].safeParse(params);
    if (r.success) return;
    for (const p of issuesToProblems(r.error.issues, ['params']))
      ctx.addIssue({ code: 'custom', message: p.message, path: [...p.segments] });
  }, ALWAYS_ON_OBJECTS);

/** Edge parameters (§2), strict. */
export const edgeParamsSchema = strict(
  {
    latencyMs: duration().optional(),
    jitterMs: duration().optional(),
    lossRate: fraction().optional(),
    bandwidthMbps: num({ gt: 0, max: 1_000_000 }).optional(),
    protocol: oneOf(PROTOCOLS).optional(),
    tls: oneOf(TLS_VERSIONS).optional(),
    keepAlive: bool().optional(),
    probability: fraction().optional(),
    weight: num({ min: 0, max: 1_000_000 }).optional(),
  },
  'parameter for an edge',
  USE_DEFAULTS,
  REQUIRED_USE_DEFAULTS,
);

/** An edge: the source calls the target. Unknown fields on the edge itself are kept; params are strict. */
export const edgeSchema = z.looseObject(
  {
    id: idSchema,
    source: ref('the calling node'),
    target: ref('the called node'),
    params: edgeParamsSchema,
  },
  { error: expected('must be an edge object {"id", "source", "target", "params"}') },
);

const nodeIds = (what: string) =>
  z.array(ref(what), { error: expected(`must be a list of ids of ${what}s`) }).check((ctx) => {
    if (ctx.value.length === 0)
      ctx.issues.push({ code: 'custom', message: `must list at least one ${what}`, input: ctx.value });
  });

const faultFields: Record<FaultKind, z.core.$ZodLooseShape> = {
  partition: {
    sides: z
      .array(nodeIds('node or region'), { error: expected('must be two lists of node or region ids: [["a"], ["b"]]') })
      .check((ctx) => {
        if (ctx.value.length !== 2)
          ctx.issues.push({
            code: 'custom',
            message: `must be exactly two lists of node or region ids: [["a"], ["b"]] (got ${ctx.value.length})`,
            input: ctx.value,
          });
      }),
    oneWay: bool().optional(),
  },
  cut: { edges: nodeIds('edge'), oneWay: bool().optional() },
  crash: {
    node: ref('a node'),
    replica: num({ int: true, min: 0, max: 999 }).optional(),
    mode: oneOf(['refuse', 'blackhole']).optional(),
  },
  slow: { node: ref('a service or database'), factor: num({ gt: 0, max: 1000 }) },
  errors: { node: ref('a service or database'), errorRate: fraction() },
  degrade: { edge: ref('an edge'), addLatencyMs: duration().optional(), lossRate: fraction().optional() },
  surge: { node: ref('a client'), factor: num({ min: 0, max: 1000 }) },
};

const faultBaseShape = {
  id: z.unknown().optional(),
  kind: z.unknown().optional(),
  atMs: z.unknown().optional(),
  untilMs: z.unknown().optional(),
};

function isFaultKind(v: unknown): v is FaultKind {
  return typeof v === 'string' && (FAULT_KINDS as readonly string[]).includes(v);
}

const faultKindSchemas = Object.fromEntries(
  FAULT_KINDS.map((k) => [k, strict({ ...faultBaseShape, ...faultFields[k] }, `field of a ${k} fault`)]),
) as unknown as Record<FaultKind, z.ZodType>;

/** Every field some fault kind has: the outer object is strict over them, each kind's own schema over its own. */
const anyFaultField = Object.fromEntries(
  [...new Set(FAULT_KINDS.flatMap((k) => Object.keys(faultFields[k])))].map((f) => [f, z.unknown().optional()]),
);

function knownFaultFields(fault: unknown): { what: string; known: string } {
  const kind = isPlainRecord(fault) && isFaultKind(fault.kind) ? fault.kind : null;
  const fields = kind ? Object.keys(faultFields[kind]) : Object.keys(anyFaultField);
  return {
    what: kind ? `a ${kind} fault` : 'a fault',
    known: oneLineList([...Object.keys(faultBaseShape), ...fields]),
  };
}

/** A fault (§5): common fields, then the fields of its kind, strictly (a misspelt field would silently do nothing). */
export const faultSchema = z
  .strictObject(
    {
      id: idSchema,
      kind: oneOf(FAULT_KINDS),
      atMs: duration(),
      untilMs: duration().optional(),
      ...anyFaultField,
    },
    {
      error: (iss: Issue) => {
        if (iss.code === 'unrecognized_keys') {
          const { what, known } = knownFaultFields(iss.input);
          return `unknown field of ${what} (known: ${known})`;
        }
        return expected('must be a fault object {"id", "kind", "atMs", ...}')(iss);
      },
    },
  )
  .superRefine((fault, ctx) => {
    if (finiteNumber(fault.atMs) && finiteNumber(fault.untilMs) && fault.untilMs <= fault.atMs)
      ctx.addIssue({
        code: 'custom',
        message: `must be greater than atMs (${fault.atMs}): the fault is active on [atMs, untilMs)`,
        path: ['untilMs'],
      });
    if (!isFaultKind(fault.kind)) return;
    const r = faultKindSchemas[fault.kind].safeParse(fault);
    if (r.success) return;
    for (const p of issuesToProblems(r.error.issues))
      ctx.addIssue({ code: 'custom', message: p.message, path: [...p.segments] });
  }, ALWAYS_ON_OBJECTS);

/** A sticky note on the canvas. Unknown fields are kept (they are the canvas's business). */
export const noteSchema = z.looseObject(
  {
    id: idSchema,
    text: text({ max: 10_000 }),
    position: pointSchema,
    size: sizeSchema.optional(),
    color: text({ max: 32 }).optional(),
  },
  { error: expected('must be a note object {"id", "text", "position"}') },
);

// ---------------------------------------------------------------------------------------------------------------
// The document

/** The `simulation` settings: `seed` and `durationMs`, both optional. */
export const simulationSchema = strict(
  {
    seed: num({ int: true, min: 0, max: 2 ** 32 - 1 }).optional(),
    durationMs: positiveDuration().optional(),
  },
  'field of simulation',
  USE_DEFAULTS,
  REQUIRED_USE_DEFAULTS,
);

function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z
    .array(z.unknown(), { error: expected(`must be an array of ${what}`, 'required (use [] for none)') })
    .check((ctx) => {
      if (ctx.value.length > max)
        ctx.issues.push({
          code: 'custom',
          message: `too many ${what} (${ctx.value.length}); at most ${max}`,
          input: ctx.value,
        });
    })
    .pipe(z.array(item));
}

/** The `format` field, with the message people need when they open the wrong file. */
export const formatSchema = z.literal(DOCUMENT_FORMAT, {
  error: `must be "${DOCUMENT_FORMAT}" (is this a Backpressure topology file?)`,
});

/** The `version` field: exactly the current version (older documents go through `migrateDocument` first). */
export const versionSchema = z
  .number({ error: expected(`must be the integer ${DOCUMENT_VERSION} (the document format version)`) })
  .check((ctx) => {
    const v = ctx.value;
    let message: string | null = null;
    if (!Number.isInteger(v)) message = `must be the integer ${DOCUMENT_VERSION} (got ${v})`;
    else if (v > DOCUMENT_VERSION) message = newerVersionMessage(v);
    else if (v < DOCUMENT_VERSION)
      message = `is ${v}, older than ${DOCUMENT_VERSION}: migrate it first (parseDocument and migrateDocument do)`;
    if (message !== null) ctx.issues.push({ code: 'custom', message, input: v });
  });

/**
 * The whole document, field by field (no cross-references). Unknown top-level fields are kept.
 * Prefer `validateDocument`, which adds the cross-reference checks and never throws.
 */
export const documentSchema = z.looseObject(
  {
    format: formatSchema,
    version: versionSchema,
    name: text({ min: 1, max: 200 }),
    description: text({ max: 10_000 }).optional(),
    simulation: simulationSchema,
    nodes: list(nodeSchema, DOCUMENT_LIMITS.nodes, 'nodes'),
    edges: list(edgeSchema, DOCUMENT_LIMITS.edges, 'edges'),
    faults: list(faultSchema, DOCUMENT_LIMITS.faults, 'faults'),
    notes: list(noteSchema, DOCUMENT_LIMITS.notes, 'notes'),
  },
  { error: expected('must be a JSON object (a Backpressure topology document)') },
);

// ---------------------------------------------------------------------------------------------------------------
// Compile-time checks that the schemas and the types in types.ts agree (a failure here is a type error).

type Agrees<Schema extends z.ZodType, T> = [z.output<Schema>] extends [T] ? true : never;
const agreement: {
  [K in NodeKind]: Agrees<(typeof paramsSchemas)[K], NodeParamsByKind[K]>;
} & {
  edge: Agrees<typeof edgeParamsSchema, EdgeParams>;
  distribution: Agrees<typeof distributionSchema, Distribution>;
  retry: Agrees<typeof retrySchema, RetryPolicy>;
  backoff: Agrees<typeof backoffSchema, Backoff>;
  budget: Agrees<typeof retryBudgetSchema, RetryBudget>;
  breaker: Agrees<typeof circuitBreakerSchema, CircuitBreakerPolicy>;
  rateLimit: Agrees<typeof rateLimitSchema, RateLimitPolicy>;
  healthCheck: Agrees<typeof healthCheckSchema, HealthCheckPolicy>;
  outlier: Agrees<typeof outlierDetectionSchema, OutlierDetectionPolicy>;
  keys: Agrees<typeof keySpaceSchema, KeySpace>;
  steps: Agrees<typeof rateScheduleSchema, RateStep[]>;
  point: Agrees<typeof pointSchema, Point>;
  size: Agrees<typeof sizeSchema, Size>;
  simulation: Agrees<typeof simulationSchema, SimulationSettings>;
} = {
  client: true,
  dns: true,
  cdn: true,
  loadBalancer: true,
  service: true,
  database: true,
  cache: true,
  queue: true,
  sidecar: true,
  region: true,
  edge: true,
  distribution: true,
  retry: true,
  backoff: true,
  budget: true,
  breaker: true,
  rateLimit: true,
  healthCheck: true,
  outlier: true,
  keys: true,
  steps: true,
  point: true,
  size: true,
  simulation: true,
};
void agreement;
