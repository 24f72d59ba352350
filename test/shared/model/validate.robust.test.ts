import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/model/serialize.js';
import { parseDocument, validateDocument } from '../../../shared/model/validate.js';
import type { ValidationResult } from '../../../shared/model/validate.js';
import { arbValidDocument, exampleDocument } from './arbitraries.js';
import { expectProblem } from './helpers.js';
import type { Loose } from './helpers.js';

function isWellFormed(r: ValidationResult): boolean {
  if (r.ok) return r.problems.length === 0 && typeof r.document === 'object';
  return (
    r.problems.length > 0 &&
    r.problems.every((p) => typeof p.path === 'string' && typeof p.message === 'string' && !p.message.includes('\n'))
  );
}

describe('validateDocument never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 5],
    ['a string', 'backpressure'],
    ['an array', []],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
  ])('refuses %s as a document', (_, input) => {
    const r = validateDocument(input);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.path).toBe('');
  });

  it('reports cyclic data at the path that loops back', () => {
    const doc: Loose = exampleDocument();
    doc.extra = { inner: doc };
    doc.nodes[0].params.self = doc.nodes[0];
    const r = validateDocument(doc);
    expectProblem(r.problems, 'extra.inner', 'refers back to itself');
    expectProblem(r.problems, 'nodes[0].params.self', 'refers back to itself');
  });

  it('shared (acyclic) references are fine', () => {
    const doc: Loose = exampleDocument();
    const shared = { x: 1, y: 2 };
    for (const node of doc.nodes) node.position = shared;
    expect(validateDocument(doc).problems).toEqual([]);
  });

  it('reports a getter that throws, and reads each getter once', () => {
    const doc: Loose = exampleDocument();
    Object.defineProperty(doc, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom\nsecond line');
      },
    });
    let reads = 0;
    Object.defineProperty(doc.nodes[0].params, 'rate', {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? 5 : 'changed';
      },
    });
    const r = validateDocument(doc);
    expect(r.problems).toEqual([{ path: 'name', message: 'could not be read: boom second line' }]);
    expect(reads).toBe(1);
  });

  it('survives proxies whose traps throw, and revoked proxies', () => {
    const doc: Loose = exampleDocument();
    doc.nodes[0].params = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    doc.notes[0] = proxy;
    const r = validateDocument(doc);
    expectProblem(r.problems, 'nodes[0].params', 'could not be read: no keys for you');
    expectProblem(r.problems, 'notes[0]', 'could not be read');
    expect(validateDocument(proxy).ok).toBe(false);
  });

  it('does not walk huge sparse arrays', () => {
    const doc: Loose = exampleDocument();
    doc.nodes = new Array(1_000_000_000);
    doc.big = new Array(2 ** 32 - 1);
    const started = performance.now();
    const r = validateDocument(doc);
    expect(performance.now() - started).toBeLessThan(1000);
    expectProblem(r.problems, 'nodes', 'too many nodes (1000000000); at most 5000');
    expectProblem(r.problems, 'big', 'too many elements');
  });

  it('stops at absurd nesting and at an exponential number of shared values', () => {
    const doc: Loose = exampleDocument();
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    doc.deep = root;
    let wide: unknown = 1;
    for (let i = 0; i < 40; i++) wide = [wide, wide];
    doc.wide = wide;
    const r = validateDocument(doc);
    expect(r.problems.some((p) => p.path.startsWith('deep') && p.message.includes('nested too deeply'))).toBe(true);
    expect(r.problems.some((p) => p.message.includes('too large'))).toBe(true);
  });

  it('reports values that are not JSON data', () => {
    const doc: Loose = exampleDocument();
    doc.when = new Date(0);
    doc.fn = () => 1;
    doc.nodes[0].label = Symbol('x');
    doc.map = new Map([[1, 2]]);
    doc.n = 10n;
    const r = validateDocument(doc);
    expectProblem(r.problems, 'when', 'must be JSON data (got Date)');
    expectProblem(r.problems, 'fn', 'must be JSON data (got a function)');
    expectProblem(r.problems, 'nodes[0].label', 'must be JSON data (got a symbol)');
    expectProblem(r.problems, 'map', 'got Map');
    expectProblem(r.problems, 'n', 'got a bigint');
  });

  it('is not fooled by prototype tricks', () => {
    const inherited = Object.create(exampleDocument());
    expectProblem(validateDocument(inherited).problems, 'nodes', 'required');

    const text = serializeDocument(exampleDocument()).replace(
      '"format"',
      '"__proto__": { "polluted": true, "nodes": [] }, "format"',
    );
    const r = parseDocument(text.replace('"rate": 200', '"rate": 200, "__proto__": 1, "constructor": 2'));
    expect(({} as Loose).polluted).toBeUndefined();
    expectProblem(r.problems, 'nodes[0].params.__proto__', 'unknown parameter for a client');
    expectProblem(r.problems, 'nodes[0].params.constructor', 'unknown parameter for a client');

    const faulty = parseDocument(text.replace('"mode": "blackhole"', '"mode": "blackhole", "__proto__": {}'));
    expectProblem(faulty.problems, 'faults[2].__proto__', 'unknown field of a crash fault');

    const ok = parseDocument(text);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(Object.getPrototypeOf(ok.document)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(ok.document, '__proto__')).toBe(true);
    expect(serializeDocument(ok.document)).toContain('"__proto__": {');
  });

  it('ids named like Object.prototype members are ordinary ids', () => {
    const doc: Loose = exampleDocument();
    doc.nodes[0].id = 'constructor';
    doc.edges = doc.edges.map((x: Loose) => ({
      ...x,
      source: x.source === 'users' ? 'constructor' : x.source,
    }));
    doc.edges.push({ id: 'toString', source: 'constructor', target: 'hasOwnProperty', params: {} });
    const r = validateDocument(doc);
    expect(r.problems).toEqual([
      { path: `edges[${doc.edges.length - 1}].target`, message: 'no node with id "hasOwnProperty"' },
    ]);
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
          withUnicodeString: true,
        }),
        (value) => {
          expect(isWellFormed(validateDocument(value))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary objects shaped a little like documents', () => {
    const loose = fc.anything({ maxDepth: 2 });
    fc.assert(
      fc.property(
        fc.record(
          {
            format: fc.oneof(fc.constant('backpressure.topology'), loose),
            version: fc.oneof(fc.constant(1), loose),
            name: fc.oneof(fc.string(), loose),
            simulation: fc.oneof(fc.constant({}), loose),
            nodes: fc.array(fc.record({ id: fc.string(), kind: fc.string(), params: loose }, { requiredKeys: [] })),
            edges: fc.array(fc.record({ id: fc.string(), source: fc.string(), target: fc.string(), params: loose })),
            faults: fc.array(loose),
            notes: fc.array(loose),
          },
          { requiredKeys: [] },
        ),
        (value) => {
          expect(isWellFormed(validateDocument(value))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Every path to a value inside `v` (objects and arrays), as lists of keys. */
function allPaths(
  v: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  const entries: [string | number, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : typeof v === 'object' && v !== null
      ? Object.entries(v)
      : [];
  for (const [key, x] of entries) {
    out.push([...prefix, key]);
    allPaths(x, [...prefix, key], out);
  }
  return out;
}

describe('random mutations of valid documents', () => {
  const mutated = fc
    .tuple(
      fc.oneof(fc.constant(null), arbValidDocument()).map((d) => d ?? exampleDocument()),
      fc.nat(),
      fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fc.double(),
        fc.integer({ min: -2, max: 2 }),
        fc.constantFrom('', 'client', 'api-us', 'db', 'circuitOpen', 'exponential'),
      ),
      fc.boolean(),
    )
    .map(([doc, pick, value, remove]) => {
      const paths = allPaths(doc);
      const path = paths[pick % paths.length] as (string | number)[];
      let holder: Loose = doc;
      for (const key of path.slice(0, -1)) holder = holder[key];
      const last = path[path.length - 1] as string | number;
      if (remove && !Array.isArray(holder)) delete holder[last];
      else holder[last] = value;
      return doc;
    });

  it('never makes validateDocument throw, and problems stay well formed', () => {
    fc.assert(
      fc.property(mutated, (doc) => {
        const r = validateDocument(doc);
        expect(isWellFormed(r)).toBe(true);
        if (r.ok) expect(parseDocument(serializeDocument(r.document)).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDocument', () => {
  it.each([
    ['{', "invalid JSON: expected property name or '}' at line 1, column 2"],
    ['{\n  "a": 1,\n}', 'invalid JSON: expected double-quoted property name at line 3, column 1'],
    ['{\n  "a": tru\n}', "invalid JSON: unexpected character 't' at line 2, column 8"],
    ['[1, 2', 'at line 1, column 6'],
    ['{"a": "x', 'invalid JSON: unterminated string at line 1, column 9'],
    ['{"a": NaN}', "invalid JSON: unexpected character 'N' at line 1, column 7"],
    ['{"a": 1}\n\nx', 'at line 3, column 1'],
    ['', 'invalid JSON: the text is empty'],
    ['  \n ', 'invalid JSON: the text is empty'],
  ])('explains %j', (text, message) => {
    const r = parseDocument(text);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.path).toBe('');
    expect(r.problems[0]?.message).toContain(message);
    expect(r.problems[0]?.message).not.toContain('\n');
  });

  it('accepts a byte order mark', () => {
    expect(parseDocument(`\uFEFF${serializeDocument(exampleDocument())}`).ok).toBe(true);
  });

  it('parses, migrates and validates', () => {
    const text = serializeDocument(exampleDocument());
    const r = parseDocument(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.document).toEqual(exampleDocument());
    expect(parseDocument(text.replace('"version": 1', '"version": 7')).problems).toEqual([
      {
        path: 'version',
        message: 'this document was written by a newer version of Backpressure (version 7); this one reads version 1',
      },
    ]);
    expect(parseDocument('{"hello": "world"}').problems).toEqual([
      { path: 'format', message: 'must be "backpressure.topology" (is this a Backpressure topology file?)' },
    ]);
    expect(parseDocument(text.replace('"concurrency": 16', '"concurrency": 0')).problems).toEqual([
      { path: 'nodes[9].params.concurrency', message: 'must be an integer >= 1' },
    ]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        expect(isWellFormed(parseDocument(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on damaged documents, and finds the line of a syntax error', () => {
    const text = serializeDocument(exampleDocument());
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.nat(3), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        const damaged = text.slice(0, at) + insert + text.slice(at + cut);
        const r = parseDocument(damaged);
        expect(isWellFormed(r)).toBe(true);
        const syntax = r.problems.find((p) => p.message.startsWith('invalid JSON'));
        if (syntax) expect(syntax.message).toMatch(/at line \d+, column \d+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not text', () => {
    expect(parseDocument(5 as unknown as string).ok).toBe(false);
  });
});
