import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useContext, useEffect, useRef } from 'react';
import { useThemeRevision } from '../dashboard/Chart.js';
import type { SimSnapshot } from '../sim/simClient.js';
import { SimContext } from '../sim/useSimulation.js';
import '../overlay/packetLayer.css';
import {
  liveBadge,
  paintBadges,
  type BadgeContext,
  type BadgePalette,
  type LiveBadge,
  type NodeBox,
} from './liveBadges.js';

function context(canvas: HTMLCanvasElement): BadgeContext | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

function readPalette(el: Element): BadgePalette {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: read('--bp-fg', '#1f2328'),
    danger: read('--bp-danger', '#c62828'),
    warn: read('--bp-warn', '#b45309'),
    font: style.fontFamily || 'system-ui, sans-serif',
  };
}

const showing = (snap: SimSnapshot) => snap.status !== 'idle' && snap.live !== null;

/**
 * The live state of every node while a run is on, painted on one canvas over the graph: a utilization bar, a
 * queue bar and a few words at the bottom of each node in view. It repaints when the run's live state changes (a
 * few times a second) or the view or the nodes move, never on other frames. Hundreds of nodes cost one canvas
 * instead of hundreds of changing elements for the browser to lay out and paint. Render it inside `<ReactFlow>`.
 */
export function LiveBadgeLayer() {
  const client = useContext(SimContext);
  const storeApi = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useThemeRevision();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!client || !canvas) return;
    const ctx = context(canvas);
    const palette = readPalette(canvas);
    let frame = 0;
    let lastLive: SimSnapshot['live'] = null;
    let badges: LiveBadge[] = [];
    const items: { box: NodeBox; badge: LiveBadge }[] = [];
    let cleared = true;

    const paint = () => {
      frame = 0;
      const snap = client.getSnapshot();
      const rf = storeApi.getState();
      const ratio = globalThis.devicePixelRatio || 1;
      const width = Math.max(1, Math.round(rf.width * ratio));
      const height = Math.max(1, Math.round(rf.height * ratio));
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
        canvas.style.width = `${rf.width}px`;
        canvas.style.height = `${rf.height}px`;
      }
      if (!showing(snap)) {
        if (!cleared) {
          ctx?.setTransform(1, 0, 0, 1, 0, 0);
          ctx?.clearRect(0, 0, canvas.width, canvas.height);
          canvas.dataset.badges = '0';
          cleared = true;
        }
        lastLive = null;
        return;
      }
      const live = snap.live!;
      if (live !== lastLive) {
        lastLive = live;
        badges = snap.nodeIds.map((_, i) => liveBadge(live, i));
      }
      items.length = 0;
      snap.nodeIds.forEach((id, i) => {
        const node = rf.nodeLookup.get(id);
        if (!node || node.type !== 'topology' || node.hidden) return;
        const width = node.measured.width ?? node.width ?? 0;
        const height = node.measured.height ?? node.height ?? 0;
        if (width <= 0 || height <= 0) return;
        const { x, y } = node.internals.positionAbsolute;
        items.push({ box: { x, y, width, height }, badge: badges[i]! });
      });
      const [tx, ty, zoom] = rf.transform;
      const view = [-tx / zoom, -ty / zoom, (rf.width - tx) / zoom, (rf.height - ty) / zoom] as const;
      let drawn = items.length;
      if (ctx) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        drawn = paintBadges(ctx, items, rf.transform, ratio, view, palette);
      }
      const text = String(drawn);
      if (canvas.dataset.badges !== text) canvas.dataset.badges = text;
      cleared = false;
    };
    const request = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };

    let last = client.getSnapshot();
    const offSnapshot = client.subscribeSnapshot(() => {
      const snap = client.getSnapshot();
      const changed = snap.live !== last.live || snap.status !== last.status || snap.nodeIds !== last.nodeIds;
      last = snap;
      if (changed) request();
    });
    let view: Pick<ReactFlowState, 'transform' | 'nodeLookup' | 'width' | 'height'> = storeApi.getState();
    let nodes = storeApi.getState().nodes;
    const offFlow = storeApi.subscribe((s) => {
      if (s.transform === view.transform && s.nodes === nodes && s.width === view.width && s.height === view.height)
        return;
      view = s;
      nodes = s.nodes;
      if (showing(client.getSnapshot())) request();
    });
    request();
    return () => {
      cancelAnimationFrame(frame);
      offSnapshot();
      offFlow();
    };
  }, [client, storeApi, theme]);

  return (
    <div className="bp-canvas-layer">
      <canvas ref={canvasRef} aria-hidden="true" data-testid="live-badges" data-badges="0" />
    </div>
  );
}
