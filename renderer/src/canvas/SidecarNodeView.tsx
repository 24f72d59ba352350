import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon } from '../palette/kindVisuals.js';
import type { FlowNode, TopologyNodeData } from './flowView.js';

/** A mesh sidecar, docked under its service (or floating, with a warning, when attached to nothing). */
export const SidecarNodeView = memo(function SidecarNodeView({ data, selected }: NodeProps<FlowNode>) {
  const { node, problems } = data as TopologyNodeData;
  const attached = node.kind === 'sidecar' && node.params.attachedTo !== undefined;
  const mtls = node.kind === 'sidecar' && node.params.mtls === true;
  return (
    <div
      className={`bp-sidecar${selected ? ' selected' : ''}${attached ? '' : ' detached'}${problems ? ' has-problems' : ''}`}
      data-testid={`node-${node.id}`}
      title={attached ? 'Mesh sidecar: drag it away to detach' : 'Not attached: drop it on a service'}
    >
      <KindIcon kind="sidecar" size={14} />
      <span className="bp-sidecar-label">{node.label ?? node.id}</span>
      {mtls && <span className="bp-sidecar-tag">mTLS</span>}
      {!attached && <span className="bp-sidecar-tag warn">drop on a service</span>}
    </div>
  );
});
