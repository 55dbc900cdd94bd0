import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../../engine/datasets/allocate';
import { planImages } from '../../../../../engine/datasets/generate/plan';
import { createRng } from '../../../../../engine/datasets/rng';

describe('planImages', () => {
  const freq = [327, 514, 1099, 115, 1113, 6705, 142];
  const plan = planImages(freq, 300, [0.5, 0.3, 0.2], createRng(1));

  it('allocates class counts by largest remainder', () => {
    const counts = new Array(7).fill(0);
    for (const im of plan.images) counts[im.classIndex]++;
    expect(counts).toEqual(allocate(freq, 300));
    expect(plan.images).toHaveLength(300);
  });

  it('keeps each group to one class, 1..3 images, views numbered 0.. and adjacent', () => {
    const seen = new Map<number, number[]>();
    plan.images.forEach((im, i) => {
      expect(im.classIndex).toBe(plan.groupClass[im.group]);
      const list = seen.get(im.group) ?? [];
      list.push(i);
      seen.set(im.group, list);
    });
    for (const [group, list] of seen) {
      expect(list.length).toBe(plan.groupSize[group]);
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(3);
      expect(list[list.length - 1] - list[0]).toBe(list.length - 1);
      expect(list.map((i) => plan.images[i].view)).toEqual(list.map((_, k) => k));
    }
    // Groups are numbered in dataset order.
    expect([...seen.keys()]).toEqual([...seen.keys()].sort((a, b) => a - b));
    expect(seen.size).toBeGreaterThan(300 / 3);
    expect(seen.size).toBeLessThan(300);
  });

  it('interleaves classes instead of listing them in order', () => {
    const firstNv = plan.images.findIndex((im) => im.classIndex === 5);
    const lastNv = plan.images.map((im) => im.classIndex).lastIndexOf(5);
    expect(lastNv - firstNv).toBeGreaterThan(250);
  });

  it('is reproducible from the rng seed', () => {
    expect(planImages(freq, 50, [1, 1], createRng(3))).toEqual(planImages(freq, 50, [1, 1], createRng(3)));
    expect(planImages(freq, 50, [1, 1], createRng(3))).not.toEqual(planImages(freq, 50, [1, 1], createRng(4)));
  });
});
