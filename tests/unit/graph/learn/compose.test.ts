import { describe, expect, it } from 'vitest';
import { composeKernels } from '@/graph/learn/compose';
import { correlateValid, type Grid } from '@/graph/learn/slide';
import { CLASSIC_KERNEL } from '@/graph/learn/sampleGrids';

/** Seeded integers in [-3, 3] (mulberry32), so a failure is reproducible. */
function randomGrid(h: number, w: number, seed: number): Grid {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: h }, () => Array.from({ length: w }, () => Math.floor(next() * 7) - 3));
}

describe('composeKernels', () => {
  it('hand-checked small cases', () => {
    expect(composeKernels([[1]], CLASSIC_KERNEL)).toEqual(CLASSIC_KERNEL);
    expect(composeKernels([[1, 1]], [[1, 1]])).toEqual([[1, 2, 1]]);
    // Two 2x2 box filters make the 3x3 "tent": [1 2 1] outer [1 2 1].
    expect(composeKernels([[1, 1], [1, 1]], [[1, 1], [1, 1]])).toEqual([
      [1, 2, 1],
      [2, 4, 2],
      [1, 2, 1],
    ]);
  });

  it('two 3x3 kernels give one 5x5 whose corner is the product of the corners', () => {
    const k1 = [[1, 0, 2], [0, 1, 0], [3, 0, 1]];
    const k2 = [[2, 1, 0], [0, 0, 1], [1, 0, 4]];
    const k = composeKernels(k1, k2);
    expect(k).toHaveLength(5);
    expect(k.every((row) => row.length === 5)).toBe(true);
    expect(k[0][0]).toBe(1 * 2);
    expect(k[4][4]).toBe(1 * 4);
    // K[0][1] = k1[0][0]k2[0][1] + k1[0][1]k2[0][0] = 1*1 + 0*2.
    expect(k[0][1]).toBe(1);
    // Sum of the composed kernel = product of the sums (8 * 9).
    expect(k.flat().reduce((s, v) => s + v, 0)).toBe(8 * 9);
  });

  it.each([1, 2, 3])('conv(conv(x, k1), k2) == conv(x, k1*k2) on a random 9x8 input (seed %i), valid mode', (seed) => {
    const x = randomGrid(9, 8, seed);
    const k1 = randomGrid(3, 3, seed + 100);
    const k2 = randomGrid(3, 3, seed + 200);
    const stacked = correlateValid(correlateValid(x, k1), k2);
    const single = correlateValid(x, composeKernels(k1, k2));
    expect(stacked).toHaveLength(5); // 9 - 2 - 2
    expect(stacked[0]).toHaveLength(4); // 8 - 2 - 2
    expect(single).toEqual(stacked);
  });
});
