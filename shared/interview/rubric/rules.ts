import type { RubricId, RubricRule } from '../types.js';

/** Every rubric item, with the reasoning behind it, in the order the score card lists them. */
export const RUBRIC: Readonly<Record<RubricId, RubricRule>> = Object.freeze({
  noSinglePointOfFailure: {
    id: 'noSinglePointOfFailure',
    title: 'No single point of failure on the request path',
    why: 'Anything that runs once and sits on every path from users to data turns one crash into an outage. Run two or more replicas, or two of the node behind something that can route around a dead one.',
  },
  multiRegion: {
    id: 'multiRegion',
    title: 'Survives the loss of a region or zone',
    why: 'Zones and regions fail as a whole: power, network, a bad deploy. The design needs a full serving path in each one, data included, so losing any one of them leaves the others serving.',
  },
  cdnForStatic: {
    id: 'cdnForStatic',
    title: 'CDN in front of static and cacheable content',
    why: 'Edge caches answer from a few milliseconds away and absorb most of the read traffic, so the origin only sees misses. It is the cheapest latency and capacity win in the design.',
  },
  timeouts: {
    id: 'timeouts',
    title: 'Timeouts on every remote call',
    why: 'A call without a deadline waits as long as the slowest dependency, holding a worker and a connection all the while. Timeouts sized to the latency target turn a slow dependency into a fast, handled failure.',
  },
  retriesWithJitterAndBudget: {
    id: 'retriesWithJitterAndBudget',
    title: 'Retries with jitter and a budget',
    why: 'Retries hide transient failures, but without jitter they arrive in synchronized waves, and without a budget they multiply the load on a dependency that is already failing: a retry storm.',
  },
  breakers: {
    id: 'breakers',
    title: 'Circuit breakers on dependencies that can slow down',
    why: 'When a database or a downstream service slows down, callers pile up waiting on it until they run out of workers too. A breaker fails fast instead, so the slowdown stays where it started.',
  },
  healthChecks: {
    id: 'healthChecks',
    title: 'Health checks behind load balancers and DNS',
    why: 'A balancer without health checks keeps sending a dead replica its share of the traffic. Active checks take it out of rotation within a few intervals.',
  },
  dnsTtl: {
    id: 'dnsTtl',
    title: 'DNS failover within the target time',
    why: 'Users keep a DNS answer for its TTL, so a region failover takes the time to detect the failure plus the TTL. A long TTL means users keep going to the dead region long after DNS knows it is down.',
  },
  capacityHeadroom: {
    id: 'capacityHeadroom',
    title: 'Capacity for the peak with headroom',
    why: 'Queueing delay grows as 1 / (1 - utilisation): a system sized for exactly its peak has unbounded latency at the peak. Size every pool for at least 1.3x the peak so a surge or a lost replica does not tip it over.',
  },
  cacheForHotReads: {
    id: 'cacheForHotReads',
    title: 'A cache in front of the database for hot reads',
    why: 'Read traffic is skewed: a small set of keys takes most of it. A cache in front of the database serves those from memory and keeps the database for writes and misses.',
  },
  queueForAsyncWork: {
    id: 'queueForAsyncWork',
    title: 'A queue for work that need not happen inline',
    why: 'A queue acknowledges at once and lets consumers work at their own pace, so a burst or a slow consumer becomes a backlog instead of user-facing errors.',
  },
});
