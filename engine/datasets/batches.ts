import type { MaskMode } from './generate/options';
import { createRng, type Rng } from './rng';
import type { Dataset } from './types';

/**
 * Batches for training and evaluation as plain typed arrays (the training loop turns them into tensors):
 * a seeded shuffled order per epoch, and makeBatch, which converts uint8 images to float32 NHWC in [0, 1],
 * labels to one-hot rows or masks to per-pixel targets, applying random augmentation when asked (training
 * only) identically to an image and its mask.
 */

/** A seeded shuffle of `indices` for one epoch: a different order every epoch, the same on every run. */
export function epochOrder(indices: readonly number[], seed: number, epoch: number): number[] {
  return createRng(`epoch:${seed}:${epoch}`).shuffle([...indices]);
}

/** Cut an order into batches of batchSize; the last one is smaller unless dropLast. */
export function batchIndices(order: readonly number[], batchSize: number, dropLast = false): number[][] {
  if (!(batchSize >= 1)) throw new Error(`Batch size must be at least 1, got ${batchSize}.`);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) {
    const b = order.slice(i, i + batchSize);
    if (b.length === batchSize || !dropLast) out.push(b);
  }
  return out;
}

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

/** Options of makeBatch. */
export interface BatchOptions {
  /** false/undefined for validation and test; true for DEFAULT_AUGMENT; or explicit ranges. */
  augment?: boolean | AugmentOptions;
  /** Source of augmentation randomness; required when augment is on. */
  rng?: Rng;
  /** Defaults to the dataset's kind. */
  kind?: Dataset['kind'];
  /** Segmentation targets: 'binary' (one channel, mask > 0) or 'multiclass' (one-hot). Default 'binary'. */
  maskMode?: MaskMode;
  /** Classes (classification) or mask classes (multiclass segmentation); default ds.classes.length. */
  numClasses?: number;
  /**
   * Arrays to make the batch in instead of new ones (the batch's x and y are views on them): grown when too
   * small, kept for the next batch made in the same holder. The caller must be done with the last batch
   * made there. A training loop alternates two holders, so a step's batch costs no allocation: at batch
   * 32 of 64x64x3 images a new x was 1.5 MB of garbage a step, and collections stall training workers.
   */
  into?: BatchArrays;
}

/** Reusable batch memory for {@link BatchOptions.into}. */
export interface BatchArrays {
  x?: Float32Array;
  y?: Float32Array;
}

/** `n` floats from `holder[key]` (grown when too small) or new ones without a holder; zeroed when reused. */
function batchArray(holder: BatchArrays | undefined, key: keyof BatchArrays, n: number): Float32Array {
  if (!holder) return new Float32Array(n);
  const kept = holder[key];
  if (!kept || kept.length < n) return (holder[key] = new Float32Array(n)).subarray(0, n);
  return kept.subarray(0, n).fill(0);
}

/** One batch: x is B*H*W*C floats in [0, 1]; y is B*numClasses one-hot rows or B*H*W*K mask targets. */
export interface Batch {
  x: Float32Array;
  y: Float32Array;
  batchSize: number;
  height: number;
  width: number;
  channels: number;
  /** Columns of y per image (classification) or channels per pixel (segmentation). */
  yChannels: number;
}

/** Output pixel -> source pixel, both with pixel centres at integers: src = m * (out - c) + c + t. */
interface SampleMap {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
  identity: boolean;
}

const IDENTITY: SampleMap = { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0, identity: true };

/** Exact cos/sin of k * 90 degrees, so flips and quarter turns permute pixels with no rounding at all. */
const QUARTER: readonly (readonly [number, number])[] = [[1, 0], [0, 1], [-1, 0], [0, -1]];

function randomMap(aug: AugmentOptions, rng: Rng, width: number, height: number): SampleMap {
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
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - 1 - k;
}

/**
 * Make one batch from dataset images `indices`.
 *
 * Shapes: x [B, H, W, C] in [0, 1]; y classification [B, numClasses] one-hot; segmentation binary
 * [B, H, W, 1] (1 where mask > 0), multiclass [B, H, W, numClasses] one-hot. With augmentation, each image
 * gets its own random flip/rotation/zoom (applied to its mask with the very same map, sampled nearest) and
 * brightness/contrast (image only). Out-of-image samples reflect at the border.
 */
export function makeBatch(ds: Dataset, indices: readonly number[], options: BatchOptions = {}): Batch {
  const kind = options.kind ?? ds.kind;
  const aug: AugmentOptions | null = options.augment === true ? DEFAULT_AUGMENT : options.augment || null;
  if (aug && !options.rng) throw new Error('makeBatch: augmentation needs an rng (createRng(seed)).');
  const { width: w, height: h, channels: ch } = ds;
  const B = indices.length;
  const pixels = w * h;
  const segment = kind === 'segmentation';
  if (segment && !ds.masks) throw new Error(`Dataset "${ds.taskId}" has no masks to segment.`);
  const binary = segment && (options.maskMode ?? 'binary') === 'binary';
  const K = binary ? 1 : options.numClasses ?? ds.classes.length;
  const x = batchArray(options.into, 'x', B * pixels * ch);
  const y = batchArray(options.into, 'y', segment ? B * pixels * K : B * K);
  const nearest = aug?.interpolation === 'nearest';
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  for (let b = 0; b < B; b++) {
    const idx = indices[b];
    if (!(idx >= 0 && idx < ds.count)) throw new Error(`Image index ${idx} is outside 0..${ds.count - 1}.`);
    const m = aug ? randomMap(aug, options.rng as Rng, w, h) : IDENTITY;
    const src = idx * pixels * ch;
    const out = b * pixels * ch;
    if (m.identity) copyScaled(ds.images, src, x, out, pixels * ch);
    else if (nearest) sampleNearest(ds.images, src, x, out, m, w, h, ch);
    else sampleBilinear(ds.images, src, x, out, m, w, h, ch);
    if (aug && (aug.brightness || aug.contrast)) photometric(x, out, pixels * ch, aug, options.rng as Rng);
    if (segment) {
      const masks = ds.masks as Uint8Array;
      const msrc = idx * pixels;
      for (let oy = 0; oy < h; oy++) {
        for (let ox = 0; ox < w; ox++) {
          let p = msrc + oy * w + ox;
          if (!m.identity) {
            const sx = m.a * (ox - cx) + m.b * (oy - cy) + cx + m.tx;
            const sy = m.c * (ox - cx) + m.d * (oy - cy) + cy + m.ty;
            p = msrc + reflect(Math.round(sx), w) + reflect(Math.round(sy), h) * w;
          }
          const label = masks[p];
          const q = (b * pixels + oy * w + ox) * K;
          if (binary) y[q] = label > 0 ? 1 : 0;
          else if (label < K) y[q + label] = 1;
        }
      }
    } else {
      const label = ds.labels[idx];
      if (label >= 0 && label < K) y[b * K + label] = 1;
    }
  }
  return { x, y, batchSize: B, height: h, width: w, channels: ch, yChannels: K };
}

/** x[out + i] = images[src + i] / 255 for n values. */
function copyScaled(images: Uint8Array, src: number, x: Float32Array, out: number, n: number): void {
  for (let i = 0; i < n; i++) x[out + i] = images[src + i] / 255;
}

/** One image through map m, nearest neighbour (reflecting at the border). */
function sampleNearest(images: Uint8Array, src: number, x: Float32Array, out: number, m: SampleMap, w: number, h: number, ch: number): void {
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      const o = out + (oy * w + ox) * ch;
      const sx = m.a * (ox - cx) + m.b * (oy - cy) + cx + m.tx;
      const sy = m.c * (ox - cx) + m.d * (oy - cy) + cy + m.ty;
      const p = src + (reflect(Math.round(sx), w) + reflect(Math.round(sy), h) * w) * ch;
      for (let k = 0; k < ch; k++) x[o + k] = images[p + k] / 255;
    }
  }
}

/**
 * One image through map m, bilinear (reflecting at the border). The four neighbours' lookup skips reflect()
 * where they lie inside the image (most of them); the values are the same bits either way, and the time is
 * about the same (measured: within 5%).
 */
function sampleBilinear(images: Uint8Array, src: number, x: Float32Array, out: number, m: SampleMap, w: number, h: number, ch: number): void {
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

/** Random brightness offset and contrast about the image mean, clamped to [0, 1]. */
function photometric(x: Float32Array, start: number, n: number, aug: AugmentOptions, rng: Rng): void {
  const shift = aug.brightness ? rng.uniform(-aug.brightness, aug.brightness) : 0;
  const factor = aug.contrast ? rng.uniform(1 - aug.contrast, 1 + aug.contrast) : 1;
  let mean = 0;
  for (let i = start; i < start + n; i++) mean += x[i];
  mean /= n;
  for (let i = start; i < start + n; i++) {
    const v = (x[i] - mean) * factor + mean + shift;
    x[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
