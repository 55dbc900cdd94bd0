import { describe, expect, it } from 'vitest';
import { CLASSIC_INPUT, sampleInput, sampleKernel, samplePatch } from '@/graph/learn/sampleGrids';

describe('sample grids', () => {
  it('size 5 is the classic input, other sizes are square, integer 0..3 and stable', () => {
    expect(sampleInput(5)).toEqual(CLASSIC_INPUT);
    for (const n of [3, 4, 7, 9]) {
      const g = sampleInput(n);
      expect(g).toHaveLength(n);
      expect(g.flat().every((v) => Number.isInteger(v) && v >= 0 && v <= 3)).toBe(true);
      expect(sampleInput(n)).toEqual(g);
    }
    // Not a constant picture: the explorer would show nothing moving.
    expect(new Set(sampleInput(7).flat()).size).toBeGreaterThan(2);
  });

  it('kernels: 1x1 is identity, 3x3 the classic one, others in -1..2', () => {
    expect(sampleKernel(1)).toEqual([[1]]);
    expect(sampleKernel(3)[0]).toEqual([0, 1, 2]);
    const k5 = sampleKernel(5);
    expect(k5).toHaveLength(5);
    expect(k5.flat().every((v) => v >= -1 && v <= 2)).toBe(true);
  });

  it('returns copies, so editing a cell in the explorer cannot change the constant', () => {
    const g = sampleInput(5);
    g[0][0] = 99;
    expect(CLASSIC_INPUT[0][0]).toBe(3);
  });

  it('patches: digits 0..9, stable per seed, different across seeds', () => {
    const a = samplePatch(6, 0);
    expect(a.flat().every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
    expect(samplePatch(6, 0)).toEqual(a);
    expect(samplePatch(6, 1)).not.toEqual(a);
    expect(new Set(a.flat()).size).toBeGreaterThan(4);
  });
});
