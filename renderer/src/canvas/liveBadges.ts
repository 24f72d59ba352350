import type { LiveState } from '../sim/protocol.js';

/** What the strip at the bottom of a node shows while a run is on. */
export interface LiveBadge {
  /** Share of workers busy (0..1), drawn as a bar; 0 for nodes without a worker pool. */
  util: number;
  level: 'low' | 'mid' | 'high';
  /** Share of the queue's capacity in use (0..1); 0 when unbounded or empty. */
  queue: number;
  /** The words: the first two of busy, queue, replicas up, failures and hits, or why the node is out. */
  text: string;
  tone: 'normal' | 'danger' | 'warn';
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The badge of node `i` of the run's live state. */
export function liveBadge(live: LiveState, i: number): LiveBadge {
  const workers = live.workers[i]!;
  const utilization = workers > 0 ? live.busy[i]! / workers : Number.NaN;
  const queued = live.queued[i]!;
  const capacity = live.queueCapacity[i]!;
  const replicas = live.replicas[i]!;
  const out = live.outOfRotation[i] ?? 0;
  const serving = live.healthy[i]! - out;
  const crashed = live.crashed[i] === 1;
  const util = Number.isFinite(utilization) ? Math.min(1, Math.max(0, utilization)) : 0;
  const badge: LiveBadge = {
    util,
    level: util > 0.85 ? 'high' : util > 0.6 ? 'mid' : 'low',
    queue: capacity > 0 ? Math.min(1, queued / capacity) : 0,
    text: '',
    tone: 'normal',
  };
  if (crashed) return { ...badge, text: 'crashed', tone: 'danger' };
  if (out > 0 && serving <= 0) {
    const why = live.ejected[i]! > 0 && live.markedDown[i]! === 0 ? 'ejected' : 'marked down';
    return { ...badge, text: why, tone: 'warn' };
  }
  const parts: string[] = [];
  if (Number.isFinite(utilization)) parts.push(`busy ${pct(utilization)}`);
  if (queued > 0) parts.push(`queue ${queued}${capacity ? `/${capacity}` : ''}`);
  if (replicas > 1 || serving < replicas) parts.push(`up ${Math.max(0, serving)}/${replicas}`);
  if (live.errorRate[i]! > 0) parts.push(`fail ${pct(live.errorRate[i]!)}`);
  if (Number.isFinite(live.hitRatio[i]!)) parts.push(`hits ${pct(live.hitRatio[i]!)}`);
  badge.text = parts.slice(0, 2).join(' · ');
  return badge;
}

/** Where a node is on the canvas, in flow coordinates. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BadgePalette {
  fg: string;
  danger: string;
  warn: string;
  font: string;
}

/** The bar colours, as the node styles had them. */
export const BAR_COLORS = { low: '#16a34a', mid: '#d97706', high: '#dc2626', queue: '#7c3aed' } as const;

/** The strip's geometry inside a node's box (flow px): borders, the bar's height, where the words start. */
const BORDER_LEFT = 4;
const BORDER = 1;
const BAR_HEIGHT = 3;
const QUEUE_GAP = 1;
const TEXT_LEFT = 44;
const TEXT_RIGHT = 8;
const TEXT_BOTTOM = 8;
export const TEXT_SIZE = 11;
/** Below this zoom the words would be under 5 px high: only the bars are drawn. */
export const TEXT_ZOOM = 5 / TEXT_SIZE;
/** Below this zoom the bars would be under half a pixel high: nothing is drawn. */
export const BAR_ZOOM = 0.5 / BAR_HEIGHT;

/** The canvas calls the painter makes; a real 2D context provides them (tests pass a recorder). */
export type BadgeContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'fillStyle'
  | 'font'
  | 'globalAlpha'
  | 'textBaseline'
  | 'textAlign'
>;

/** Cuts `text` to fit `width` with an ellipsis (the canvas has no text-overflow). */
function fit(ctx: BadgeContext, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

/**
 * Paints badges at the bottom of their nodes' boxes: the utilization bar, the queue bar above it, and the words
 * when the zoom lets them be read. `view` is the visible part of the flow (x0, y0, x1, y1); boxes outside it are
 * skipped. Returns how many badges were drawn.
 */
export function paintBadges(
  ctx: BadgeContext,
  items: readonly { box: NodeBox; badge: LiveBadge }[],
  transform: readonly [number, number, number],
  ratio: number,
  view: readonly [number, number, number, number],
  palette: BadgePalette,
): number {
  const [tx, ty, zoom] = transform;
  ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
  if (zoom < BAR_ZOOM) return 0;
  const words = zoom >= TEXT_ZOOM;
  const normalFont = `${TEXT_SIZE}px ${palette.font}`;
  const boldFont = `600 ${TEXT_SIZE}px ${palette.font}`;
  if (words) {
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
  }
  let drawn = 0;
  for (const { box, badge } of items) {
    if (box.x > view[2] || box.y > view[3] || box.x + box.width < view[0] || box.y + box.height < view[1]) continue;
    drawn++;
    const left = box.x + BORDER_LEFT;
    const inner = Math.max(0, box.width - BORDER_LEFT - BORDER);
    const bottom = box.y + box.height - BORDER;
    if (badge.util > 0) {
      ctx.globalAlpha = 1;
      ctx.fillStyle = BAR_COLORS[badge.level];
      ctx.fillRect(left, bottom - BAR_HEIGHT, inner * badge.util, BAR_HEIGHT);
    }
    if (badge.queue > 0) {
      ctx.globalAlpha = 0.8;
      ctx.fillStyle = BAR_COLORS.queue;
      ctx.fillRect(left, bottom - 2 * BAR_HEIGHT - QUEUE_GAP, inner * badge.queue, BAR_HEIGHT);
    }
    if (!words || !badge.text) continue;
    const room = inner - TEXT_LEFT - TEXT_RIGHT;
    if (room <= 0) continue;
    ctx.globalAlpha = 1;
    ctx.font = badge.tone === 'normal' ? normalFont : boldFont;
    ctx.fillStyle = badge.tone === 'danger' ? palette.danger : badge.tone === 'warn' ? palette.warn : palette.fg;
    // the words' baseline sits about a quarter of the font size above the bottom of their line box
    ctx.fillText(fit(ctx, badge.text, room), left + TEXT_LEFT, bottom - TEXT_BOTTOM - TEXT_SIZE * 0.25);
  }
  ctx.globalAlpha = 1;
  return drawn;
}
