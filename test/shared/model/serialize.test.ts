import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/model/serialize.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { parseDocument, validateDocument } from '../../../shared/model/validate.js';
import { arbValidDocument, exampleDocument } from './arbitraries.js';
import type { Loose } from './helpers.js';

/** The same data with every object's keys in reverse order. */
function reverseKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reverseKeys) as T;
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    ) as T;
  return v;
}

function parsed(text: string): TopologyDocument {
  const r = parseDocument(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

describe('serializeDocument', () => {
  it('writes 2-space indented JSON with a newline at the end', () => {
    const text = serializeDocument(exampleDocument());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.startsWith('{\n  "format": "backpressure.topology",\n  "version": 1,\n')).toBe(true);
  });

  it('round trips: serialize(parse(serialize(doc))) === serialize(doc)', () => {
    const text = serializeDocument(exampleDocument());
    expect(parsed(text)).toEqual(exampleDocument());
    expect(serializeDocument(parsed(text))).toBe(text);
  });

  it('does not depend on the order keys were written in', () => {
    expect(serializeDocument(reverseKeys(exampleDocument()))).toBe(serializeDocument(exampleDocument()));
  });

  it('puts keys in the contract order, unknown keys last and sorted', () => {
    const doc: Loose = reverseKeys(exampleDocument());
    doc.zeta = 1;
    doc.alpha = { b: 1, a: 2 };
    const node = doc.nodes.find((n: Loose) => n.id === 'api-us');
    node.ui = true;
    const out = JSON.parse(serializeDocument(doc));
    expect(Object.keys(out)).toEqual([
      'format',
      'version',
      'name',
      'description',
      'simulation',
      'nodes',
      'edges',
      'faults',
      'notes',
      'alpha',
      'zeta',
    ]);
    expect(Object.keys(out.alpha)).toEqual(['a', 'b']);
    expect(Object.keys(out.simulation)).toEqual(['seed', 'durationMs']);
    const api = out.nodes.find((n: Loose) => n.id === 'api-us');
    expect(Object.keys(api)).toEqual(['id', 'kind', 'position', 'parent', 'params', 'ui']);
    expect(Object.keys(api.position)).toEqual(['x', 'y']);
    expect(Object.keys(api.params)).toEqual([
      'replicas',
      'concurrency',
      'queueCapacity',
      'serviceTime',
      'errorRate',
      'calls',
      'timeoutMs',
      'retry',
      'circuitBreaker',
    ]);
    expect(Object.keys(api.params.serviceTime)).toEqual(['dist', 'meanMs', 'p99Ms']);
    expect(Object.keys(api.params.circuitBreaker)).toEqual([
      'failureRateThreshold',
      'slowCallRateThreshold',
      'slowCallDurationMs',
      'windowType',
      'windowSize',
      'minimumCalls',
      'openMs',
      'halfOpenCalls',
    ]);
    const users = out.nodes[0];
    expect(Object.keys(users)).toEqual(['id', 'kind', 'label', 'position', 'params']);
    expect(Object.keys(users.params)).toEqual([
      'rate',
      'arrival',
      'users',
      'keys',
      'timeoutMs',
      'retry',
      'circuitBreaker',
      'rateSchedule',
    ]);
    expect(Object.keys(users.params.keys)).toEqual(['count', 'distribution', 'zipfS']);
    expect(Object.keys(users.params.retry)).toEqual(['maxAttempts', 'backoff', 'retryOn', 'budget']);
    expect(Object.keys(users.params.retry.backoff)).toEqual(['baseMs', 'capMs', 'multiplier', 'jitter']);
    expect(Object.keys(users.params.retry.budget)).toEqual(['ratio', 'minPerSec']);
    expect(Object.keys(users.params.rateSchedule[0])).toEqual(['atMs', 'rate']);
    const lb = out.nodes.find((n: Loose) => n.id === 'lb-us');
    expect(Object.keys(lb.params)).toEqual(['strategy', 'layer', 'processingMs', 'healthCheck', 'outlierDetection']);
    expect(Object.keys(lb.params.healthCheck)).toEqual([
      'intervalMs',
      'timeoutMs',
      'unhealthyThreshold',
      'healthyThreshold',
      'failOpen',
    ]);
    expect(Object.keys(lb.params.outlierDetection)).toEqual([
      'consecutiveErrors',
      'intervalMs',
      'baseEjectionMs',
      'maxEjectionPercent',
    ]);
    const mesh = out.nodes.find((n: Loose) => n.id === 'mesh');
    expect(Object.keys(mesh.params)).toEqual([
      'attachedTo',
      'processingMs',
      'timeoutMs',
      'retry',
      'rateLimit',
      'mtls',
      'lbStrategy',
    ]);
    expect(Object.keys(mesh.params.rateLimit)).toEqual(['ratePerSec', 'burst']);
    expect(Object.keys(out.nodes.find((n: Loose) => n.id === 'eu').params)).toEqual(['lat', 'lon', 'size']);
    expect(Object.keys(out.edges[14])).toEqual(['id', 'source', 'target', 'params']);
    expect(Object.keys(out.edges[14].params)).toEqual(['jitterMs', 'lossRate', 'protocol', 'weight']);
    expect(out.faults.map((f: Loose) => Object.keys(f))).toEqual([
      ['id', 'kind', 'atMs', 'untilMs', 'sides'],
      ['id', 'kind', 'atMs', 'edges', 'oneWay'],
      ['id', 'kind', 'atMs', 'untilMs', 'node', 'replica', 'mode'],
      ['id', 'kind', 'atMs', 'node', 'factor'],
      ['id', 'kind', 'atMs', 'untilMs', 'node', 'errorRate'],
      ['id', 'kind', 'atMs', 'edge', 'addLatencyMs', 'lossRate'],
      ['id', 'kind', 'atMs', 'untilMs', 'node', 'factor'],
    ]);
    expect(Object.keys(out.notes[0])).toEqual(['id', 'text', 'position', 'size', 'color']);
    expect(Object.keys(out.notes[0].size)).toEqual(['width', 'height']);
  });

  it('puts unknown params last, sorted, and leaves undefined values out', () => {
    const doc: Loose = exampleDocument();
    doc.description = undefined;
    doc.nodes[0].label = undefined;
    doc.nodes[0].params = { zz: 1, rate: 3, aa: 2, users: undefined };
    const out = JSON.parse(serializeDocument(doc));
    expect('description' in out).toBe(false);
    expect(Object.keys(out.nodes[0])).toEqual(['id', 'kind', 'position', 'params']);
    expect(Object.keys(out.nodes[0].params)).toEqual(['rate', 'aa', 'zz']);
  });

  it('keeps the array order of nodes, edges, faults and notes', () => {
    const doc = exampleDocument();
    doc.nodes.reverse();
    const out = JSON.parse(serializeDocument(doc));
    expect(out.nodes.map((n: Loose) => n.id)).toEqual(doc.nodes.map((n) => n.id));
  });

  it('random valid documents validate, and round trip exactly', () => {
    fc.assert(
      fc.property(arbValidDocument(), (doc) => {
        const r = validateDocument(doc);
        expect(r.problems).toEqual([]);
        const text = serializeDocument(doc);
        const back = parsed(text);
        expect(back).toEqual(doc);
        expect(serializeDocument(back)).toBe(text);
        expect(serializeDocument(reverseKeys(doc))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
