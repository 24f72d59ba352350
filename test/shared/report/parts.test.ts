import { describe, expect, it } from 'vitest';
import { niceMax, niceTicks, timeTicks } from '../../../shared/export/report/axis.js';
import { linePath } from '../../../shared/export/report/chart.js';
import { downsample } from '../../../shared/export/report/downsample.js';
import { jsonForScript } from '../../../shared/export/report/escape.js';
import { documentFileName, durationFlag, reproduceCommand } from '../../../shared/export/report/reproduce.js';
import { breakerBands, breakerLanes, faultEntries, healthLanes } from '../../../shared/export/report/timeline.js';

describe('downsample', () => {
  it('keeps a short line as it is', () => {
    expect(downsample([1, 2, 3], [4, Number.NaN, 6], 10)).toEqual({ x: [1, 2, 3], y: [4, Number.NaN, 6] });
  });

  it('keeps every bucket’s extremes, so a one-sample spike survives', () => {
    const n = 1000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 637 ? 99 : i === 311 ? -5 : Math.sin(i / 50)));
    const out = downsample(x, y, 400);
    expect(out.x.length).toBeLessThanOrEqual(400);
    expect(out.y).toContain(99);
    expect(out.y).toContain(-5);
    expect(out.x[out.y.indexOf(99)]).toBe(637);
    // still in time order
    expect(out.x).toEqual([...out.x].sort((a, b) => a - b));
  });

  it('keeps gaps as gaps', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i >= 40 && i < 60 ? Number.NaN : 1));
    const out = downsample(x, y, 20);
    const gap = out.y.findIndex((v) => Number.isNaN(v));
    expect(gap).toBeGreaterThan(0);
    expect(out.x[gap]).toBeGreaterThanOrEqual(40);
    expect(out.x[gap]).toBeLessThan(60);
  });
});

describe('axes', () => {
  it('ticks at round numbers up to a round top', () => {
    expect(niceTicks(0, 100, 4).ticks).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceMax(2672)).toBe(3000);
    expect(niceMax(0)).toBe(1);
  });

  it('ticks time at clock steps', () => {
    expect(timeTicks(60_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(timeTicks(2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(timeTicks(3_600_000).at(-1)).toBe(3_600_000);
  });

  it('draws gaps as breaks in the path and a lone value as a dot', () => {
    const d = linePath(
      [0, 1, 2, 3, 4],
      [1, 2, Number.NaN, 3, Number.NaN],
      (x) => x * 10,
      (y) => y,
    );
    expect(d).toBe('M0 1L10 2M30 3l0 0');
  });
});

describe('reproduction', () => {
  it('names the file after the document, without its subtitle', () => {
    expect(documentFileName({ name: 'Cascading failure: a slow database takes the site down' })).toBe(
      'cascading-failure.bp.json',
    );
    expect(documentFileName({ name: 'Retry storm — no jitter' })).toBe('retry-storm.bp.json');
    expect(documentFileName({ name: '  ' })).toBe('topology.bp.json');
  });

  it('writes durations the command line reads back exactly', () => {
    expect(durationFlag(60_000)).toBe('60s');
    expect(durationFlag(1500)).toBe('1500ms');
    expect(durationFlag(600_000)).toBe('10m');
    expect(durationFlag(7_200_000)).toBe('2h');
    expect(durationFlag(12.5)).toBe('12.5ms');
  });

  it('quotes a file name the shell would split', () => {
    expect(reproduceCommand("my design's.bp.json", 7, 2000)).toBe(
      "backpressure run 'my design'\\''s.bp.json' --seed 7 --duration 2s",
    );
  });

  it('embeds JSON that no text can break out of', () => {
    const text = JSON.stringify({ a: '</script><!--', b: '\u2028' });
    const safe = jsonForScript(text);
    expect(safe).not.toMatch(/[<\u2028]/);
    expect(JSON.parse(safe)).toEqual(JSON.parse(text));
  });
});

describe('timeline', () => {
  const breakers = {
    'a->b': {
      refused: 3,
      transitions: [
        { atMs: 1000, from: 'closed' as const, to: 'open' as const },
        { atMs: 6000, from: 'open' as const, to: 'halfOpen' as const },
        { atMs: 6500, from: 'halfOpen' as const, to: 'closed' as const },
        { atMs: 9000, from: 'closed' as const, to: 'open' as const },
      ],
    },
    'c->d': { refused: 0, transitions: [{ atMs: 5000, from: 'closed' as const, to: 'halfOpen' as const }] },
  };

  it('turns breaker transitions into spans, the last state lasting to the end', () => {
    const lanes = breakerLanes(breakers, 10_000);
    expect(lanes[0]).toEqual({
      name: 'a → b',
      spans: [
        { fromMs: 1000, toMs: 6000, state: 'open' },
        { fromMs: 6000, toMs: 6500, state: 'halfOpen' },
        { fromMs: 9000, toMs: 10_000, state: 'open' },
      ],
    });
  });

  it('merges breakers into bands of the worst state', () => {
    expect(breakerBands(breakerLanes(breakers, 10_000))).toEqual([
      { fromMs: 1000, toMs: 6000, state: 'open' },
      { fromMs: 6000, toMs: 9000, state: 'halfOpen' },
      { fromMs: 9000, toMs: 10_000, state: 'open' },
    ]);
  });

  it('pairs health marks into down spans', () => {
    const lanes = healthLanes({ 'lb->api': { down: [{ atMs: 2000 }, { atMs: 8000 }], up: [{ atMs: 4000 }] } }, 10_000);
    expect(lanes[0]!.spans).toEqual([
      { fromMs: 2000, toMs: 4000, state: 'down' },
      { fromMs: 8000, toMs: 10_000, state: 'down' },
    ]);
  });

  it('clips faults to the run and orders them by start', () => {
    const entries = faultEntries(
      [
        { id: 'late', kind: 'crash', node: 'api', atMs: 70_000 },
        { id: 'cut', kind: 'cut', edges: ['e1', 'e2'], atMs: 5000 },
        { id: 'slow', kind: 'slow', node: 'db', factor: 3, atMs: 1000, untilMs: 4000 },
      ],
      60_000,
    );
    expect(entries.map((e) => [e.fault.id, e.label, e.span])).toEqual([
      ['slow', 'slow db x3', { fromMs: 1000, toMs: 4000 }],
      ['cut', 'cut 2 edges', { fromMs: 5000, toMs: 60_000 }],
      ['late', 'crash api', null],
    ]);
    expect(entries[1]!.effect).toBe('e1, e2 drop messages');
  });
});
