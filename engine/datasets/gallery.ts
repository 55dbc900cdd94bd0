import type { Dataset } from './types';

/** An RGBA picture (4 bytes per pixel, row-major), ready for ImageData in a browser or pngjs in Node. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Overlay colours per mask class (index 0, background, is never drawn). */
export const MASK_COLOURS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [255, 60, 40],
  [40, 200, 255],
  [255, 220, 0],
  [120, 255, 80],
  [230, 80, 255],
];

/**
 * The first `perClass` images of each class, in dataset order (generated datasets are already shuffled).
 * Returns one index list per class, in class order; a class with fewer images gives a shorter list.
 */
export function galleryIndices(ds: Dataset, perClass: number): number[][] {
  const rows = ds.classes.map((): number[] => []);
  for (let i = 0; i < ds.count; i++) {
    const row = rows[ds.labels[i]];
    if (row && row.length < perClass) row.push(i);
  }
  return rows;
}

/**
 * Image `index` as RGBA (grey images repeated into R, G, B). With `overlay`, mask pixels of class k > 0
 * are tinted with MASK_COLOURS[k] at the given opacity (default 0.45), so the tumour stays visible under it.
 */
export function imageRgba(ds: Dataset, index: number, overlay = false, opacity = 0.45): RgbaImage {
  const { width, height, channels } = ds;
  const n = width * height;
  const data = new Uint8ClampedArray(n * 4);
  const base = index * n * channels;
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < 3; k++) data[p * 4 + k] = ds.images[base + p * channels + (channels === 3 ? k : 0)];
    data[p * 4 + 3] = 255;
    const m = overlay && ds.masks ? ds.masks[index * n + p] : 0;
    if (m > 0) {
      const c = MASK_COLOURS[m % MASK_COLOURS.length];
      for (let k = 0; k < 3; k++) data[p * 4 + k] = data[p * 4 + k] * (1 - opacity) + c[k] * opacity;
    }
  }
  return { width, height, data };
}

/** A grid of images (rows of dataset indices), `gap` pixels of white between cells. */
export function galleryGrid(ds: Dataset, rows: readonly (readonly number[])[], overlay = false, gap = 2): RgbaImage {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const width = cols * (ds.width + gap) - gap;
  const height = rows.length * (ds.height + gap) - gap;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  rows.forEach((row, r) => {
    row.forEach((index, c) => {
      const img = imageRgba(ds, index, overlay);
      for (let y = 0; y < ds.height; y++) {
        const dst = ((r * (ds.height + gap) + y) * width + c * (ds.width + gap)) * 4;
        data.set(img.data.subarray(y * ds.width * 4, (y + 1) * ds.width * 4), dst);
      }
    });
  });
  return { width, height, data };
}
