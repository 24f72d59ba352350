import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TopologyDocument } from '../../shared/model/types.js';
import { faultTitle } from '../../renderer/src/timeline/faultText.js';
import {
  MIN_FAULT_MS,
  dragSpan,
  formatSpan,
  formatTime,
  nudgeSpan,
  packLanes,
  snapStep,
  snapTo,
  ticks,
} from '../../renderer/src/timeline/timelineMath.js';
import { onlyFaultsDiffer } from '../../renderer/src/timeline/useFaultRerun.js';
import { produce } from 'immer';

const RUN = 60_000;

describe('snapping', () => {
  it('snaps to whole seconds when 100 ms is under 8 px, to 100 ms otherwise, and finer with Alt', () => {
    // 60 s over 800 px: 75 ms per px, 100 ms is 1.3 px
    expect(snapStep(75)).toBe(1_000);
    expect(snapStep(75, true)).toBe(100);
    // 10 s over 800 px: 12.5 ms per px, 100 ms is 8 px
    expect(snapStep(12.5)).toBe(100);
    expect(snapStep(12.5, true)).toBe(10);
    expect(snapTo(12_345, 1_000)).toBe(12_000);
    expect(snapTo(12_500, 1_000)).toBe(13_000);
    expect(snapTo(12_345, 100)).toBe(12_300);
  });
});

describe('dragging a bar', () => {
  const span = { atMs: 10_000, untilMs: 20_000 };

  it('moves a span by the drag, keeping its length, its start on the grid', () => {
    expect(dragSpan(span, 'move', 5_300, RUN, 1_000)).toEqual({ atMs: 15_000, untilMs: 25_000 });
    expect(dragSpan({ atMs: 12_345, untilMs: 22_345 }, 'move', 700, RUN, 1_000)).toEqual({
      atMs: 13_000,
      untilMs: 23_000,
    });
  });

  it('changes nothing without movement (a click does not snap the fault)', () => {
    const odd = { atMs: 12_345, untilMs: 22_345 };
    expect(dragSpan(odd, 'move', 0, RUN, 1_000)).toEqual(odd);
  });

  it('clamps a move within the run', () => {
    expect(dragSpan(span, 'move', -30_000, RUN, 1_000)).toEqual({ atMs: 0, untilMs: 10_000 });
    expect(dragSpan(span, 'move', 90_000, RUN, 1_000)).toEqual({ atMs: 50_000, untilMs: 60_000 });
  });

  it('does not pull a span reaching past the end back in when it is nudged later, but moves it earlier', () => {
    const late = { atMs: 55_000, untilMs: 65_000 };
    expect(dragSpan(late, 'move', 2_000, RUN, 1_000)).toEqual(late);
    expect(dragSpan(late, 'move', -2_000, RUN, 1_000)).toEqual({ atMs: 53_000, untilMs: 63_000 });
  });

  it('resizes from either end, keeping the other, never shorter than the minimum', () => {
    expect(dragSpan(span, 'start', -4_000, RUN, 1_000)).toEqual({ atMs: 6_000, untilMs: 20_000 });
    expect(dragSpan(span, 'end', 4_200, RUN, 1_000)).toEqual({ atMs: 10_000, untilMs: 24_000 });
    expect(dragSpan(span, 'start', 50_000, RUN, 1_000)).toEqual({ atMs: 20_000 - MIN_FAULT_MS, untilMs: 20_000 });
    expect(dragSpan(span, 'end', -50_000, RUN, 1_000)).toEqual({ atMs: 10_000, untilMs: 10_000 + MIN_FAULT_MS });
    expect(dragSpan(span, 'end', 90_000, RUN, 1_000)).toEqual({ atMs: 10_000, untilMs: RUN });
    expect(dragSpan(span, 'start', -90_000, RUN, 1_000)).toEqual({ atMs: 0, untilMs: 20_000 });
  });

  it('keeps a fault without an end open when moved, and gives it one when its end is dragged', () => {
    const open = { atMs: 30_000 };
    expect(dragSpan(open, 'move', 4_000, RUN, 1_000)).toEqual({ atMs: 34_000 });
    expect(dragSpan(open, 'move', 90_000, RUN, 1_000)).toEqual({ atMs: RUN - MIN_FAULT_MS });
    expect(dragSpan(open, 'end', -10_000, RUN, 1_000)).toEqual({ atMs: 30_000, untilMs: 50_000 });
    expect(dragSpan(open, 'start', -10_000, RUN, 1_000)).toEqual({ atMs: 20_000 });
  });

  it('always gives a span within the run, at least the minimum long, for any drag', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: RUN - MIN_FAULT_MS }),
        fc.integer({ min: MIN_FAULT_MS, max: RUN }),
        fc.constantFrom('move', 'start', 'end' as const),
        fc.integer({ min: -2 * RUN, max: 2 * RUN }),
        fc.constantFrom(10, 100, 1_000),
        (at, length, mode, delta, step) => {
          const until = Math.min(RUN, at + length);
          fc.pre(until - at >= MIN_FAULT_MS);
          const out = dragSpan({ atMs: at, untilMs: until }, mode, delta, RUN, step);
          expect(out.atMs).toBeGreaterThanOrEqual(0);
          expect(out.untilMs!).toBeLessThanOrEqual(RUN);
          expect(out.untilMs! - out.atMs).toBeGreaterThanOrEqual(MIN_FAULT_MS);
          if (mode === 'move') expect(out.untilMs! - out.atMs).toBe(until - at);
        },
      ),
    );
  });

  it('nudges by exact amounts (not snapped), clamped within the run', () => {
    const odd = { atMs: 12_345, untilMs: 22_345 };
    expect(nudgeSpan(odd, 1_000, RUN)).toEqual({ atMs: 13_345, untilMs: 23_345 });
    expect(nudgeSpan(odd, -100, RUN)).toEqual({ atMs: 12_245, untilMs: 22_245 });
    expect(nudgeSpan(odd, -60_000, RUN)).toEqual({ atMs: 0, untilMs: 10_000 });
  });
});

describe('lanes', () => {
  it('packs overlapping spans into separate lanes and reuses a lane once it is free', () => {
    const { lane, lanes } = packLanes(
      [
        { id: 'a', atMs: 0, untilMs: 10_000 },
        { id: 'b', atMs: 5_000, untilMs: 15_000 },
        { id: 'c', atMs: 10_000, untilMs: 20_000 },
        { id: 'd', atMs: 12_000, untilMs: 13_000 },
      ],
      RUN,
    );
    expect(lanes).toBe(3);
    expect(lane.get('a')).toBe(0);
    expect(lane.get('b')).toBe(1);
    expect(lane.get('c')).toBe(0);
    expect(lane.get('d')).toBe(2);
  });

  it('keeps a gap between neighbours of a lane, and a fault without an end takes its lane to the end', () => {
    const items = [
      { id: 'a', atMs: 0, untilMs: 10_000 },
      { id: 'b', atMs: 10_000, untilMs: 20_000 },
      { id: 'open', atMs: 21_000 },
      { id: 'later', atMs: 50_000, untilMs: 55_000 },
    ];
    expect(packLanes(items, RUN).lanes).toBe(2);
    const spaced = packLanes(items, RUN, 500);
    expect(spaced.lane.get('b')).toBe(1);
    expect(spaced.lane.get('open')).toBe(0);
    expect(spaced.lane.get('later')).toBe(1);
  });

  it('never puts two overlapping spans in one lane, and uses as many lanes as spans overlap at most', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 59_000 }), fc.integer({ min: 100, max: 30_000 })), {
          maxLength: 30,
        }),
        (raw) => {
          const items = raw.map(([at, len], i) => ({ id: `f${i}`, atMs: at, untilMs: Math.min(RUN, at + len) }));
          const { lane, lanes } = packLanes(items, RUN);
          for (const x of items)
            for (const y of items)
              if (x !== y && lane.get(x.id) === lane.get(y.id))
                expect(x.untilMs <= y.atMs || y.untilMs <= x.atMs).toBe(true);
          const depth = Math.max(
            0,
            ...items.map((x) => items.filter((y) => y.atMs <= x.atMs && x.atMs < y.untilMs).length),
          );
          expect(lanes).toBe(depth);
        },
      ),
    );
  });
});

describe('axis and text', () => {
  it('picks round tick steps at least 64 px apart', () => {
    expect(ticks(60_000, 800)).toEqual([
      0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000,
    ]);
    expect(ticks(10_000, 800)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000]);
    expect(ticks(600_000, 400)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
  });

  it('writes times and spans for people', () => {
    expect(formatTime(0)).toBe('0 s');
    expect(formatTime(12_500)).toBe('12.5 s');
    expect(formatTime(12_345)).toBe('12.35 s');
    expect(formatTime(90_000)).toBe('1:30');
    expect(formatTime(65_500)).toBe('1:05.5');
    expect(formatSpan({ atMs: 12_000, untilMs: 22_000 })).toBe('12 s → 22 s (10 s)');
    expect(formatSpan({ atMs: 12_000 })).toBe('12 s → end of run');
  });

  it('labels faults with their kind and the labels of what they hit', () => {
    const doc = {
      nodes: [
        { id: 'us', kind: 'region', label: 'US East' },
        { id: 'eu', kind: 'region', label: 'EU West' },
        { id: 'api', kind: 'service', label: 'API' },
        { id: 'db', kind: 'database' },
      ],
      edges: [{ id: 'e1', source: 'api', target: 'db' }],
    } as unknown as TopologyDocument;
    expect(faultTitle(doc, { id: 'p', kind: 'partition', atMs: 0, sides: [['us'], ['eu']] })).toBe(
      'Partition: US East ⇹ EU West',
    );
    expect(faultTitle(doc, { id: 'p', kind: 'partition', atMs: 0, sides: [['us'], ['eu']], oneWay: true })).toBe(
      'Partition: US East ↛ EU West',
    );
    expect(faultTitle(doc, { id: 'c', kind: 'cut', atMs: 0, edges: ['e1'] })).toBe('Cut: API → db');
    expect(faultTitle(doc, { id: 'k', kind: 'crash', atMs: 0, node: 'api', mode: 'blackhole' })).toBe(
      'Crash: API (black hole)',
    );
    expect(faultTitle(doc, { id: 's', kind: 'surge', atMs: 0, node: 'api', factor: 0 })).toBe('Stop traffic: API');
  });
});

describe('re-running after a change of faults', () => {
  const base = {
    format: 'backpressure.topology',
    version: 1,
    name: 'x',
    simulation: { seed: 1 },
    nodes: [{ id: 'a', kind: 'service', position: { x: 0, y: 0 }, params: {} }],
    edges: [],
    faults: [{ id: 'f', kind: 'crash', node: 'a', atMs: 1_000, untilMs: 2_000 }],
    notes: [],
  } as TopologyDocument;

  it('tells a change of faults alone from any other edit', () => {
    const moved = produce(base, (d) => void (d.faults[0]!.atMs = 1_500));
    const renamed = produce(moved, (d) => void (d.nodes[0]!.label = 'A'));
    expect(onlyFaultsDiffer(base, moved)).toBe(true);
    expect(onlyFaultsDiffer(base, renamed)).toBe(false);
    expect(onlyFaultsDiffer(base, base)).toBe(false);
    expect(
      onlyFaultsDiffer(
        moved,
        produce(moved, (d) => void d.faults.splice(0, 1)),
      ),
    ).toBe(true);
  });
});
