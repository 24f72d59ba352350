import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../cli/duration.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../../shared/format.js';
import { parseSeed } from '../../cli/seed.js';
import { renderTable } from '../../cli/table.js';

describe('parseDuration', () => {
  it.each([
    ['1500', 1500],
    ['250ms', 250],
    ['60s', 60_000],
    ['1.5m', 90_000],
    ['2h', 7_200_000],
    ['24h', 86_400_000],
    ['0.5s', 500],
    ['10 s', 10_000],
    ['1e3', 1000],
    ['.5s', 500],
  ])('%s -> %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '5 parsecs', '0', '0s', '-1s', '24.01h', '25h', '1d', 's', 'Infinity', 'NaN', '1,5s', '1e400'])(
    'rejects %j',
    (text) => expect(() => parseDuration(text)).toThrow(DurationError),
  );

  it('formats for people', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(60_000)).toBe('60 s');
    expect(formatDuration(600_000)).toBe('10 min');
    expect(formatDuration(86_400_000)).toBe('24 h');
  });
});

describe('parseSeed', () => {
  it('accepts 0 to 2^32 - 1', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('4294967295')).toBe(4294967295);
  });
  it.each(['-1', '1.5', 'abc', '', '4294967296', '1e3', '0x10'])('rejects %j', (text) =>
    expect(() => parseSeed(text)).toThrow(/--seed/),
  );
});

describe('number formatting', () => {
  it('counts, milliseconds, percentages and bytes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(formatMs(0)).toBe('0');
    expect(formatMs(0.5123)).toBe('0.512');
    expect(formatMs(2.345)).toBe('2.35');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(230.46)).toBe('230.5');
    expect(formatMs(12345.6)).toBe('12,346');
    expect(formatPercent(1)).toBe('100.0');
    expect(formatPercent(0.99996)).toBe('99.9');
    expect(formatPercent(0.0001)).toBe('0.1');
    expect(formatPercent(0)).toBe('0.0');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(4.6e9)).toBe('4.6 GB');
  });
});

describe('renderTable', () => {
  it('aligns text left and numbers right', () => {
    expect(
      renderTable(
        [{ header: 'id' }, { header: 'count', align: 'right' }],
        [
          ['a', '1'],
          ['longer', '1,000'],
        ],
      ),
    ).toEqual(['id      count', '------  -----', 'a           1', 'longer  1,000']);
  });
});
