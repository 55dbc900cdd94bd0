import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../../../engine/datasets/generate';

describe('random test tasks', () => {
  it('random-classify: equal thirds, classes ordered by brightness a < b < c', () => {
    const ds = generateDataset('random-classify', { count: 90, seed: 2 });
    const counts = [0, 0, 0];
    const mean = [0, 0, 0];
    const px = 16 * 16;
    for (let i = 0; i < ds.count; i++) {
      counts[ds.labels[i]]++;
      for (let k = 0; k < px; k++) mean[ds.labels[i]] += ds.images[i * px + k] / px;
    }
    expect(counts).toEqual([30, 30, 30]);
    const m = mean.map((s, k) => s / counts[k]);
    expect(m[0]).toBeLessThan(m[1]);
    expect(m[1]).toBeLessThan(m[2]);
  });

  it('random-segment: the mask is exactly the bright object; one image in ten is empty', () => {
    const ds = generateDataset('random-segment', { count: 50, size: 24, seed: 3 });
    const px = 24 * 24;
    let empty = 0;
    let agree = 0;
    for (let i = 0; i < ds.count; i++) {
      let n = 0;
      for (let k = 0; k < px; k++) {
        const m = ds.masks![i * px + k];
        n += m;
        // Object >= 0.65 * 255 = 166 and background 0.15 * 255 = 38, noise sd 0.05 * 255 = 13.
        if ((ds.images[i * px + k] > 100 ? 1 : 0) === m) agree++;
      }
      expect(ds.labels[i]).toBe(n > 0 ? 1 : 0);
      if (n === 0) empty++;
    }
    expect(empty).toBe(5);
    expect(agree).toBe(50 * px);
  });
});
