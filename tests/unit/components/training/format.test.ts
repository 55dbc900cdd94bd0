import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoss, formatPercent, formatRate, formatRatio } from '@/components/training/format';
import { formatSetting } from '@/components/format';

describe('training number formats', () => {
  it.each([
    [0.8333, '83.3%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [Number.NaN, '-'],
    [null, '-'],
    [Number.POSITIVE_INFINITY, '-'],
  ])('formatPercent(%s) = %s', (v, text) => expect(formatPercent(v)).toBe(text));

  it.each([
    [0.6, '0.60'],
    [Number.NaN, '-'],
  ])('formatRatio(%s) = %s', (v, text) => expect(formatRatio(v)).toBe(text));

  it.each([
    [1.94871, '1.95'],
    [0.012345, '0.0123'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, '-'],
  ])('formatLoss(%s) = %s', (v, text) => expect(formatLoss(v)).toBe(text));

  it.each([
    [44.6, '45 s'],
    [185, '3 min 05 s'],
    [3720, '1 h 02 min'],
    [-1, '-'],
    [Number.NaN, '-'],
  ])('formatDuration(%s) = %s', (v, text) => expect(formatDuration(v)).toBe(text));

  it.each([
    [12.44, '12.4 img/s'],
    [345.4, '345 img/s'],
  ])('formatRate(%s) = %s', (v, text) => expect(formatRate(v)).toBe(text));

  it.each([
    [0.001, '0.001'],
    [1e-5, '0.00001'],
    [0.1 + 0.2, '0.3'],
    [100, '100'],
  ])('formatSetting(%s) = %s', (v, text) => expect(formatSetting(v)).toBe(text));
});
