/** The small numeric helpers the metrics, the data-parallel split and the benchmarks share. */
import { describe, expect, it } from 'vitest';
import { median, nanMean, ratio } from '@/engine/metrics';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones; NaN for none; leaves its input as it was', () => {
    const values = [4, 1, 3, 2];
    expect(median([3, 1, 2])).toBe(2);
    expect(median(values)).toBe(2.5);
    expect(values).toEqual([4, 1, 3, 2]);
    expect(median([])).toBeNaN();
  });
});

describe('ratio and nanMean', () => {
  it('give NaN, never 0 or Infinity, when there is nothing to divide by', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNaN();
    expect(nanMean([1, NaN, 3])).toBe(2);
    expect(nanMean([NaN])).toBeNaN();
  });
});
