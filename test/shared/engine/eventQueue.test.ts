import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../shared/engine/eventQueue.js';
import { Rng } from '../../../shared/engine/prng.js';

interface Entry {
  t: number;
  late: boolean;
  k: number;
}

const order = (x: Entry, y: Entry): number => x.t - y.t || Number(x.late) - Number(y.late) || x.k - y.k;

/** Before `y` in the queue's order: time, then ordinary before late, then insertion. */
const before = (x: Entry, y: Entry): boolean => x.t < y.t || (x.t === y.t && (x.late !== y.late ? y.late : x.k < y.k));

/** Inserts `e` into `sorted`, kept in the queue's order. */
function insertSorted(sorted: Entry[], e: Entry): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid], e)) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, e);
}

describe('event queue', () => {
  it('pops in (time, insertion) order, with late events after ordinary ones at the same time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 20 }), late: fc.boolean(), pop: fc.boolean() }), {
          maxLength: 300,
        }),
        (ops) => {
          const q = new EventQueue(2);
          const model: { t: number; late: boolean; k: number }[] = [];
          ops.forEach((op, k) => {
            if (op.pop && model.length > 0) {
              model.sort(order);
              const want = model.shift()!;
              q.pop();
              expect([q.t, q.a]).toEqual([want.t, want.k]);
            } else {
              if (op.late) q.pushLate(op.t, 1, k, 0);
              else q.push(op.t, 1, k, 0);
              model.push({ t: op.t, late: op.late, k });
            }
          });
          expect(q.size).toBe(model.length);
        },
      ),
    );
  });

  it('keeps the order over long runs whose time scale changes, with ties, late events, huge times and Infinity', () => {
    for (const seed of [1, 2]) {
      const rng = new Rng(seed);
      const q = new EventQueue(4);
      const model: Entry[] = []; // sorted
      let now = 0;
      let k = 0;
      // phases with very different spacings, so that the calendar's bucket width adapts up and down
      for (const spacing of [1, 1e-4, 50, 1e-7, 3, 1e5, 0.01]) {
        for (let step = 0; step < 20_000; step++) {
          // the queue grows to about a thousand events, then shrinks
          const pushes = step < 10_000 ? 0.55 : 0.41;
          const r = rng.next();
          if (r < pushes || model.length === 0) {
            const u = rng.next();
            let t: number;
            if (u < 0.01) t = Infinity;
            else if (u < 0.02) t = 1e300 * rng.next();
            else if (u < 0.1)
              t = now; // a tie with the present
            else if (u < 0.13)
              t = now * rng.next(); // before the present
            else if (u < 0.2)
              t = now + spacing * 5000 * rng.next(); // far ahead
            else t = now + spacing * -Math.log(1 - rng.next());
            const late = rng.next() < 0.05;
            if (late) q.pushLate(t, 7, k, ~k);
            else q.push(t, 7, k, ~k);
            insertSorted(model, { t, late, k });
            k++;
          } else if (r < pushes + 0.04) {
            // peek, and take only what is due by a time a little ahead
            const want = model[0].t;
            expect(q.peekTime()).toBe(want);
            const end = now + spacing;
            const type = q.next(end);
            if (want <= end) {
              const e = model.shift()!;
              expect(type).toBe(7);
              expect([q.t, q.a, q.b]).toEqual([e.t, e.k, ~e.k]);
              if (e.t > now && e.t < 1e12) now = e.t;
            } else expect(type).toBe(-1);
          } else {
            const e = model.shift()!;
            expect(q.pop()).toBe(7);
            expect([q.t, q.a, q.b]).toEqual([e.t, e.k, ~e.k]);
            if (e.t > now && e.t < 1e12) now = e.t;
          }
          expect(q.size).toBe(model.length);
        }
      }
      while (model.length > 0) {
        const e = model.shift()!;
        q.pop();
        expect([q.t, q.a]).toEqual([e.t, e.k]);
      }
      expect(q.size).toBe(0);
      expect(q.peekTime()).toBe(Infinity);
      expect(q.next(Infinity)).toBe(-1);
    }
  });

  it('keeps equal times in insertion order however many there are', () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 20_000; i++) q.push(5, 1, i, 0);
    for (let i = 0; i < 100; i++) q.pushLate(5, 2, i, 0);
    for (let i = 0; i < 20_000; i++) q.push(5, 1, 20_000 + i, 0);
    for (let i = 0; i < 40_000; i++) {
      expect(q.pop()).toBe(1);
      expect(q.a).toBe(i);
    }
    for (let i = 0; i < 100; i++) {
      expect(q.pop()).toBe(2);
      expect(q.a).toBe(i);
    }
  });
});
