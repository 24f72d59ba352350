import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../shared/engine/eventQueue.js';

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
          const order = (x: { t: number; late: boolean; k: number }, y: typeof x) =>
            x.t - y.t || Number(x.late) - Number(y.late) || x.k - y.k;
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
});
