import { describe, expect, it } from 'vitest';
import { integerTicks, linearScale, linePath, nearestIndex } from '@/components/training/plot';

describe('linearScale', () => {
  it('maps the domain onto the range, reversed ranges included (y grows downwards in SVG)', () => {
    const sx = linearScale([0, 4], [38, 238]);
    expect(sx(0)).toBe(38);
    expect(sx(1)).toBe(88); // 38 + 200 / 4
    expect(sx(4)).toBe(238);
    const sy = linearScale([0, 2], [100, 8]);
    expect(sy(0)).toBe(100);
    expect(sy(0.5)).toBe(77); // 100 - 92 / 4
    expect(sy(2)).toBe(8);
  });
  it('maps a zero-width domain to the start of the range instead of dividing by zero', () => {
    expect(linearScale([3, 3], [10, 20])(3)).toBe(10);
  });
});

describe('linePath', () => {
  const sx = (x: number) => 10 * x;
  const sy = (y: number) => 100 - 100 * y;
  it('draws through the defined points in order and joins across missing ones', () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 0 }, { x: 3, y: 0.5 }], sx, sy)).toBe('M0 0L20 100L30 50');
  });
  it('rounds coordinates to one decimal', () => {
    expect(linePath([{ x: 0.123, y: 0.33333 }, { x: 1, y: Number.NaN }, { x: 1.006, y: 0.5 }], sx, sy)).toBe('M1.2 66.7L10.1 50');
  });
  it('is empty with fewer than two defined points: a lone epoch is drawn as a dot', () => {
    expect(linePath([{ x: 1, y: 0.4 }, { x: 2, y: null }], sx, sy)).toBe('');
    expect(linePath([], sx, sy)).toBe('');
  });
});

describe('integerTicks', () => {
  it.each([
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [5, [0, 1, 2, 3, 4, 5]],
    [6, [0, 2, 4, 6]],
    [7, [0, 2, 4, 6]],
    [10, [0, 2, 4, 6, 8, 10]],
    [12, [0, 5, 10]],
    [30, [0, 10, 20, 30]],
    [100, [0, 20, 40, 60, 80, 100]],
  ])('%i epochs: %j', (max, ticks) => {
    expect(integerTicks(max)).toEqual(ticks);
  });
  it('never gives fewer than two ticks', () => {
    expect(integerTicks(0)).toEqual([0, 1]);
  });
});

describe('nearestIndex', () => {
  const points = [{ x: 0.25, y: 2 }, { x: 0.5, y: 1.5 }, { x: 0.75, y: null }, { x: 1, y: 1 }];
  it('finds the point nearest in x', () => {
    expect(nearestIndex(points, 0)).toBe(0);
    expect(nearestIndex(points, 0.4)).toBe(1);
    expect(nearestIndex(points, 0.95)).toBe(3);
    expect(nearestIndex(points, 5)).toBe(3);
  });
  it('gives -1 beyond `within`, on a missing value, or with no points', () => {
    expect(nearestIndex(points, 1.6, 0.5)).toBe(-1);
    expect(nearestIndex(points, 1.4, 0.5)).toBe(3);
    expect(nearestIndex(points, 0.76)).toBe(-1);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
