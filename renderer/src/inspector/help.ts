/**
 * Short explanations of the concepts the inspector edits, one or two sentences each, in the terms of the model
 * contract (MODEL.md). Field descriptors (`fields.ts`) refer to these by key; option help is keyed
 * `<group>.<value>`, e.g. `jitter.full`.
 */
export const HELP = {
  // The document
  'doc.seed':
    'The seed of the run’s random numbers: the same document and seed always give the same run, event for event.',
  'doc.duration': 'How much simulated time a run covers. The command line’s --duration overrides it.',
  'doc.problems':
    'Every problem the validator finds, with the same text the command line prints. A document with problems cannot be run.',

  // Node kinds
  'kind.client':
    'A population of users that starts requests. It sends each request on one of its edges (by weight), or resolves a name first when it has an edge to a DNS node.',
  'kind.dns':
    'Resolves a name to one of its targets. Users cache the answer for the TTL, so a change of answer reaches them only when their cached one expires.',
  'kind.cdn':
    'An edge cache in front of an origin: a fresh entry answers after the hit time, a miss goes to the origin (its edge) and is stored.',
  'kind.loadBalancer':
    'Picks one target per request (L7) or per connection (L4) among healthy, non-ejected targets; a service behind it counts each replica as a target.',
  'kind.service':
    'Application servers: each replica has a pool of workers in front of a FIFO queue. A request holds its worker while the service calls its dependencies.',
  'kind.database':
    'Like a service, with database defaults (more workers, a longer queue, shorter work) and no outgoing calls of its own.',
  'kind.cache':
    'A read-through key cache: a fresh entry answers at once, a miss is fetched from the origin and kept for the TTL.',
  'kind.queue':
    'An asynchronous broker: it acknowledges a message once enqueued and delivers it to a consumer later, so callers do not wait for the work.',
  'kind.sidecar':
    'A mesh proxy attached to one service: inbound requests pass its rate limit, outbound calls go through its timeout, retry, breaker and outlier policies.',
  'kind.region':
    'A group of nodes at one place. Edges between regions get a latency from the great-circle distance; a region inside a region is a zone of it.',

  // Client
  rate: 'Requests started per second by the whole population of users.',
  arrival: 'How the gaps between requests are drawn.',
  'arrival.poisson': 'Poisson: independent arrivals with exponential gaps, as many independent users produce.',
  'arrival.uniform': 'Uniform: evenly spaced arrivals, one every 1/rate seconds.',
  users:
    'How many distinct users the requests come from. Each user caches DNS answers and keeps its own connections (a caller instance).',
  keys: 'Each request reads one key. Keys decide cache and CDN hits and where consistent hashing sends a request.',
  'keys.count': 'How many distinct keys the requests read.',
  'keys.distribution': 'How often each key is read.',
  'keys.distribution.uniform': 'Uniform: every key is equally likely.',
  'keys.distribution.zipf':
    'Zipf: the k-th most popular key is read in proportion to 1/k^s, so a few hot keys get most reads.',
  'keys.zipfS': 'The Zipf exponent s: higher values concentrate more reads on the hottest keys.',
  requestBytes: 'Size of each request message; with the edge bandwidth it sets the transmission delay.',
  responseBytes: 'Size of each answer; with the edge bandwidth it sets the transmission delay.',
  timeout:
    'Per attempt, measured by the caller from sending to receiving the answer; a late answer is discarded. 0 means no timeout.',
  rateSchedule:
    'Steps that change the client’s rate during the run: from each step’s time on, the client starts requests at that step’s rate. Steps go in time order.',

  // Retry
  retry:
    'Sends a failed call again. Max attempts counts the first one; each retry waits a backoff. A call refused by an open breaker (circuitOpen) is never retried.',
  maxAttempts: 'Attempts per request including the first: 3 means up to two retries.',
  backoff: 'For retry n, expo = min(cap, base × multiplier^(n−1)); the jitter mode turns expo into the actual wait.',
  baseMs: 'The wait before the first retry, before jitter.',
  capMs: 'The longest wait between two attempts, before jitter.',
  multiplier: 'How much the wait grows from one retry to the next (2 doubles it).',
  jitter: 'Randomness in the wait spreads retries out, so that callers that failed together do not retry in lockstep.',
  'jitter.none': 'none: wait exactly expo. Callers that failed together retry together.',
  'jitter.full': 'full: wait U(0, expo), a uniform draw between 0 and expo. Spreads retries the most.',
  'jitter.equal': 'equal: wait expo/2 + U(0, expo/2): at least half the backoff, plus a random half.',
  'jitter.decorrelated':
    'decorrelated: wait min(cap, U(base, 3 × previous wait)), starting from base; each wait depends on the last one.',
  'jitter.immediate': 'immediate: retry at once with no wait, which adds load exactly when the target is struggling.',
  retryOn: 'Which outcomes of an attempt are retried. circuitOpen is never retried.',
  budget:
    'Caps retries: a retry is allowed only while retries in the last 10 s ≤ ratio × first attempts in the last 10 s + minimum × 10. A denied retry ends the request with its last outcome.',
  'budget.ratio': 'Retries allowed per first attempt over the last 10 seconds (0.2 = 20% extra load at most).',
  'budget.minPerSec': 'Retries per second always allowed, so that low traffic can still retry.',

  // Circuit breaker
  circuitBreaker:
    'Stops calling a failing target (per caller and target). CLOSED counts failures in a window and opens at the threshold; OPEN refuses every call with circuitOpen; after the open time HALF_OPEN lets a few trial calls through, which close or reopen it.',
  'breaker.failureRateThreshold':
    'Failure rate (error, timeout, rejected, unavailable) in the window at which the breaker opens.',
  'breaker.slowCallRateThreshold':
    'Rate of slow calls in the window at which the breaker opens (100 = never for slowness alone).',
  'breaker.slowCallDurationMs': 'A call that takes longer than this counts as slow.',
  'breaker.windowType': 'What the window holds.',
  'windowType.count': 'count: the last N calls.',
  'windowType.time': 'time: the calls of the last N seconds.',
  'breaker.windowSize': 'N: calls (count window) or seconds (time window) that the failure rate is measured over.',
  'breaker.minimumCalls': 'The breaker decides nothing until the window holds at least this many calls.',
  'breaker.openMs': 'How long an open breaker refuses calls before it lets trial calls through (HALF_OPEN).',
  'breaker.halfOpenCalls':
    'Trial calls admitted in HALF_OPEN; when they have finished, it closes (empty window) or opens again if their failure rate reaches the threshold.',

  // Health checks and outlier detection
  healthCheck:
    'Sends a real probe over the edge every interval, so partitions and loss affect it. A target is marked down after the unhealthy threshold of failed probes in a row, up after the healthy threshold of good ones.',
  'health.intervalMs': 'Time between two probes to one target.',
  'health.timeoutMs': 'A probe not answered within this time has failed; it must be shorter than the interval.',
  'health.unhealthyThreshold': 'Consecutive failed probes that mark a target down.',
  'health.healthyThreshold': 'Consecutive good probes that mark a down target up again.',
  'health.failOpen':
    'When every target is down, use them all anyway rather than refuse everything (a health check that is wrong everywhere is more likely than a total outage).',
  outlierDetection:
    'Passive health checking from real traffic (Envoy): a target is ejected after that many consecutive failed calls, its n-th ejection lasts n × the base time (at most 300 s).',
  'outlier.consecutiveErrors': 'Consecutive failed calls to one target that eject it.',
  'outlier.intervalMs':
    'Ejections end on this period’s ticks: an ejected target returns at the first tick after its ejection time is over.',
  'outlier.baseEjectionMs': 'How long the first ejection lasts; the n-th lasts n times as long, at most 300 s.',
  'outlier.maxEjectionPercent':
    'Never eject more than this share of the targets at once (but always allow at least one).',

  // Rate limit
  rateLimit:
    'A token bucket on inbound requests: it holds up to burst tokens, refills at the rate, and each request takes one; with the bucket empty a request is rejected. It starts full.',
  'rateLimit.ratePerSec': 'Tokens added per second: the sustained rate let through.',
  'rateLimit.burst': 'Bucket size: how many requests may pass at once after a quiet spell.',

  // DNS
  'dns.ttlMs':
    'How long a user keeps an answer. Failover only reaches a user when its cached answer expires, so a long TTL means slow failover and a short one means more lookups.',
  'dns.policy': 'How the DNS node picks the target it answers with, among healthy targets.',
  'dnsPolicy.roundRobin': 'roundRobin: answers with each target in turn.',
  'dnsPolicy.failover': 'failover: answers with the first healthy target in edge order; the others are standbys.',
  'dnsPolicy.latency': 'latency: answers with the target the asking client reaches with the lowest latency.',
  'dnsPolicy.weighted': 'weighted: answers with a target drawn in proportion to its edge weight.',
  'dns.lookupMs': 'Work time of one lookup at the DNS node (the network time to reach it comes on top).',

  // CDN and cache
  'cache.capacity': 'Objects kept; when full, the least recently used one is evicted (LRU).',
  'cache.ttlMs':
    'How long a stored answer stays fresh. With Poisson reads of rate λ on one key, the hit ratio is λT / (1 + λT).',
  'cache.hitMs': 'Time to answer from a fresh entry.',
  'cdn.coalesce':
    'Concurrent misses for one key share one origin call (request coalescing), which protects the origin from a thundering herd when a hot entry expires.',

  // Load balancer
  'lb.strategy': 'How a target is chosen among the healthy, non-ejected ones.',
  'strategy.roundRobin': 'roundRobin: each target in turn; k targets get exactly 1/k each.',
  'strategy.random': 'random: a uniformly random target.',
  'strategy.leastConnections':
    'leastConnections: the target with the fewest requests outstanding; good when work times vary.',
  'strategy.powerOfTwo':
    'powerOfTwo: draws two targets at random and takes the less busy one; nearly as good as least connections at a fraction of the cost, and better than random at high load.',
  'strategy.ipHash': 'ipHash: hashes the caller, so one user always reaches the same target (sticky sessions).',
  'strategy.consistentHash':
    'consistentHash: hashes the request key onto a ring of virtual nodes, so one key reaches the same target and only ~1/k of keys move when a target leaves.',
  'strategy.weighted': 'weighted: smooth weighted round robin in proportion to each edge’s weight.',
  'lb.layer':
    'L7 terminates HTTP and chooses a target for every request; L4 forwards TCP connections and keeps one target for a whole connection.',
  'layer.7': 'L7 (HTTP): a target per request, even over one kept-alive connection.',
  'layer.4': 'L4 (TCP): a target per connection; every request on that connection goes to it.',
  'lb.vnodes':
    'Points each target gets on the consistent-hash ring; more points spread keys more evenly. Used by consistentHash only.',
  'lb.processingMs': 'Time the balancer spends on each request before forwarding it.',

  // Service and database
  replicas: 'Identical instances; a load balancer or sidecar counts each one as a target.',
  concurrency: 'Workers per replica: requests served at the same time. The rest wait in the queue.',
  queueCapacity:
    'Requests that may wait per replica; one more is rejected at once. A long queue trades rejections for latency.',
  serviceTime: 'The work time of one request, one draw per request.',
  'dist.constant': 'constant: every request takes exactly the mean.',
  'dist.exponential': 'exponential: memoryless work times with the given mean (the M in M/M/c); p99 ≈ 4.6 × mean.',
  'dist.uniform': 'uniform: any time between min and max, equally likely.',
  'dist.lognormal': 'lognormal: a long right tail, as real services have; set by its mean and its p99.',
  'dist.normal': 'normal: bell-shaped around the mean with the given standard deviation, clamped at 0.',
  errorRate: 'Probability that a request ends with an error (a 5xx) after its work, whatever its dependencies do.',
  calls: 'How the service calls its dependencies (its edges, each with its probability) while holding its worker.',
  'calls.sequential': 'sequential: one after another; the times add up.',
  'calls.parallel': 'parallel: all at once; the slowest one decides.',
  capacity:
    'Throughput with every worker busy (M/M/c): replicas × concurrency / mean work time. Queueing delay grows sharply as utilisation nears 100%, so keep it below ~70–80%.',

  // Queue
  'queue.capacity': 'Messages the broker holds; one more is rejected.',
  'queue.enqueueMs': 'Time to accept a message before acknowledging it.',
  'queue.consumers': 'Deliveries in flight at once to the consumers (its edges).',

  // Sidecar
  'sidecar.attachedTo': 'The service whose traffic this sidecar carries; it is not wired by edges.',
  'sidecar.processingMs': 'Time the proxy adds to each message, each way.',
  'sidecar.mtls': 'Mutual TLS: every new connection between two sidecars with mTLS pays a TLS 1.3 handshake.',
  'sidecar.lbStrategy': 'How the sidecar picks a replica when its service calls a target with several replicas.',

  // Region
  location:
    'Where the region is: a preset or custom coordinates. Latency between regions is great-circle km / 200 × 1.5 + 0.25 ms one way (light in fibre covers ~200 km per ms; routes are ~1.5× longer).',
  zone: 'A region inside a region is a zone of it (an availability zone): it may keep its region’s location, and edges between two zones of one region take 0.5 ms.',
  lat: 'Latitude in degrees, −90 (south) to 90 (north).',
  lon: 'Longitude in degrees, −180 (west) to 180 (east).',
  size: 'The region’s box on the canvas; nodes inside it belong to it.',

  // Edge
  latencyMs:
    'One-way propagation delay. Left empty, it comes from the regions of the two ends: 0.25 ms in one datacenter, 0.5 ms between zones, distance-based between regions.',
  jitterMs: 'Extra delay drawn uniformly in [0, jitter) for each message.',
  lossRate:
    'Probability that one message (either direction) is lost. TCP-based protocols retransmit after an RTO of 200 ms, doubling, up to 5 times; a lost UDP message is gone.',
  bandwidthMbps: 'Transmission delay = bytes × 8 / (Mbps × 10⁶) s; messages queue FIFO per direction.',
  protocol: 'The application protocol, which decides connection handshakes and how many requests share a connection.',
  'protocol.http1.1':
    'HTTP/1.1: one request at a time per connection (up to 6 per caller and target), so requests queue behind each other (head-of-line blocking).',
  'protocol.http2': 'HTTP/2: many requests multiplexed over one TCP connection.',
  'protocol.http3':
    'HTTP/3: over QUIC (UDP) with TLS 1.3 built in: 1 RTT to connect, 0 RTT when resuming to a known instance.',
  'protocol.grpc': 'gRPC: Protocol Buffers over HTTP/2, multiplexed.',
  'protocol.websocket':
    'WebSocket: one long-lived connection per user after an HTTP upgrade (TCP + upgrade = 2 RTT, plus TLS).',
  'protocol.tcp': 'TCP: a raw stream; 1 RTT handshake (SYN, SYN-ACK, ACK) before data.',
  'protocol.udp': 'UDP: no connection and no handshake; a lost message is not retransmitted.',
  tls: 'Encryption on top of TCP; each version costs round trips before the first request of a new connection.',
  'tls.none': 'none: plain TCP: 1 RTT to connect.',
  'tls.tls1.2': 'TLS 1.2: two more round trips, 3 RTT in all with TCP.',
  'tls.tls1.3': 'TLS 1.3: one more round trip, 2 RTT in all with TCP. (QUIC folds it into 1 RTT.)',
  keepAlive:
    'Reuse connections between the same caller instance and target instance, so only the first request pays the handshake.',
  probability: 'Chance that the caller makes this call for one request (a service’s dependencies).',
  weight:
    'Relative share of requests for weighted strategies, DNS weighted answers, and a client’s choice among its edges.',
  roundTrip: 'RTT = 2 × one-way latency (jitter and transmission come on top).',

  // Notes
  'note.text': 'Free text shown on the canvas; it does not affect the simulation.',
  'note.color': 'The note’s colour on the canvas.',
} as const satisfies Record<string, string>;

export type HelpKey = keyof typeof HELP;

/** The help text of a key, or undefined for none. */
export function helpText(key: HelpKey | undefined): string | undefined {
  return key === undefined ? undefined : HELP[key];
}

/** The help of one option of an enum, keyed `<group>.<value>`, when there is one. */
export function optionHelp(group: string | undefined, value: string | number): string | undefined {
  if (group === undefined) return undefined;
  const key = `${group}.${value}`;
  return key in HELP ? HELP[key as HelpKey] : undefined;
}
