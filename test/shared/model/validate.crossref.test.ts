import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../../shared/model/validate.js';
import { E, F, N, expectProblem, nodeOf, problemsAfter } from './helpers.js';
import type { Loose, RuleCase } from './helpers.js';

const n = (id: string) => `nodes[${N[id]}]`;
const e = (id: string) => `edges[${E[id]}]`;
const f = (id: string) => `faults[${F[id]}]`;
const edge = (d: Loose, id: string) => d.edges[E[id] as number];
const fault = (d: Loose, id: string) => d.faults[F[id] as number];
const removeEdges = (d: Loose, ...ids: string[]) => (d.edges = d.edges.filter((x: Loose) => !ids.includes(x.id)));
const addNode = (d: Loose, node: Loose) => d.nodes.push({ position: { x: 0, y: 0 }, params: {}, ...node });
const addEdge = (d: Loose, id: string, source: string, target: string, params: Loose = {}) =>
  d.edges.push({ id, source, target, params });
const NEXT_EDGE = Object.keys(E).length;
const NEXT_NODE = Object.keys(N).length;

function runCases(cases: RuleCase[]) {
  it.each(cases)('$rule -> $path', ({ mutate, path, message }) => {
    expectProblem(problemsAfter(mutate), path, message);
  });
}

describe('edges', () => {
  runCases([
    {
      rule: 'source names no node',
      mutate: (d) => (edge(d, 'e-api-db').source = 'db2'),
      path: `${e('e-api-db')}.source`,
      message: 'no node with id "db2"',
    },
    {
      rule: 'target names no node',
      mutate: (d) => (edge(d, 'e-api-db').target = 'DB'),
      path: `${e('e-api-db')}.target`,
      message: 'no node with id "DB"',
    },
    {
      rule: 'self-loop',
      mutate: (d) => (edge(d, 'e-api-db').target = 'api-us'),
      path: e('e-api-db'),
      message: 'a node cannot call itself',
    },
    {
      rule: 'edge to a client',
      mutate: (d) => addEdge(d, 'x', 'api-us', 'mobile'),
      path: `edges[${NEXT_EDGE}].target`,
      message: 'clients only start requests; nothing can call a client',
    },
    {
      rule: 'edge from a region',
      mutate: (d) => addEdge(d, 'x', 'us', 'db'),
      path: `edges[${NEXT_EDGE}].source`,
      message: 'regions contain nodes, they don',
    },
    {
      rule: 'edge to a region',
      mutate: (d) => addEdge(d, 'x', 'api-us', 'eu'),
      path: `edges[${NEXT_EDGE}].target`,
      message: '"eu" is a region',
    },
    {
      rule: 'edge from a sidecar',
      mutate: (d) => addEdge(d, 'x', 'mesh', 'db'),
      path: `edges[${NEXT_EDGE}].source`,
      message: "a sidecar is not wired by edges: it carries its service's traffic; set attachedTo",
    },
    {
      rule: 'edge to a sidecar',
      mutate: (d) => addEdge(d, 'x', 'lb-us', 'mesh'),
      path: `edges[${NEXT_EDGE}].target`,
      message: 'a sidecar is not wired by edges',
    },
    {
      rule: 'two edges with one source and target',
      mutate: (d) => addEdge(d, 'x', 'api-us', 'db'),
      path: `edges[${NEXT_EDGE}]`,
      message: `duplicate of ${e('e-api-db')}: both go from "api-us" to "db"`,
    },
  ]);
});

describe('parents and regions', () => {
  runCases([
    {
      rule: 'parent names no node',
      mutate: (d) => (nodeOf(d, 'db').parent = 'asia'),
      path: `${n('db')}.parent`,
      message: 'no node with id "asia"',
    },
    {
      rule: 'parent is not a region',
      mutate: (d) => (nodeOf(d, 'db').parent = 'api-us'),
      path: `${n('db')}.parent`,
      message: '"api-us" is a service, not a region',
    },
    {
      rule: 'own parent',
      mutate: (d) => (nodeOf(d, 'eu').parent = 'eu'),
      path: `${n('eu')}.parent`,
      message: 'a node cannot be its own parent',
    },
    {
      rule: 'regions nest once',
      mutate: (d) => addNode(d, { id: 'us-a-1', kind: 'region', parent: 'us-a' }),
      path: `nodes[${NEXT_NODE}].parent`,
      message: 'regions nest once (a region inside a region is a zone of it): "us-a" is already a zone inside "us"',
    },
    {
      rule: 'parent cycle',
      mutate: (d) => (nodeOf(d, 'us').parent = 'us-a'),
      path: `${n('us')}.parent`,
      message: 'regions contain each other in a loop: us -> us-a -> us',
    },
    {
      rule: 'a top-level region needs a location',
      mutate: (d) => (nodeOf(d, 'eu').params = {}),
      path: `${n('eu')}.params`,
      message: 'a region needs a location',
    },
  ]);

  it('a zone may leave its location out, and any node may sit in a zone', () => {
    const problems = problemsAfter((d) => {
      expect(nodeOf(d, 'us-a').params.location).toBeUndefined();
      nodeOf(d, 'db').parent = 'us-a';
    });
    expect(problems).toEqual([]);
  });

  it('a parent cycle is reported once', () => {
    const problems = problemsAfter((d) => (nodeOf(d, 'us').parent = 'us-a'));
    expect(problems.filter((x) => x.message.includes('loop'))).toHaveLength(1);
  });
});

describe('sidecars', () => {
  runCases([
    {
      rule: 'attachedTo names no node',
      mutate: (d) => (nodeOf(d, 'mesh').params.attachedTo = 'api'),
      path: `${n('mesh')}.params.attachedTo`,
      message: 'no node with id "api"',
    },
    {
      rule: 'attachedTo is not a service',
      mutate: (d) => (nodeOf(d, 'mesh').params.attachedTo = 'db'),
      path: `${n('mesh')}.params.attachedTo`,
      message: '"db" is a database: a sidecar attaches to a service',
    },
    {
      rule: 'two sidecars on one service',
      mutate: (d) => addNode(d, { id: 'mesh2', kind: 'sidecar', params: { attachedTo: 'api-us' } }),
      path: `nodes[${NEXT_NODE}].params.attachedTo`,
      message: `service "api-us" already has a sidecar (${n('mesh')})`,
    },
  ]);
});

describe('out-edges and dns', () => {
  runCases([
    {
      rule: 'client resolves through dns to a target it has no edge to',
      mutate: (d) => removeEdges(d, 'e-users-eu'),
      path: n('users'),
      message: 'resolves through dns "dns" whose target "lb-eu" this client has no edge to',
    },
    {
      rule: 'dns without out-edges',
      mutate: (d) => removeEdges(d, 'e-dns-us', 'e-dns-eu'),
      path: n('dns'),
      message: 'a dns node needs at least one edge',
    },
    {
      rule: 'client with two dns edges',
      mutate: (d) => {
        addNode(d, { id: 'dns2', kind: 'dns' });
        addEdge(d, 'x1', 'dns2', 'lb-us');
        addEdge(d, 'x2', 'users', 'dns2');
      },
      path: n('users'),
      message: 'has edges to 2 dns nodes ("dns", "dns2"); a client resolves through at most one',
    },
    {
      rule: 'load balancer without targets',
      mutate: (d) => removeEdges(d, 'e-lb-api-eu'),
      path: n('lb-eu'),
      message: 'a load balancer needs at least one edge to a target',
    },
    {
      rule: 'cdn without origin',
      mutate: (d) => removeEdges(d, 'e-cdn-us'),
      path: n('cdn'),
      message: 'a cdn needs an edge to its origin',
    },
    {
      rule: 'cache without origin',
      mutate: (d) => removeEdges(d, 'e-sessions-db'),
      path: n('sessions'),
      message: 'a cache needs an edge to its origin',
    },
    {
      rule: 'queue without consumers',
      mutate: (d) => removeEdges(d, 'e-jobs-worker'),
      path: n('jobs'),
      message: 'a queue needs at least one edge to a consumer',
    },
    {
      rule: 'client without out-edges',
      mutate: (d) => removeEdges(d, 'e-mobile-cdn'),
      path: n('mobile'),
      message: 'a client needs at least one edge',
    },
  ]);
});

describe('calls that loop forever', () => {
  runCases([
    {
      rule: 'two services calling each other for certain',
      mutate: (d) => (edge(d, 'e-auth-api').params.probability = 1),
      path: e('e-api-auth'),
      message:
        'calls loop forever: api-us -> auth -> api-us (every call in the loop is certain; lower a probability or break the loop)',
    },
    {
      rule: 'probability left out counts as 1',
      mutate: (d) => delete edge(d, 'e-auth-api').params.probability,
      path: e('e-api-auth'),
      message: 'calls loop forever: api-us -> auth -> api-us',
    },
    {
      rule: 'through a load balancer with one target',
      mutate: (d) => addEdge(d, 'x', 'api-eu', 'lb-eu'),
      path: e('e-lb-api-eu'),
      message: 'calls loop forever: lb-eu -> api-eu -> lb-eu',
    },
    {
      rule: 'through a cache',
      mutate: (d) => addEdge(d, 'x', 'db', 'sessions'),
      path: e('e-sessions-db'),
      message: 'calls loop forever: sessions -> db -> sessions',
    },
  ]);

  it('a loop with one uncertain call is fine (the example has auth -> api-us at 0.01)', () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  it('a load balancer with several targets does not make a loop certain', () => {
    const problems = problemsAfter((d) => {
      addEdge(d, 'x1', 'lb-us', 'auth');
      addEdge(d, 'x2', 'auth', 'lb-us');
    });
    expect(problems.filter((x) => x.message.includes('loop'))).toEqual([]);
  });

  it('reports each loop once, at its first edge, with every loop spelled out', () => {
    const node = (id: string) => ({ id, kind: 'service', position: { x: 0, y: 0 }, params: {} });
    const r = validateDocument({
      format: 'backpressure.topology',
      version: 1,
      name: 'loops',
      simulation: {},
      nodes: [node('a'), node('b'), node('c'), node('d')],
      edges: [
        { id: 'ab', source: 'a', target: 'b', params: {} },
        { id: 'ba', source: 'b', target: 'a', params: {} },
        { id: 'bc', source: 'b', target: 'c', params: { probability: 1 } },
        { id: 'ca', source: 'c', target: 'a', params: {} },
        { id: 'cd', source: 'c', target: 'd', params: {} },
        { id: 'dc', source: 'd', target: 'c', params: {} },
      ],
      faults: [],
      notes: [],
    });
    expect(r.ok).toBe(false);
    const loops = r.problems.map((x) => `${x.path}: ${x.message.replace(/ \(every.*$/, '')}`);
    expect(loops.sort()).toEqual(
      [
        'edges[0]: calls loop forever: a -> b -> a',
        'edges[0]: calls loop forever: a -> b -> c -> a',
        'edges[4]: calls loop forever: c -> d -> c',
      ].sort(),
    );
  });

  it('stays fast on a large loop', () => {
    const size = 3000;
    const nodes = Array.from({ length: size }, (_, i) => ({
      id: `s${i}`,
      kind: 'service',
      position: { x: i, y: 0 },
      params: {},
    }));
    const edges = nodes.flatMap((_, i) => [
      { id: `e${i}`, source: `s${i}`, target: `s${(i + 1) % size}`, params: {} },
      { id: `f${i}`, source: `s${i}`, target: `s${(i + 7) % size}`, params: {} },
    ]);
    const started = performance.now();
    const r = validateDocument({
      format: 'backpressure.topology',
      version: 1,
      name: 'ring',
      simulation: {},
      nodes,
      edges,
      faults: [],
      notes: [],
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.length).toBeLessThanOrEqual(50);
    expect(r.problems[0]?.message).toContain('calls loop forever');
  });
});

describe('faults', () => {
  runCases([
    {
      rule: 'partition side names no node',
      mutate: (d) => (fault(d, 'f-split').sides = [['us'], ['eu', 'asia']]),
      path: `${f('f-split')}.sides[1][1]`,
      message: 'no node or region with id "asia"',
    },
    {
      rule: 'partition sides share an id',
      mutate: (d) =>
        (fault(d, 'f-split').sides = [
          ['us', 'dns'],
          ['eu', 'dns'],
        ]),
      path: `${f('f-split')}.sides[1][1]`,
      message: '"dns" is on both sides',
    },
    {
      rule: 'cut names no edge',
      mutate: (d) => (fault(d, 'f-cut').edges = ['e-api-db', 'e-nope']),
      path: `${f('f-cut')}.edges[1]`,
      message: 'no edge with id "e-nope"',
    },
    {
      rule: 'degrade names no edge',
      mutate: (d) => (fault(d, 'f-degrade').edge = 'api-us'),
      path: `${f('f-degrade')}.edge`,
      message: 'no edge with id "api-us"',
    },
    {
      rule: 'crash names no node',
      mutate: (d) => (fault(d, 'f-crash').node = 'api'),
      path: `${f('f-crash')}.node`,
      message: 'no node with id "api"',
    },
    {
      rule: 'crash replica beyond replicas',
      mutate: (d) => (fault(d, 'f-crash').replica = 3),
      path: `${f('f-crash')}.replica`,
      message: '"api-us" has 3 replicas (numbered 0 to 2); there is no replica 3',
    },
    {
      rule: 'crash replica beyond the default 1 replica',
      mutate: (d) => Object.assign(fault(d, 'f-crash'), { node: 'auth', replica: 1 }),
      path: `${f('f-crash')}.replica`,
      message: '"auth" has 1 replica (numbered 0 to 0)',
    },
    {
      rule: 'crash replica of a load balancer',
      mutate: (d) => Object.assign(fault(d, 'f-crash'), { node: 'lb-us', replica: 0 }),
      path: `${f('f-crash')}.replica`,
      message: 'only a service or database has replicas; "lb-us" is a load balancer',
    },
    {
      rule: 'crash a client',
      mutate: (d) => Object.assign(fault(d, 'f-crash'), { node: 'users', replica: undefined }),
      path: `${f('f-crash')}.node`,
      message: '"users" is a client',
    },
    {
      rule: 'crash a region',
      mutate: (d) => Object.assign(fault(d, 'f-crash'), { node: 'eu', replica: undefined }),
      path: `${f('f-crash')}.node`,
      message: '"eu" is a region',
    },
    {
      rule: 'slow on a load balancer',
      mutate: (d) => (fault(d, 'f-slow').node = 'lb-us'),
      path: `${f('f-slow')}.node`,
      message: '"lb-us" is a load balancer: a slow fault applies to a service or database',
    },
    {
      rule: 'errors on a cache',
      mutate: (d) => (fault(d, 'f-errors').node = 'sessions'),
      path: `${f('f-errors')}.node`,
      message: '"sessions" is a cache: an errors fault applies to a service or database',
    },
    {
      rule: 'surge on a service',
      mutate: (d) => (fault(d, 'f-surge').node = 'api-us'),
      path: `${f('f-surge')}.node`,
      message: '"api-us" is a service: a surge applies to a client',
    },
    {
      rule: 'surge names no node',
      mutate: (d) => (fault(d, 'f-surge').node = 'nobody'),
      path: `${f('f-surge')}.node`,
      message: 'no node with id "nobody"',
    },
  ]);

  it('a crash without a replica may hit a whole load balancer', () => {
    expect(problemsAfter((d) => Object.assign(fault(d, 'f-crash'), { node: 'lb-us', replica: undefined }))).toEqual([]);
  });
});

describe('cross-references with broken parts', () => {
  it('a node with bad params is still a node that edges may name', () => {
    const problems = problemsAfter((d) => (nodeOf(d, 'db').params.replicas = 0));
    expect(problems.map((x) => x.path)).toEqual([`${n('db')}.params.replicas`]);
  });

  it('a node with a bad kind does not make its edges look broken', () => {
    const problems = problemsAfter((d) => (nodeOf(d, 'auth').kind = 'microservice'));
    expect(problems.map((x) => x.path)).toEqual([`${n('auth')}.kind`]);
  });

  it('missing nodes do not flood the edges with problems', () => {
    const problems = problemsAfter((d) => delete d.nodes);
    expect(problems).toEqual([{ path: 'nodes', message: 'required (use [] for none)' }]);
  });
});
