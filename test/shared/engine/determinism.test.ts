import { describe, expect, it } from 'vitest';
import { createSimulation, type MessageBatch, type Simulation } from '../../../shared/engine/index.js';
import { mixed } from './fixtures.js';

/** FNV-1a over every field of every message, in order. */
class TraceHash {
  private h = 0x811c9dc5;
  count = 0;
  private mix(x: number): void {
    const s = x.toString();
    for (let i = 0; i < s.length; i++) {
      this.h ^= s.charCodeAt(i);
      this.h = Math.imul(this.h, 0x01000193);
    }
  }
  add(b: MessageBatch): void {
    for (let i = 0; i < b.count; i++) {
      this.mix(b.edge[i]);
      this.mix(b.direction[i]);
      this.mix(b.departMs[i]);
      this.mix(b.arriveMs[i]);
      this.mix(b.kind[i]);
      this.mix(b.request[i]);
      this.mix(b.outcome[i]);
    }
    this.count += b.count;
  }
  get value(): string {
    return (this.h >>> 0).toString(16);
  }
}

function runSliced(slices: number, seed?: number): { report: string; trace: TraceHash; sim: Simulation } {
  const trace = new TraceHash();
  const sim = createSimulation(mixed(), { seed, messages: { capacity: 4096, onFull: (b) => trace.add(b) } });
  for (let k = 1; k <= slices; k++) {
    const r = sim.runUntil((sim.durationMs * k) / slices);
    if (r.messages) trace.add(r.messages);
  }
  return { report: JSON.stringify(sim.report()), trace, sim };
}

describe('determinism', () => {
  const once = runSliced(1);

  it('the same seed gives a byte-identical report and trace', () => {
    const again = runSliced(1);
    expect(again.report).toBe(once.report);
    expect(again.trace.value).toBe(once.trace.value);
    expect(once.trace.count).toBeGreaterThan(30_000);
  });

  it('another seed gives another run', () => {
    const other = runSliced(1, 2);
    expect(other.report).not.toBe(once.report);
    expect(other.trace.value).not.toBe(once.trace.value);
  });

  it('one runUntil(T) equals a thousand slices', () => {
    const sliced = runSliced(1000);
    expect(sliced.report).toBe(once.report);
    expect(sliced.trace.value).toBe(once.trace.value);
  });

  it('slices at uneven times, including repeated and past times, change nothing', () => {
    const trace = new TraceHash();
    const sim = createSimulation(mixed(), { messages: { capacity: 1 << 20 } });
    for (const t of [0, 0, 3.3, 3.3, 1, 777.77, 5000, 4999, 12_345.678, 19_999.999, 20_000, 30_000]) {
      const r = sim.runUntil(t);
      if (r.messages) trace.add(r.messages);
    }
    expect(JSON.stringify(sim.report())).toBe(once.report);
    expect(trace.value).toBe(once.trace.value);
  });

  it('exercises the features it claims to (losses, timeouts, errors, rejections)', () => {
    const r = JSON.parse(once.report);
    expect(r.edges['e-api'].lost).toBeGreaterThan(0);
    expect(r.edges['e-web'].lost).toBe(0); // TCP retransmits
    expect(r.clients['api-users'].failures.timeout).toBeGreaterThan(0);
    expect(r.nodes.web.errors).toBeGreaterThan(0);
  });
});
