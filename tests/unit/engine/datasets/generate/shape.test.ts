import { describe, expect, it } from 'vitest';
import { RadialShape, randomHarmonics } from '../../../../../engine/datasets/generate/shape';
import { createRng } from '../../../../../engine/datasets/rng';

describe('RadialShape', () => {
  it('is a circle without harmonics', () => {
    const s = new RadialShape(0.5, []);
    expect(s.radiusAt(1.234)).toBeCloseTo(0.5, 6);
    expect(s.relative(0.25, 0)).toBeCloseTo(0.5, 6);
    expect(s.relative(0, -0.5)).toBeCloseTo(1, 6);
    expect(s.relative(0, 0)).toBe(0);
  });

  it('follows radius * (1 + amp cos(k angle + phase))', () => {
    // k = 2, amp 0.2: radius 1.2 at 0 and pi, 0.8 at pi/2.
    const s = new RadialShape(1, [{ k: 2, amp: 0.2, phase: 0 }]);
    expect(s.radiusAt(0)).toBeCloseTo(1.2, 3);
    expect(s.radiusAt(Math.PI / 2)).toBeCloseTo(0.8, 3);
    expect(s.radiusAt(-Math.PI)).toBeCloseTo(1.2, 3);
    expect(s.relative(0, 0.8)).toBeCloseTo(1, 3);
  });

  it('never pinches below a quarter of the radius', () => {
    const s = new RadialShape(1, [{ k: 3, amp: 2, phase: 0 }]);
    for (let a = 0; a < 6.3; a += 0.1) expect(s.radiusAt(a)).toBeGreaterThanOrEqual(0.25 - 1e-6);
  });

  it('draws harmonics k = 1..maxK with bounded amplitudes', () => {
    const h = randomHarmonics(createRng(1), 0.2, 0.1, 8);
    expect(h.map((x) => x.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const x of h) expect(x.amp).toBeLessThanOrEqual(x.k <= 3 ? 0.2 : (0.1 * 2) / Math.sqrt(x.k));
  });
});
