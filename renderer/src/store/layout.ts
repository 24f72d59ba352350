import ELK from 'elkjs/lib/elk.bundled.js';
import type { Point, TopologyDocument } from '../../../shared/model/types.js';
import { NODE_SIZE, REGION_HEADER, SIDECAR_GAP, SIDECAR_SIZE, nodeSize } from './geometry.js';

interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  layoutOptions?: Record<string, string>;
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

const REGION_PADDING = `[top=${REGION_HEADER + 8},left=24,bottom=24,right=24]`;

let elk: InstanceType<typeof ELK> | null = null;

/**
 * Lays the topology out left to right (callers before the called) with ELK's layered algorithm, keeping regions as
 * containers around their nodes. Returns new absolute positions for every node and new sizes for regions.
 */
export async function autoLayout(
  doc: TopologyDocument,
): Promise<{ positions: Map<string, Point>; sizes: Map<string, { width: number; height: number }> }> {
  elk ??= new ELK();
  const sidecarOf = new Map<string, string>();
  for (const n of doc.nodes) if (n.kind === 'sidecar' && n.params.attachedTo) sidecarOf.set(n.params.attachedTo, n.id);
  const elkNodes = new Map<string, ElkNode>();
  for (const n of doc.nodes) {
    if (n.kind === 'sidecar' && n.params.attachedTo) continue;
    const size = nodeSize(n);
    const extra = sidecarOf.has(n.id) ? SIDECAR_GAP + SIDECAR_SIZE.height : 0;
    elkNodes.set(
      n.id,
      n.kind === 'region'
        ? { id: n.id, children: [], layoutOptions: { 'elk.padding': REGION_PADDING } }
        : { id: n.id, width: size.width, height: size.height + extra },
    );
  }
  const root: ElkNode & { edges: { id: string; sources: string[]; targets: string[] }[] } = {
    id: '__root__',
    layoutOptions: ROOT_OPTIONS,
    children: [],
    edges: [],
  };
  for (const n of doc.nodes) {
    const e = elkNodes.get(n.id);
    if (!e) continue;
    const parent = n.parent !== undefined ? elkNodes.get(n.parent) : undefined;
    (parent?.children ?? root.children!).push(e);
  }
  for (const e of doc.edges)
    if (elkNodes.has(e.source) && elkNodes.has(e.target))
      root.edges.push({ id: e.id, sources: [e.source], targets: [e.target] });
  const laid = (await elk.layout(root as never)) as unknown as ElkNode;
  const positions = new Map<string, Point>();
  const sizes = new Map<string, { width: number; height: number }>();
  const walk = (node: ElkNode, ox: number, oy: number) => {
    for (const c of node.children ?? []) {
      const x = Math.round(ox + (c.x ?? 0));
      const y = Math.round(oy + (c.y ?? 0));
      positions.set(c.id, { x, y });
      if (c.children) {
        sizes.set(c.id, {
          width: Math.max(Math.round(c.width ?? 0), NODE_SIZE.width + 48),
          height: Math.max(Math.round(c.height ?? 0), NODE_SIZE.height + REGION_HEADER + 32),
        });
        walk(c, x, y);
      }
    }
  };
  walk(laid, 0, 0);
  for (const [service, sidecar] of sidecarOf) {
    const p = positions.get(service);
    if (p) positions.set(sidecar, { x: p.x, y: p.y + NODE_SIZE.height + SIDECAR_GAP });
  }
  return { positions, sizes };
}
