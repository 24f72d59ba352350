import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon } from '../palette/kindVisuals.js';
import { MIN_REGION_SIZE } from '../store/geometry.js';
import { useCanvasActions } from './canvasActions.js';
import type { FlowNode, TopologyNodeData } from './flowView.js';

/** A region (or a zone, when inside a region): a resizable container; drag it by its header. */
export const RegionNodeView = memo(function RegionNodeView({ id, data, selected, parentId }: NodeProps<FlowNode>) {
  const { node, problems } = data as TopologyNodeData;
  const actions = useCanvasActions();
  const where = node.kind === 'region' ? (node.params.location ?? (node.params.lat !== undefined ? 'custom' : '')) : '';
  return (
    <div
      className={`bp-region${parentId ? ' zone' : ''}${selected ? ' selected' : ''}${problems ? ' has-problems' : ''}`}
      data-testid={`node-${node.id}`}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={MIN_REGION_SIZE.width}
        minHeight={MIN_REGION_SIZE.height}
        onResizeEnd={(_, p) => actions.commitResize(id, p)}
        lineClassName="bp-resize-line"
        handleClassName="bp-resize-handle"
      />
      <div className="region-header">
        <KindIcon kind="region" size={14} />
        <span className="bp-region-label">{node.label ?? node.id}</span>
        {where && <span className="bp-region-where">{parentId ? `zone · ${where}` : where}</span>}
      </div>
    </div>
  );
});
