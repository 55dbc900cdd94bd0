import { describe, expect, it } from 'vitest';
import { ema, epochDomain, niceTicks, seriesMax, smoothedBatchLoss } from '@/components/training/curves';
import { thin } from '@/components/store/training/runHistory';
import { DEFAULT_TRAINING } from '@/graph/document';

describe('ema (debiased)', () => {
  it('returns the values unchanged at smoothing 0', () => {
    expect(ema([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });

  it('matches hand values at smoothing 0.5', () => {
    // s1 = 0.5*1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 1.5 = 1.75 -> /0.75 = 2.3333; s3 = 0.875 + 2.5 = 3.375 -> /0.875 = 3.857
    const out = ema([1, 3, 5], 0.5) as number[];
    expect(out[0]).toBeCloseTo(1, 10);
    expect(out[1]).toBeCloseTo(7 / 3, 10);
    expect(out[2]).toBeCloseTo(27 / 7, 10);
  });

  it('starts at the first value, not at 0, for heavy smoothing', () => {
    expect(ema([2, 2, 2], 0.99)).toEqual([2, 2, 2].map(() => expect.closeTo(2, 10)));
  });

  it('skips undefined losses and keeps them null', () => {
    const out = ema([1, null, Number.NaN, 3], 0.5);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    expect(out[3]).toBeCloseTo(7 / 3, 10); // as if [1, 3]
  });
});

describe('thin', () => {
  it.each([
    // [length, max, kept indices]
    [5, 10, [0, 1, 2, 3, 4]],
    [5, 3, [0, 2, 4]],
    [10, 4, [0, 3, 6, 9]],
  ])('%i points to at most %i', (length, max, kept) => {
    expect(thin(Array.from({ length }, (_, i) => i), max)).toEqual(kept);
  });
});

describe('series', () => {
  it('smooths batch losses on the epoch axis', () => {
    const pts = smoothedBatchLoss(
      [
        { x: 0.5, loss: 1 },
        { x: 1, loss: 3 },
      ],
      0.5,
    );
    expect(pts.map((p) => p.x)).toEqual([0.5, 1]);
    expect(pts[1].y).toBeCloseTo(7 / 3, 10);
  });

  it('spans the longest planned or done run', () => {
    const run = (epochs: number, done: number) => ({ settings: { ...DEFAULT_TRAINING, epochs }, epochs: Array.from({ length: done }, () => ({}) as never) });
    expect(epochDomain([run(5, 2), run(3, 3)])).toEqual([0, 5]);
    expect(epochDomain([])).toEqual([0, 1]);
  });
});

describe('niceTicks', () => {
  it.each([
    [3.3, [0, 1, 2, 3, 4]],
    [0.42, [0, 0.2, 0.4, 0.6]], // 0.42 / 4 = 0.105: the step rounds up to 0.2
    [2, [0, 0.5, 1, 1.5, 2]],
    [1.95, [0, 0.5, 1, 1.5, 2]],
    [17, [0, 5, 10, 15, 20]],
    [0, [0, 1]],
    [Number.NaN, [0, 1]],
  ])('max %f -> %o', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it('finds the largest defined value of several series', () => {
    expect(seriesMax([[{ x: 0, y: 1 }, { x: 1, y: null }], [{ x: 0, y: 2.5 }]])).toBe(2.5);
    expect(seriesMax([])).toBe(0);
  });
});
