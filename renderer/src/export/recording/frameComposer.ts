import type { MessageBatch } from '../../../../shared/engine/index.js';
import { dockedSidecarPosition, nodeRect, SIDECAR_SIZE, type Rect } from '../../../../shared/export/geometry.js';
import type { TopologyDocument, TopologyNode } from '../../../../shared/model/types.js';
import { PacketPainter, type DrawOptions } from '../../overlay/drawPackets.js';
import { documentEdges, EdgePaths } from '../../overlay/edgeGeometry.js';
import { computePacketFrame, PacketFrame, type FrameParams } from '../../overlay/packetFrame.js';
import { PacketStore } from '../../overlay/packetStore.js';
import { BREAKER_HALF_OPEN, BREAKER_OPEN, type LiveState } from '../../sim/protocol.js';
import { canvas2d } from '../rasterize.js';

/** The packet layer keeps a lost message where it was dropped for this long, in wall ms of playback. */
const LOST_LINGER_WALL_MS = 400;
/** About how many packets a frame draws before sampling, as on the canvas. */
const MAX_DRAWN = 3000;

export interface ComposerArea {
  /** Document point drawn at the frame's top-left corner. */
  origin: { x: number; y: number };
  /** Pixels of the frame. */
  width: number;
  height: number;
  /** Pixels per document unit. */
  scale: number;
}

export interface ComposerColors {
  fg: string;
  danger: string;
  warn: string;
  panel: string;
}

export const COMPOSER_COLORS: Record<'light' | 'dark', ComposerColors> = {
  light: { fg: '#1d1f23', danger: '#c62828', warn: '#b45309', panel: 'rgba(255, 255, 255, 0.86)' },
  dark: { fg: '#e6e8ec', danger: '#f87171', warn: '#fbbf24', panel: 'rgba(28, 31, 37, 0.86)' },
};

/** Where the packets travel: the curves the diagram draws, between the boxes it draws (sidecars docked). */
export function diagramBoxes(doc: TopologyDocument): Map<string, Rect> {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, Rect>();
  for (const node of doc.nodes) {
    if (node.kind === 'sidecar') {
      const service = node.params.attachedTo !== undefined ? byId.get(node.params.attachedTo) : undefined;
      boxes.set(node.id, { ...(service ? dockedSidecarPosition(service.position) : node.position), ...SIDECAR_SIZE });
    } else boxes.set(node.id, nodeRect(node));
  }
  return boxes;
}

/** Edge paths from each source box's right middle to each target box's left middle, as the diagram draws them. */
export function diagramPaths(doc: TopologyDocument, boxes: ReadonlyMap<string, Rect>): EdgePaths {
  const paths = new EdgePaths(doc.edges.length);
  doc.edges.forEach((edge, i) => {
    const s = boxes.get(edge.source);
    const t = boxes.get(edge.target);
    if (!s || !t) return;
    paths.setCurve(i, s.x + s.width, s.y + s.height / 2, t.x, t.y + t.height / 2);
  });
  return paths;
}

/**
 * Draws the frames of a recording: the diagram (an image drawn once by the exporter), then on top of it what the
 * canvas shows during a run: edges cut, degraded or guarded by an open breaker, the load on busy edges, node state
 * (utilization and queue bars, crashed nodes greyed) and the packets in flight, drawn by the packet layer's own
 * code, and the simulated clock in a corner.
 */
export class FrameComposer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly packets: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D };
  private readonly load: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D };
  private readonly store = new PacketStore({ maxDrawn: MAX_DRAWN });
  private readonly frame = new PacketFrame(MAX_DRAWN * 2);
  private readonly painter = new PacketPainter();
  private readonly paths: EdgePaths;
  private readonly boxes: Map<string, Rect>;
  private readonly params: FrameParams;
  private readonly draw: DrawOptions;
  private readonly only: ReadonlySet<string> | null;
  private nodes: (TopologyNode | undefined)[] = [];
  /** Run edge index to document edge index. */
  private runEdges: Int32Array = new Int32Array(0);

  constructor(
    private readonly doc: TopologyDocument,
    private readonly diagram: CanvasImageSource,
    private readonly area: ComposerArea,
    private readonly colors: ComposerColors,
    /** Simulated ms per wall ms of the recording (how long a lost packet lingers scales with it). */
    speed: number,
    /** Only these nodes are drawn (an image of the selection): packets on other edges are left out. */
    only?: ReadonlySet<string>,
  ) {
    ({ canvas: this.canvas, ctx: this.ctx } = canvas2d(area.width, area.height));
    this.packets = canvas2d(area.width, area.height);
    this.load = canvas2d(area.width, area.height);
    this.boxes = diagramBoxes(doc);
    this.paths = diagramPaths(doc, this.boxes);
    this.only = only ?? null;
    this.params = {
      nowMs: 0,
      lingerMs: LOST_LINGER_WALL_MS * speed,
      maxDrawn: MAX_DRAWN,
      edgeMap: new Int32Array(0),
      latencyMs: documentEdges(doc).latencyMs,
      view: null,
    };
    this.draw = {
      width: area.width,
      height: area.height,
      devicePixelRatio: 1,
      transform: [-area.origin.x * area.scale, -area.origin.y * area.scale, area.scale],
      reducedMotion: false,
    };
  }

  /** Tells the composer how the run numbers nodes and edges (the worker's `loaded` reply). */
  setRunIds(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    const byId = new Map(this.doc.nodes.map((n) => [n.id, n]));
    this.nodes = nodeIds.map((id) => byId.get(id));
    const index = new Map(this.doc.edges.map((e, i) => [e.id, i]));
    this.runEdges = new Int32Array(edgeIds.length);
    edgeIds.forEach((id, i) => {
      const p = index.get(id) ?? -1;
      const edge = p >= 0 ? this.doc.edges[p]! : null;
      const shown = edge && (!this.only || (this.only.has(edge.source) && this.only.has(edge.target)));
      this.runEdges[i] = shown ? p : -1;
    });
    this.params.edgeMap = this.runEdges;
  }

  /** Messages the run produced since the last frame. */
  addMessages(batch: MessageBatch): void {
    if (batch.count > 0) this.store.add(batch);
  }

  /** Drops messages that ended before `tMs` without drawing (catching up to where the recording starts). */
  forget(tMs: number): void {
    this.store.prune(tMs, this.params.lingerMs);
  }

  /** Draws the frame at simulated time `tMs` with the live state of that moment. */
  compose(tMs: number, live: LiveState | null): void {
    const { ctx, area } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, area.width, area.height);
    ctx.drawImage(this.diagram, 0, 0, area.width, area.height);
    if (live) this.paintEdgeState(live);

    this.params.nowMs = tMs;
    computePacketFrame(this.store, this.paths, this.params, this.frame);
    this.painter.paintLoad(this.load.ctx, this.frame, this.paths, this.draw);
    ctx.drawImage(this.load.canvas, 0, 0);
    if (live) this.paintNodeState(live);
    this.painter.paintPackets(this.packets.ctx, this.frame, this.paths, this.draw);
    ctx.drawImage(this.packets.canvas, 0, 0);
    this.paintClock(tMs);
  }

  /** Packets drawn in the last frame, and on screen (before sampling). */
  get counts(): { drawn: number; present: number } {
    return { drawn: this.frame.drawn, present: this.frame.present };
  }

  private toPx(x: number, y: number): [number, number] {
    const { origin, scale } = this.area;
    return [(x - origin.x) * scale, (y - origin.y) * scale];
  }

  private paintEdgeState(live: LiveState): void {
    const { ctx, paths } = this;
    const { scale } = this.area;
    ctx.lineCap = 'round';
    for (let i = 0; i < this.runEdges.length; i++) {
      const p = this.runEdges[i]!;
      if (p < 0) continue;
      const cut = live.cut[i] ?? 0;
      const breaker = live.breaker[i] ?? 0;
      const degraded = live.degraded[i] ?? 0;
      if (!cut && !degraded && breaker !== BREAKER_OPEN && breaker !== BREAKER_HALF_OPEN) continue;
      const q = p * 4;
      const [sx, sy] = this.toPx(paths.ends[q]!, paths.ends[q + 1]!);
      const [c1x, c1y] = this.toPx(paths.controls[q]!, paths.controls[q + 1]!);
      const [c2x, c2y] = this.toPx(paths.controls[q + 2]!, paths.controls[q + 3]!);
      const [tx, ty] = this.toPx(paths.ends[q + 2]!, paths.ends[q + 3]!);
      ctx.beginPath();
      ctx.moveTo(sx, sy);
      ctx.bezierCurveTo(c1x, c1y, c2x, c2y, tx, ty);
      ctx.setLineDash(cut ? [6 * scale, 4 * scale] : breaker === BREAKER_HALF_OPEN ? [2 * scale, 3 * scale] : []);
      ctx.strokeStyle = cut || breaker === BREAKER_OPEN ? this.colors.danger : this.colors.warn;
      ctx.lineWidth = 2.5 * scale;
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }

  private paintNodeState(live: LiveState): void {
    const { ctx } = this;
    const { scale } = this.area;
    const bar = Math.max(2, 3 * scale);
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      if (!node || node.kind === 'region' || (this.only && !this.only.has(node.id))) continue;
      const box = this.boxes.get(node.id);
      if (!box) continue;
      const [x, y] = this.toPx(box.x, box.y);
      const w = box.width * scale;
      const h = box.height * scale;
      if (live.crashed[i]) {
        ctx.fillStyle = 'rgba(128, 128, 128, 0.55)';
        ctx.fillRect(x, y, w, h);
        ctx.setLineDash([5 * scale, 3 * scale]);
        ctx.strokeStyle = this.colors.danger;
        ctx.lineWidth = 1.5 * scale;
        ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
        ctx.setLineDash([]);
        ctx.fillStyle = this.colors.danger;
        ctx.font = `600 ${11 * scale}px ui-sans-serif, system-ui, sans-serif`;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillText('crashed', x + w - 8 * scale, y + h - 5 * scale);
        continue;
      }
      const workers = live.workers[i] ?? 0;
      if (workers > 0) {
        const util = Math.min(1, (live.busy[i] ?? 0) / workers);
        ctx.fillStyle = util > 0.85 ? '#dc2626' : util > 0.6 ? '#d97706' : '#16a34a';
        ctx.fillRect(x, y + h - bar, w * util, bar);
      }
      const capacity = live.queueCapacity[i] ?? 0;
      const queued = live.queued[i] ?? 0;
      if (capacity > 0 && queued > 0) {
        ctx.fillStyle = 'rgba(124, 58, 237, 0.85)';
        ctx.fillRect(x, y + h - 2 * bar - 1, w * Math.min(1, queued / capacity), bar);
      }
    }
  }

  private paintClock(tMs: number): void {
    const { ctx, area } = this;
    const size = Math.max(10, Math.round(12 * Math.min(2, Math.max(0.75, area.scale))));
    const text = `t = ${(tMs / 1000).toFixed(2)} s`;
    ctx.font = `600 ${size}px ui-monospace, SFMono-Regular, Menlo, monospace`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    const width = ctx.measureText(text).width;
    const pad = Math.round(size * 0.5);
    const x = area.width - pad;
    const y = area.height - pad;
    ctx.fillStyle = this.colors.panel;
    ctx.fillRect(x - width - pad, y - size - pad * 0.8, width + 2 * pad, size + pad * 1.4);
    ctx.fillStyle = this.colors.fg;
    ctx.fillText(text, x, y);
  }
}
