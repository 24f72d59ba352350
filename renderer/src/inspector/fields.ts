/**
 * What the inspector shows for each node kind, for edges and for the document: sections of field descriptors
 * (label, unit, range, default, help). The panels are generated from these; ranges mirror the schema's
 * (`shared/model/schema.ts`) and are hints only: the core's validator has the last word.
 */
import {
  DEFAULT_BACKOFF,
  DEFAULT_BREAKER,
  DEFAULT_BUDGET,
  DEFAULT_DURATION_MS,
  DEFAULT_HEALTH_CHECK,
  DEFAULT_OUTLIER,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY_ON,
  DEFAULT_SEED,
  resolveCache,
  resolveCdn,
  resolveClient,
  resolveDatabase,
  resolveDns,
  resolveEdge,
  resolveLoadBalancer,
  resolveQueue,
  resolveRetry,
  resolveService,
  resolveSidecar,
} from '../../../shared/model/defaults.js';
import {
  DNS_POLICIES,
  JITTER_MODES,
  LB_STRATEGIES,
  PROTOCOLS,
  RETRYABLE_OUTCOMES,
  TLS_VERSIONS,
  type Distribution,
  type NodeKind,
} from '../../../shared/model/types.js';
import type { HelpKey } from './help.js';

/** A path inside the edited item: `['params', 'retry', 'backoff', 'jitter']`. */
export type Path = readonly (string | number)[];

interface Base {
  path: Path;
  label: string;
  help?: HelpKey;
  /** The undo label; "Set <label>" when absent. */
  edit?: string;
}

export interface NumberSpec extends Base {
  type: 'number';
  unit?: string;
  /** Shown as the placeholder: an empty field means this value. Absent for required fields. */
  default?: number;
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed (`> 0`). */
  exclusiveMin?: boolean;
  /** How the upper bound reads in hints, e.g. "24 h". */
  maxText?: string;
  integer?: boolean;
  step?: number;
  /** A short fixed remark after the range, e.g. "0 = none". */
  note?: string;
  /** Emptying the field keeps the value (for values that must exist, such as a region's size). */
  keepWhenEmpty?: boolean;
}

export interface SelectOption {
  value: string | number;
  label: string;
}

export interface SelectSpec extends Base {
  type: 'select';
  options: readonly SelectOption[];
  default: string | number;
  /** Prefix of the options' help keys: `jitter` finds `jitter.full`. */
  optionHelp?: string;
}

export interface BooleanSpec extends Base {
  type: 'boolean';
  default: boolean;
}

/** A list of outcomes chosen with checkboxes (a retry's `retryOn`). */
export interface OutcomesSpec extends Base {
  type: 'outcomes';
  options: readonly string[];
  default: readonly string[];
}

/** A nested policy that is off when absent: a switch, then its fields when on. */
export interface PolicySpec extends Base {
  type: 'policy';
  children: readonly FieldSpec[];
}

/** A part of a panel drawn by a dedicated component (a distribution, a list of steps, a location...). */
export interface CustomSpec {
  type: 'distribution' | 'rateSchedule' | 'location' | 'sidecarTarget';
  path: Path;
  label: string;
  help?: HelpKey;
  default?: Distribution;
}

/** A place where the panel inserts something computed (derived values), by name. */
export interface SlotSpec {
  type: 'slot';
  name: string;
}

export type FieldSpec = NumberSpec | SelectSpec | BooleanSpec | OutcomesSpec | PolicySpec | CustomSpec | SlotSpec;

export interface SectionSpec {
  title: string;
  help?: HelpKey;
  fields: readonly FieldSpec[];
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const DAY_MS = 86_400_000;
const P = (...rest: (string | number)[]): Path => ['params', ...rest];

function ms(path: Path, label: string, def: number | undefined, help?: HelpKey, extra: Partial<NumberSpec> = {}) {
  return {
    type: 'number',
    path,
    label,
    unit: 'ms',
    default: def,
    min: 0,
    max: DAY_MS,
    maxText: '24 h',
    help,
    ...extra,
  } as const;
}
function positiveMs(
  path: Path,
  label: string,
  def: number | undefined,
  help?: HelpKey,
  extra: Partial<NumberSpec> = {},
) {
  return ms(path, label, def, help, { exclusiveMin: true, ...extra });
}
function int(
  path: Path,
  label: string,
  def: number,
  min: number,
  max: number,
  help?: HelpKey,
  extra: Partial<NumberSpec> = {},
): NumberSpec {
  return { type: 'number', path, label, default: def, min, max, integer: true, step: 1, help, ...extra };
}
function fraction(path: Path, label: string, def: number, help?: HelpKey, extra: Partial<NumberSpec> = {}): NumberSpec {
  return { type: 'number', path, label, default: def, min: 0, max: 1, step: 0.01, note: '0.05 = 5%', help, ...extra };
}
function options(values: readonly (string | number)[], labels: Record<string, string> = {}): SelectOption[] {
  return values.map((value) => ({ value, label: labels[String(value)] ?? String(value) }));
}

const RETRY = resolveRetry({})!;

function retry(base: Path): PolicySpec {
  const b = [...base, 'backoff'];
  return {
    type: 'policy',
    path: base,
    label: 'Retry',
    help: 'retry',
    children: [
      int([...base, 'maxAttempts'], 'Max attempts', RETRY.maxAttempts, 1, 100, 'maxAttempts', {
        note: 'first one included',
      }),
      positiveMs([...b, 'baseMs'], 'Base delay', DEFAULT_BACKOFF.baseMs, 'baseMs'),
      positiveMs([...b, 'capMs'], 'Delay cap', DEFAULT_BACKOFF.capMs, 'capMs'),
      {
        type: 'number',
        path: [...b, 'multiplier'],
        label: 'Multiplier',
        unit: '×',
        default: DEFAULT_BACKOFF.multiplier,
        min: 1,
        max: 1000,
        step: 0.5,
        help: 'multiplier',
      },
      {
        type: 'select',
        path: [...b, 'jitter'],
        label: 'Jitter',
        options: options(JITTER_MODES),
        default: DEFAULT_BACKOFF.jitter,
        optionHelp: 'jitter',
        help: 'jitter',
      },
      {
        type: 'outcomes',
        path: [...base, 'retryOn'],
        label: 'Retry on',
        options: RETRYABLE_OUTCOMES,
        default: DEFAULT_RETRY_ON,
        help: 'retryOn',
      },
      {
        type: 'policy',
        path: [...base, 'budget'],
        label: 'Retry budget',
        help: 'budget',
        children: [
          {
            type: 'number',
            path: [...base, 'budget', 'ratio'],
            label: 'Budget ratio',
            default: DEFAULT_BUDGET.ratio,
            min: 0,
            max: 10,
            step: 0.05,
            help: 'budget.ratio',
            note: 'retries per first attempt',
          },
          {
            type: 'number',
            path: [...base, 'budget', 'minPerSec'],
            label: 'Budget minimum',
            unit: '/s',
            default: DEFAULT_BUDGET.minPerSec,
            min: 0,
            max: 10_000_000,
            help: 'budget.minPerSec',
          },
        ],
      },
    ],
  };
}

function breaker(base: Path): PolicySpec {
  const d = DEFAULT_BREAKER;
  const pct = (key: string, label: string, def: number, help: HelpKey): NumberSpec => ({
    type: 'number',
    path: [...base, key],
    label,
    unit: '%',
    default: def,
    min: 0,
    exclusiveMin: true,
    max: 100,
    help,
  });
  return {
    type: 'policy',
    path: base,
    label: 'Circuit breaker',
    help: 'circuitBreaker',
    children: [
      pct('failureRateThreshold', 'Failure rate threshold', d.failureRateThreshold, 'breaker.failureRateThreshold'),
      pct(
        'slowCallRateThreshold',
        'Slow call rate threshold',
        d.slowCallRateThreshold,
        'breaker.slowCallRateThreshold',
      ),
      positiveMs(
        [...base, 'slowCallDurationMs'],
        'Slow call duration',
        d.slowCallDurationMs,
        'breaker.slowCallDurationMs',
      ),
      {
        type: 'select',
        path: [...base, 'windowType'],
        label: 'Window type',
        options: options(['count', 'time']),
        default: d.windowType,
        optionHelp: 'windowType',
        help: 'breaker.windowType',
      },
      int([...base, 'windowSize'], 'Window size', d.windowSize, 1, 1_000_000, 'breaker.windowSize', {
        note: 'calls or seconds',
      }),
      int([...base, 'minimumCalls'], 'Minimum calls', d.minimumCalls, 1, 1_000_000, 'breaker.minimumCalls'),
      positiveMs([...base, 'openMs'], 'Open duration', d.openMs, 'breaker.openMs'),
      int([...base, 'halfOpenCalls'], 'Half-open calls', d.halfOpenCalls, 1, 1_000_000, 'breaker.halfOpenCalls'),
    ],
  };
}

function healthCheck(base: Path): PolicySpec {
  const d = DEFAULT_HEALTH_CHECK;
  return {
    type: 'policy',
    path: base,
    label: 'Health checks',
    help: 'healthCheck',
    children: [
      positiveMs([...base, 'intervalMs'], 'Probe interval', d.intervalMs, 'health.intervalMs'),
      positiveMs([...base, 'timeoutMs'], 'Probe timeout', d.timeoutMs, 'health.timeoutMs'),
      int(
        [...base, 'unhealthyThreshold'],
        'Unhealthy threshold',
        d.unhealthyThreshold,
        1,
        1_000_000,
        'health.unhealthyThreshold',
        { unit: 'probes' },
      ),
      int(
        [...base, 'healthyThreshold'],
        'Healthy threshold',
        d.healthyThreshold,
        1,
        1_000_000,
        'health.healthyThreshold',
        { unit: 'probes' },
      ),
      {
        type: 'boolean',
        path: [...base, 'failOpen'],
        label: 'Fail open',
        default: d.failOpen,
        help: 'health.failOpen',
      },
    ],
  };
}

function outlierDetection(base: Path): PolicySpec {
  const d = DEFAULT_OUTLIER;
  return {
    type: 'policy',
    path: base,
    label: 'Outlier detection',
    help: 'outlierDetection',
    children: [
      int(
        [...base, 'consecutiveErrors'],
        'Consecutive errors',
        d.consecutiveErrors,
        1,
        1_000_000,
        'outlier.consecutiveErrors',
      ),
      positiveMs([...base, 'intervalMs'], 'Ejection interval', d.intervalMs, 'outlier.intervalMs'),
      positiveMs([...base, 'baseEjectionMs'], 'Base ejection time', d.baseEjectionMs, 'outlier.baseEjectionMs'),
      {
        type: 'number',
        path: [...base, 'maxEjectionPercent'],
        label: 'Max ejected',
        unit: '%',
        default: d.maxEjectionPercent,
        min: 0,
        max: 100,
        help: 'outlier.maxEjectionPercent',
      },
    ],
  };
}

function rateLimit(base: Path): PolicySpec {
  return {
    type: 'policy',
    path: base,
    label: 'Rate limit',
    help: 'rateLimit',
    children: [
      {
        type: 'number',
        path: [...base, 'ratePerSec'],
        label: 'Token rate',
        unit: '/s',
        default: DEFAULT_RATE_LIMIT.ratePerSec,
        min: 0,
        exclusiveMin: true,
        max: 10_000_000,
        help: 'rateLimit.ratePerSec',
      },
      int([...base, 'burst'], 'Burst', DEFAULT_RATE_LIMIT.burst, 1, 1_000_000_000, 'rateLimit.burst', {
        unit: 'tokens',
      }),
    ],
  };
}

const STRATEGY_OPTIONS = options(LB_STRATEGIES);

function serverSections(kind: 'service' | 'database'): SectionSpec[] {
  const d = kind === 'service' ? resolveService({}) : resolveDatabase({});
  const capacity: SectionSpec = {
    title: 'Capacity',
    help: 'capacity',
    fields: [
      int(P('replicas'), 'Replicas', d.replicas, 1, 1000, 'replicas'),
      int(P('concurrency'), 'Concurrency', d.concurrency, 1, 100_000, 'concurrency', { unit: '/ replica' }),
      int(P('queueCapacity'), 'Queue capacity', d.queueCapacity, 0, 10_000_000, 'queueCapacity', { unit: '/ replica' }),
      { type: 'slot', name: 'capacity' },
    ],
  };
  const work: SectionSpec = {
    title: 'Service time',
    help: 'serviceTime',
    fields: [
      {
        type: 'distribution',
        path: P('serviceTime'),
        label: 'Distribution',
        help: 'serviceTime',
        default: d.serviceTime,
      },
    ],
  };
  const errors = fraction(P('errorRate'), 'Error rate', d.errorRate, 'errorRate');
  if (kind === 'database') return [capacity, work, { title: 'Errors', fields: [errors] }];
  return [
    capacity,
    work,
    {
      title: 'Dependencies',
      help: 'calls',
      fields: [
        errors,
        {
          type: 'select',
          path: P('calls'),
          label: 'Calls',
          options: options(['sequential', 'parallel']),
          default: d.calls,
          optionHelp: 'calls',
          help: 'calls',
        },
      ],
    },
    {
      title: 'Timeouts & retries',
      help: 'retry',
      fields: [ms(P('timeoutMs'), 'Timeout', d.timeoutMs, 'timeout', { note: '0 = none' }), retry(P('retry'))],
    },
    { title: 'Circuit breaker', help: 'circuitBreaker', fields: [breaker(P('circuitBreaker'))] },
  ];
}

const CLIENT = resolveClient({});
const DNS = resolveDns({});
const CDN = resolveCdn({});
const LB = resolveLoadBalancer({});
const CACHE = resolveCache({});
const QUEUE = resolveQueue({});
const SIDECAR = resolveSidecar({});

/** The sections of each node kind's panel, in order. */
export const NODE_SECTIONS: Record<NodeKind, readonly SectionSpec[]> = {
  client: [
    {
      title: 'Traffic',
      help: 'kind.client',
      fields: [
        {
          type: 'number',
          path: P('rate'),
          label: 'Rate',
          unit: '/s',
          default: CLIENT.rate,
          min: 0,
          max: 10_000_000,
          help: 'rate',
        },
        {
          type: 'select',
          path: P('arrival'),
          label: 'Arrival',
          options: options(['poisson', 'uniform']),
          default: CLIENT.arrival,
          optionHelp: 'arrival',
          help: 'arrival',
        },
        int(P('users'), 'Users', CLIENT.users, 1, 10_000_000, 'users'),
        { type: 'slot', name: 'clientLoad' },
        { type: 'rateSchedule', path: P('rateSchedule'), label: 'Rate schedule', help: 'rateSchedule' },
      ],
    },
    {
      title: 'Keys',
      help: 'keys',
      fields: [
        int(P('keys', 'count'), 'Key count', CLIENT.keys.count, 1, 10_000_000, 'keys.count'),
        {
          type: 'select',
          path: P('keys', 'distribution'),
          label: 'Key popularity',
          options: options(['uniform', 'zipf']),
          default: CLIENT.keys.distribution,
          optionHelp: 'keys.distribution',
          help: 'keys.distribution',
        },
        {
          type: 'number',
          path: P('keys', 'zipfS'),
          label: 'Zipf exponent',
          default: CLIENT.keys.zipfS,
          min: 0,
          exclusiveMin: true,
          max: 10,
          step: 0.1,
          help: 'keys.zipfS',
          note: 'zipf only',
        },
      ],
    },
    {
      title: 'Payload',
      fields: [
        int(P('requestBytes'), 'Request size', CLIENT.requestBytes, 0, 1_000_000_000, 'requestBytes', {
          unit: 'bytes',
        }),
        int(P('responseBytes'), 'Response size', CLIENT.responseBytes, 0, 1_000_000_000, 'responseBytes', {
          unit: 'bytes',
        }),
      ],
    },
    {
      title: 'Timeouts & retries',
      help: 'retry',
      fields: [
        ms(P('timeoutMs'), 'Timeout', CLIENT.timeoutMs, 'timeout', { note: 'per attempt; 0 = none' }),
        retry(P('retry')),
      ],
    },
    { title: 'Circuit breaker', help: 'circuitBreaker', fields: [breaker(P('circuitBreaker'))] },
  ],
  dns: [
    {
      title: 'Resolution',
      help: 'kind.dns',
      fields: [
        ms(P('ttlMs'), 'TTL', DNS.ttlMs, 'dns.ttlMs', { edit: 'Set TTL' }),
        {
          type: 'select',
          path: P('policy'),
          label: 'Policy',
          options: options(DNS_POLICIES),
          default: DNS.policy,
          optionHelp: 'dnsPolicy',
          help: 'dns.policy',
        },
        ms(P('lookupMs'), 'Lookup time', DNS.lookupMs, 'dns.lookupMs'),
      ],
    },
    { title: 'Health checks', help: 'healthCheck', fields: [healthCheck(P('healthCheck'))] },
  ],
  cdn: [
    {
      title: 'Cache',
      help: 'kind.cdn',
      fields: [
        int(P('capacity'), 'Capacity', CDN.capacity, 1, 10_000_000, 'cache.capacity', { unit: 'objects' }),
        ms(P('ttlMs'), 'TTL', CDN.ttlMs, 'cache.ttlMs', { edit: 'Set TTL' }),
        ms(P('hitMs'), 'Hit time', CDN.hitMs, 'cache.hitMs'),
        { type: 'boolean', path: P('coalesce'), label: 'Coalesce misses', default: CDN.coalesce, help: 'cdn.coalesce' },
      ],
    },
  ],
  loadBalancer: [
    {
      title: 'Balancing',
      help: 'kind.loadBalancer',
      fields: [
        {
          type: 'select',
          path: P('strategy'),
          label: 'Strategy',
          options: STRATEGY_OPTIONS,
          default: LB.strategy,
          optionHelp: 'strategy',
          help: 'lb.strategy',
        },
        {
          type: 'select',
          path: P('layer'),
          label: 'Layer',
          options: [
            { value: 7, label: 'L7 (per request)' },
            { value: 4, label: 'L4 (per connection)' },
          ],
          default: LB.layer,
          optionHelp: 'layer',
          help: 'lb.layer',
        },
        int(P('vnodes'), 'Virtual nodes', LB.vnodes, 1, 10_000, 'lb.vnodes', { note: 'consistentHash only' }),
        ms(P('processingMs'), 'Processing time', LB.processingMs, 'lb.processingMs'),
      ],
    },
    { title: 'Health checks', help: 'healthCheck', fields: [healthCheck(P('healthCheck'))] },
    { title: 'Outlier detection', help: 'outlierDetection', fields: [outlierDetection(P('outlierDetection'))] },
  ],
  service: serverSections('service'),
  database: serverSections('database'),
  cache: [
    {
      title: 'Cache',
      help: 'kind.cache',
      fields: [
        int(P('capacity'), 'Capacity', CACHE.capacity, 1, 10_000_000, 'cache.capacity', { unit: 'keys' }),
        ms(P('ttlMs'), 'TTL', CACHE.ttlMs, 'cache.ttlMs', { edit: 'Set TTL' }),
        ms(P('hitMs'), 'Hit time', CACHE.hitMs, 'cache.hitMs'),
      ],
    },
  ],
  queue: [
    {
      title: 'Queue',
      help: 'kind.queue',
      fields: [
        int(P('capacity'), 'Capacity', QUEUE.capacity, 1, 10_000_000, 'queue.capacity', { unit: 'messages' }),
        ms(P('enqueueMs'), 'Enqueue time', QUEUE.enqueueMs, 'queue.enqueueMs'),
        int(P('consumers'), 'Consumers', QUEUE.consumers, 1, 100_000, 'queue.consumers', { unit: 'in flight' }),
      ],
    },
  ],
  sidecar: [
    {
      title: 'Proxy',
      help: 'kind.sidecar',
      fields: [
        { type: 'sidecarTarget', path: P('attachedTo'), label: 'Service', help: 'sidecar.attachedTo' },
        ms(P('processingMs'), 'Processing time', SIDECAR.processingMs, 'sidecar.processingMs', { note: 'each way' }),
        {
          type: 'boolean',
          path: P('mtls'),
          label: 'Mutual TLS',
          default: SIDECAR.mtls,
          help: 'sidecar.mtls',
          edit: 'Set mutual TLS',
        },
        {
          type: 'select',
          path: P('lbStrategy'),
          label: 'LB strategy',
          options: STRATEGY_OPTIONS,
          default: SIDECAR.lbStrategy,
          optionHelp: 'strategy',
          help: 'sidecar.lbStrategy',
          edit: 'Set LB strategy',
        },
      ],
    },
    {
      title: 'Timeouts & retries',
      help: 'retry',
      fields: [ms(P('timeoutMs'), 'Timeout', SIDECAR.timeoutMs, 'timeout', { note: '0 = none' }), retry(P('retry'))],
    },
    { title: 'Circuit breaker', help: 'circuitBreaker', fields: [breaker(P('circuitBreaker'))] },
    { title: 'Outlier detection', help: 'outlierDetection', fields: [outlierDetection(P('outlierDetection'))] },
    { title: 'Rate limit', help: 'rateLimit', fields: [rateLimit(P('rateLimit'))] },
  ],
  region: [
    {
      title: 'Location',
      help: 'location',
      fields: [
        { type: 'location', path: P(), label: 'Location', help: 'location' },
        { type: 'slot', name: 'regionMembers' },
      ],
    },
    {
      title: 'Size',
      help: 'size',
      fields: [
        {
          type: 'number',
          path: P('size', 'width'),
          label: 'Width',
          unit: 'px',
          min: 0,
          exclusiveMin: true,
          max: 1_000_000,
          step: 10,
          keepWhenEmpty: true,
          help: 'size',
        },
        {
          type: 'number',
          path: P('size', 'height'),
          label: 'Height',
          unit: 'px',
          min: 0,
          exclusiveMin: true,
          max: 1_000_000,
          step: 10,
          keepWhenEmpty: true,
          help: 'size',
        },
      ],
    },
  ],
};

const EDGE = resolveEdge({});

/** The sections of the edge panel. The latency's default is derived from regions and filled in by the panel. */
export const EDGE_SECTIONS: readonly SectionSpec[] = [
  {
    title: 'Network',
    help: 'latencyMs',
    fields: [
      ms(P('latencyMs'), 'Latency', undefined, 'latencyMs', { note: 'one way' }),
      ms(P('jitterMs'), 'Jitter', EDGE.jitterMs, 'jitterMs'),
      fraction(P('lossRate'), 'Loss rate', EDGE.lossRate, 'lossRate'),
      {
        type: 'number',
        path: P('bandwidthMbps'),
        label: 'Bandwidth',
        unit: 'Mbps',
        default: EDGE.bandwidthMbps,
        min: 0,
        exclusiveMin: true,
        max: 1_000_000,
        help: 'bandwidthMbps',
      },
      { type: 'slot', name: 'roundTrip' },
    ],
  },
  {
    title: 'Protocol',
    help: 'protocol',
    fields: [
      {
        type: 'select',
        path: P('protocol'),
        label: 'Protocol',
        options: options(PROTOCOLS, {
          'http1.1': 'HTTP/1.1',
          http2: 'HTTP/2',
          http3: 'HTTP/3 (QUIC)',
          grpc: 'gRPC',
          websocket: 'WebSocket',
          tcp: 'TCP',
          udp: 'UDP',
        }),
        default: EDGE.protocol,
        optionHelp: 'protocol',
        help: 'protocol',
      },
      {
        type: 'select',
        path: P('tls'),
        label: 'TLS',
        options: options(TLS_VERSIONS, { none: 'none', 'tls1.2': 'TLS 1.2', 'tls1.3': 'TLS 1.3' }),
        default: EDGE.tls,
        optionHelp: 'tls',
        help: 'tls',
        edit: 'Set TLS',
      },
      { type: 'boolean', path: P('keepAlive'), label: 'Keep-alive', default: EDGE.keepAlive, help: 'keepAlive' },
      { type: 'slot', name: 'handshake' },
    ],
  },
  {
    title: 'Routing',
    help: 'weight',
    fields: [
      fraction(P('probability'), 'Probability', EDGE.probability, 'probability', { note: 'of calling, per request' }),
      {
        type: 'number',
        path: P('weight'),
        label: 'Weight',
        default: EDGE.weight,
        min: 0,
        max: 1_000_000,
        help: 'weight',
      },
    ],
  },
];

/** The document's own settings. */
export const SIMULATION_FIELDS: readonly FieldSpec[] = [
  int(['simulation', 'seed'], 'Seed', DEFAULT_SEED, 0, 2 ** 32 - 1, 'doc.seed'),
  positiveMs(['simulation', 'durationMs'], 'Duration', DEFAULT_DURATION_MS, 'doc.duration'),
];

// ---------------------------------------------------------------------------------------------------------------
// Reading descriptors

/** The range a number field accepts, as a short hint: "integer 1–100,000", "> 0 ms to 24 h", "0–1". */
export function rangeHint(spec: NumberSpec): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const unit = spec.unit && spec.unit !== '%' && spec.unit !== '×' && !spec.unit.startsWith('/') ? ` ${spec.unit}` : '';
  const max = spec.max === undefined ? undefined : (spec.maxText ?? n(spec.max));
  let range: string;
  if (spec.min !== undefined && max !== undefined)
    range = spec.exclusiveMin ? `> ${n(spec.min)}, ≤ ${max}` : `${n(spec.min)}–${max}`;
  else if (spec.min !== undefined) range = `${spec.exclusiveMin ? '>' : '≥'} ${n(spec.min)}${unit}`;
  else if (max !== undefined) range = `≤ ${max}`;
  else range = '';
  return [spec.integer ? 'integer' : '', range].filter(Boolean).join(' ');
}

/** The value at `path` inside `item`, or undefined. */
export function getIn(item: unknown, path: Path): unknown {
  let v: unknown = item;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** "Set concurrency", "Set TTL": the undo label for a field. */
export function editLabel(spec: { label: string; edit?: string }): string {
  if (spec.edit) return spec.edit;
  const l = spec.label;
  const acronym = l.length > 1 && l[1] === l[1]?.toUpperCase() && /[A-Z]/.test(l[1] ?? '');
  return `Set ${acronym ? l : l.charAt(0).toLowerCase() + l.slice(1)}`;
}
