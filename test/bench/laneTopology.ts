/**
 * Topologies for the playback benchmark: regions side by side, each holding lanes of
 * client -> load balancer -> front service -> back service -> database, every link with the same one-way latency.
 * A request crosses 8 links (4 there, 4 back), so a lane with rate r keeps about r x 8 x latency packets in flight:
 * the rate is chosen from the number of packets wanted. Deterministic: the same document for the same arguments.
 */
import type { RegionPreset, TopologyDocument, TopologyEdge, TopologyNode } from '../../shared/model/types.js';

const LOCATIONS: RegionPreset[] = ['us-east', 'us-west', 'eu-west', 'eu-central', 'ap-south', 'ap-northeast'];
const CHAIN = ['client', 'lb', 'front', 'back', 'db'] as const;
const COL = 220;
const ROW = 96;
const PAD = 32;
const HEADER = 48;
const GAP = 120;
const NODE = { width: 176, height: 64 };
/** Links a request crosses, there and back. */
const CROSSINGS = (CHAIN.length - 1) * 2;

export interface LaneOptions {
  regions: number;
  lanesPerRegion: number;
  /** Packets that should be in flight at once, across the whole topology. */
  packets: number;
  latencyMs?: number;
}

export interface LaneTopology {
  doc: TopologyDocument;
  nodes: number;
  edges: number;
  /** Requests per second each client sends. */
  ratePerLane: number;
}

export function laneTopology({ regions, lanesPerRegion, packets, latencyMs = 20 }: LaneOptions): LaneTopology {
  const lanes = regions * lanesPerRegion;
  const ratePerLane = Math.round(packets / lanes / (CROSSINGS * (latencyMs / 1000)));
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const size = { width: PAD * 2 + (CHAIN.length - 1) * COL + NODE.width, height: HEADER + lanesPerRegion * ROW + PAD };
  for (let r = 0; r < regions; r++) {
    const region = `region-${r + 1}`;
    const origin = { x: r * (size.width + GAP), y: 0 };
    nodes.push({
      id: region,
      kind: 'region',
      label: `Region ${r + 1}`,
      position: origin,
      params: { size, location: LOCATIONS[r % LOCATIONS.length]! },
    });
    for (let l = 0; l < lanesPerRegion; l++) {
      const ids = CHAIN.map((step) => `r${r + 1}-${step}-${l + 1}`);
      CHAIN.forEach((step, c) => {
        const common = {
          id: ids[c]!,
          label: `${step} ${r + 1}.${l + 1}`,
          parent: region,
          position: { x: origin.x + PAD + c * COL, y: origin.y + HEADER + l * ROW },
        };
        if (step === 'client') nodes.push({ ...common, kind: 'client', params: { rate: ratePerLane, users: 1000 } });
        else if (step === 'lb') nodes.push({ ...common, kind: 'loadBalancer', params: { strategy: 'roundRobin' } });
        else if (step === 'db') nodes.push({ ...common, kind: 'database', params: { replicas: 2, concurrency: 64 } });
        else
          nodes.push({
            ...common,
            kind: 'service',
            params: { replicas: 2, concurrency: 32, serviceTime: { dist: 'exponential', meanMs: 4 } },
          });
      });
      for (let c = 1; c < CHAIN.length; c++)
        edges.push({
          id: `e-${ids[c - 1]}`,
          source: ids[c - 1]!,
          target: ids[c]!,
          params: { latencyMs, protocol: 'http2' },
        });
    }
  }
  const doc: TopologyDocument = {
    format: 'backpressure.topology',
    version: 1,
    name: `${nodes.length} nodes`,
    description: `Generated for the playback benchmark: ${lanes} lanes, about ${packets} packets in flight.`,
    simulation: { seed: 1, durationMs: 120_000 },
    nodes,
    edges,
    faults: [],
    notes: [],
  };
  return { doc, nodes: nodes.length, edges: edges.length, ratePerLane };
}
