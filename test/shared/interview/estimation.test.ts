import { describe, expect, it } from 'vitest';
import { estimate, formatBandwidth, formatDuration, formatFigure } from '../../../shared/interview/index.js';
import type { EstimationInputs } from '../../../shared/interview/index.js';

const inputs: EstimationInputs = {
  dailyActiveUsers: 8_640_000,
  requestsPerUserPerDay: 10,
  readWriteRatio: 9,
  requestBytes: 1000,
  responseBytes: 10_000,
  storedBytesPerWrite: 1000,
  retentionYears: 1,
  peakToAverage: 2,
};

describe('estimate', () => {
  it('turns users and sizes into rates, bandwidth and storage (hand-computed)', () => {
    const e = estimate(inputs);
    // 8.64 M users x 10 = 86.4 M requests a day = 1,000 per second; peak x2 = 2,000.
    expect(e.averageRps).toBeCloseTo(1000, 9);
    expect(e.peakRps).toBeCloseTo(2000, 9);
    // 9 reads per write: a tenth of the peak are writes.
    expect(e.writeRps).toBeCloseTo(200, 9);
    expect(e.readRps).toBeCloseTo(1800, 9);
    // 2,000/s x 1 kB in, x 10 kB out.
    expect(e.ingressBytesPerSecond).toBeCloseTo(2e6, 3);
    expect(e.egressBytesPerSecond).toBeCloseTo(2e7, 3);
    // 8.64 M writes a day x 1 kB x 365 days = 3.1536 TB.
    expect(e.storageBytes).toBeCloseTo(3.1536e12, 0);
    expect(e.originRps).toBeCloseTo(2000, 9);
    expect(e.explanation).toEqual([
      '8,640,000 users x 10 requests a day = 86,400,000 requests a day.',
      '86,400,000 / 86,400 s = 1,000 requests/s on average.',
      'x 2 at peak = 2,000 requests/s.',
      '9 reads per write: 1,800 reads/s and 200 writes/s at peak.',
      'Ingress: 2,000 requests/s x 1.0 kB = 2.0 MB/s (16 Mbit/s).',
      'Egress: 2,000 responses/s x 10.0 kB = 20.0 MB/s (160 Mbit/s).',
      'Storage: 8,640,000 writes a day x 1.0 kB x 365 days = 3.2 TB, before replication.',
    ]);
  });

  it('counts what gets past a cache layer when the prompt gives a hit ratio', () => {
    const e = estimate({ ...inputs, cacheHitRatio: 0.75 });
    expect(e.originRps).toBeCloseTo(500, 9);
    expect(e.explanation.at(-1)).toBe(
      'Caches answer 75% of what reaches them: 500 requests/s get past one cache layer.',
    );
  });

  it('handles write-only traffic and nothing stored', () => {
    const e = estimate({ ...inputs, readWriteRatio: 0, storedBytesPerWrite: 0 });
    expect(e.writeRps).toBeCloseTo(2000, 9);
    expect(e.readRps).toBe(0);
    expect(e.storageBytes).toBe(0);
    expect(e.explanation).toContain('Storage: nothing is kept.');
  });
});

describe('figures', () => {
  it('prints rates, bandwidth and durations the way people say them', () => {
    expect(formatFigure(11_574.07)).toBe('11,574');
    expect(formatFigure(11.574)).toBe('11.6');
    expect(formatFigure(0.1157)).toBe('0.116');
    expect(formatBandwidth(17_361_111)).toBe('17.4 MB/s (139 Mbit/s)');
    expect(formatBandwidth(694_444_444_444)).toBe('694.4 GB/s (5.56 Tbit/s)');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(120_000)).toBe('120 s');
  });
});
