import { useStoreApi, type InternalNode } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { PacketPainter, packetRadius, type DrawOptions, type PacketContext } from './drawPackets.js';
import { EdgePaths, SOURCE_HANDLE_DX, TARGET_HANDLE_DX, documentEdges, type DocumentEdges } from './edgeGeometry.js';
import { PacketFrame, computePacketFrame, mapEdges, type FrameParams } from './packetFrame.js';
import { DEFAULT_MAX_DRAWN, PacketStore } from './packetStore.js';
import type { PacketSource } from './types.js';
import './packetLayer.css';
import { setText } from '../shell/setText.js';

export interface PacketLayerProps {
  /** The simulation side: playback clock, message batches, resets. */
  source: PacketSource;
  /** The document on the canvas: edge paths are laid out from it (and from React Flow's measured handles). */
  doc: TopologyDocument;
  /** About how many packets to draw at most before sampling (default 3,000). */
  maxDrawn?: number;
  /** Forces reduced motion on or off; by default the `prefers-reduced-motion` media query decides. */
  reducedMotion?: boolean;
  /**
   * Draw fewer packets (down to 500) while frames take longer than the display allows, and more again once they
   * are quick (default true). Off, the sample depends on the load alone.
   */
  adaptive?: boolean;
}

/** How long a lost packet stays where it was dropped, in wall-clock ms at the current playback speed. */
const LOST_LINGER_WALL_MS = 400;
/**
 * Counts on the DOM (data attributes, the sampling badge) change at most this often: each change of the badge makes
 * the browser paint the page and sort its layers again, which costs a frame with hundreds of nodes on screen.
 */
const STATS_EVERY_MS = 1000;
/** With reduced motion the packets move on screen at most this often. */
const REDUCED_EVERY_MS = 250;
const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';
/** The adaptive budget is reconsidered this often, never below MIN_BUDGET packets. */
const ADAPT_EVERY_MS = 1000;
const MIN_BUDGET = 500;
/** Smoothed frame intervals above this (about 38 fps) shrink the budget; below the second, it grows back. */
const SLOW_FRAME_MS = 26;
const QUICK_FRAME_MS = 18;

const numbers = new Intl.NumberFormat('en-US');

/** The point of `node`'s source (right) or target (left) handle as React Flow places the edge's end there. */
function handlePoint(node: InternalNode, type: 'source' | 'target', out: Float64Array, o: number): void {
  const abs = node.internals.positionAbsolute;
  const handle = node.internals.handleBounds?.[type]?.[0];
  if (handle) {
    const x = abs.x + handle.x;
    const y = abs.y + handle.y;
    switch (handle.position) {
      case 'left':
        out[o] = x;
        out[o + 1] = y + handle.height / 2;
        return;
      case 'right':
        out[o] = x + handle.width;
        out[o + 1] = y + handle.height / 2;
        return;
      case 'top':
        out[o] = x + handle.width / 2;
        out[o + 1] = y;
        return;
      case 'bottom':
        out[o] = x + handle.width / 2;
        out[o + 1] = y + handle.height;
        return;
    }
  }
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  out[o] = type === 'source' ? abs.x + width + SOURCE_HANDLE_DX : abs.x + TARGET_HANDLE_DX;
  out[o + 1] = abs.y + height / 2;
}

/**
 * Packets in flight, drawn on one canvas over the graph. Render it as a child of `<ReactFlow>` (like `<MiniMap>`):
 * it reads the viewport and the measured nodes from React Flow's store and animates in its own
 * requestAnimationFrame loop, outside React. Positions come from each message's real departure and arrival times
 * at the source's current simulated time.
 *
 * When more are on screen than `maxDrawn`, a deterministic sample is drawn (the same packets on every frame, for
 * their whole flight), busy edges are drawn thick, and a badge says so.
 *
 * With reduced motion nothing travels: the picture follows simulated time four times a second (and the view at
 * once) and shows edge load as thickness, one still marker in the middle of each busy edge (in the style of the
 * most severe message on it) and lost messages where they were dropped.
 */
export function PacketLayer({
  source,
  doc,
  maxDrawn = DEFAULT_MAX_DRAWN,
  reducedMotion,
  adaptive = true,
}: PacketLayerProps) {
  const storeApi = useStoreApi();
  const loadRef = useRef<HTMLCanvasElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const badgeRef = useRef<HTMLDivElement>(null);
  const [store] = useState(() => new PacketStore({ maxDrawn }));
  const props = useRef({ doc, maxDrawn, reducedMotion, adaptive });

  useEffect(() => {
    props.current = { doc, maxDrawn, reducedMotion, adaptive };
  }, [doc, maxDrawn, reducedMotion, adaptive]);

  useEffect(() => {
    store.clear();
    const offBatch = source.subscribe((batch) => store.add(batch));
    const offReset = source.onReset(() => store.clear());
    return () => {
      offBatch();
      offReset();
      store.clear();
    };
  }, [source, store]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const loadCanvas = loadRef.current;
    if (!canvas || !loadCanvas) return;
    const ctx = context(canvas);
    const loadCtx = context(loadCanvas);

    const media = typeof matchMedia === 'function' ? matchMedia(REDUCED_MOTION_QUERY) : null;
    let prefersReduced = media?.matches ?? false;
    const onMedia = (e: MediaQueryListEvent) => {
      prefersReduced = e.matches;
    };
    media?.addEventListener('change', onMedia);

    const painter = new PacketPainter();
    let frame = new PacketFrame(props.current.maxDrawn * 2);
    const view = new Float64Array(4);
    const ends = new Float64Array(4);
    const params: FrameParams = {
      nowMs: 0,
      lingerMs: 0,
      maxDrawn: props.current.maxDrawn,
      edgeMap: new Int32Array(0),
      latencyMs: new Float64Array(0),
      view,
      stillLost: false,
    };
    const drawOptions: DrawOptions = {
      width: 0,
      height: 0,
      devicePixelRatio: 1,
      transform: [0, 0, 1],
      reducedMotion: false,
    };
    let edges: DocumentEdges | null = null;
    let paths: EdgePaths | null = null;
    let runEdges: readonly string[] | null = null;
    let lastNow = NaN;
    let lastTransform: readonly [number, number, number] | null = null;
    let lastVersion = -1;
    let lastReduced = false;
    let lastDrawWall = -Infinity;
    let lastTickWall = -Infinity;
    let lastStatsWall = -Infinity;
    let rateNow = NaN;
    let rateWall = 0;
    /** Simulated ms per wall-clock ms, smoothed: how fast playback runs. */
    let rate = 1;
    let budget = props.current.maxDrawn;
    let budgetCap = budget;
    let interval = 1000 / 60;
    let adaptWall = 0;
    let raf = 0;

    const tick = (wall: number) => {
      raf = requestAnimationFrame(tick);
      const { doc: currentDoc, maxDrawn: cap, reducedMotion: forced, adaptive: adapt } = props.current;
      const reduce = forced ?? prefersReduced;
      const clock = source.currentTimeMs();

      if (clock > rateNow && wall > rateWall) {
        // A jump of the clock (a seek) moves the estimate a little, a change of speed within a few frames.
        const sample = (clock - rateNow) / (wall - rateWall);
        rate = rate * 0.8 + Math.min(rate * 4, Math.max(rate / 4, sample)) * 0.2;
      }
      if (clock !== rateNow) {
        rateNow = clock;
        rateWall = wall;
      }
      // With reduced motion, simulated time moves on screen four times a second; the view still follows at once.
      const held = reduce && lastReduced && wall - lastTickWall < REDUCED_EVERY_MS;
      const now = held ? lastNow : clock;
      if (!held) lastTickWall = wall;

      let dirty = now !== lastNow || reduce !== lastReduced || (!held && store.version !== lastVersion);

      // Edge geometry: the document's, then React Flow's measured handles wherever it has them (they follow drags).
      const docEdges = documentEdges(currentDoc);
      if (docEdges !== edges) {
        // An edit keeps the tables when the edges are the same ones; only the paths that moved are rebuilt.
        const same = edges !== null && paths !== null && sameIds(edges.ids, docEdges.ids);
        edges = docEdges;
        if (!same || !paths) {
          paths = EdgePaths.fromEdges(edges);
          runEdges = null;
        } else {
          for (let p = 0; p < edges.count; p++) {
            const q = p * 4;
            paths.setCurve(p, edges.ends[q], edges.ends[q + 1], edges.ends[q + 2], edges.ends[q + 3]);
          }
        }
        params.latencyMs = edges.latencyMs;
        dirty = true;
      }
      const rf = storeApi.getState();
      const lookup = rf.nodeLookup;
      for (let p = 0; p < edges.count; p++) {
        const s = lookup.get(edges.sources[p]);
        const t = lookup.get(edges.targets[p]);
        if (!s || !t) continue;
        handlePoint(s, 'source', ends, 0);
        handlePoint(t, 'target', ends, 2);
        if (paths!.setCurve(p, ends[0], ends[1], ends[2], ends[3])) dirty = true;
      }
      const ids = source.edgeIds();
      if (ids !== runEdges) {
        runEdges = ids;
        params.edgeMap = mapEdges(ids, edges.ids, params.edgeMap);
        dirty = true;
      }

      const width = rf.width;
      const height = rf.height;
      const ratio = globalThis.devicePixelRatio || 1;
      if (width !== drawOptions.width || height !== drawOptions.height || ratio !== drawOptions.devicePixelRatio) {
        drawOptions.width = width;
        drawOptions.height = height;
        drawOptions.devicePixelRatio = ratio;
        for (const c of [canvas, loadCanvas]) {
          c.width = Math.max(1, Math.round(width * ratio));
          c.height = Math.max(1, Math.round(height * ratio));
          c.style.width = `${width}px`;
          c.style.height = `${height}px`;
        }
        dirty = true;
      }
      const transform = rf.transform;
      if (transform !== lastTransform) dirty = true;

      // The frame rate while drawing on consecutive frames sizes the sample, when asked to; only while time moves
      // on screen, so that catching up after a jump (messages arriving, nothing moving) does not shrink it.
      const moving = now !== lastNow;
      if (cap !== budgetCap) budget = budgetCap = cap;
      if (moving && lastDrawWall > 0 && wall - lastDrawWall < 100)
        interval = interval * 0.9 + (wall - lastDrawWall) * 0.1;
      if (!adapt || reduce) budget = cap;
      else if (moving && wall - adaptWall >= ADAPT_EVERY_MS) {
        adaptWall = wall;
        if (interval > SLOW_FRAME_MS && frame.kept > MIN_BUDGET)
          budget = Math.max(MIN_BUDGET, Math.round(budget * 0.7));
        else if (interval < QUICK_FRAME_MS && budget < cap) budget = Math.min(cap, Math.round(budget * 1.25));
      }
      if (!dirty) return;

      lastNow = now;
      lastTransform = transform;
      lastReduced = reduce;
      lastDrawWall = wall;
      if (frame.perStyle !== cap * 2) frame = new PacketFrame(cap * 2);

      const [x, y, zoom] = transform;
      const margin = (packetRadius(zoom) * 2) / zoom;
      view[0] = -x / zoom - margin;
      view[1] = -y / zoom - margin;
      view[2] = (width - x) / zoom + margin;
      view[3] = (height - y) / zoom + margin;
      params.nowMs = now;
      params.lingerMs = LOST_LINGER_WALL_MS * rate;
      params.maxDrawn = budget;
      params.stillLost = reduce;
      computePacketFrame(store, paths!, params, frame);
      lastVersion = store.version;
      drawOptions.transform = transform;
      drawOptions.reducedMotion = reduce;
      if (loadCtx) painter.paintLoad(loadCtx, frame, paths!, drawOptions);
      if (ctx) painter.paintPackets(ctx, frame, paths!, drawOptions);

      if (wall - lastStatsWall >= STATS_EVERY_MS) {
        lastStatsWall = wall;
        publishStats(canvas, badgeRef.current, frame, store.admitLevel > 0);
      }
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      media?.removeEventListener('change', onMedia);
    };
  }, [source, store, storeApi]);

  return (
    <div className="bp-canvas-layer">
      <canvas ref={loadRef} aria-hidden="true" data-testid="packet-load" />
      <canvas
        ref={canvasRef}
        aria-hidden="true"
        data-testid="packet-layer"
        data-drawn="0"
        data-in-flight="0"
        data-kept="0"
      />
      <div ref={badgeRef} className="bp-packet-sampled" data-testid="packet-sampled" hidden />
    </div>
  );
}

/** A 2D context, or null where there is none (jsdom): the layer then still counts, without drawing. */
function context(canvas: HTMLCanvasElement): PacketContext | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Writes the frame's counts to the DOM, touching only what changed. */
function publishStats(canvas: HTMLCanvasElement, badge: HTMLDivElement | null, frame: PacketFrame, estimated: boolean) {
  const set = (name: 'drawn' | 'inFlight' | 'kept', value: number) => {
    const text = String(value);
    if (canvas.dataset[name] !== text) canvas.dataset[name] = text;
  };
  set('drawn', frame.drawn);
  set('inFlight', frame.present);
  set('kept', frame.kept);
  if (!badge) return;
  if (frame.sampled !== !badge.hidden) badge.hidden = !frame.sampled;
  if (!frame.sampled) return;
  const text = `Sampled: ${numbers.format(frame.kept)} of ${estimated ? 'about ' : ''}${numbers.format(frame.present)} packets drawn`;
  setText(badge, text);
}
