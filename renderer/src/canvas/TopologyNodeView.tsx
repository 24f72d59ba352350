import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KIND_COLORS, KindIcon } from '../palette/kindVisuals.js';
import { KIND_TITLES } from '../store/kinds.js';
import type { FlowNode, TopologyNodeData } from './flowView.js';
import { LiveNodeState } from './LiveNodeState.js';
import { nodeSummary } from './nodeSummary.js';

function safeSummary(data: TopologyNodeData): string {
  try {
    return nodeSummary(data.node);
  } catch {
    return '';
  }
}

/** A client, DNS, CDN, load balancer, service, database, cache or queue: icon, name, key parameters, handles. */
export const TopologyNodeView = memo(function TopologyNodeView({ data, selected }: NodeProps<FlowNode>) {
  const { node, problems } = data as TopologyNodeData;
  const color = KIND_COLORS[node.kind];
  return (
    <div
      className={`bp-node kind-${node.kind}${selected ? ' selected' : ''}${problems ? ' has-problems' : ''}`}
      style={{ '--kind-color': color } as React.CSSProperties}
      data-testid={`node-${node.id}`}
    >
      {node.kind !== 'client' && <Handle type="target" position={Position.Left} className="bp-handle" />}
      <span className="bp-node-icon">
        <KindIcon kind={node.kind} size={20} />
      </span>
      <span className="bp-node-text">
        <span className="bp-node-label">{node.label ?? node.id}</span>
        <span className="bp-node-summary">{safeSummary(data as TopologyNodeData) || KIND_TITLES[node.kind]}</span>
      </span>
      {problems > 0 && (
        <span className="bp-node-badge" title={`${problems} problem${problems === 1 ? '' : 's'}: see the inspector`}>
          {problems}
        </span>
      )}
      <LiveNodeState id={node.id} />
      <Handle type="source" position={Position.Right} className="bp-handle" />
    </div>
  );
});
