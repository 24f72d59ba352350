/**
 * Stable serialisation of a topology document: the same document always gives the same bytes, whatever order its
 * keys were built in, so saved files diff cleanly and round trip exactly.
 */
import type { TopologyDocument } from './types.js';

/**
 * How the keys of one kind of object are ordered. Keys not listed come after the listed ones, sorted; so do all
 * keys of objects no shape describes.
 */
interface Shape {
  keys: readonly string[];
  /** Shapes of the values under some keys; a function chooses from the object that holds the key. */
  fields?: Readonly<Record<string, ShapeOf>>;
  /** For arrays: the shape of each element; a function chooses from the element. */
  items?: ShapeOf;
}
type ShapeOf = Shape | ((value: Record<string, unknown>) => Shape | undefined);

function resolve(shape: ShapeOf | undefined, value: unknown): Shape | undefined {
  return typeof shape === 'function' ? (isRecord(value) ? shape(value) : undefined) : shape;
}

const POINT: Shape = { keys: ['x', 'y'] };
const SIZE: Shape = { keys: ['width', 'height'] };
const DISTRIBUTION: Shape = { keys: ['dist', 'meanMs', 'minMs', 'maxMs', 'p99Ms', 'stdMs'] };
const RETRY: Shape = {
  keys: ['maxAttempts', 'backoff', 'retryOn', 'budget'],
  fields: {
    backoff: { keys: ['baseMs', 'capMs', 'multiplier', 'jitter'] },
    budget: { keys: ['ratio', 'minPerSec'] },
  },
};
const BREAKER: Shape = {
  keys: [
    'failureRateThreshold',
    'slowCallRateThreshold',
    'slowCallDurationMs',
    'windowType',
    'windowSize',
    'minimumCalls',
    'openMs',
    'halfOpenCalls',
  ],
};
const RATE_LIMIT: Shape = { keys: ['ratePerSec', 'burst'] };
const HEALTH_CHECK: Shape = { keys: ['intervalMs', 'timeoutMs', 'unhealthyThreshold', 'healthyThreshold', 'failOpen'] };
const OUTLIER: Shape = { keys: ['consecutiveErrors', 'intervalMs', 'baseEjectionMs', 'maxEjectionPercent'] };

const SERVER_KEYS = ['replicas', 'concurrency', 'queueCapacity', 'serviceTime', 'errorRate'];

/** Node params in the order of the model contract's table (§2). */
const PARAMS: Readonly<Record<string, Shape>> = {
  client: {
    keys: [
      'rate',
      'arrival',
      'users',
      'keys',
      'requestBytes',
      'responseBytes',
      'timeoutMs',
      'retry',
      'circuitBreaker',
      'rateSchedule',
    ],
    fields: {
      keys: { keys: ['count', 'distribution', 'zipfS'] },
      retry: RETRY,
      circuitBreaker: BREAKER,
      rateSchedule: { keys: [], items: { keys: ['atMs', 'rate'] } },
    },
  },
  dns: { keys: ['ttlMs', 'policy', 'lookupMs', 'healthCheck'], fields: { healthCheck: HEALTH_CHECK } },
  cdn: { keys: ['capacity', 'ttlMs', 'hitMs', 'coalesce'] },
  loadBalancer: {
    keys: ['strategy', 'layer', 'vnodes', 'processingMs', 'healthCheck', 'outlierDetection'],
    fields: { healthCheck: HEALTH_CHECK, outlierDetection: OUTLIER },
  },
  service: {
    keys: [...SERVER_KEYS, 'calls', 'timeoutMs', 'retry', 'circuitBreaker'],
    fields: { serviceTime: DISTRIBUTION, retry: RETRY, circuitBreaker: BREAKER },
  },
  database: { keys: SERVER_KEYS, fields: { serviceTime: DISTRIBUTION } },
  cache: { keys: ['capacity', 'ttlMs', 'hitMs'] },
  queue: { keys: ['capacity', 'enqueueMs', 'consumers'] },
  sidecar: {
    keys: [
      'attachedTo',
      'processingMs',
      'timeoutMs',
      'retry',
      'circuitBreaker',
      'outlierDetection',
      'rateLimit',
      'mtls',
      'lbStrategy',
    ],
    fields: { retry: RETRY, circuitBreaker: BREAKER, outlierDetection: OUTLIER, rateLimit: RATE_LIMIT },
  },
  region: { keys: ['location', 'lat', 'lon', 'size'], fields: { size: SIZE } },
};

const NODE: Shape = {
  keys: ['id', 'kind', 'label', 'position', 'parent', 'params'],
  fields: { position: POINT, params: (node) => (typeof node.kind === 'string' ? PARAMS[node.kind] : undefined) },
};

const EDGE: Shape = {
  keys: ['id', 'source', 'target', 'params'],
  fields: {
    params: {
      keys: [
        'latencyMs',
        'jitterMs',
        'lossRate',
        'bandwidthMbps',
        'protocol',
        'tls',
        'keepAlive',
        'probability',
        'weight',
      ],
    },
  },
};

/** Fault fields after `id, kind, atMs, untilMs`, in the order of the model contract (§5). */
const FAULT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  partition: ['sides', 'oneWay'],
  cut: ['edges', 'oneWay'],
  crash: ['node', 'replica', 'mode'],
  slow: ['node', 'factor'],
  errors: ['node', 'errorRate'],
  degrade: ['edge', 'addLatencyMs', 'lossRate'],
  surge: ['node', 'factor'],
};

const NOTE: Shape = { keys: ['id', 'text', 'position', 'size', 'color'], fields: { position: POINT, size: SIZE } };

const DOCUMENT: Shape = {
  keys: ['format', 'version', 'name', 'description', 'simulation', 'nodes', 'edges', 'faults', 'notes'],
  fields: {
    simulation: { keys: ['seed', 'durationMs'] },
    nodes: { keys: [], items: NODE },
    edges: { keys: [], items: EDGE },
    faults: { keys: [], items: faultShape },
    notes: { keys: [], items: NOTE },
  },
};

function faultShape(fault: Record<string, unknown>): Shape {
  const fields = typeof fault.kind === 'string' ? (FAULT_FIELDS[fault.kind] ?? []) : [];
  return { keys: ['id', 'kind', 'atMs', 'untilMs', ...fields] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]'
  );
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: an own "__proto__" key must stay a plain field.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function ordered(value: unknown, shape: Shape | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => (item === undefined ? null : ordered(item, resolve(shape?.items, item))));
  }
  if (!isRecord(value)) return value;
  const known = shape?.keys ?? [];
  const knownSet = new Set(known);
  const keys = [...known.filter((k) => Object.prototype.hasOwnProperty.call(value, k))];
  keys.push(
    ...Object.keys(value)
      .filter((k) => !knownSet.has(k))
      .sort(),
  );
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    const field = shape?.fields?.[key];
    put(out, key, ordered(v, typeof field === 'function' ? field(value) : field));
  }
  return out;
}

/**
 * The document as JSON text: 2-space indent, a newline at the end, keys in a fixed order (the order of the model
 * contract; unknown keys after the known ones, sorted), undefined values left out. Parsing the result gives the
 * same document back.
 *
 * @example writeFile('topology.bp.json', serializeDocument(doc))
 */
export function serializeDocument(doc: TopologyDocument): string {
  return `${JSON.stringify(ordered(doc, DOCUMENT), null, 2)}\n`;
}
