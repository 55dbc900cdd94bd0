import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../../engine/datasets/generate';
import { splitCounts, splitDataset, straddlingGroups } from '../../../../engine/datasets/split';
import type { Dataset } from '../../../../engine/datasets/types';

/** A metadata-only dataset (images are not looked at by splits). */
function fake(labels: number[], groups: string[], providedSplit?: ('train' | 'test')[]): Dataset {
  return {
    taskId: 'fake', kind: 'classification', classes: ['a', 'b', 'c'], height: 1, width: 1, channels: 1,
    count: labels.length, images: new Uint8Array(labels.length), labels: Int32Array.from(labels),
    groups, ids: groups.map((g, i) => `${g}-${i}`), source: 'test', credit: '', providedSplit,
  };
}

const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
// 600 skin images in lesions of 1-4 views, 7 classes from 66 % nv down to 1 % df.
const skin = generateDataset('skin-lesions', { count: 600, size: 28, seed: 5 });

describe('splitDataset', () => {
  it('splits 100 single-image groups 68 / 12 / 20 by default (20 % test, 15 % of the rest validation)', () => {
    const ds = fake(new Array(100).fill(0), Array.from({ length: 100 }, (_, i) => `g${i}`));
    const s = splitDataset(ds, { seed: 1 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([68, 12, 20]);
    expect(sorted([...s.train, ...s.validation, ...s.test])).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('never lets a lesion straddle splits (generated skin data, 1-4 views per lesion)', () => {
    const ds = skin;
    for (const seed of [1, 2, 3]) {
      const s = splitDataset(ds, { seed });
      expect(straddlingGroups(ds, s)).toEqual([]);
      expect(s.train.length + s.validation.length + s.test.length).toBe(600);
      // Groups make fractions approximate: within a few images of 120 test and 72 validation.
      expect(Math.abs(s.test.length - 120)).toBeLessThanOrEqual(6);
      expect(Math.abs(s.validation.length - 72)).toBeLessThanOrEqual(6);
    }
  });

  it('stratifies: every split keeps the class proportions', () => {
    const ds = skin;
    const c = splitCounts(ds, splitDataset(ds, { seed: 4 }));
    const total = c.train.map((n, k) => n + c.validation[k] + c.test[k]);
    const testTotal = c.test.reduce((a, b) => a + b, 0);
    total.forEach((n, k) => {
      // Expected share of class k in test is n / 600; allow three images of slack for grouping.
      expect(Math.abs(c.test[k] - (n / 600) * testTotal)).toBeLessThanOrEqual(3);
    });
    // Rare classes (df: 7 images) still reach the test split.
    expect(c.test[ds.classes.indexOf('df')]).toBeGreaterThan(0);
  });

  it('without stratification, still grouped, proportions only by chance', () => {
    const labels = [...new Array(50).fill(0), ...new Array(50).fill(1)];
    const ds = fake(labels, labels.map((_, i) => `g${Math.floor(i / 2)}`));
    const s = splitDataset(ds, { stratify: false, seed: 3 });
    expect(s.test.length).toBe(20);
    expect(straddlingGroups(ds, s)).toEqual([]);
  });

  it('keeps a provided train/test split and carves validation out of its train part', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 3);
    const provided = labels.map((_, i) => (i % 4 === 0 ? 'test' : 'train') as 'train' | 'test');
    const ds = fake(labels, labels.map((_, i) => `p${i}`), provided);
    const s = splitDataset(ds, { seed: 2, testFraction: 0.5 });
    expect(s.test).toEqual(labels.flatMap((_, i) => (i % 4 === 0 ? [i] : [])));
    expect(s.validation.every((i) => provided[i] === 'train')).toBe(true);
    // 45 provided train images: 15 % -> 6.75 -> 7 validation.
    expect(s.validation.length).toBe(7);
    expect(s.train.length).toBe(38);
  });

  it('is reproducible from the seed and changes with it', () => {
    const ds = fake(Array.from({ length: 80 }, (_, i) => i % 2), Array.from({ length: 80 }, (_, i) => `g${i}`));
    expect(splitDataset(ds, { seed: 9 })).toEqual(splitDataset(ds, { seed: 9 }));
    expect(splitDataset(ds, { seed: 9 }).test).not.toEqual(splitDataset(ds, { seed: 10 }).test);
  });

  it('handles edge fractions and rejects impossible ones', () => {
    const ds = fake([0, 1, 2, 0], ['a', 'b', 'c', 'd']);
    const s = splitDataset(ds, { testFraction: 0, validationFraction: 0 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([4, 0, 0]);
    expect(() => splitDataset(ds, { testFraction: 1 })).toThrow(/testFraction/);
    expect(() => splitDataset(ds, { validationFraction: -0.1 })).toThrow(/validationFraction/);
  });

  it('keeps a group whole even when it alone is bigger than the test target', () => {
    // One group of 9 images and one of 1: target 2 test images -> the single image goes, never part of the 9.
    const ds = fake(new Array(10).fill(0), [...new Array(9).fill('big'), 'small']);
    const s = splitDataset(ds, { validationFraction: 0 });
    expect(s.test).toEqual([9]);
  });
});

describe('splitCounts', () => {
  it('counts images per split and class', () => {
    const ds = fake([0, 1, 1, 2, 2, 2], ['a', 'b', 'c', 'd', 'e', 'f']);
    const c = splitCounts(ds, { train: [0, 1, 3], validation: [2], test: [4, 5] });
    expect(c).toEqual({ classes: ['a', 'b', 'c'], train: [1, 1, 1], validation: [0, 1, 0], test: [0, 0, 2] });
  });

  it('reports groups that straddle a split', () => {
    const ds = fake([0, 0, 0], ['x', 'x', 'y']);
    expect(straddlingGroups(ds, { train: [0], validation: [], test: [1, 2] })).toEqual(['x']);
  });
});
