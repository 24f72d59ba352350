import { useMemo } from 'react';
import { useSimSnapshot } from '../sim/useSimulation.js';
import { useEditor } from '../store/useEditor.js';
import { faultActive, faultChip, marksCss, type EdgeMark, type NodeMark } from './canvasMarks.js';
import { useInterview } from './useInterview.js';

/**
 * Draws the session's marks over the canvas: the faults of a dealt drill while they are in force in the live run,
 * the nodes that broke in the scored drill, and whatever the user pointed at (a rubric item, the bottleneck).
 */
export function CanvasMarks() {
  const session = useInterview((s) => s.session);
  const highlight = useInterview((s) => s.highlight);
  const snap = useSimSnapshot();
  const nodeIds = useEditor((s) => s.doc.nodes);
  const running = snap.status !== 'idle' && snap.status !== 'failed';
  const t = snap.seeking ? snap.seekTargetMs : snap.timeMs;

  // Which drill faults are in force changes a few times per run: key the sheet on that, not on every frame.
  const activeKey = useMemo(() => {
    if (!session || session.status !== 'active' || !running) return '';
    const keys: string[] = [];
    for (const d of session.drills) for (const f of d.faults) if (faultActive(f.fault, t)) keys.push(f.fault.id);
    return keys.join('|');
  }, [session, running, t]);

  const css = useMemo(() => {
    if (!session) return '';
    const present = new Set(nodeIds.map((n) => n.id));
    const nodes: NodeMark[] = [];
    const edges: EdgeMark[] = [];
    const active = new Set(activeKey ? activeKey.split('|') : []);
    for (const d of session.drills)
      for (const f of d.faults) {
        if (!active.has(f.fault.id)) continue;
        for (const id of f.concerns) if (present.has(id)) nodes.push({ id, tone: 'drill', chip: faultChip(f.fault) });
        if (f.fault.kind === 'cut') for (const id of f.fault.edges) edges.push({ id, tone: 'drill' });
      }
    if (session.status === 'review' && session.card?.drill)
      for (const b of session.card.drill.brokenNodes)
        if (present.has(b.nodeId)) nodes.push({ id: b.nodeId, tone: 'fail', chip: 'broke in the drill' });
    if (highlight) {
      for (const id of highlight.nodes) if (present.has(id)) nodes.push({ id, tone: highlight.tone });
      for (const id of highlight.edges) edges.push({ id, tone: highlight.tone });
    }
    return marksCss(nodes, edges);
  }, [session, activeKey, highlight, nodeIds]);

  if (!css) return null;
  return <style data-testid="interview-canvas-marks">{css}</style>;
}
