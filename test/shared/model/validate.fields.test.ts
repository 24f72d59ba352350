import { describe, expect, it } from 'vitest';
import { formatProblems, validateDocument } from '../../../shared/model/validate.js';
import { exampleDocument } from './arbitraries.js';
import { F, N, expectProblem, nodeOf, problemsAfter } from './helpers.js';
import type { Loose, RuleCase } from './helpers.js';

const n = (id: string) => `nodes[${N[id]}]`;
const f = (id: string) => `faults[${F[id]}]`;
const p = (id: string) => `${n(id)}.params`;
const params = (doc: Loose, id: string) => nodeOf(doc, id).params;
const long = (k: number) => 'x'.repeat(k);

function runCases(cases: RuleCase[]) {
  it.each(cases)('$rule -> $path', ({ mutate, path, message }) => {
    expectProblem(problemsAfter(mutate), path, message);
  });
}

describe('a realistic document', () => {
  it('is valid, and is returned as written (no defaults filled in, unknown fields kept)', () => {
    const doc: Loose = exampleDocument();
    doc.editor = { zoom: 1.5 };
    nodeOf(doc, 'users').ui = { collapsed: true };
    doc.edges[0].ui = { bend: 3 };
    doc.notes[0].ui = { pinned: true };
    const r = validateDocument(doc);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document).toEqual(doc);
    expect(r.document).not.toBe(doc);
    expect(r.document.editor).toEqual({ zoom: 1.5 });
    expect(nodeOf(r.document, 'mobile').params).toEqual({ rate: 50, requestBytes: 500, responseBytes: 200_000 });
  });

  it('a minimal document with empty lists is valid', () => {
    const r = validateDocument({
      format: 'backpressure.topology',
      version: 1,
      name: 'x',
      simulation: {},
      nodes: [],
      edges: [],
      faults: [],
      notes: [],
    });
    expect(r).toEqual({ ok: true, document: expect.anything(), problems: [] });
  });

  it('params may be empty: every param is optional', () => {
    const r = validateDocument({
      format: 'backpressure.topology',
      version: 1,
      name: 'x',
      simulation: {},
      nodes: [
        { id: 'c', kind: 'client', position: { x: 0, y: 0 }, params: {} },
        { id: 's', kind: 'service', position: { x: 0, y: 0 }, params: {} },
        { id: 'd', kind: 'database', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'c', target: 's', params: {} },
        { id: 'e2', source: 's', target: 'd', params: {} },
      ],
      faults: [],
      notes: [],
    });
    expect(r.problems).toEqual([]);
  });
});

describe('top level', () => {
  runCases([
    { rule: 'format', mutate: (d) => (d.format = 'other'), path: 'format', message: 'must be "backpressure.topology"' },
    { rule: 'format missing', mutate: (d) => delete d.format, path: 'format', message: 'is this a Backpressure' },
    {
      rule: 'newer version',
      mutate: (d) => (d.version = 2),
      path: 'version',
      message: 'this document was written by a newer version of Backpressure (version 2); this one reads version 1',
    },
    {
      rule: 'version not an integer',
      mutate: (d) => (d.version = 1.5),
      path: 'version',
      message: 'must be the integer 1',
    },
    {
      rule: 'version as a string',
      mutate: (d) => (d.version = '1'),
      path: 'version',
      message: 'must be the integer 1',
    },
    { rule: 'older version', mutate: (d) => (d.version = 0), path: 'version', message: 'migrate it first' },
    { rule: 'name missing', mutate: (d) => delete d.name, path: 'name', message: 'required' },
    { rule: 'name empty', mutate: (d) => (d.name = ''), path: 'name', message: 'must be 1 to 200 characters' },
    {
      rule: 'name too long',
      mutate: (d) => (d.name = long(201)),
      path: 'name',
      message: 'must be 1 to 200 characters',
    },
    { rule: 'name not a string', mutate: (d) => (d.name = 5), path: 'name', message: 'must be a string' },
    {
      rule: 'description too long',
      mutate: (d) => (d.description = long(10_001)),
      path: 'description',
      message: 'at most 10000 characters',
    },
    { rule: 'simulation missing', mutate: (d) => delete d.simulation, path: 'simulation', message: 'required' },
    {
      rule: 'simulation not an object',
      mutate: (d) => (d.simulation = []),
      path: 'simulation',
      message: 'must be an object',
    },
    {
      rule: 'seed < 0',
      mutate: (d) => (d.simulation.seed = -1),
      path: 'simulation.seed',
      message: 'must be an integer >= 0',
    },
    {
      rule: 'seed > 2^32-1',
      mutate: (d) => (d.simulation.seed = 2 ** 32),
      path: 'simulation.seed',
      message: 'must be an integer <= 4294967295',
    },
    {
      rule: 'seed not an integer',
      mutate: (d) => (d.simulation.seed = 0.5),
      path: 'simulation.seed',
      message: 'integer',
    },
    {
      rule: 'durationMs 0',
      mutate: (d) => (d.simulation.durationMs = 0),
      path: 'simulation.durationMs',
      message: '> 0',
    },
    {
      rule: 'durationMs > 24 h',
      mutate: (d) => (d.simulation.durationMs = 86_400_001),
      path: 'simulation.durationMs',
      message: '<= 86400000 (24 hours)',
    },
    {
      rule: 'unknown simulation field',
      mutate: (d) => (d.simulation.durationMS = 1),
      path: 'simulation.durationMS',
      message: 'unknown field of simulation (known: seed, durationMs)',
    },
    { rule: 'nodes missing', mutate: (d) => delete d.nodes, path: 'nodes', message: 'required (use [] for none)' },
    { rule: 'edges missing', mutate: (d) => delete d.edges, path: 'edges', message: 'required (use [] for none)' },
    {
      rule: 'faults not an array',
      mutate: (d) => (d.faults = {}),
      path: 'faults',
      message: 'must be an array of faults',
    },
    { rule: 'notes missing', mutate: (d) => delete d.notes, path: 'notes', message: 'required (use [] for none)' },
    {
      rule: 'too many nodes',
      mutate: (d) => (d.nodes = new Array(5001).fill(null)),
      path: 'nodes',
      message: 'too many nodes (5001); at most 5000',
    },
    {
      rule: 'too many edges',
      mutate: (d) => (d.edges = new Array(20_001).fill(null)),
      path: 'edges',
      message: 'too many edges (20001); at most 20000',
    },
    {
      rule: 'too many faults',
      mutate: (d) => (d.faults = new Array(1001).fill(null)),
      path: 'faults',
      message: 'at most 1000',
    },
    {
      rule: 'too many notes',
      mutate: (d) => (d.notes = new Array(1001).fill(null)),
      path: 'notes',
      message: 'at most 1000',
    },
  ]);

  it('keeps unknown top-level fields', () => {
    const doc: Loose = exampleDocument();
    doc.zz = [1, { a: 'b' }];
    doc.aa = null;
    const r = validateDocument(doc);
    expect(r.ok && r.document.zz).toEqual([1, { a: 'b' }]);
    expect(r.ok && r.document.aa).toBe(null);
  });
});

describe('ids', () => {
  runCases([
    {
      rule: 'node id with a space',
      mutate: (d) => (d.nodes[0].id = 'a b'),
      path: 'nodes[0].id',
      message: '1 to 64 characters',
    },
    { rule: 'empty id', mutate: (d) => (d.edges[0].id = ''), path: 'edges[0].id', message: '1 to 64 characters' },
    { rule: 'id too long', mutate: (d) => (d.faults[0].id = long(65)), path: 'faults[0].id', message: '1 to 64' },
    { rule: 'id not a string', mutate: (d) => (d.notes[0].id = 7), path: 'notes[0].id', message: 'must be an id' },
    { rule: 'node id missing', mutate: (d) => delete d.nodes[1].id, path: 'nodes[1].id', message: 'required' },
    {
      rule: 'edge id equal to a node id',
      mutate: (d) => (d.edges[2].id = 'api-us'),
      path: 'edges[2].id',
      message: `duplicate id "api-us" (also nodes[${N['api-us']}])`,
    },
    {
      rule: 'two nodes with one id',
      mutate: (d) => (nodeOf(d, 'auth').id = 'worker'),
      path: `${n('worker')}.id`,
      message: `duplicate id "worker" (also ${n('auth')})`,
    },
    {
      rule: 'note id equal to a fault id',
      mutate: (d) => (d.notes[0].id = 'f-cut'),
      path: 'notes[0].id',
      message: `duplicate id "f-cut" (also ${f('f-cut')})`,
    },
  ]);
});

describe('nodes', () => {
  runCases([
    {
      rule: 'unknown kind',
      mutate: (d) => (d.nodes[2].kind = 'server'),
      path: 'nodes[2].kind',
      message: 'must be one of client, dns, cdn, loadBalancer, service, database, cache, queue, sidecar, region',
    },
    { rule: 'kind missing', mutate: (d) => delete d.nodes[2].kind, path: 'nodes[2].kind', message: 'required' },
    {
      rule: 'node not an object',
      mutate: (d) => (d.nodes[3] = 'cdn'),
      path: 'nodes[3]',
      message: 'must be a node object',
    },
    {
      rule: 'label too long',
      mutate: (d) => (d.nodes[0].label = long(201)),
      path: 'nodes[0].label',
      message: 'at most 200',
    },
    {
      rule: 'position missing',
      mutate: (d) => delete d.nodes[0].position,
      path: 'nodes[0].position',
      message: 'required',
    },
    {
      rule: 'position.x NaN',
      mutate: (d) => (d.nodes[0].position.x = NaN),
      path: 'nodes[0].position.x',
      message: 'got NaN',
    },
    {
      rule: 'position.y Infinity',
      mutate: (d) => (d.nodes[0].position.y = Infinity),
      path: 'nodes[0].position.y',
      message: 'must be a number',
    },
    {
      rule: 'position.x a string',
      mutate: (d) => (d.nodes[0].position.x = '1'),
      path: 'nodes[0].position.x',
      message: 'got "1"',
    },
    {
      rule: 'params missing',
      mutate: (d) => delete d.nodes[0].params,
      path: 'nodes[0].params',
      message: 'required (use {} for the defaults)',
    },
    {
      rule: 'params an array',
      mutate: (d) => (d.nodes[0].params = []),
      path: 'nodes[0].params',
      message: 'must be an object',
    },
    {
      rule: 'parent not a string',
      mutate: (d) => (d.nodes[0].parent = 3),
      path: 'nodes[0].parent',
      message: 'must be the id',
    },
    {
      rule: 'unknown service param',
      mutate: (d) => (params(d, 'api-us').concurency = 4),
      path: `${p('api-us')}.concurency`,
      message: 'unknown parameter for a service (known: replicas, concurrency, queueCapacity',
    },
    {
      rule: 'retry on a database is unknown',
      mutate: (d) => (params(d, 'db').retry = { maxAttempts: 2 }),
      path: `${p('db')}.retry`,
      message: 'unknown parameter for a database (known: replicas, concurrency, queueCapacity, serviceTime, errorRate)',
    },
    {
      rule: 'unknown region param',
      mutate: (d) => (params(d, 'us').latency = 3),
      path: `${p('us')}.latency`,
      message: 'unknown parameter for a region',
    },
  ]);
});

describe('policy objects are strict', () => {
  runCases([
    {
      rule: 'retry',
      mutate: (d) => (params(d, 'users').retry.maxAttemps = 3),
      path: `${p('users')}.retry.maxAttemps`,
      message: 'unknown field of retry (known: maxAttempts, backoff, retryOn, budget)',
    },
    {
      rule: 'backoff',
      mutate: (d) => (params(d, 'users').retry.backoff.jiter = 'full'),
      path: `${p('users')}.retry.backoff.jiter`,
      message: 'unknown field of backoff',
    },
    {
      rule: 'budget',
      mutate: (d) => (params(d, 'users').retry.budget.percent = 3),
      path: `${p('users')}.retry.budget.percent`,
      message: 'unknown field of budget',
    },
    {
      rule: 'circuitBreaker',
      mutate: (d) => (params(d, 'api-us').circuitBreaker.threshold = 3),
      path: `${p('api-us')}.circuitBreaker.threshold`,
      message: 'unknown field of circuitBreaker',
    },
    {
      rule: 'rateLimit',
      mutate: (d) => (params(d, 'mesh').rateLimit.rate = 3),
      path: `${p('mesh')}.rateLimit.rate`,
      message: 'unknown field of rateLimit',
    },
    {
      rule: 'healthCheck',
      mutate: (d) => (params(d, 'lb-us').healthCheck.path = '/health'),
      path: `${p('lb-us')}.healthCheck.path`,
      message: 'unknown field of healthCheck',
    },
    {
      rule: 'outlierDetection',
      mutate: (d) => (params(d, 'lb-us').outlierDetection.x = 1),
      path: `${p('lb-us')}.outlierDetection.x`,
      message: 'unknown field of outlierDetection',
    },
    {
      rule: 'keys',
      mutate: (d) => (params(d, 'users').keys.skew = 1),
      path: `${p('users')}.keys.skew`,
      message: 'unknown field of keys',
    },
    {
      rule: 'serviceTime',
      mutate: (d) => (params(d, 'api-us').serviceTime.stdMs = 1),
      path: `${p('api-us')}.serviceTime.stdMs`,
      message: 'unknown field of a lognormal distribution (known: dist, meanMs, p99Ms)',
    },
    {
      rule: 'a rate step',
      mutate: (d) => (params(d, 'users').rateSchedule[0].at = 1),
      path: `${p('users')}.rateSchedule[0].at`,
      message: 'unknown field of a rate step',
    },
  ]);
});

describe('client params', () => {
  runCases([
    {
      rule: 'rate < 0',
      mutate: (d) => (params(d, 'users').rate = -1),
      path: `${p('users')}.rate`,
      message: 'must be a number >= 0',
    },
    {
      rule: 'rate too large',
      mutate: (d) => (params(d, 'users').rate = 10_000_001),
      path: `${p('users')}.rate`,
      message: 'must be a number <= 10000000',
    },
    {
      rule: 'rate NaN',
      mutate: (d) => (params(d, 'users').rate = NaN),
      path: `${p('users')}.rate`,
      message: 'got NaN',
    },
    {
      rule: 'rate Infinity',
      mutate: (d) => (params(d, 'users').rate = Infinity),
      path: `${p('users')}.rate`,
      message: 'got Infinity',
    },
    {
      rule: 'rate a string',
      mutate: (d) => (params(d, 'users').rate = '10'),
      path: `${p('users')}.rate`,
      message: 'got "10"',
    },
    {
      rule: 'rate null',
      mutate: (d) => (params(d, 'users').rate = null),
      path: `${p('users')}.rate`,
      message: 'got null',
    },
    {
      rule: 'arrival',
      mutate: (d) => (params(d, 'users').arrival = 'bursty'),
      path: `${p('users')}.arrival`,
      message: 'must be one of poisson, uniform',
    },
    {
      rule: 'users 0',
      mutate: (d) => (params(d, 'users').users = 0),
      path: `${p('users')}.users`,
      message: 'must be an integer >= 1',
    },
    {
      rule: 'users too many',
      mutate: (d) => (params(d, 'users').users = 10_000_001),
      path: `${p('users')}.users`,
      message: '<= 10000000',
    },
    {
      rule: 'users fractional',
      mutate: (d) => (params(d, 'users').users = 1.5),
      path: `${p('users')}.users`,
      message: 'got 1.5',
    },
    {
      rule: 'keys.count 0',
      mutate: (d) => (params(d, 'users').keys.count = 0),
      path: `${p('users')}.keys.count`,
      message: '>= 1',
    },
    {
      rule: 'keys.count too many',
      mutate: (d) => (params(d, 'users').keys.count = 10_000_001),
      path: `${p('users')}.keys.count`,
      message: '<= 10000000',
    },
    {
      rule: 'keys.distribution',
      mutate: (d) => (params(d, 'users').keys.distribution = 'pareto'),
      path: `${p('users')}.keys.distribution`,
      message: 'must be one of uniform, zipf',
    },
    {
      rule: 'zipfS 0',
      mutate: (d) => (params(d, 'users').keys.zipfS = 0),
      path: `${p('users')}.keys.zipfS`,
      message: '> 0',
    },
    {
      rule: 'zipfS > 10',
      mutate: (d) => (params(d, 'users').keys.zipfS = 10.5),
      path: `${p('users')}.keys.zipfS`,
      message: '<= 10',
    },
    {
      rule: 'requestBytes < 0',
      mutate: (d) => (params(d, 'users').requestBytes = -1),
      path: `${p('users')}.requestBytes`,
      message: 'must be an integer >= 0',
    },
    {
      rule: 'responseBytes fractional',
      mutate: (d) => (params(d, 'users').responseBytes = 1.5),
      path: `${p('users')}.responseBytes`,
      message: 'integer',
    },
    {
      rule: 'responseBytes > 1e9',
      mutate: (d) => (params(d, 'users').responseBytes = 1e9 + 1),
      path: `${p('users')}.responseBytes`,
      message: '<= 1000000000',
    },
    {
      rule: 'timeoutMs < 0',
      mutate: (d) => (params(d, 'users').timeoutMs = -1),
      path: `${p('users')}.timeoutMs`,
      message: '>= 0',
    },
    {
      rule: 'timeoutMs > 24 h',
      mutate: (d) => (params(d, 'users').timeoutMs = 86_400_001),
      path: `${p('users')}.timeoutMs`,
      message: '(24 hours)',
    },
    {
      rule: 'rateSchedule not a list',
      mutate: (d) => (params(d, 'users').rateSchedule = { atMs: 0, rate: 1 }),
      path: `${p('users')}.rateSchedule`,
      message: 'must be a list',
    },
    {
      rule: 'rateSchedule not increasing',
      mutate: (d) =>
        (params(d, 'users').rateSchedule = [
          { atMs: 0, rate: 1 },
          { atMs: 10, rate: 1 },
          { atMs: 10, rate: 2 },
        ]),
      path: `${p('users')}.rateSchedule[2].atMs`,
      message: "must be greater than the previous step's atMs (10)",
    },
    {
      rule: 'rateSchedule rate < 0',
      mutate: (d) => (params(d, 'users').rateSchedule[1].rate = -5),
      path: `${p('users')}.rateSchedule[1].rate`,
      message: '>= 0',
    },
    {
      rule: 'rateSchedule atMs < 0',
      mutate: (d) => (params(d, 'users').rateSchedule[0].atMs = -5),
      path: `${p('users')}.rateSchedule[0].atMs`,
      message: '>= 0',
    },
    {
      rule: 'rateSchedule step missing rate',
      mutate: (d) => delete params(d, 'users').rateSchedule[0].rate,
      path: `${p('users')}.rateSchedule[0].rate`,
      message: 'required',
    },
  ]);
});

describe('service and database params', () => {
  runCases([
    {
      rule: 'concurrency 0 (the contract example)',
      mutate: (d) => (params(d, 'api-us').concurrency = 0),
      path: `${p('api-us')}.concurrency`,
      message: 'must be an integer >= 1',
    },
    {
      rule: 'concurrency too large',
      mutate: (d) => (params(d, 'api-us').concurrency = 100_001),
      path: `${p('api-us')}.concurrency`,
      message: '<= 100000',
    },
    { rule: 'replicas 0', mutate: (d) => (params(d, 'db').replicas = 0), path: `${p('db')}.replicas`, message: '>= 1' },
    {
      rule: 'replicas > 1000',
      mutate: (d) => (params(d, 'db').replicas = 1001),
      path: `${p('db')}.replicas`,
      message: '<= 1000',
    },
    {
      rule: 'queueCapacity < 0',
      mutate: (d) => (params(d, 'api-us').queueCapacity = -1),
      path: `${p('api-us')}.queueCapacity`,
      message: 'must be an integer >= 0',
    },
    {
      rule: 'queueCapacity too large',
      mutate: (d) => (params(d, 'db').queueCapacity = 10_000_001),
      path: `${p('db')}.queueCapacity`,
      message: '<= 10000000',
    },
    {
      rule: 'errorRate > 1',
      mutate: (d) => (params(d, 'api-us').errorRate = 1.5),
      path: `${p('api-us')}.errorRate`,
      message: 'must be a number from 0 to 1',
    },
    {
      rule: 'errorRate < 0',
      mutate: (d) => (params(d, 'db').errorRate = -0.1),
      path: `${p('db')}.errorRate`,
      message: 'must be a number from 0 to 1',
    },
    {
      rule: 'calls',
      mutate: (d) => (params(d, 'api-us').calls = 'async'),
      path: `${p('api-us')}.calls`,
      message: 'must be one of sequential, parallel',
    },
    {
      rule: 'service timeoutMs < 0',
      mutate: (d) => (params(d, 'api-us').timeoutMs = -1),
      path: `${p('api-us')}.timeoutMs`,
      message: '>= 0',
    },
  ]);

  it('queueCapacity 0 (no waiting room) is valid', () => {
    expect(problemsAfter((d) => (params(d, 'api-us').queueCapacity = 0))).toEqual([]);
  });
});

describe('distributions', () => {
  const st = `${p('api-us')}.serviceTime`;
  const set = (v: unknown) => (d: Loose) => (params(d, 'api-us').serviceTime = v);
  runCases([
    {
      rule: 'not an object',
      mutate: set(20),
      path: st,
      message: 'must be a distribution such as {"dist": "exponential"',
    },
    {
      rule: 'unknown dist',
      mutate: set({ dist: 'gamma', meanMs: 1 }),
      path: `${st}.dist`,
      message: 'must be one of constant, exponential, uniform, lognormal, normal',
    },
    { rule: 'dist missing', mutate: set({ meanMs: 1 }), path: `${st}.dist`, message: 'required' },
    {
      rule: 'constant meanMs < 0',
      mutate: set({ dist: 'constant', meanMs: -1 }),
      path: `${st}.meanMs`,
      message: '>= 0',
    },
    {
      rule: 'exponential meanMs 0',
      mutate: set({ dist: 'exponential', meanMs: 0 }),
      path: `${st}.meanMs`,
      message: '> 0',
    },
    {
      rule: 'exponential meanMs missing',
      mutate: set({ dist: 'exponential' }),
      path: `${st}.meanMs`,
      message: 'required',
    },
    {
      rule: 'uniform minMs < 0',
      mutate: set({ dist: 'uniform', minMs: -1, maxMs: 2 }),
      path: `${st}.minMs`,
      message: '>= 0',
    },
    {
      rule: 'uniform maxMs < minMs',
      mutate: set({ dist: 'uniform', minMs: 5, maxMs: 2 }),
      path: `${st}.maxMs`,
      message: 'must be >= minMs (5)',
    },
    {
      rule: 'lognormal meanMs 0',
      mutate: set({ dist: 'lognormal', meanMs: 0, p99Ms: 5 }),
      path: `${st}.meanMs`,
      message: '> 0',
    },
    {
      rule: 'lognormal p99Ms <= meanMs',
      mutate: set({ dist: 'lognormal', meanMs: 20, p99Ms: 20 }),
      path: `${st}.p99Ms`,
      message: 'must be greater than meanMs (20)',
    },
    {
      rule: 'lognormal p99Ms / meanMs > 14.9',
      mutate: set({ dist: 'lognormal', meanMs: 10, p99Ms: 150 }),
      path: `${st}.p99Ms`,
      message: 'no lognormal distribution has a mean of 10 ms and a p99 of 150 ms',
    },
    {
      rule: 'normal meanMs < 0',
      mutate: set({ dist: 'normal', meanMs: -1, stdMs: 1 }),
      path: `${st}.meanMs`,
      message: '>= 0',
    },
    {
      rule: 'normal stdMs < 0',
      mutate: set({ dist: 'normal', meanMs: 1, stdMs: -1 }),
      path: `${st}.stdMs`,
      message: '>= 0',
    },
  ]);

  it('a lognormal at the edge of what exists is valid', () => {
    expect(problemsAfter(set({ dist: 'lognormal', meanMs: 10, p99Ms: 149 }))).toEqual([]);
  });
});

describe('retry', () => {
  const r = `${p('users')}.retry`;
  const retry = (d: Loose) => params(d, 'users').retry;
  runCases([
    {
      rule: 'maxAttempts 0',
      mutate: (d) => (retry(d).maxAttempts = 0),
      path: `${r}.maxAttempts`,
      message: 'must be an integer >= 1',
    },
    {
      rule: 'maxAttempts > 100',
      mutate: (d) => (retry(d).maxAttempts = 101),
      path: `${r}.maxAttempts`,
      message: '<= 100',
    },
    {
      rule: 'maxAttempts fractional',
      mutate: (d) => (retry(d).maxAttempts = 2.5),
      path: `${r}.maxAttempts`,
      message: 'integer',
    },
    { rule: 'baseMs 0', mutate: (d) => (retry(d).backoff.baseMs = 0), path: `${r}.backoff.baseMs`, message: '> 0' },
    {
      rule: 'capMs < baseMs',
      mutate: (d) => (retry(d).backoff = { baseMs: 100, capMs: 50 }),
      path: `${r}.backoff.capMs`,
      message: 'must be >= baseMs (100)',
    },
    {
      rule: 'baseMs above the default capMs',
      mutate: (d) => (retry(d).backoff = { baseMs: 500 }),
      path: `${r}.backoff.baseMs`,
      message: 'must be <= capMs (250 by default)',
    },
    {
      rule: 'multiplier < 1',
      mutate: (d) => (retry(d).backoff.multiplier = 0.5),
      path: `${r}.backoff.multiplier`,
      message: '>= 1',
    },
    {
      rule: 'jitter',
      mutate: (d) => (retry(d).backoff.jitter = 'random'),
      path: `${r}.backoff.jitter`,
      message: 'must be one of none, full, equal, decorrelated, immediate',
    },
    {
      rule: 'retryOn empty',
      mutate: (d) => (retry(d).retryOn = []),
      path: `${r}.retryOn`,
      message: 'at least one outcome',
    },
    {
      rule: 'retryOn circuitOpen',
      mutate: (d) => (retry(d).retryOn = ['error', 'circuitOpen']),
      path: `${r}.retryOn[1]`,
      message: 'circuitOpen is never retried',
    },
    {
      rule: 'retryOn unknown outcome',
      mutate: (d) => (retry(d).retryOn = ['boom']),
      path: `${r}.retryOn[0]`,
      message: 'must be one of error, timeout, rejected, unavailable',
    },
    {
      rule: 'retryOn not a list',
      mutate: (d) => (retry(d).retryOn = 'error'),
      path: `${r}.retryOn`,
      message: 'must be a list',
    },
    {
      rule: 'budget ratio > 10',
      mutate: (d) => (retry(d).budget.ratio = 11),
      path: `${r}.budget.ratio`,
      message: '<= 10',
    },
    {
      rule: 'budget ratio < 0',
      mutate: (d) => (retry(d).budget.ratio = -1),
      path: `${r}.budget.ratio`,
      message: '>= 0',
    },
    {
      rule: 'budget minPerSec < 0',
      mutate: (d) => (retry(d).budget.minPerSec = -1),
      path: `${r}.budget.minPerSec`,
      message: '>= 0',
    },
    {
      rule: 'retry not an object',
      mutate: (d) => (params(d, 'users').retry = true),
      path: r,
      message: 'must be an object',
    },
  ]);
});

describe('circuit breaker, rate limit, health check, outlier detection', () => {
  const cb = `${p('api-us')}.circuitBreaker`;
  const breaker = (d: Loose) => params(d, 'api-us').circuitBreaker;
  const hc = `${p('lb-us')}.healthCheck`;
  const health = (d: Loose) => params(d, 'lb-us').healthCheck;
  const od = `${p('lb-us')}.outlierDetection`;
  const outlier = (d: Loose) => params(d, 'lb-us').outlierDetection;
  const rl = `${p('mesh')}.rateLimit`;
  const limit = (d: Loose) => params(d, 'mesh').rateLimit;
  runCases([
    {
      rule: 'failureRateThreshold 0',
      mutate: (d) => (breaker(d).failureRateThreshold = 0),
      path: `${cb}.failureRateThreshold`,
      message: 'must be a number > 0 and <= 100',
    },
    {
      rule: 'failureRateThreshold > 100',
      mutate: (d) => (breaker(d).failureRateThreshold = 101),
      path: `${cb}.failureRateThreshold`,
      message: '> 0 and <= 100',
    },
    {
      rule: 'slowCallRateThreshold 0',
      mutate: (d) => (breaker(d).slowCallRateThreshold = 0),
      path: `${cb}.slowCallRateThreshold`,
      message: '> 0 and <= 100',
    },
    {
      rule: 'slowCallDurationMs 0',
      mutate: (d) => (breaker(d).slowCallDurationMs = 0),
      path: `${cb}.slowCallDurationMs`,
      message: '> 0',
    },
    {
      rule: 'windowType',
      mutate: (d) => (breaker(d).windowType = 'sliding'),
      path: `${cb}.windowType`,
      message: 'must be one of count, time',
    },
    {
      rule: 'windowSize 0',
      mutate: (d) => (breaker(d).windowSize = 0),
      path: `${cb}.windowSize`,
      message: 'integer >= 1',
    },
    {
      rule: 'minimumCalls 0',
      mutate: (d) => (breaker(d).minimumCalls = 0),
      path: `${cb}.minimumCalls`,
      message: 'integer >= 1',
    },
    { rule: 'openMs 0', mutate: (d) => (breaker(d).openMs = 0), path: `${cb}.openMs`, message: '> 0' },
    {
      rule: 'halfOpenCalls 0',
      mutate: (d) => (breaker(d).halfOpenCalls = 0),
      path: `${cb}.halfOpenCalls`,
      message: '>= 1',
    },
    { rule: 'ratePerSec 0', mutate: (d) => (limit(d).ratePerSec = 0), path: `${rl}.ratePerSec`, message: '> 0' },
    { rule: 'burst 0', mutate: (d) => (limit(d).burst = 0), path: `${rl}.burst`, message: 'integer >= 1' },
    { rule: 'burst fractional', mutate: (d) => (limit(d).burst = 1.5), path: `${rl}.burst`, message: 'integer' },
    { rule: 'intervalMs 0', mutate: (d) => (health(d).intervalMs = 0), path: `${hc}.intervalMs`, message: '> 0' },
    { rule: 'health timeoutMs 0', mutate: (d) => (health(d).timeoutMs = 0), path: `${hc}.timeoutMs`, message: '> 0' },
    {
      rule: 'health timeoutMs >= intervalMs',
      mutate: (d) => (health(d).timeoutMs = 5000),
      path: `${hc}.timeoutMs`,
      message: 'must be less than intervalMs (5000): a probe must time out before the next one is sent',
    },
    {
      rule: 'intervalMs below the default timeout',
      mutate: (d) => (params(d, 'lb-us').healthCheck = { intervalMs: 500 }),
      path: `${hc}.intervalMs`,
      message: 'must be greater than timeoutMs (1000 by default)',
    },
    {
      rule: 'unhealthyThreshold 0',
      mutate: (d) => (health(d).unhealthyThreshold = 0),
      path: `${hc}.unhealthyThreshold`,
      message: 'integer >= 1',
    },
    {
      rule: 'healthyThreshold fractional',
      mutate: (d) => (health(d).healthyThreshold = 1.5),
      path: `${hc}.healthyThreshold`,
      message: 'integer',
    },
    {
      rule: 'failOpen',
      mutate: (d) => (health(d).failOpen = 'yes'),
      path: `${hc}.failOpen`,
      message: 'must be true or false',
    },
    {
      rule: 'consecutiveErrors 0',
      mutate: (d) => (outlier(d).consecutiveErrors = 0),
      path: `${od}.consecutiveErrors`,
      message: 'integer >= 1',
    },
    {
      rule: 'outlier intervalMs 0',
      mutate: (d) => (outlier(d).intervalMs = 0),
      path: `${od}.intervalMs`,
      message: '> 0',
    },
    {
      rule: 'baseEjectionMs 0',
      mutate: (d) => (outlier(d).baseEjectionMs = 0),
      path: `${od}.baseEjectionMs`,
      message: '> 0',
    },
    {
      rule: 'maxEjectionPercent > 100',
      mutate: (d) => (outlier(d).maxEjectionPercent = 101),
      path: `${od}.maxEjectionPercent`,
      message: 'from 0 to 100',
    },
  ]);
});

describe('other node kinds', () => {
  runCases([
    {
      rule: 'dns policy',
      mutate: (d) => (params(d, 'dns').policy = 'geo'),
      path: `${p('dns')}.policy`,
      message: 'must be one of roundRobin, failover, latency, weighted',
    },
    { rule: 'dns ttlMs < 0', mutate: (d) => (params(d, 'dns').ttlMs = -1), path: `${p('dns')}.ttlMs`, message: '>= 0' },
    {
      rule: 'dns lookupMs > 24 h',
      mutate: (d) => (params(d, 'dns').lookupMs = 1e9),
      path: `${p('dns')}.lookupMs`,
      message: '<= 86400000',
    },
    {
      rule: 'cdn capacity 0',
      mutate: (d) => (params(d, 'cdn').capacity = 0),
      path: `${p('cdn')}.capacity`,
      message: 'integer >= 1',
    },
    {
      rule: 'cdn capacity too large',
      mutate: (d) => (params(d, 'cdn').capacity = 10_000_001),
      path: `${p('cdn')}.capacity`,
      message: '<= 10000000',
    },
    {
      rule: 'cdn coalesce',
      mutate: (d) => (params(d, 'cdn').coalesce = 1),
      path: `${p('cdn')}.coalesce`,
      message: 'true or false',
    },
    { rule: 'cdn hitMs < 0', mutate: (d) => (params(d, 'cdn').hitMs = -1), path: `${p('cdn')}.hitMs`, message: '>= 0' },
    {
      rule: 'lb strategy',
      mutate: (d) => (params(d, 'lb-us').strategy = 'fastest'),
      path: `${p('lb-us')}.strategy`,
      message: 'must be one of roundRobin, random, leastConnections, powerOfTwo, ipHash, consistentHash, weighted',
    },
    {
      rule: 'lb layer',
      mutate: (d) => (params(d, 'lb-us').layer = 5),
      path: `${p('lb-us')}.layer`,
      message: 'must be 4 or 7',
    },
    {
      rule: 'lb vnodes 0',
      mutate: (d) => (params(d, 'lb-eu').vnodes = 0),
      path: `${p('lb-eu')}.vnodes`,
      message: '>= 1',
    },
    {
      rule: 'lb vnodes > 10000',
      mutate: (d) => (params(d, 'lb-eu').vnodes = 10_001),
      path: `${p('lb-eu')}.vnodes`,
      message: '<= 10000',
    },
    {
      rule: 'lb processingMs < 0',
      mutate: (d) => (params(d, 'lb-us').processingMs = -1),
      path: `${p('lb-us')}.processingMs`,
      message: '>= 0',
    },
    {
      rule: 'cache capacity fractional',
      mutate: (d) => (params(d, 'sessions').capacity = 1.5),
      path: `${p('sessions')}.capacity`,
      message: 'integer',
    },
    {
      rule: 'cache ttlMs < 0',
      mutate: (d) => (params(d, 'sessions').ttlMs = -1),
      path: `${p('sessions')}.ttlMs`,
      message: '>= 0',
    },
    {
      rule: 'queue consumers 0',
      mutate: (d) => (params(d, 'jobs').consumers = 0),
      path: `${p('jobs')}.consumers`,
      message: '>= 1',
    },
    {
      rule: 'queue consumers too many',
      mutate: (d) => (params(d, 'jobs').consumers = 100_001),
      path: `${p('jobs')}.consumers`,
      message: '<= 100000',
    },
    {
      rule: 'queue capacity 0',
      mutate: (d) => (params(d, 'jobs').capacity = 0),
      path: `${p('jobs')}.capacity`,
      message: '>= 1',
    },
    {
      rule: 'queue enqueueMs < 0',
      mutate: (d) => (params(d, 'jobs').enqueueMs = -1),
      path: `${p('jobs')}.enqueueMs`,
      message: '>= 0',
    },
    {
      rule: 'sidecar attachedTo missing',
      mutate: (d) => delete params(d, 'mesh').attachedTo,
      path: `${p('mesh')}.attachedTo`,
      message: 'required',
    },
    {
      rule: 'sidecar mtls',
      mutate: (d) => (params(d, 'mesh').mtls = 'on'),
      path: `${p('mesh')}.mtls`,
      message: 'true or false',
    },
    {
      rule: 'sidecar lbStrategy',
      mutate: (d) => (params(d, 'mesh').lbStrategy = 'x'),
      path: `${p('mesh')}.lbStrategy`,
      message: 'must be one of roundRobin',
    },
    {
      rule: 'sidecar processingMs < 0',
      mutate: (d) => (params(d, 'mesh').processingMs = -1),
      path: `${p('mesh')}.processingMs`,
      message: '>= 0',
    },
    {
      rule: 'region unknown preset',
      mutate: (d) => (params(d, 'us').location = 'mars'),
      path: `${p('us')}.location`,
      message:
        'must be one of us-east, us-west, sa-east, eu-west, eu-central, ap-south, ap-northeast, ap-southeast, af-south',
    },
    {
      rule: 'region preset and lat/lon',
      mutate: (d) => Object.assign(params(d, 'us'), { lat: 1, lon: 2 }),
      path: `${p('us')}.location`,
      message: 'not both',
    },
    {
      rule: 'region lat without lon',
      mutate: (d) => delete params(d, 'eu').lon,
      path: `${p('eu')}.lon`,
      message: 'required when lat is given',
    },
    {
      rule: 'region lon without lat',
      mutate: (d) => delete params(d, 'eu').lat,
      path: `${p('eu')}.lat`,
      message: 'required when lon is given',
    },
    {
      rule: 'region lat > 90',
      mutate: (d) => (params(d, 'eu').lat = 91),
      path: `${p('eu')}.lat`,
      message: 'from -90 to 90',
    },
    {
      rule: 'region lon < -180',
      mutate: (d) => (params(d, 'eu').lon = -181),
      path: `${p('eu')}.lon`,
      message: 'from -180 to 180',
    },
    {
      rule: 'region size.width 0',
      mutate: (d) => (params(d, 'eu').size.width = 0),
      path: `${p('eu')}.size.width`,
      message: '> 0',
    },
    {
      rule: 'region size not an object',
      mutate: (d) => (params(d, 'eu').size = 3),
      path: `${p('eu')}.size`,
      message: 'must be a size',
    },
  ]);
});

describe('edges', () => {
  const ep = (d: Loose) => d.edges[0].params;
  runCases([
    {
      rule: 'edge not an object',
      mutate: (d) => (d.edges[1] = 1),
      path: 'edges[1]',
      message: 'must be an edge object',
    },
    { rule: 'source missing', mutate: (d) => delete d.edges[1].source, path: 'edges[1].source', message: 'required' },
    {
      rule: 'source not an id',
      mutate: (d) => (d.edges[1].source = 'lb us'),
      path: 'edges[1].source',
      message: 'must be the id of the calling node: 1 to 64 characters',
    },
    {
      rule: 'target not a string',
      mutate: (d) => (d.edges[1].target = 1),
      path: 'edges[1].target',
      message: 'must be the id',
    },
    {
      rule: 'params missing',
      mutate: (d) => delete d.edges[1].params,
      path: 'edges[1].params',
      message: 'required (use {}',
    },
    {
      rule: 'unknown edge param',
      mutate: (d) => (ep(d).latency = 5),
      path: 'edges[0].params.latency',
      message: 'unknown parameter for an edge (known: latencyMs, jitterMs, lossRate',
    },
    {
      rule: 'latencyMs < 0',
      mutate: (d) => (ep(d).latencyMs = -1),
      path: 'edges[0].params.latencyMs',
      message: '>= 0',
    },
    {
      rule: 'latencyMs > 24 h',
      mutate: (d) => (ep(d).latencyMs = 86_400_001),
      path: 'edges[0].params.latencyMs',
      message: '<= 86400000',
    },
    { rule: 'jitterMs < 0', mutate: (d) => (ep(d).jitterMs = -1), path: 'edges[0].params.jitterMs', message: '>= 0' },
    {
      rule: 'lossRate > 1',
      mutate: (d) => (ep(d).lossRate = 1.1),
      path: 'edges[0].params.lossRate',
      message: 'from 0 to 1',
    },
    {
      rule: 'probability > 1',
      mutate: (d) => (ep(d).probability = 2),
      path: 'edges[0].params.probability',
      message: 'from 0 to 1',
    },
    {
      rule: 'probability NaN',
      mutate: (d) => (ep(d).probability = NaN),
      path: 'edges[0].params.probability',
      message: 'NaN',
    },
    { rule: 'weight < 0', mutate: (d) => (ep(d).weight = -1), path: 'edges[0].params.weight', message: '>= 0' },
    {
      rule: 'weight > 1e6',
      mutate: (d) => (ep(d).weight = 1e6 + 1),
      path: 'edges[0].params.weight',
      message: '<= 1000000',
    },
    {
      rule: 'bandwidthMbps 0',
      mutate: (d) => (ep(d).bandwidthMbps = 0),
      path: 'edges[0].params.bandwidthMbps',
      message: '> 0',
    },
    {
      rule: 'bandwidthMbps > 1e6',
      mutate: (d) => (ep(d).bandwidthMbps = 2e6),
      path: 'edges[0].params.bandwidthMbps',
      message: '<= 1000000',
    },
    {
      rule: 'protocol',
      mutate: (d) => (ep(d).protocol = 'http4'),
      path: 'edges[0].params.protocol',
      message: 'must be one of http1.1, http2, http3, grpc, websocket, tcp, udp',
    },
    {
      rule: 'tls',
      mutate: (d) => (ep(d).tls = 'ssl3'),
      path: 'edges[0].params.tls',
      message: 'must be one of none, tls1.2, tls1.3',
    },
    {
      rule: 'keepAlive',
      mutate: (d) => (ep(d).keepAlive = 'yes'),
      path: 'edges[0].params.keepAlive',
      message: 'true or false',
    },
  ]);
});

describe('faults', () => {
  const at = (id: string, field: string) => `${f(id)}.${field}`;
  const fault = (d: Loose, id: string) => d.faults[F[id] as number];
  runCases([
    {
      rule: 'unknown kind',
      mutate: (d) => (fault(d, 'f-slow').kind = 'meteor'),
      path: at('f-slow', 'kind'),
      message: 'must be one of partition, cut, crash, slow, errors, degrade, surge',
    },
    {
      rule: 'fault not an object',
      mutate: (d) => (d.faults[0] = []),
      path: 'faults[0]',
      message: 'must be a fault object',
    },
    {
      rule: 'atMs missing',
      mutate: (d) => delete fault(d, 'f-slow').atMs,
      path: at('f-slow', 'atMs'),
      message: 'required',
    },
    { rule: 'atMs < 0', mutate: (d) => (fault(d, 'f-slow').atMs = -1), path: at('f-slow', 'atMs'), message: '>= 0' },
    {
      rule: 'untilMs <= atMs',
      mutate: (d) => (fault(d, 'f-crash').untilMs = 20_000),
      path: at('f-crash', 'untilMs'),
      message: 'must be greater than atMs (20000)',
    },
    {
      rule: 'unknown fault field',
      mutate: (d) => (fault(d, 'f-slow').facter = 2),
      path: at('f-slow', 'facter'),
      message: 'unknown field of a slow fault (known: id, kind, atMs, untilMs, node, factor)',
    },
    {
      rule: 'a field of another fault kind',
      mutate: (d) => (fault(d, 'f-crash').factor = 2),
      path: at('f-crash', 'factor'),
      message: 'unknown field of a crash fault (known: id, kind, atMs, untilMs, node, replica, mode)',
    },
    {
      rule: 'partition sides not two',
      mutate: (d) => (fault(d, 'f-split').sides = [['us'], ['eu'], ['dns']]),
      path: at('f-split', 'sides'),
      message: 'must be exactly two lists',
    },
    {
      rule: 'partition side empty',
      mutate: (d) => (fault(d, 'f-split').sides = [['us'], []]),
      path: `${at('f-split', 'sides')}[1]`,
      message: 'must list at least one node or region',
    },
    {
      rule: 'partition sides missing',
      mutate: (d) => delete fault(d, 'f-split').sides,
      path: at('f-split', 'sides'),
      message: 'required',
    },
    {
      rule: 'partition side id not a string',
      mutate: (d) => (fault(d, 'f-split').sides = [['us'], [5]]),
      path: `${at('f-split', 'sides')}[1][0]`,
      message: 'must be the id',
    },
    {
      rule: 'partition oneWay',
      mutate: (d) => (fault(d, 'f-split').oneWay = 'yes'),
      path: at('f-split', 'oneWay'),
      message: 'true or false',
    },
    {
      rule: 'cut edges empty',
      mutate: (d) => (fault(d, 'f-cut').edges = []),
      path: at('f-cut', 'edges'),
      message: 'at least one edge',
    },
    {
      rule: 'crash mode',
      mutate: (d) => (fault(d, 'f-crash').mode = 'explode'),
      path: at('f-crash', 'mode'),
      message: 'must be one of refuse, blackhole',
    },
    {
      rule: 'crash replica < 0',
      mutate: (d) => (fault(d, 'f-crash').replica = -1),
      path: at('f-crash', 'replica'),
      message: '>= 0',
    },
    {
      rule: 'crash replica fractional',
      mutate: (d) => (fault(d, 'f-crash').replica = 0.5),
      path: at('f-crash', 'replica'),
      message: 'integer',
    },
    {
      rule: 'crash node missing',
      mutate: (d) => delete fault(d, 'f-crash').node,
      path: at('f-crash', 'node'),
      message: 'required',
    },
    {
      rule: 'slow factor 0',
      mutate: (d) => (fault(d, 'f-slow').factor = 0),
      path: at('f-slow', 'factor'),
      message: '> 0',
    },
    {
      rule: 'slow factor > 1000',
      mutate: (d) => (fault(d, 'f-slow').factor = 1001),
      path: at('f-slow', 'factor'),
      message: '<= 1000',
    },
    {
      rule: 'slow factor missing',
      mutate: (d) => delete fault(d, 'f-slow').factor,
      path: at('f-slow', 'factor'),
      message: 'required',
    },
    {
      rule: 'surge factor < 0',
      mutate: (d) => (fault(d, 'f-surge').factor = -1),
      path: at('f-surge', 'factor'),
      message: '>= 0',
    },
    {
      rule: 'surge factor > 1000',
      mutate: (d) => (fault(d, 'f-surge').factor = 1e4),
      path: at('f-surge', 'factor'),
      message: '<= 1000',
    },
    {
      rule: 'errors errorRate > 1',
      mutate: (d) => (fault(d, 'f-errors').errorRate = 2),
      path: at('f-errors', 'errorRate'),
      message: 'from 0 to 1',
    },
    {
      rule: 'degrade addLatencyMs < 0',
      mutate: (d) => (fault(d, 'f-degrade').addLatencyMs = -1),
      path: at('f-degrade', 'addLatencyMs'),
      message: '>= 0',
    },
    {
      rule: 'degrade lossRate > 1',
      mutate: (d) => (fault(d, 'f-degrade').lossRate = 2),
      path: at('f-degrade', 'lossRate'),
      message: 'from 0 to 1',
    },
    {
      rule: 'degrade edge missing',
      mutate: (d) => delete fault(d, 'f-degrade').edge,
      path: at('f-degrade', 'edge'),
      message: 'required',
    },
  ]);

  it('surge factor 0 (a client stopped) is valid', () => {
    expect(problemsAfter((d) => (fault(d, 'f-surge').factor = 0))).toEqual([]);
  });
});

describe('notes', () => {
  runCases([
    { rule: 'text missing', mutate: (d) => delete d.notes[0].text, path: 'notes[0].text', message: 'required' },
    {
      rule: 'text too long',
      mutate: (d) => (d.notes[0].text = long(10_001)),
      path: 'notes[0].text',
      message: 'at most 10000',
    },
    {
      rule: 'position missing',
      mutate: (d) => delete d.notes[0].position,
      path: 'notes[0].position',
      message: 'required',
    },
    {
      rule: 'size.height 0',
      mutate: (d) => (d.notes[0].size.height = 0),
      path: 'notes[0].size.height',
      message: '> 0',
    },
    {
      rule: 'color too long',
      mutate: (d) => (d.notes[0].color = long(33)),
      path: 'notes[0].color',
      message: 'at most 32',
    },
    {
      rule: 'note not an object',
      mutate: (d) => (d.notes[0] = 'hello'),
      path: 'notes[0]',
      message: 'must be a note object',
    },
  ]);

  it('an empty note text is valid', () => {
    expect(problemsAfter((d) => (d.notes[0].text = ''))).toEqual([]);
  });
});

describe('reporting', () => {
  it('lists every problem, in document order, deduplicated, one line each', () => {
    const problems = problemsAfter((d) => {
      d.notes[0].color = 5;
      d.version = 2;
      params(d, 'api-us').concurrency = 0;
      params(d, 'api-us').concurency = 3;
      d.nodes[0].kind = 'clien';
      d.edges[2].target = 'nope';
      d.simulation.seed = -1;
      d.faults[0].sides = [['us'], ['us']];
    });
    expect(problems.map((x) => x.path)).toEqual([
      'version',
      'simulation.seed',
      'nodes[0].kind',
      `${p('api-us')}.concurrency`,
      `${p('api-us')}.concurency`,
      'edges[2].target',
      'faults[0].sides[1][0]',
      'notes[0].color',
    ]);
    const text = formatProblems(problems);
    expect(text.split('\n')).toHaveLength(problems.length);
    expect(text).toContain(`${p('api-us')}.concurrency: must be an integer >= 1`);
    expect(text).toContain('edges[2].target: no node with id "nope"');
    expect(new Set(problems.map((x) => `${x.path}|${x.message}`)).size).toBe(problems.length);
  });

  it('keeps checking the other fields of an object with a bad field', () => {
    const problems = problemsAfter((d) => {
      d.nodes[0].id = 'bad id';
      d.nodes[0].position = null;
      d.nodes[0].params.rate = -1;
      d.faults[0].atMs = -1;
      d.faults[0].sides = [];
    });
    expect(problems.map((x) => x.path)).toEqual(
      expect.arrayContaining([
        'nodes[0].id',
        'nodes[0].position',
        'nodes[0].params.rate',
        'faults[0].atMs',
        'faults[0].sides',
      ]),
    );
  });

  it('a malformed reference is reported once, not also as a missing node', () => {
    const problems = problemsAfter((d) => (d.edges[1].target = 'x'.repeat(100)));
    expect(problems.map((x) => x.path)).toEqual(['edges[1].target']);
  });

  it('formats a problem of the document itself without a path', () => {
    expect(
      formatProblems([
        { path: '', message: 'must be a JSON object' },
        { path: 'a', message: 'b' },
      ]),
    ).toBe('must be a JSON object\na: b');
  });
});
