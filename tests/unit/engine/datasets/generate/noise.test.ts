import { describe, expect, it } from 'vitest';
import { clamp, smoothstep, ValueNoise } from '../../../../../engine/datasets/generate/noise';
import { createRng } from '../../../../../engine/datasets/rng';

describe('ValueNoise', () => {
  const n = new ValueNoise(createRng(1));

  it('stays in [0, 1], wraps every 64 units and is smooth', () => {
    for (let i = 0; i < 500; i++) {
      const x = i * 0.37 - 50, y = i * 0.61 - 80;
      const v = n.at(x, y);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(n.at(x + 64, y - 128)).toBeCloseTo(v, 5);
      expect(Math.abs(n.at(x + 0.01, y) - v)).toBeLessThan(0.03);
    }
    const f = n.fbm(3.3, 4.4, 3);
    expect(f >= 0 && f <= 1).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(new ValueNoise(createRng(1)).at(2.5, 7.25)).toBe(n.at(2.5, 7.25));
    expect(new ValueNoise(createRng(2)).at(2.5, 7.25)).not.toBe(n.at(2.5, 7.25));
  });
});

describe('smoothstep and clamp', () => {
  it.each([
    [0, 1, -1, 0],
    [0, 1, 0.5, 0.5],
    [0, 1, 0.25, 0.15625], // 3t^2 - 2t^3 at t = 1/4
    [0, 2, 3, 1],
  ])('smoothstep(%d, %d, %d) = %d', (a, b, x, want) => expect(smoothstep(a, b, x)).toBeCloseTo(want, 9));
  it('clamps', () => {
    expect(clamp(-1, 0, 1)).toBe(0);
    expect(clamp(2, 0, 1)).toBe(1);
    expect(clamp(0.3, 0, 1)).toBe(0.3);
  });
});
