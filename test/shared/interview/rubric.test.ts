import { describe, expect, it } from 'vitest';
import { RUBRIC, RUBRIC_IDS, checkRubric, checkRule } from '../../../shared/interview/index.js';
import type { InterviewPrompt, RubricId, RubricResult } from '../../../shared/interview/index.js';
import type { Distribution, TopologyDocument } from '../../../shared/model/types.js';
import { design, edge, node, resilientDesign, testPrompt, weakDesign } from './designs.js';

const prompt = testPrompt();

function rule(doc: TopologyDocument, id: RubricId, p: InterviewPrompt = prompt): RubricResult {
  return checkRule(doc, p, id);
}

const retry = { maxAttempts: 3, backoff: { jitter: 'full' as const }, budget: { ratio: 0.1 } };
const hc = { intervalMs: 1000, timeoutMs: 500, unhealthyThreshold: 2 };

/** users -> lb -> api -> db, with the parts overridable. */
function chain(parts: {
  users?: object;
  lb?: object;
  api?: object;
  db?: object;
  extraNodes?: ReturnType<typeof node>[];
  extraEdges?: ReturnType<typeof edge>[];
}) {
  return design(
    [
      node('users', 'client', { timeoutMs: 1000, ...parts.users }),
      node('lb', 'loadBalancer', { ...parts.lb }),
      node('api', 'service', { replicas: 2, timeoutMs: 300, ...parts.api }),
      node('db', 'database', { replicas: 2, ...parts.db }),
      ...(parts.extraNodes ?? []),
    ],
    [edge('users', 'lb'), edge('lb', 'api'), edge('api', 'db'), ...(parts.extraEdges ?? [])],
  );
}

describe('checkRubric', () => {
  it('returns every item in order, with the title and reasoning, and marks items the prompt skips n/a', () => {
    const results = checkRubric(weakDesign(), testPrompt({ rubric: ['timeouts', 'breakers'] }));
    expect(results.map((r) => r.id)).toEqual([...RUBRIC_IDS]);
    for (const r of results) {
      expect(r.title).toBe(RUBRIC[r.id].title);
      expect(r.why).toBe(RUBRIC[r.id].why);
    }
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId.timeouts!.status).toBe('fail');
    expect(byId.breakers!.status).toBe('fail');
    expect(byId.noSinglePointOfFailure).toMatchObject({ status: 'notApplicable', nodes: [], edges: [] });
  });

  it('passes a resilient two-region design on every item, and fails the weak one on every item', () => {
    const good = checkRubric(resilientDesign(), prompt);
    expect(good.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.detail}`)).toEqual([]);
    const bad = checkRubric(weakDesign(), prompt);
    expect(bad.filter((r) => r.status !== 'fail').map((r) => r.id)).toEqual([]);
  });

  it('fails every item of an empty design without throwing', () => {
    const results = checkRubric(design([], []), prompt);
    expect(results.filter((r) => r.status === 'pass')).toEqual([]);
  });

  it('explains every rule in one to three sentences', () => {
    for (const id of RUBRIC_IDS) {
      const sentences = RUBRIC[id].why.split(/(?<=\.)\s+/);
      expect(sentences.length, id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, id).toBeLessThanOrEqual(3);
    }
  });
});

describe('noSinglePointOfFailure', () => {
  it('names every single-instance node on the path that no chooser can route around', () => {
    const r = rule(weakDesign(), 'noSinglePointOfFailure');
    expect(r.status).toBe('fail');
    expect(r.nodes).toEqual(['lb', 'api', 'db']);
    expect(r.detail).toContain('"api" (service, 1 replica)');
    expect(r.detail).toContain('"lb" (load balancer)');
    expect(r.edges).toEqual(['users-lb', 'lb-api', 'api-db']);
  });

  it('passes with replicas and a second load balancer behind DNS', () => {
    const doc = design(
      [
        node('users', 'client'),
        node('dns', 'dns'),
        node('lb1', 'loadBalancer'),
        node('lb2', 'loadBalancer'),
        node('api', 'service', { replicas: 2 }),
        node('db', 'database', { replicas: 3 }),
      ],
      [
        edge('users', 'dns'),
        edge('users', 'lb1'),
        edge('users', 'lb2'),
        edge('dns', 'lb1'),
        edge('dns', 'lb2'),
        edge('lb1', 'api'),
        edge('lb2', 'api'),
        edge('api', 'db'),
      ],
    );
    const r = rule(doc, 'noSinglePointOfFailure');
    expect(r.status).toBe('pass');
    expect(r.nodes).toEqual(['api', 'db']);
  });

  it('knows a service needs every dependency: two caches it calls are two single points, not a pair', () => {
    const doc = design(
      [
        node('users', 'client'),
        node('api', 'service', { replicas: 2 }),
        node('c1', 'cache'),
        node('c2', 'cache'),
        node('db', 'database', { replicas: 2 }),
      ],
      [edge('users', 'api'), edge('api', 'c1'), edge('api', 'c2'), edge('c1', 'db'), edge('c2', 'db')],
    );
    expect(rule(doc, 'noSinglePointOfFailure')).toMatchObject({ status: 'fail', nodes: ['c1', 'c2'] });
  });

  it('does not count what sits behind a queue: the queue answers on enqueue', () => {
    const doc = design(
      [node('users', 'client'), node('api', 'service', { replicas: 2 }), node('q', 'queue'), node('worker', 'service')],
      [edge('users', 'api'), edge('api', 'q'), edge('q', 'worker')],
    );
    expect(rule(doc, 'noSinglePointOfFailure')).toMatchObject({ status: 'fail', nodes: ['q'] });
  });
});

describe('multiRegion', () => {
  it('fails a design in no region, and one in fewer regions than the prompt needs', () => {
    expect(rule(weakDesign(), 'multiRegion')).toMatchObject({ status: 'fail' });
    expect(rule(weakDesign(), 'multiRegion').detail).toMatch(
      /No node on the request path is inside a region, and this prompt needs 2/,
    );
    const r = rule(resilientDesign({ regions: 2 }), 'multiRegion', testPrompt({ regions: 3 }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('runs in 2 regions or zones ("r1" and "r2"); this prompt needs 3');
  });

  it('fails two regions that share a database in one of them, naming it', () => {
    const doc = design(
      [
        node('us', 'region', { location: 'us-east' }),
        node('eu', 'region', { location: 'eu-west' }),
        node('users', 'client'),
        node('us-lb', 'loadBalancer', {}, 'us'),
        node('eu-lb', 'loadBalancer', {}, 'eu'),
        node('us-api', 'service', { replicas: 2 }, 'us'),
        node('eu-api', 'service', { replicas: 2 }, 'eu'),
        node('primary', 'database', { replicas: 2 }, 'us'),
      ],
      [
        edge('users', 'us-lb'),
        edge('users', 'eu-lb'),
        edge('us-lb', 'us-api'),
        edge('eu-lb', 'eu-api'),
        edge('us-api', 'primary'),
        edge('eu-api', 'primary'),
      ],
    );
    const r = rule(doc, 'multiRegion');
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('losing "us" fails "users", which still depends on "primary" there');
    expect(r.nodes).toEqual(['us', 'primary']);
  });

  it('passes when every region has its own full path', () => {
    expect(rule(resilientDesign({ regions: 2 }), 'multiRegion')).toMatchObject({ status: 'pass', nodes: ['r1', 'r2'] });
  });

  it('counts zones of one region as failure domains', () => {
    const doc = design(
      [
        node('east', 'region', { location: 'us-east' }),
        node('a', 'region', {}, 'east'),
        node('b', 'region', {}, 'east'),
        node('users', 'client'),
        node('api-a', 'service', { replicas: 2 }, 'a'),
        node('api-b', 'service', { replicas: 2 }, 'b'),
      ],
      [edge('users', 'api-a'), edge('users', 'api-b')],
    );
    expect(rule(doc, 'multiRegion')).toMatchObject({ status: 'pass', nodes: ['a', 'b'] });
  });
});

describe('cdnForStatic', () => {
  it('fails when every client goes to the origin, passes with a CDN in front', () => {
    expect(rule(weakDesign(), 'cdnForStatic')).toMatchObject({ status: 'fail', nodes: ['users'], edges: ['users-lb'] });
    const r = rule(resilientDesign(), 'cdnForStatic');
    expect(r).toMatchObject({ status: 'pass', nodes: ['cdn'] });
    expect(r.detail).toContain('"users" goes straight to the origin');
  });
});

describe('timeouts', () => {
  it('fails a service that calls out with no timeout, and a client that waits 10 s for a 200 ms target', () => {
    const r = rule(weakDesign(), 'timeouts');
    expect(r.status).toBe('fail');
    expect(r.nodes).toEqual(['users', 'api']);
    expect(r.detail).toContain('"api" calls out with no timeout');
    expect(r.detail).toContain('"users" (10 s) waits longer than 2 s, 10x the 200 ms p99 target');
  });

  it('passes when every caller has one, a sidecar counting for its service', () => {
    expect(rule(chain({}), 'timeouts').status).toBe('pass');
    const viaSidecar = chain({
      api: { timeoutMs: 0 },
      extraNodes: [node('proxy', 'sidecar', { attachedTo: 'api', timeoutMs: 200 })],
    });
    expect(rule(viaSidecar, 'timeouts').status).toBe('pass');
    expect(rule(chain({ api: { timeoutMs: 0 } }), 'timeouts')).toMatchObject({ status: 'fail', nodes: ['api'] });
  });
});

describe('retriesWithJitterAndBudget', () => {
  it('fails when nothing retries', () => {
    const r = rule(chain({}), 'retriesWithJitterAndBudget');
    expect(r.status).toBe('fail');
    expect(r.detail).toMatch(/^Nothing retries/);
  });

  it('fails retries without jitter or without a budget, naming them', () => {
    const noJitter = rule(
      chain({ users: { retry: { ...retry, backoff: { jitter: 'none' } } } }),
      'retriesWithJitterAndBudget',
    );
    expect(noJitter).toMatchObject({ status: 'fail', nodes: ['users'] });
    expect(noJitter.detail).toContain('synchronized waves');
    const noBudget = rule(chain({ api: { retry: { maxAttempts: 4 } } }), 'retriesWithJitterAndBudget');
    expect(noBudget).toMatchObject({ status: 'fail', nodes: ['api'] });
    expect(noBudget.detail).toContain('up to 4x');
  });

  it('passes jittered, budgeted retries, a sidecar counting for its service', () => {
    expect(rule(chain({ users: { retry } }), 'retriesWithJitterAndBudget')).toMatchObject({
      status: 'pass',
      nodes: ['users'],
    });
    const sidecar = chain({ extraNodes: [node('proxy', 'sidecar', { attachedTo: 'api', retry })] });
    expect(rule(sidecar, 'retriesWithJitterAndBudget')).toMatchObject({ status: 'pass', nodes: ['proxy'] });
  });
});

describe('breakers', () => {
  it('fails a service that calls a database with no breaker, naming the edge', () => {
    expect(rule(chain({}), 'breakers')).toMatchObject({ status: 'fail', nodes: ['api'], edges: ['api-db'] });
  });

  it('passes with a breaker on the service or on its sidecar', () => {
    expect(rule(chain({ api: { circuitBreaker: {} } }), 'breakers').status).toBe('pass');
    const sidecar = chain({ extraNodes: [node('proxy', 'sidecar', { attachedTo: 'api', circuitBreaker: {} })] });
    expect(rule(sidecar, 'breakers').status).toBe('pass');
  });

  it('counts a heavy-tailed downstream service, and is n/a when nothing can slow down', () => {
    const calls = (serviceTime: Distribution) =>
      design(
        [node('users', 'client'), node('front', 'service'), node('back', 'service', { serviceTime })],
        [edge('users', 'front'), edge('front', 'back')],
      );
    expect(rule(calls({ dist: 'lognormal', meanMs: 10, p99Ms: 80 }), 'breakers')).toMatchObject({
      status: 'fail',
      edges: ['front-back'],
    });
    expect(rule(calls({ dist: 'constant', meanMs: 10 }), 'breakers').status).toBe('notApplicable');
  });
});

describe('healthChecks', () => {
  it('fails a load balancer without health checks in front of two replicas', () => {
    expect(rule(chain({}), 'healthChecks')).toMatchObject({ status: 'fail', nodes: ['lb'], edges: ['lb-api'] });
  });

  it('passes when it probes its targets', () => {
    expect(rule(chain({ lb: { healthCheck: hc } }), 'healthChecks')).toMatchObject({ status: 'pass', nodes: ['lb'] });
  });

  it('fails replicas nothing balances', () => {
    const doc = design([node('users', 'client'), node('api', 'service', { replicas: 3 })], [edge('users', 'api')]);
    expect(rule(doc, 'healthChecks')).toMatchObject({ status: 'fail', nodes: ['api'] });
  });
});

describe('dnsTtl', () => {
  function withDns(dns: object) {
    return design(
      [
        node('users', 'client'),
        node('dns', 'dns', dns),
        node('a', 'service', { replicas: 2 }),
        node('b', 'service', { replicas: 2 }),
      ],
      [edge('users', 'dns'), edge('users', 'a'), edge('users', 'b'), edge('dns', 'a'), edge('dns', 'b')],
    );
  }

  it('fails with nothing to fail over, and with DNS that has no health check', () => {
    expect(rule(weakDesign(), 'dnsTtl').detail).toMatch(/^Nothing routes users between regions/);
    expect(rule(withDns({ ttlMs: 5000 }), 'dnsTtl')).toMatchObject({ status: 'fail', nodes: ['dns'] });
  });

  it('checks detection plus TTL against the failover the prompt asks for', () => {
    // 5 s x 3 probes + 60 s TTL = 75 s > 60 s.
    const slow = rule(withDns({ ttlMs: 60_000, healthCheck: {} }), 'dnsTtl');
    expect(slow.status).toBe('fail');
    expect(slow.detail).toContain('fails over in up to 75 s (15 s to detect + 60 s TTL)');
    const fast = rule(withDns({ ttlMs: 30_000, healthCheck: hc }), 'dnsTtl');
    expect(fast).toMatchObject({ status: 'pass', nodes: ['dns'] });
    expect(fast.detail).toContain('within 32 s');
    expect(
      rule(withDns({ ttlMs: 30_000, healthCheck: hc }), 'dnsTtl', testPrompt({ failoverSeconds: 30 })).status,
    ).toBe('fail');
  });

  it('accepts a health-checked global load balancer, which needs no TTL', () => {
    expect(rule(resilientDesign(), 'dnsTtl')).toMatchObject({ status: 'pass', nodes: ['global'] });
  });
});

describe('capacityHeadroom', () => {
  it('fails a design below 1.3x the peak, with the arithmetic', () => {
    // Peak 2,000/s; api 3 x 8 / 20 ms = 1,200/s.
    const doc = design(
      [node('users', 'client'), node('api', 'service', { replicas: 3, concurrency: 8 })],
      [edge('users', 'api', { protocol: 'http2' })],
    );
    const r = rule(doc, 'capacityHeadroom');
    expect(r).toMatchObject({ status: 'fail', nodes: ['api'] });
    expect(r.detail).toContain('The peak is 2,000 requests/s but the design saturates at 1,200 (0.60x, 1.3x needed)');
    expect(r.detail).toContain('"api": 3 x 8 workers / 20 ms = 1,200 requests/s');
  });

  it('passes at 1.3x and names the tightest pool', () => {
    // 3 x 29 / 20 ms = 4,350/s > 2,600/s.
    const doc = design(
      [node('users', 'client'), node('api', 'service', { replicas: 3, concurrency: 29 })],
      [edge('users', 'api', { protocol: 'http2' })],
    );
    expect(rule(doc, 'capacityHeadroom')).toMatchObject({ status: 'pass', nodes: ['api'] });
    // Exactly 1.3x is enough: 3 x 8 / 20 ms = 1,200 = 1.3 x 923.
    const justEnough = testPrompt({
      estimation: { ...prompt.estimation, dailyActiveUsers: (8_640_000 * 1200) / 1.3 / 2000 },
    });
    expect(rule(doc, 'capacityHeadroom', justEnough).status).toBe('pass');
  });

  it('names an HTTP/1.1 link that caps the design', () => {
    const r = rule(weakDesign(), 'capacityHeadroom');
    expect(r.status).toBe('fail');
    expect(r.edges).toContain('lb-api');
    expect(r.detail).toContain('need HTTP/2 or gRPC');
  });
});

describe('cacheForHotReads and queueForAsyncWork', () => {
  it('fail a design that reads the database directly and does all work inline', () => {
    expect(rule(weakDesign(), 'cacheForHotReads')).toMatchObject({ status: 'fail', nodes: ['db'], edges: ['api-db'] });
    expect(rule(weakDesign(), 'queueForAsyncWork')).toMatchObject({ status: 'fail', nodes: ['api'] });
  });

  it('pass with a cache in front of the database and a queue with consumers', () => {
    expect(rule(resilientDesign(), 'cacheForHotReads')).toMatchObject({
      status: 'pass',
      nodes: ['r1-cache', 'r2-cache'],
    });
    expect(rule(resilientDesign(), 'queueForAsyncWork')).toMatchObject({
      status: 'pass',
      nodes: ['r1-queue', 'r2-queue', 'r1-worker', 'r2-worker'],
    });
  });
});
