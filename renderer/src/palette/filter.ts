import { NODE_KINDS, type NodeKind } from '../../../shared/model/types.js';
import { KIND_TITLES } from '../store/kinds.js';
import { KIND_DESCRIPTIONS } from './kindVisuals.js';

/** The kinds in the order the palette lists them. */
export const PALETTE_KINDS: readonly NodeKind[] = NODE_KINDS;

/** Other names people search for (products, abbreviations), matched like description words. */
const KIND_KEYWORDS: Record<NodeKind, string> = {
  client: 'users browser mobile app traffic load generator',
  dns: 'domain name resolver route53 geodns',
  cdn: 'edge cloudfront cloudflare akamai fastly static content',
  loadBalancer: 'lb alb nlb elb nginx haproxy l4 l7 balancing',
  service: 'server api backend microservice app worker replicas',
  database: 'db sql postgres mysql dynamodb storage store',
  cache: 'redis memcached memory',
  queue: 'broker kafka rabbitmq sqs pubsub message messaging async stream',
  sidecar: 'mesh envoy istio linkerd proxy mtls',
  region: 'zone az datacenter data center location area group geography',
};

interface SearchEntry {
  kind: NodeKind;
  /** Matched anywhere: "balancer" finds the load balancer, "serv" the service. */
  names: string;
  /** Matched from the start of a word: "ret" finds retries, "tency" finds nothing. */
  words: string[];
}

const INDEX: SearchEntry[] = PALETTE_KINDS.map((kind) => ({
  kind,
  names: `${KIND_TITLES[kind]} ${kind} ${kind.replace(/([a-z])([A-Z])/g, '$1 $2')}`.toLowerCase(),
  words: `${KIND_DESCRIPTIONS[kind]} ${KIND_KEYWORDS[kind]}`
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean),
}));

/** The words of a query, lower case, without punctuation. */
function terms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The kinds a filter query matches, in palette order: every word of the query must occur in the kind's name or
 * id, or begin a word of its description. An empty query matches every kind.
 */
export function matchKinds(query: string): NodeKind[] {
  const wanted = terms(query);
  if (!wanted.length) return [...PALETTE_KINDS];
  return INDEX.filter((entry) =>
    wanted.every((term) => entry.names.includes(term) || entry.words.some((word) => word.startsWith(term))),
  ).map((entry) => entry.kind);
}
