import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { createPortal } from 'react-dom';
import { PROTOCOL_NAMES, formatLatency } from '../../../shared/export/labels.js';
import { EdgeLabelLayerContext } from './edgeLabelLayer.js';
import { useLiveEdge } from '../sim/useLive.js';
import type { FlowEdge, TopologyEdgeData } from './flowView.js';

/** The text on an edge: protocol (with a lock for TLS) and one-way latency. */
export function edgeLabel(data: TopologyEdgeData): string {
  const p = data.edge.params;
  const protocol = PROTOCOL_NAMES[p.protocol ?? 'http1.1'] ?? String(p.protocol);
  const tls = p.tls && p.tls !== 'none' ? ' 🔒' : '';
  const share = p.probability !== undefined && p.probability < 1 ? ` · ${Math.round(p.probability * 100)}%` : '';
  return `${protocol}${tls} · ${formatLatency(data.latencyMs)}${share}`;
}

/** A call from source to target, drawn as a curve with an arrow and a label (the label only when it is readable). */
export const TopologyEdgeView = memo(function TopologyEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const labelLayer = useContext(EdgeLabelLayerContext);
  const d = data as TopologyEdgeData;
  const live = useLiveEdge(id);
  const liveClass = live
    ? `${live.cut ? ` cut ${live.cut === 'oneWay' ? 'one-way' : ''}` : ''}${live.degraded ? ' degraded' : ''}${live.breaker ? ` breaker-${live.breaker}` : ''}`
    : '';
  const liveText = live
    ? `${live.cut ? (live.cut === 'oneWay' ? ' · cut one way' : ' · cut') : ''}${live.degraded ? ' · degraded' : ''}${
        live.breaker === 'open' ? ' · breaker open' : live.breaker === 'halfOpen' ? ' · breaker half-open' : ''
      }`
    : '';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`bp-edge${selected ? ' selected' : ''}${liveClass}`}
      />
      {labelLayer &&
        createPortal(
          <div
            className={`bp-edge-label nodrag nopan${selected ? ' selected' : ''}${d.problems ? ' has-problems' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={d.derived ? 'Latency derived from the regions of both ends' : 'Latency set on this edge'}
            data-testid={`edge-label-${id}`}
          >
            {edgeLabel(d)}
            {liveText && <span className="bp-edge-live">{liveText}</span>}
          </div>,
          labelLayer,
        )}
    </>
  );
});
