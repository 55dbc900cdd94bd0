import { describe, expect, it } from 'vitest';
import { galleryGrid, galleryIndices, imageRgba, MASK_COLOURS } from '../../../../engine/datasets/gallery';
import type { Dataset } from '../../../../engine/datasets/types';

// Four 2x1 grey images (labels 0, 1, 0, 2), masks marking the right pixel of image 1 as class 2.
const ds: Dataset = {
  taskId: 't', kind: 'segmentation', classes: ['bg', 'a', 'b'], height: 1, width: 2, channels: 1, count: 4,
  images: Uint8Array.from([0, 100, 200, 50, 7, 8, 9, 10]), labels: Int32Array.from([0, 1, 0, 2]),
  masks: Uint8Array.from([0, 0, 0, 2, 0, 0, 0, 0]), groups: ['a', 'b', 'c', 'd'], ids: ['0', '1', '2', '3'],
  source: 'test', credit: '',
};

describe('gallery', () => {
  it('picks the first images of each class, in order', () => {
    expect(galleryIndices(ds, 1)).toEqual([[0], [1], [3]]);
    expect(galleryIndices(ds, 5)).toEqual([[0, 2], [1], [3]]);
  });

  it('turns grey into RGBA and tints mask pixels by class', () => {
    const plain = imageRgba(ds, 1);
    expect([...plain.data]).toEqual([200, 200, 200, 255, 50, 50, 50, 255]);
    const over = imageRgba(ds, 1, true, 0.5);
    expect(MASK_COLOURS[2]).toEqual([40, 200, 255]);
    // 50 * 0.5 + colour * 0.5 = 45, 125, 152.5; Uint8ClampedArray rounds half to even -> 152.
    expect([...over.data.subarray(4)]).toEqual([45, 125, 152, 255]);
    expect([...over.data.subarray(0, 4)]).toEqual([200, 200, 200, 255]);
  });

  it('lays out a grid with white gaps', () => {
    const g = galleryGrid(ds, [[0, 2], [1]], false, 1);
    // 2 columns of width 2 plus a 1-pixel gap: 5 wide; 2 rows of height 1 plus a gap: 3 high.
    expect([g.width, g.height]).toEqual([5, 3]);
    expect(g.data[(0 * 5 + 3) * 4]).toBe(7); // row 0, column 1 starts at x = 3: image 2's first pixel
    expect(g.data[(1 * 5 + 0) * 4]).toBe(255); // the gap row
    expect(g.data[(2 * 5 + 1) * 4]).toBe(50); // row 1: image 1's second pixel
  });
});
