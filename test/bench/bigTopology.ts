/**
 * A large, valid topology for the canvas benchmark: 500 nodes and 600 edges in 8 regions (4 x 2), every region
 * laid out in columns from left to right: clients, a DNS, two load balancers, three tiers of services (the first
 * with sidecars), queues, caches and databases. Edges go from left to right, so there are no call loops; a few
 * cross into the next region of the same row. Deterministic: the same document every time.
 */
import type { RegionPreset, TopologyDocument, TopologyEdge, TopologyNode } from '../../shared/model/types.js';

export const BIG_NODES = 500;
export const BIG_EDGES = 600;

/** A regular node's box (renderer/src/store/geometry.ts). */
const NODE = { width: 176, height: 64 };
/** A sidecar sits this far below its service. */
const SIDECAR_OFFSET = NODE.height + 8;
/** Column and row pitch inside a region, and the region's padding. */
const COL = 240;
const ROW = 112;
const PAD = 32;
const HEADER = 48;
const GAP = 160;
const REGION_COLUMNS = 4;

const LOCATIONS: RegionPreset[] = [
  'us-west',
  'us-east',
  'eu-west',
  'eu-central',
  'sa-east',
  'af-south',
  'ap-south',
  'ap-northeast',
];

/** The kinds of a region's columns, left to right, with how many nodes each has. */
const COLUMNS = [
  { name: 'client', count: 6 },
  { name: 'dns', count: 1 },
  { name: 'lb', count: 2 },
  { name: 'front', count: 8 },
  { name: 'queue', count: 6 },
  { name: 'mid', count: 8 },
  { name: 'cache', count: 6 },
  { name: 'back', count: 8 },
  { name: 'db', count: 8 },
] as const;
type Column = (typeof COLUMNS)[number]['name'];

/** Every front service has a sidecar; the first regions get one more back service to make 500 nodes. */
const SIDECARS = 8;
const PER_REGION = COLUMNS.reduce((a, c) => a + c.count, 0) + SIDECARS + 1;
const REGIONS = LOCATIONS.length;
const EXTRA_BACK = BIG_NODES - REGIONS * PER_REGION;
const MAX_ROWS = Math.max(...COLUMNS.map((c) => c.count)) + 1;
export const REGION_SIZE = {
  width: PAD * 2 + (COLUMNS.length - 1) * COL + NODE.width,
  height: HEADER + MAX_ROWS * ROW + PAD,
};

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The top-left corner of region `r`. */
export function regionOrigin(r: number): { x: number; y: number } {
  return {
    x: (r % REGION_COLUMNS) * (REGION_SIZE.width + GAP),
    y: Math.floor(r / REGION_COLUMNS) * (REGION_SIZE.height + GAP),
  };
}

/** The absolute position of row `row` of column `col` in region `r`. */
function place(r: number, col: number, row: number): { x: number; y: number } {
  const o = regionOrigin(r);
  return { x: o.x + PAD + col * COL, y: o.y + HEADER + row * ROW };
}

/** 500 nodes (8 regions and what they hold) and 600 edges; valid for `validateDocument`. */
export function bigTopology(): TopologyDocument {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const pairs = new Set<string>();
  const rank = new Map<string, number>();
  const link = (source: string, target: string): boolean => {
    const key = `${source}>${target}`;
    if (pairs.has(key) || source === target) return false;
    pairs.add(key);
    const protocol = edges.length % 3 === 0 ? 'grpc' : 'http2';
    edges.push({ id: `e${edges.length + 1}`, source, target, params: { protocol } });
    return true;
  };
  /** Ids per region and column. */
  const ids: Record<Column, string[]>[] = [];

  for (let r = 0; r < REGIONS; r++) {
    const region = `region-${r + 1}`;
    const o = regionOrigin(r);
    nodes.push({
      id: region,
      kind: 'region',
      label: `Region ${r + 1}`,
      position: o,
      params: { location: LOCATIONS[r]!, size: { ...REGION_SIZE } },
    });
    const cols = {} as Record<Column, string[]>;
    COLUMNS.forEach(({ name, count }, col) => {
      const n = name === 'back' && r < EXTRA_BACK ? count + 1 : count;
      cols[name] = [];
      for (let i = 0; i < n; i++) {
        const id = `r${r + 1}-${name}-${i + 1}`;
        const position = place(r, col, i);
        const common = { id, label: `${name} ${r + 1}.${i + 1}`, position, parent: region };
        cols[name].push(id);
        rank.set(id, r * 100 + col);
        switch (name) {
          case 'client':
            nodes.push({ ...common, kind: 'client', params: { rate: 50 + 10 * i, users: 1000 } });
            break;
          case 'dns':
            nodes.push({ ...common, kind: 'dns', params: { policy: 'latency' } });
            break;
          case 'lb':
            nodes.push({ ...common, kind: 'loadBalancer', params: { strategy: 'leastConnections' } });
            break;
          case 'queue':
            nodes.push({ ...common, kind: 'queue', params: { consumers: 4 } });
            break;
          case 'cache':
            nodes.push({ ...common, kind: 'cache', params: { capacity: 10_000 } });
            break;
          case 'db':
            nodes.push({ ...common, kind: 'database', params: { replicas: 2, concurrency: 32 } });
            break;
          default:
            nodes.push({
              ...common,
              kind: 'service',
              params: { replicas: 2, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 + i } },
            });
            if (name === 'front')
              nodes.push({
                id: `${id}-sidecar`,
                kind: 'sidecar',
                label: `mesh ${r + 1}.${i + 1}`,
                position: { x: position.x, y: position.y + SIDECAR_OFFSET },
                parent: region,
                params: { attachedTo: id, mtls: i % 2 === 0 },
              });
        }
      }
    });
    ids.push(cols);

    // Clients resolve through the DNS (then they call both balancers it answers) or call one balancer directly.
    const [lb0, lb1] = cols.lb as [string, string];
    cols.client.forEach((c, i) => {
      if (i < 2) {
        link(c, cols.dns[0]!);
        link(c, lb0);
        link(c, lb1);
      } else link(c, i % 2 ? lb1 : lb0);
    });
    link(cols.dns[0]!, lb0);
    link(cols.dns[0]!, lb1);
    cols.front.forEach((f, i) => {
      link(i < cols.front.length / 2 ? lb0 : lb1, f);
      link(f, cols.mid[i % cols.mid.length]!);
      if (i < cols.queue.length) link(f, cols.queue[i]!);
    });
    cols.queue.forEach((q, i) => link(q, cols.mid[i % cols.mid.length]!));
    cols.mid.forEach((m, i) => {
      link(m, cols.cache[i % cols.cache.length]!);
      link(m, cols.back[i % cols.back.length]!);
    });
    cols.cache.forEach((c, i) => link(c, cols.db[i % cols.db.length]!));
    cols.back.forEach((b, i) => link(b, cols.db[i % cols.db.length]!));
  }

  // Calls into the next region of the same row (to the right).
  for (let r = 0; r < REGIONS; r++) {
    if (r % REGION_COLUMNS === REGION_COLUMNS - 1 || r + 1 >= REGIONS) continue;
    for (let i = 0; i < 4; i++) link(ids[r]!.back[i * 2]!, ids[r + 1]!.db[i]!);
  }

  // The rest: more calls from services to anything further right in their own region.
  const next = random(7);
  const callers: Column[] = ['front', 'mid', 'back'];
  const callees: Column[] = ['queue', 'mid', 'cache', 'back', 'db'];
  while (edges.length < BIG_EDGES) {
    const r = Math.floor(next() * REGIONS);
    const from = ids[r]![callers[Math.floor(next() * callers.length)]!];
    const to = ids[r]![callees[Math.floor(next() * callees.length)]!];
    const source = from[Math.floor(next() * from.length)]!;
    const target = to[Math.floor(next() * to.length)]!;
    if (rank.get(source)! < rank.get(target)!) link(source, target);
  }

  return {
    format: 'backpressure.topology',
    version: 1,
    name: '500 nodes',
    description: 'A large generated topology: 8 regions, 500 nodes, 600 edges.',
    simulation: { seed: 1, durationMs: 60_000 },
    nodes,
    edges,
    faults: [],
    notes: [],
  };
}
