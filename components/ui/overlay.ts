/**
 * Pictures of sample predictions: the image as RGBA, optionally with a class mask tinted over it (the
 * dataset gallery's colours), ready for a canvas's ImageData. Pure, so it is tested in Node.
 */
import { MASK_COLOURS, type RgbaImage } from '@/engine/datasets/gallery';

/** The image bytes of a sample: H*W*C, 0..255, with its size. */
export interface SampleImage {
  image: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** The colour of mask class k (k >= 1) as CSS, for legends. */
export function maskColourCss(k: number): string {
  const [r, g, b] = MASK_COLOURS[k % MASK_COLOURS.length];
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The image as RGBA (gray repeated into R, G and B); pixels whose `mask` class is above 0 are blended with
 * that class's colour at `opacity`.
 *
 * @example sampleRgba({image: Uint8Array.of(100), width: 1, height: 1, channels: 1}, Uint8Array.of(1), 0.5).data
 *   // [178, 80, 70, 255]: (100 + 255) / 2, (100 + 60) / 2, (100 + 40) / 2
 */
export function sampleRgba(s: SampleImage, mask?: Uint8Array | null, opacity = 0.5): RgbaImage {
  const n = s.width * s.height;
  const data = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < 3; k++) data[p * 4 + k] = s.image[p * s.channels + (s.channels >= 3 ? k : 0)];
    data[p * 4 + 3] = 255;
    const m = mask ? mask[p] : 0;
    if (m > 0) {
      const c = MASK_COLOURS[m % MASK_COLOURS.length];
      for (let k = 0; k < 3; k++) data[p * 4 + k] = data[p * 4 + k] * (1 - opacity) + c[k] * opacity;
    }
  }
  return { width: s.width, height: s.height, data };
}

/** Pixels of each class > 0 in a mask, e.g. to say "empty mask" when none. */
export function maskPixels(mask: Uint8Array | null | undefined): number {
  if (!mask) return 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] > 0) n++;
  return n;
}
