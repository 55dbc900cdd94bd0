/**
 * Training augmentation, one image at a time: the random geometric map (flip, quarter turns, rotation, zoom,
 * shift) and photometric change (brightness, contrast) drawn from a seeded stream, and the sampling that
 * applies them to uint8 source pixels. engine/datasets/batches.ts draws a batch's changes in order and
 * applies them; data-parallel helpers apply their shard's (engine/parallel), so every function here is pure
 * given its drawn parameters.
 */
import type { Rng } from './rng';

/** Random augmentation ranges; anything left out is off. */
export interface AugmentOptions {
  /** Mirror left-right with probability 1/2. */
  flipHorizontal?: boolean;
  /** Mirror top-bottom with probability 1/2. */
  flipVertical?: boolean;
  /** Rotate by a random multiple of 90 degrees. */
  rotate90?: boolean;
  /** Rotate by a uniform random angle in [-deg, +deg]. */
  rotateDegrees?: number;
  /** Zoom factor range [min, max]: > 1 zooms in (a random crop), < 1 zooms out. */
  zoom?: readonly [number, number];
  /** Add a uniform random offset in [-b, +b] to every value (images in [0, 1]). */
  brightness?: number;
  /** Scale contrast about the image mean by a factor in [1 - c, 1 + c]. */
  contrast?: number;
  /** Image resampling: 'bilinear' (default) or 'nearest'. Masks are always sampled nearest. */
  interpolation?: 'bilinear' | 'nearest';
}

/** What `augment: true` means: mild changes that keep every bundled task's images plausible. */
export const DEFAULT_AUGMENT: Readonly<AugmentOptions> = {
  flipHorizontal: true,
  rotateDegrees: 15,
  zoom: [0.9, 1.1],
  brightness: 0.08,
  contrast: 0.1,
};

/** Output pixel -> source pixel, both with pixel centres at integers: src = m * (out - c) + c + t. */
export interface SampleMap {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
  identity: boolean;
}

export const IDENTITY: SampleMap = { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0, identity: true };

/** Exact cos/sin of k * 90 degrees, so flips and quarter turns permute pixels with no rounding at all. */
const QUARTER: readonly (readonly [number, number])[] = [[1, 0], [0, 1], [-1, 0], [0, -1]];

export function randomMap(aug: AugmentOptions, rng: Rng, width: number, height: number): SampleMap {
  const fx = aug.flipHorizontal && rng.bool() ? -1 : 1;
  const fy = aug.flipVertical && rng.bool() ? -1 : 1;
  const [qc, qs] = QUARTER[aug.rotate90 ? rng.int(4) : 0];
  const deg = aug.rotateDegrees ? rng.uniform(-aug.rotateDegrees, aug.rotateDegrees) : 0;
  const zoom = aug.zoom ? rng.uniform(aug.zoom[0], aug.zoom[1]) : 1;
  const th = (deg * Math.PI) / 180;
  const cos = deg === 0 ? qc : Math.cos(th) * qc - Math.sin(th) * qs;
  const sin = deg === 0 ? qs : Math.sin(th) * qc + Math.cos(th) * qs;
  // src = R * F * out / zoom: rotation after the flip; zooming in (zoom > 1) samples a smaller window.
  const a = (cos * fx) / zoom, b = (-sin * fy) / zoom, c = (sin * fx) / zoom, d = (cos * fy) / zoom;
  // A zoomed-in window may sit anywhere inside the image: shift by up to the margin it leaves.
  const margin = zoom > 1 ? 1 - 1 / zoom : 0;
  const tx = rng.uniform(-margin, margin) * (width / 2);
  const ty = rng.uniform(-margin, margin) * (height / 2);
  const identity = a === 1 && b === 0 && c === 0 && d === 1 && tx === 0 && ty === 0;
  return { a, b, c, d, tx, ty, identity };
}

/** Reflect an integer index into [0, n): ... 2 1 0 | 0 1 2 ... n-1 | n-1 n-2 ... (edge pixels repeated). */
export function reflect(i: number, n: number): number {
  const period = 2 * n;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - 1 - k;
}

/** v / 255 as float32 for every byte v: the same bits as dividing, without a division per value. */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** x[out + i] = images[src + i] / 255 for n values. */
export function copyScaled(images: Uint8Array, src: number, x: Float32Array, out: number, n: number): void {
  for (let i = 0; i < n; i++) x[out + i] = UNIT[images[src + i]];
}

/** One image through map m, nearest neighbour (reflecting at the border). */
export function sampleNearest(images: Uint8Array, src: number, x: Float32Array, out: number, m: SampleMap, w: number, h: number, ch: number): void {
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      const o = out + (oy * w + ox) * ch;
      const sx = m.a * (ox - cx) + m.b * (oy - cy) + cx + m.tx;
      const sy = m.c * (ox - cx) + m.d * (oy - cy) + cy + m.ty;
      const p = src + (reflect(Math.round(sx), w) + reflect(Math.round(sy), h) * w) * ch;
      for (let k = 0; k < ch; k++) x[o + k] = UNIT[images[p + k]];
    }
  }
}

/**
 * One image through map m, bilinear (reflecting at the border). The four neighbours' lookup skips reflect()
 * where they lie inside the image (most of them); the values are the same bits either way, and the time is
 * about the same (measured: within 5%).
 */
export function sampleBilinear(images: Uint8Array, src: number, x: Float32Array, out: number, m: SampleMap, w: number, h: number, ch: number): void {
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  const { a, b, c, d, tx, ty } = m;
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      const o = out + (oy * w + ox) * ch;
      const sx = a * (ox - cx) + b * (oy - cy) + cx + tx;
      const sy = c * (ox - cx) + d * (oy - cy) + cy + ty;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const inside = x0 >= 0 && x0 + 1 < w && y0 >= 0 && y0 + 1 < h;
      const xa = inside ? x0 : reflect(x0, w);
      const xb = inside ? x0 + 1 : reflect(x0 + 1, w);
      const ya = (inside ? y0 : reflect(y0, h)) * w;
      const yb = (inside ? y0 + 1 : reflect(y0 + 1, h)) * w;
      const p00 = src + (ya + xa) * ch, p01 = src + (ya + xb) * ch, p10 = src + (yb + xa) * ch, p11 = src + (yb + xb) * ch;
      for (let k = 0; k < ch; k++) {
        const v00 = images[p00 + k], v01 = images[p01 + k];
        const v10 = images[p10 + k], v11 = images[p11 + k];
        x[o + k] = ((v00 + (v01 - v00) * fx) * (1 - fy) + (v10 + (v11 - v10) * fx) * fy) / 255;
      }
    }
  }
}

/** One image's photometric change: a brightness offset and a contrast factor about its mean. */
export interface PhotometricChange {
  shift: number;
  factor: number;
}

/** Draws an image's photometric change (after its map), or null when brightness and contrast are off. */
export function randomPhotometric(aug: AugmentOptions, rng: Rng): PhotometricChange | null {
  if (!aug.brightness && !aug.contrast) return null;
  const shift = aug.brightness ? rng.uniform(-aug.brightness, aug.brightness) : 0;
  const factor = aug.contrast ? rng.uniform(1 - aug.contrast, 1 + aug.contrast) : 1;
  return { shift, factor };
}

/** Applies a photometric change to the n values of x from start (one image), clamped to [0, 1]. */
export function photometric(x: Float32Array, start: number, n: number, { shift, factor }: PhotometricChange): void {
  let mean = 0;
  for (let i = start; i < start + n; i++) mean += x[i];
  mean /= n;
  for (let i = start; i < start + n; i++) {
    const v = (x[i] - mean) * factor + mean + shift;
    x[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
