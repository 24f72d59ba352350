import { describe, expect, it } from 'vitest';
import { DEFAULT_LENGTH_MS, PHASES, phaseAt } from '../../../shared/interview/index.js';

const MIN = 60_000;

describe('phases', () => {
  it('splits 45 minutes into 5 / 5 / 15 / 15 / 5', () => {
    expect(DEFAULT_LENGTH_MS).toBe(45 * MIN);
    expect(PHASES.map((p) => p.id)).toEqual(['requirements', 'estimation', 'highLevel', 'deepDive', 'wrapUp']);
    expect(PHASES.map((p) => Math.round(p.share * 45 * 100) / 100)).toEqual([5, 5, 15, 15, 5]);
    expect(PHASES.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 12);
    for (const p of PHASES) expect(p.prompt.length).toBeGreaterThan(20);
  });

  it('finds the phase, its bounds and the time left at each moment of a 45-minute session', () => {
    const at = (m: number) => phaseAt(m * MIN, 45 * MIN);
    expect(at(0)).toMatchObject({ index: 0, startMs: 0, endMs: 5 * MIN, remainingInPhaseMs: 5 * MIN, overtime: false });
    expect(at(0).phase.id).toBe('requirements');
    expect(at(5)).toMatchObject({ index: 1, startMs: 5 * MIN, endMs: 10 * MIN, remainingInPhaseMs: 5 * MIN });
    expect(at(7)).toMatchObject({ index: 1, remainingInPhaseMs: 3 * MIN, remainingMs: 38 * MIN });
    expect(at(24.5)).toMatchObject({ index: 2, startMs: 10 * MIN, endMs: 25 * MIN, remainingInPhaseMs: 0.5 * MIN });
    expect(at(25)).toMatchObject({ index: 3, endMs: 40 * MIN });
    expect(at(44)).toMatchObject({ index: 4, remainingInPhaseMs: 1 * MIN, remainingMs: 1 * MIN, overtime: false });
  });

  it('stays in the last phase in overtime, and treats negative or missing elapsed time as the start', () => {
    expect(phaseAt(45 * MIN, 45 * MIN)).toMatchObject({
      index: 4,
      overtime: true,
      remainingMs: 0,
      remainingInPhaseMs: 0,
    });
    expect(phaseAt(50 * MIN, 45 * MIN)).toMatchObject({ index: 4, overtime: true, remainingMs: 0 });
    expect(phaseAt(-5000, 45 * MIN)).toMatchObject({ index: 0, remainingMs: 45 * MIN });
    expect(phaseAt(Number.NaN, 45 * MIN)).toMatchObject({ index: 0 });
  });

  it('scales the phases to other lengths, with boundaries on whole seconds', () => {
    // 60 minutes: 6m40s, 13m20s, 33m20s, 53m20s, 60m.
    const ends = PHASES.map((_, i) => {
      const starts = [0, 400_000, 800_000, 2_000_000, 3_200_000];
      return phaseAt(starts[i]!, 60 * MIN).endMs;
    });
    expect(ends).toEqual([400_000, 800_000, 2_000_000, 3_200_000, 3_600_000]);
    expect(phaseAt(399_999, 60 * MIN).index).toBe(0);
    expect(phaseAt(400_000, 60 * MIN).index).toBe(1);
  });

  it('refuses a session of no length', () => {
    expect(() => phaseAt(0, 0)).toThrow(/length must be > 0/);
  });
});
