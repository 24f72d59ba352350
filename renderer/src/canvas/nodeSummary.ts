import {
  resolveCache,
  resolveCdn,
  resolveClient,
  resolveDatabase,
  resolveDns,
  resolveLoadBalancer,
  resolveQueue,
  resolveService,
} from '../../../shared/model/defaults.js';
import type { TopologyNode } from '../../../shared/model/types.js';

function ms(v: number): string {
  if (v >= 60_000 && v % 60_000 === 0) return `${v / 60_000} min`;
  if (v >= 1000 && v % 1000 === 0) return `${v / 1000} s`;
  return `${Number(v.toPrecision(3))} ms`;
}

function count(v: number): string {
  return v >= 1000 && v % 100 === 0 ? `${v / 1000}k` : String(v);
}

const STRATEGY: Record<string, string> = {
  roundRobin: 'round robin',
  random: 'random',
  leastConnections: 'least conn.',
  powerOfTwo: 'power of two',
  ipHash: 'IP hash',
  consistentHash: 'consistent hash',
  weighted: 'weighted',
};

/** One line under a node's name with the parameters that matter most at a glance. */
export function nodeSummary(node: TopologyNode): string {
  switch (node.kind) {
    case 'client': {
      const c = resolveClient(node.params);
      return `${c.rate} req/s · ${count(c.users)} users`;
    }
    case 'dns': {
      const d = resolveDns(node.params);
      return `${d.policy} · TTL ${ms(d.ttlMs)}`;
    }
    case 'cdn': {
      const c = resolveCdn(node.params);
      return `LRU ${count(c.capacity)} · TTL ${ms(c.ttlMs)}`;
    }
    case 'loadBalancer': {
      const lb = resolveLoadBalancer(node.params);
      return `L${lb.layer} · ${STRATEGY[lb.strategy] ?? lb.strategy}`;
    }
    case 'service':
    case 'database': {
      const s = node.kind === 'service' ? resolveService(node.params) : resolveDatabase(node.params);
      const mean = 'meanMs' in s.serviceTime ? s.serviceTime.meanMs : (s.serviceTime.minMs + s.serviceTime.maxMs) / 2;
      return `${s.replicas}×${s.concurrency} workers · ${ms(mean)}`;
    }
    case 'cache': {
      const c = resolveCache(node.params);
      return `LRU ${count(c.capacity)} · TTL ${ms(c.ttlMs)}`;
    }
    case 'queue': {
      const q = resolveQueue(node.params);
      return `${q.consumers} consumers · cap ${count(q.capacity)}`;
    }
    case 'sidecar':
      return node.params.mtls ? 'mTLS' : '';
    case 'region':
      return node.params.location ?? (node.params.lat !== undefined ? `${node.params.lat}, ${node.params.lon}` : '');
  }
}
