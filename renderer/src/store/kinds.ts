import type { NodeKind, NodeParamsByKind } from '../../../shared/model/types.js';

/** What each kind is called on the canvas. */
export const KIND_TITLES: Record<NodeKind, string> = {
  client: 'Client',
  dns: 'DNS',
  cdn: 'CDN edge',
  loadBalancer: 'Load balancer',
  service: 'Service',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
  sidecar: 'Sidecar',
  region: 'Region',
};

/** Params a new node starts with: empty (MODEL.md defaults apply) except what a node cannot do without. */
export function initialParams<K extends NodeKind>(kind: K): NodeParamsByKind[K] {
  if (kind === 'region') return { location: 'us-east', size: { width: 520, height: 300 } } as NodeParamsByKind[K];
  return {} as NodeParamsByKind[K];
}
