import { describe, expect, it } from 'vitest';
import {
  BAR_COLORS,
  BAR_ZOOM,
  TEXT_ZOOM,
  liveBadge,
  paintBadges,
  type BadgeContext,
  type LiveBadge,
} from '../../renderer/src/canvas/liveBadges.js';
import type { LiveState } from '../../renderer/src/sim/protocol.js';

/** Live state of `n` nodes, all idle and up, with `patch` applied to node 0. */
function live(n: number, patch: Partial<Record<keyof LiveState, number>> = {}): LiveState {
  const f = (v: number) => new Float64Array(n).fill(v);
  const state: LiveState = {
    busy: f(0),
    workers: f(10),
    queued: f(0),
    queueCapacity: f(0),
    healthy: f(1),
    replicas: f(1),
    crashed: new Uint8Array(n),
    errorRate: f(0),
    hitRatio: f(Number.NaN),
    breaker: new Uint8Array(0),
    cut: new Uint8Array(0),
    degraded: new Uint8Array(0),
    ejected: f(0),
    markedDown: f(0),
    outOfRotation: f(0),
    arrivalRate: f(0),
    messageRate: new Float64Array(0),
    byteRate: new Float64Array(0),
    lossRatio: new Float64Array(0),
  };
  for (const [key, value] of Object.entries(patch)) (state[key as keyof LiveState] as Float64Array)[0] = value!;
  return state;
}

/** A 2D context that records what is drawn; text is 6 px per character. */
function recorder() {
  const calls: { op: string; args: unknown[]; fillStyle: unknown; font: string; alpha: number }[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    font: '',
    globalAlpha: 1,
    textBaseline: 'alphabetic',
    textAlign: 'start',
    setTransform: (...args: unknown[]) => calls.push({ op: 'setTransform', args, ...state() }),
    clearRect: () => undefined,
    fillRect: (...args: unknown[]) => calls.push({ op: 'fillRect', args, ...state() }),
    fillText: (...args: unknown[]) => calls.push({ op: 'fillText', args, ...state() }),
    measureText: (text: string) => ({ width: text.length * 6 }),
  };
  function state() {
    return { fillStyle: ctx.fillStyle, font: ctx.font, alpha: ctx.globalAlpha };
  }
  return { ctx: ctx as unknown as BadgeContext, calls };
}

const palette = { fg: '#111', danger: '#c00', warn: '#b50', font: 'sans-serif' };
const box = { x: 100, y: 50, width: 205, height: 60 };

describe('live badges', () => {
  it('says how busy a node is, its queue, replicas up, failures and hits, two at most', () => {
    expect(liveBadge(live(1, { busy: 7 }), 0)).toEqual({
      util: 0.7,
      level: 'mid',
      queue: 0,
      text: 'busy 70%',
      tone: 'normal',
    });
    const queued = liveBadge(live(1, { busy: 10, queued: 25, queueCapacity: 100 }), 0);
    expect(queued).toMatchObject({ util: 1, level: 'high', queue: 0.25, text: 'busy 100% · queue 25/100' });
    expect(liveBadge(live(1, { workers: 0, replicas: 3, healthy: 2, errorRate: 0.125 }), 0).text).toBe(
      'up 2/3 · fail 13%',
    );
    expect(liveBadge(live(1, { workers: 0, hitRatio: 0.9 }), 0)).toMatchObject({ util: 0, text: 'hits 90%' });
    expect(liveBadge(live(1, { busy: 2 }), 0).level).toBe('low');
  });

  it('says why a node serves nothing: crashed, or every replica ejected or marked down', () => {
    expect(liveBadge(live(1, { crashed: 1, busy: 5 }), 0)).toMatchObject({ text: 'crashed', tone: 'danger' });
    expect(liveBadge(live(1, { replicas: 2, healthy: 2, outOfRotation: 2, ejected: 2 }), 0)).toMatchObject({
      text: 'ejected',
      tone: 'warn',
    });
    expect(liveBadge(live(1, { replicas: 2, healthy: 2, outOfRotation: 2, markedDown: 1 }), 0)).toMatchObject({
      text: 'marked down',
      tone: 'warn',
    });
    // one replica of two still serving: no alarm, just the count
    expect(liveBadge(live(1, { replicas: 2, healthy: 2, outOfRotation: 1, ejected: 1 }), 0).text).toBe(
      'busy 0% · up 1/2',
    );
  });

  const badge = (patch: Partial<LiveBadge> = {}): LiveBadge => ({
    util: 0.5,
    level: 'low',
    queue: 0.25,
    text: 'busy 50% · queue 5/20',
    tone: 'normal',
    ...patch,
  });
  const view = [0, 0, 1000, 1000] as const;

  it('paints the bars along the bottom of the node and the words above them, in flow coordinates', () => {
    const { ctx, calls } = recorder();
    expect(paintBadges(ctx, [{ box, badge: badge() }], [10, 20, 1], 2, view, palette)).toBe(1);
    expect(calls[0]).toMatchObject({ op: 'setTransform', args: [2, 0, 0, 2, 20, 40] });
    const rects = calls.filter((c) => c.op === 'fillRect');
    // inside the borders (4 px left, 1 px right and bottom): 200 px wide, the bar on the bottom, the queue above
    expect(rects[0]).toMatchObject({ args: [104, 106, 100, 3], fillStyle: BAR_COLORS.low, alpha: 1 });
    expect(rects[1]).toMatchObject({ args: [104, 102, 50, 3], fillStyle: BAR_COLORS.queue, alpha: 0.8 });
    const text = calls.find((c) => c.op === 'fillText')!;
    expect(text.args[0]).toBe('busy 50% · queue 5/20');
    expect(text.args[1]).toBe(148);
    expect(text.fillStyle).toBe(palette.fg);
  });

  it('cuts words that do not fit with an ellipsis and colours alarms', () => {
    const { ctx, calls } = recorder();
    const narrow = { ...box, width: 105 };
    paintBadges(
      ctx,
      [{ box: narrow, badge: badge({ text: 'a much too long sentence' }) }],
      [0, 0, 1],
      1,
      view,
      palette,
    );
    const text = calls.find((c) => c.op === 'fillText')!;
    // 100 px inside, less 44 + 8: room for 48 px, 8 characters of 6 px with the ellipsis
    expect(text.args[0]).toBe('a much …');
    const alarm = recorder();
    paintBadges(alarm.ctx, [{ box, badge: badge({ text: 'crashed', tone: 'danger' }) }], [0, 0, 1], 1, view, palette);
    const crashed = alarm.calls.find((c) => c.op === 'fillText')!;
    expect(crashed.fillStyle).toBe(palette.danger);
    expect(crashed.font).toMatch(/^600 /);
  });

  it('skips nodes out of view, words too small to read, and everything when the bars would be specks', () => {
    const { ctx, calls } = recorder();
    const far = { ...box, x: 5000 };
    expect(
      paintBadges(
        ctx,
        [
          { box: far, badge: badge() },
          { box, badge: badge() },
        ],
        [0, 0, 1],
        1,
        view,
        palette,
      ),
    ).toBe(1);
    expect(calls.filter((c) => c.op === 'fillRect')).toHaveLength(2);

    const small = recorder();
    paintBadges(small.ctx, [{ box, badge: badge() }], [0, 0, TEXT_ZOOM * 0.9], 1, view, palette);
    expect(small.calls.filter((c) => c.op === 'fillRect')).toHaveLength(2);
    expect(small.calls.some((c) => c.op === 'fillText')).toBe(false);

    const tiny = recorder();
    expect(paintBadges(tiny.ctx, [{ box, badge: badge() }], [0, 0, BAR_ZOOM * 0.9], 1, view, palette)).toBe(0);
    expect(tiny.calls.filter((c) => c.op !== 'setTransform')).toHaveLength(0);
  });
});
