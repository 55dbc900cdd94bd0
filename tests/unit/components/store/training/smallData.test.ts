import { describe, expect, it } from 'vitest';
import { generatedSizes, importedSizes, mergedFractions, smallDataProblems } from '@/components/store/training/smallData';
import { splitDataset } from '@/engine/datasets/split';
import type { Dataset } from '@/engine/datasets/types';

/** `n` single-image groups of two classes, alternating labels. */
function dataset(n: number): Dataset {
  return {
    taskId: 'skin-lesions', kind: 'classification', classes: ['a', 'b'], height: 1, width: 1, channels: 1, count: n,
    images: new Uint8Array(n), labels: Int32Array.from({ length: n }, (_, i) => i % 2), groups: Array.from({ length: n }, (_, i) => `g${i}`),
    ids: Array.from({ length: n }, (_, i) => `${i}.png`), source: 'folder', credit: '',
  };
}

describe('small held-out splits', () => {
  it('reports the split the worker will make for imported data, and warns below 20 images or 2 per class', () => {
    const ds = dataset(10);
    const sizes = importedSizes(ds, 0.15, 42);
    const real = splitDataset(ds, { testFraction: 0.2, validationFraction: 0.15, seed: 42 });
    expect([sizes.train, sizes.validation, sizes.test]).toEqual([real.train.length, real.validation.length, real.test.length]);
    // 10 images: 2 test, 1 validation (15% of 8 rounds to 1), 7 train.
    expect([sizes.train, sizes.validation, sizes.test]).toEqual([7, 1, 2]);
    const problems = smallDataProblems(sizes);
    expect(problems[0]).toMatch(/validation split would hold 1 image \(fewer than 20\)/);
    expect(problems.some((p) => /fewer than 2 images of/.test(p))).toBe(true);
    expect(problems.some((p) => /test split would hold 2 images/.test(p))).toBe(true);
  });

  it('is quiet for 200 balanced images and for the default 1,200 generated skin images', () => {
    expect(smallDataProblems(importedSizes(dataset(200), 0.15, 1))).toEqual([]);
    // 1,200 images: 240 test, 144 validation (15% of 960); the rarest class (df, 1.15%) has 2 of 144.
    const g = generatedSizes('skin-lesions', 1200, 0.15);
    expect([g.train, g.validation, g.test]).toEqual([816, 144, 240]);
    expect(smallDataProblems(g)).toEqual([]);
  });

  it('warns for 60 generated images, and merging validation and test gives one split of their sum', () => {
    const g = generatedSizes('skin-lesions', 60, 0.15);
    // 60: 12 test, round(0.15 * 48) = 7 validation.
    expect([g.validation, g.test]).toEqual([7, 12]);
    expect(smallDataProblems(g).length).toBeGreaterThan(0);
    const f = mergedFractions(0.15);
    expect(f.testFraction).toBe(0);
    expect(f.validationFraction).toBeCloseTo(0.32, 10);
    const merged = generatedSizes('skin-lesions', 60, f.validationFraction, f.testFraction);
    // round(0.32 * 60) = 19: the 7 + 12 held-out images in one split, no test split.
    expect([merged.validation, merged.test]).toEqual([19, 0]);
  });
});
