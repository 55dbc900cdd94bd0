import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../engine/datasets/allocate';

const HAM = [327, 514, 1099, 115, 1113, 6705, 142]; // akiec bcc bkl df mel nv vasc

describe('allocate (largest remainder)', () => {
  // Quotas worked by hand; the leftover units go to the largest fractional parts.
  it.each([
    // quotas 7.52, 1.25, 1.23 -> floors 7, 1, 1 (sum 9); the one left goes to the largest remainder, .52.
    { weights: [6705, 1113, 1099], total: 10, want: [8, 1, 1] },
    // quotas 3.33 each -> 3, 3, 3; one left -> lowest index on a tie.
    { weights: [1, 1, 1], total: 10, want: [4, 3, 3] },
    // HAM10000 in 50 images: quotas 1.63 2.57 5.49 0.57 5.56 33.47 0.71; floors sum 46;
    // the 4 left go to vasc .71, akiec .63, df .574, bcc .566.
    { weights: HAM, total: 50, want: [2, 3, 5, 1, 5, 33, 1] },
    // HAM10000 at full size reproduces itself.
    { weights: HAM, total: 10015, want: HAM },
    { weights: [2, 0, 1], total: 3, want: [2, 0, 1] },
    { weights: [5, 5], total: 0, want: [0, 0] },
  ])('$weights into $total -> $want', ({ weights, total, want }) => {
    expect(allocate(weights, total)).toEqual(want);
  });

  it('always sums to the total and stays within one of each quota', () => {
    for (const total of [1, 7, 33, 99, 1234]) {
      const parts = allocate(HAM, total);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((p, i) => expect(Math.abs(p - (HAM[i] / 10015) * total)).toBeLessThan(1));
    }
  });

  it('rejects bad input', () => {
    expect(() => allocate([1, 2], 2.5)).toThrow();
    expect(() => allocate([1, -1], 2)).toThrow();
    expect(() => allocate([0, 0], 2)).toThrow();
  });
});
