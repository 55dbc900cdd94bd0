import { describe, expect, it } from 'vitest';
import {
  addNoise, createRaster, drawDisc, drawSegment, gaussianBlur, writeBytes,
} from '../../../../../engine/datasets/generate/raster';
import { createRng } from '../../../../../engine/datasets/rng';

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('raster drawing', () => {
  it('draws a disc with area close to pi r^2', () => {
    const r = createRaster(40, 40, 1);
    drawDisc(r, 20, 20, 8, [1], 1, 1);
    expect(sum(r.data)).toBeCloseTo(Math.PI * 64, -1); // 201 +- 5
    expect(r.data[20 * 40 + 20]).toBe(1);
    expect(r.data[0]).toBe(0);
  });

  it('draws a segment about width x length', () => {
    const r = createRaster(40, 40, 1);
    drawSegment(r, 5, 20, 35, 20, 2, [1], 1);
    // 30 long, 2 wide, plus round caps (pi * 1^2) and antialiasing: ~63.
    expect(sum(r.data)).toBeGreaterThan(58);
    expect(sum(r.data)).toBeLessThan(72);
    expect(r.data[20 * 40 + 20]).toBe(1);
    expect(r.data[10 * 40 + 20]).toBe(0);
  });

  it('blurs while keeping the mean, and spreads a point by the requested variance', () => {
    const r = createRaster(21, 21, 2);
    r.data[(10 * 21 + 10) * 2] = 1;
    gaussianBlur(r, 1.2);
    expect(sum(r.data)).toBeCloseTo(1, 5);
    // Variance along x of the spread point: sum p * (x - 10)^2 = sigma^2 = 1.44.
    let v = 0;
    for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) v += r.data[(y * 21 + x) * 2] * (x - 10) ** 2;
    expect(v).toBeCloseTo(1.44, 2);
    expect(r.data[(10 * 21 + 10) * 2 + 1]).toBe(0);
  });

  it('adds zero-mean noise of the requested sd', () => {
    const r = createRaster(100, 100, 1);
    addNoise(r, 0.1, createRng(1));
    const mean = sum(r.data) / 1e4;
    const sd = Math.sqrt(r.data.reduce((s, x) => s + (x - mean) ** 2, 0) / 1e4);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(sd).toBeCloseTo(0.1, 2);
  });

  it('writes clamped, rounded bytes at an offset', () => {
    const r = createRaster(2, 2, 1);
    r.data.set([-0.2, 0.5, 1 / 255 + 0.001, 1.7]);
    const out = new Uint8Array(6);
    writeBytes(r, out, 2);
    expect([...out]).toEqual([0, 0, 0, 128, 1, 255]);
  });
});
