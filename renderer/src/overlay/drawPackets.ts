import { PATH_SEGMENTS, type EdgePaths } from './edgeGeometry.js';
import type { PacketFrame } from './packetFrame.js';
import { PACKET_STYLES, STYLE_COUNT, STYLE_LOST, type PacketShape } from './packetStyles.js';
import { LOAD_BUCKETS, loadBucket, loadWidthPx } from './sampling.js';

/** The parts of a 2D context the packet layer uses (a stand-in can record them in tests). */
export type PacketContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'bezierCurveTo'
  | 'arc'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
>;

export interface DrawOptions {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  devicePixelRatio: number;
  /** React Flow's viewport transform: screen = flow * zoom + (x, y). */
  transform: readonly [number, number, number];
  /**
   * With reduced motion nothing travels: busy edges are drawn thick, each edge shows one still marker at its middle
   * in the style of the most severe message on it, and lost messages show where they were dropped.
   */
  reducedMotion: boolean;
}

/** Translucent stroke of edge load. */
const LOAD_COLOR = 'rgba(59, 130, 246, 0.22)';
const TAU = Math.PI * 2;

/** The base packet radius in screen pixels at `zoom`: follows the zoom, within legible bounds. */
export function packetRadius(zoom: number): number {
  const r = 4 * zoom;
  return r < 2.5 ? 2.5 : r > 6 ? 6 : r;
}

const filled: Record<PacketShape, boolean> = {
  dot: true,
  diamond: true,
  square: true,
  triangle: true,
  ring: false,
  cross: false,
};

/** Adds `count` shapes at the flow points of `pts` (x, y, ux, uy) to the current path, in screen coordinates. */
function traceShapes(
  ctx: PacketContext,
  shape: PacketShape,
  pts: Float64Array,
  count: number,
  transform: readonly [number, number, number],
  h: number,
): void {
  const [tx, ty, z] = transform;
  switch (shape) {
    case 'dot':
    case 'ring':
      for (let o = 0, end = count * 4; o < end; o += 4) {
        const x = pts[o] * z + tx;
        const y = pts[o + 1] * z + ty;
        ctx.moveTo(x + h, y);
        ctx.arc(x, y, h, 0, TAU);
      }
      return;
    case 'square':
      for (let o = 0, end = count * 4; o < end; o += 4) {
        ctx.rect(pts[o] * z + tx - h, pts[o + 1] * z + ty - h, 2 * h, 2 * h);
      }
      return;
    case 'diamond':
      for (let o = 0, end = count * 4; o < end; o += 4) {
        const x = pts[o] * z + tx;
        const y = pts[o + 1] * z + ty;
        ctx.moveTo(x, y - h);
        ctx.lineTo(x + h, y);
        ctx.lineTo(x, y + h);
        ctx.lineTo(x - h, y);
        ctx.closePath();
      }
      return;
    case 'triangle':
      for (let o = 0, end = count * 4; o < end; o += 4) {
        const x = pts[o] * z + tx;
        const y = pts[o + 1] * z + ty;
        let ux = pts[o + 2];
        let uy = pts[o + 3];
        // An edge of no length has no direction: point right, the way edges run.
        if (ux * ux + uy * uy < 0.25) {
          ux = 1;
          uy = 0;
        }
        const bx = x - ux * h * 0.6;
        const by = y - uy * h * 0.6;
        ctx.moveTo(x + ux * h, y + uy * h);
        ctx.lineTo(bx - uy * h * 0.75, by + ux * h * 0.75);
        ctx.lineTo(bx + uy * h * 0.75, by - ux * h * 0.75);
        ctx.closePath();
      }
      return;
    case 'cross':
      for (let o = 0, end = count * 4; o < end; o += 4) {
        const x = pts[o] * z + tx;
        const y = pts[o + 1] * z + ty;
        ctx.moveTo(x - h, y - h);
        ctx.lineTo(x + h, y + h);
        ctx.moveTo(x + h, y - h);
        ctx.lineTo(x - h, y + h);
      }
      return;
  }
}

function paint(ctx: PacketContext, shape: PacketShape, color: string): void {
  if (filled[shape]) {
    ctx.fillStyle = color;
    ctx.fill();
  } else {
    ctx.strokeStyle = color;
    ctx.lineWidth = shape === 'cross' ? 2 : 1.5;
    ctx.stroke();
  }
}

/** Width changes are drawn at most every this many frames (a quarter of a second at 60 per second). */
const LOAD_EVERY = 15;
/** Loads within this factor of a width class's range keep the class. */
const LOAD_HYSTERESIS = 1.3;

/** The width class of an edge with `load` in flight, kept at `previous` while the load stays near its range. */
export function settleBucket(previous: number, load: number): number {
  const raw = loadBucket(load);
  if (raw === previous || previous === 0) return raw;
  return loadBucket(load * LOAD_HYSTERESIS) >= previous && loadBucket(load / LOAD_HYSTERESIS) <= previous
    ? previous
    : raw;
}

/**
 * Paints frames of the packet layer: edge load on one canvas, redrawn only when a width class, the view or the
 * geometry changed (wide translucent strokes are the costliest thing to rasterise), and packets on another, every
 * frame. Holds its scratch buffers, so nothing is allocated per frame.
 */
export class PacketPainter {
  private buckets = new Uint8Array(0);
  /** Per edge: the load smoothed over the last frames, so a width changes with the trend, not with every packet. */
  private smoothed = new Float64Array(0);
  private midpoints = new Float64Array(0);
  /** Paint calls since the load was last drawn: its widths change at most every LOAD_EVERY of them. */
  private sinceLoad = 0;
  private loadView = new Float64Array(7).fill(NaN);

  /**
   * Strokes every busy visible edge when the packets are sampled or motion is reduced (one path per width class),
   * or clears the load; returns false when nothing changed since the last call and the canvas was left alone.
   */
  paintLoad(ctx: PacketContext, frame: PacketFrame, paths: EdgePaths, options: DrawOptions): boolean {
    const show = options.reducedMotion || frame.sampled;
    const edges = paths.count;
    if (this.buckets.length !== edges) {
      this.buckets = new Uint8Array(edges);
      this.smoothed = new Float64Array(edges);
      this.loadView.fill(NaN);
    }
    const { buckets, smoothed } = this;
    // About a third of a second at 60 frames a second; the four frames a second of reduced motion follow faster.
    const alpha = options.reducedMotion ? 0.5 : 0.1;
    for (let p = 0; p < edges; p++) {
      const load = frame.load[p] * frame.loadScale;
      smoothed[p] = show ? smoothed[p] + (load - smoothed[p]) * alpha : 0;
    }
    const [tx, ty, z] = options.transform;
    let changed = this.remember(0, tx);
    changed = this.remember(1, ty) || changed;
    changed = this.remember(2, z) || changed;
    changed = this.remember(3, options.width) || changed;
    changed = this.remember(4, options.height) || changed;
    changed = this.remember(5, options.devicePixelRatio) || changed;
    changed = this.remember(6, paths.version) || changed;
    this.sinceLoad++;
    if (!changed && !options.reducedMotion && this.sinceLoad < LOAD_EVERY) return false;

    let used = 0;
    for (let p = 0; p < edges; p++) {
      const b = show && frame.visible[p] ? settleBucket(buckets[p], smoothed[p]) : 0;
      if (b !== buckets[p]) {
        buckets[p] = b;
        changed = true;
      }
      used |= 1 << b;
    }
    if (!changed) return false;
    this.sinceLoad = 0;

    const dpr = options.devicePixelRatio;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, options.width, options.height);
    if ((used & ~1) === 0) return true;
    const widthScale = z < 0.35 ? 0.35 : z > 1 ? 1 : z;
    const { ends, controls } = paths;
    ctx.strokeStyle = LOAD_COLOR;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (let b = 1; b < LOAD_BUCKETS; b++) {
      if ((used & (1 << b)) === 0) continue;
      ctx.beginPath();
      for (let p = 0; p < edges; p++) {
        if (buckets[p] !== b) continue;
        const q = p * 4;
        ctx.moveTo(ends[q] * z + tx, ends[q + 1] * z + ty);
        ctx.bezierCurveTo(
          controls[q] * z + tx,
          controls[q + 1] * z + ty,
          controls[q + 2] * z + tx,
          controls[q + 3] * z + ty,
          ends[q + 2] * z + tx,
          ends[q + 3] * z + ty,
        );
      }
      ctx.lineWidth = loadWidthPx(b) * widthScale;
      ctx.stroke();
    }
    return true;
  }

  /**
   * Draws the packets of `frame`, every style as one path with one fill or stroke; with reduced motion, one still
   * marker per busy edge and the lost packets where they were dropped.
   */
  paintPackets(ctx: PacketContext, frame: PacketFrame, paths: EdgePaths, options: DrawOptions): void {
    const dpr = options.devicePixelRatio;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, options.width, options.height);
    const { transform, reducedMotion } = options;
    const r = packetRadius(transform[2]);
    if (reducedMotion) this.paintMarkers(ctx, frame, paths, transform, r);
    for (let st = 0; st < STYLE_COUNT; st++) {
      const count = frame.counts[st];
      if (count === 0 || (reducedMotion && st !== STYLE_LOST)) continue;
      const style = PACKET_STYLES[st];
      ctx.beginPath();
      traceShapes(ctx, style.shape, frame.points[st], count, transform, r * style.scale);
      paint(ctx, style.shape, style.color);
    }
  }

  /** Records what the load was drawn for; true when `value` differs from last time. */
  private remember(slot: number, value: number): boolean {
    if (this.loadView[slot] === value) return false;
    this.loadView[slot] = value;
    return true;
  }

  /** One still marker per busy edge, at its middle, in the style of its most severe message. */
  private paintMarkers(
    ctx: PacketContext,
    frame: PacketFrame,
    paths: EdgePaths,
    transform: readonly [number, number, number],
    r: number,
  ): void {
    const edges = paths.count;
    if (this.midpoints.length < edges * 4) this.midpoints = new Float64Array(edges * 4);
    const mids = this.midpoints;
    const mid = PATH_SEGMENTS / 2;
    for (let st = 0; st < STYLE_COUNT; st++) {
      if (st === STYLE_LOST) continue;
      let n = 0;
      for (let p = 0; p < edges; p++) {
        if (frame.worst[p] !== st || frame.visible[p] === 0) continue;
        const q = p * (PATH_SEGMENTS + 1) + mid;
        mids[n * 4] = paths.xs[q];
        mids[n * 4 + 1] = paths.ys[q];
        mids[n * 4 + 2] = (paths.xs[q + 1] - paths.xs[q]) * paths.invSegment[p];
        mids[n * 4 + 3] = (paths.ys[q + 1] - paths.ys[q]) * paths.invSegment[p];
        n++;
      }
      if (n === 0) continue;
      const style = PACKET_STYLES[st];
      ctx.beginPath();
      traceShapes(ctx, style.shape, mids, n, transform, r * style.scale);
      paint(ctx, style.shape, style.color);
    }
  }
}
