import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from '../../../../engine/datasets/rng';

const draw = (seed: number | string, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs between seeds', () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw('42', 50)).toEqual(draw('42', 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
    // A number and its string are different seeds on purpose (hashSeed tags the type).
    expect(draw(42, 50)).not.toEqual(draw('42', 50));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = draw(7, 20000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    // Standard error of the mean: sqrt(1/12/20000) = 0.002; 4 SE margins.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.008);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.004);
  });

  it('draws normals with the requested mean and sd', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 20000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 10)).toBeLessThan(0.06); // SE 2/sqrt(20000) = 0.014
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it('keeps int, uniform and choice in range', () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
      seen.add(k);
      const u = rng.uniform(-3, -1);
      expect(u >= -3 && u < -1).toBe(true);
      expect(['a', 'b']).toContain(rng.choice(['a', 'b']));
    }
    expect(seen.size).toBe(6);
    expect(() => rng.choice([])).toThrow();
  });

  it('draws weighted indices in proportion to the weights', () => {
    const rng = createRng(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.weighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 30000).toBeCloseTo(0.25, 1);
    expect(counts[2] / 30000).toBeCloseTo(0.75, 1);
    expect(() => rng.weighted([0, 0])).toThrow();
  });

  it('shuffles into a permutation, reproducibly', () => {
    const a = createRng(9).shuffle(Array.from({ length: 100 }, (_, i) => i));
    const b = createRng(9).shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('forks streams that do not depend on draws made before the fork', () => {
    const r1 = createRng(1);
    const r2 = createRng(1);
    r2.next();
    r2.next();
    expect(r1.fork('x').next()).toBe(r2.fork('x').next());
    expect(createRng(1).fork('x').next()).not.toBe(createRng(1).fork('y').next());
  });

  it('hashes parts so that boundaries between them matter', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed(1, 2)).toBe(hashSeed(1, 2));
    expect(hashSeed(1, 2)).toBeGreaterThanOrEqual(0);
    expect(hashSeed(1, 2)).toBeLessThan(2 ** 32);
  });

  it('fills word arrays with exactly the words uint32() would give, then continues the same stream', () => {
    const one = createRng(8);
    const words = Array.from({ length: 37 }, () => one.uint32());
    const bulk = createRng(8);
    expect([...bulk.fillUint32(new Uint32Array(37))]).toEqual(words);
    expect(bulk.uint32()).toBe(one.uint32());
  });

  it('gives uint32 words whose bytes are uniform (mean 127.5)', () => {
    const rng = createRng(2);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const w = rng.uint32();
      sum += (w & 255) + ((w >>> 24) & 255);
    }
    expect(sum / 20000).toBeGreaterThan(125.5);
    expect(sum / 20000).toBeLessThan(129.5);
  });
});
