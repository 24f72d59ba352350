/**
 * Reading meaning into diagrams drawn elsewhere: a node kind from a name, protocol and latency from an edge's
 * label, and ids that satisfy the model. Used by the Mermaid and draw.io importers.
 */
import { ID_PATTERN } from '../model/schema.js';
import type { EdgeParams, NodeKind, Protocol } from '../model/types.js';

/** A kind the importer chose without being told, for the user to review. */
export interface Guess {
  nodeId: string;
  label: string;
  kind: NodeKind;
  /** Why this kind: `cylinder shape`, `name mentions "redis"`, `no hint: a service`. */
  reason: string;
}

/** Name patterns, most specific first: the first that matches decides. */
const NAME_RULES: readonly { kind: NodeKind; pattern: RegExp }[] = [
  { kind: 'sidecar', pattern: /\b(sidecar|envoy|linkerd|istio[- ]?proxy)\b/i },
  { kind: 'dns', pattern: /\b(dns|route ?53|resolver|nameserver)\b/i },
  { kind: 'cdn', pattern: /\b(cdn|cloudfront|akamai|fastly|edge)\b/i },
  {
    kind: 'loadBalancer',
    pattern: /\b(lb|alb|nlb|elb|load[- ]?balanc\w*|balancer|nginx|haproxy|envoy gateway|ingress|gateway|traefik)\b/i,
  },
  { kind: 'cache', pattern: /\b(cache|redis|memcached?|valkey|varnish)\b/i },
  {
    kind: 'queue',
    pattern: /\b(queue|kafka|sqs|sns|rabbit(mq)?|nats|pub ?sub|kinesis|broker|topic|amqp|activemq)\b/i,
  },
  {
    kind: 'database',
    pattern:
      /\b(db|database|postgres(ql)?|mysql|mariadb|sql|mongo(db)?|dynamo(db)?|cassandra|oracle|sqlite|datastore|rds|aurora|spanner|cockroach(db)?|elasticsearch)\b/i,
  },
  // "User service" is a service, not a client.
  { kind: 'service', pattern: /\b(service|svc|api|server|backend|worker|microservice)\b/i },
  { kind: 'client', pattern: /\b(users?|clients?|browsers?|mobile|customers?|shoppers?|ios|android)\b/i },
];

/** The kind a node's name or label suggests, with the word that decided, or null when nothing matches. */
export function kindFromName(...names: (string | undefined)[]): { kind: NodeKind; word: string } | null {
  for (const { kind, pattern } of NAME_RULES) {
    for (const name of names) {
      if (!name) continue;
      // Split camelCase and snake_case so "userDB" and "order_queue" match too.
      const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_]+/g, ' ');
      const m = pattern.exec(words);
      if (m) return { kind, word: m[0].toLowerCase() };
    }
  }
  return null;
}

const PROTOCOL_WORDS: readonly [RegExp, Protocol][] = [
  [/\bgrpc\b/i, 'grpc'],
  [/\b(websockets?|wss?)\b/i, 'websocket'],
  [/\b(http\/?3|h3|quic)\b/i, 'http3'],
  [/\b(http\/?2|h2)\b/i, 'http2'],
  [/\b(http\/?1(\.1)?|https?|rest)\b/i, 'http1.1'],
  [/\budp\b/i, 'udp'],
  [/\btcp\b/i, 'tcp'],
];

/**
 * Edge params an edge's label states: a protocol (`HTTP/2`, `gRPC`, `https`...), TLS (`+TLS`, `https`, `wss`,
 * `mTLS`) and a one-way latency (`12 ms`, `0.5ms`, `1.2 s`). Anything else in the label is ignored.
 */
export function edgeParamsFromLabel(label: string): EdgeParams {
  const params: EdgeParams = {};
  for (const [pattern, protocol] of PROTOCOL_WORDS) {
    if (pattern.test(label)) {
      params.protocol = protocol;
      break;
    }
  }
  if (/\b(tls|https|wss|mtls|ssl)\b|🔒/i.test(label)) params.tls = /tls ?1\.2/i.test(label) ? 'tls1.2' : 'tls1.3';
  const latency = /(\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(label);
  if (latency) {
    const value = Number(latency[1]) * (latency[2]!.toLowerCase() === 's' ? 1000 : 1);
    if (Number.isFinite(value) && value >= 0 && value <= 600_000) params.latencyMs = value;
  }
  return params;
}

/** Turns ids into model ids (1-64 of `A-Za-z0-9_.-`), unique among themselves and `taken`. */
export class IdMaker {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const id of taken) this.used.add(id);
  }

  /** A model id for `wanted` (kept when valid and free), falling back to a slug of `fallback`, then to `node`. */
  make(wanted: string | undefined, fallback?: string): string {
    const candidates = [wanted, slug(wanted ?? ''), slug(fallback ?? ''), 'node'];
    let base = 'node';
    for (const c of candidates) {
      if (c !== undefined && ID_PATTERN.test(c)) {
        base = c;
        break;
      }
    }
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
    this.used.add(id);
    return id;
  }
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^ -~]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
