import type { NodeKind, NodeParamsByKind } from '../../../shared/model/types.js';

export { KIND_TITLES } from '../../../shared/export/kindStyle.js';

/** Params a new node starts with: empty (MODEL.md defaults apply) except what a node cannot do without. */
export function initialParams<K extends NodeKind>(kind: K): NodeParamsByKind[K] {
  if (kind === 'region') return { location: 'us-east', size: { width: 520, height: 300 } } as NodeParamsByKind[K];
  return {} as NodeParamsByKind[K];
}
