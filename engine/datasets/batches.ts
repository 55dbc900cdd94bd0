import { copyScaled, DEFAULT_AUGMENT, IDENTITY, photometric, randomMap, randomPhotometric, reflect, sampleBilinear, sampleNearest, type AugmentOptions, type PhotometricChange, type SampleMap } from './augment';
import type { MaskMode } from './generate/options';
import { createRng, type Rng } from './rng';
import type { Dataset } from './types';

/**
 * Batches for training and evaluation as plain typed arrays (the training loop turns them into tensors):
 * a seeded shuffled order per epoch, and makeBatch, which converts uint8 images to float32 NHWC in [0, 1],
 * labels to one-hot rows or masks to per-pixel targets, applying random augmentation when asked (training
 * only) identically to an image and its mask.
 *
 * makeBatch is planBatch (choose the images, draw every random change, in order) then renderBatch (make the
 * floats). The two halves are apart so that data-parallel training can render each replica's shard on that
 * replica (engine/parallel): the random draws stay in one stream on one thread, and the rendering, most of
 * a batch's cost, is shared out. renderImage is the one place an image and its targets are made.
 */

// Where callers have always found the augmentation options (engine/datasets/augment.ts holds them).
export { DEFAULT_AUGMENT, type AugmentOptions } from './augment';

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

/**
 * `n` floats from `holder[key]` (grown when too small) or new ones without a holder. Reused floats keep their
 * old values: renderImage writes every value of an image and its targets.
 */
function batchArray(holder: BatchArrays | undefined, key: keyof BatchArrays, n: number): Float32Array {
  if (!holder) return new Float32Array(n);
  const kept = holder[key];
  if (!kept || kept.length < n) return (holder[key] = new Float32Array(n)).subarray(0, n);
  return kept.subarray(0, n);
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

/** How every image of a batch becomes floats: its size, and the kind of targets. */
export interface RenderSpec {
  height: number;
  width: number;
  channels: number;
  segmentation: boolean;
  /** Segmentation targets: one channel (mask > 0) rather than one-hot over `yChannels` mask classes. */
  binary: boolean;
  /** Columns of y per image (classification) or channels per pixel (segmentation). */
  yChannels: number;
  /** Resample images nearest rather than bilinear (masks are always nearest). */
  nearest: boolean;
}

/** One image's drawn changes: the geometric map, and the photometric change (null: none). */
export interface ImagePlan {
  map: SampleMap;
  photometric: PhotometricChange | null;
}

const UNCHANGED: ImagePlan = { map: IDENTITY, photometric: null };

/**
 * A batch whose images are chosen and whose random changes are drawn, but whose x and y are filled only by
 * renderBatch (or, for a helper replica's shard, on that replica from the same source bytes and plans).
 */
export interface PlannedBatch extends Batch {
  source: Dataset;
  indices: readonly number[];
  spec: RenderSpec;
  /** Per image, in batch order. */
  plans: readonly ImagePlan[];
}

/**
 * Plans one batch from dataset images `indices` (see makeBatch): checks them, draws every image's changes
 * from `options.rng` in makeBatch's order, and takes x and y from `options.into` (or new arrays), unfilled.
 */
export function planBatch(ds: Dataset, indices: readonly number[], options: BatchOptions = {}): PlannedBatch {
  const kind = options.kind ?? ds.kind;
  const aug: AugmentOptions | null = options.augment === true ? DEFAULT_AUGMENT : options.augment || null;
  if (aug && !options.rng) throw new Error('makeBatch: augmentation needs an rng (createRng(seed)).');
  const { width, height, channels } = ds;
  const segmentation = kind === 'segmentation';
  if (segmentation && !ds.masks) throw new Error(`Dataset "${ds.taskId}" has no masks to segment.`);
  const binary = segmentation && (options.maskMode ?? 'binary') === 'binary';
  const yChannels = binary ? 1 : options.numClasses ?? ds.classes.length;
  const plans = indices.map((idx): ImagePlan => {
    if (!(idx >= 0 && idx < ds.count)) throw new Error(`Image index ${idx} is outside 0..${ds.count - 1}.`);
    if (!aug) return UNCHANGED;
    const rng = options.rng as Rng;
    const map = randomMap(aug, rng, width, height);
    return { map, photometric: randomPhotometric(aug, rng) };
  });
  const B = indices.length;
  const pixels = width * height;
  const spec: RenderSpec = { height, width, channels, segmentation, binary, yChannels, nearest: aug?.interpolation === 'nearest' };
  return {
    x: batchArray(options.into, 'x', B * pixels * channels),
    y: batchArray(options.into, 'y', segmentation ? B * pixels * yChannels : B * yChannels),
    batchSize: B,
    height,
    width,
    channels,
    yChannels,
    source: ds,
    indices,
    spec,
    plans,
  };
}

/** Source bytes of one image, and of its mask (0 without masks): the strides of a Dataset's images and masks. */
export function sourceBytes(spec: RenderSpec): { imageBytes: number; maskBytes: number } {
  const pixels = spec.height * spec.width;
  return { imageBytes: pixels * spec.channels, maskBytes: spec.segmentation ? pixels : 0 };
}

/** Makes images [from, to) of a planned batch into its x and y. */
export function renderBatch(batch: PlannedBatch, from = 0, to = batch.batchSize): void {
  const { source: ds, spec } = batch;
  const { imageBytes, maskBytes } = sourceBytes(spec);
  for (let b = from; b < to; b++) {
    const idx = batch.indices[b];
    renderImage(spec, batch.plans[b], { images: ds.images, at: idx * imageBytes, masks: ds.masks, maskAt: idx * maskBytes, label: ds.labels[idx] }, b, batch.x, batch.y);
  }
}

/** Where one image's source is: its bytes from `at` (NHWC), its mask's from `maskAt` (segmentation), its label. */
export interface ImageSource {
  images: Uint8Array;
  at: number;
  masks?: Uint8Array;
  maskAt: number;
  label: number;
}

/**
 * Makes one image and its targets: image `b` of x and y (every value written) from its source through its
 * plan; the mask goes through the very same map, sampled nearest.
 */
export function renderImage(spec: RenderSpec, plan: ImagePlan, source: ImageSource, b: number, x: Float32Array, y: Float32Array): void {
  const { width: w, height: h, channels: ch, yChannels: K } = spec;
  const m = plan.map;
  const pixels = w * h;
  const out = b * pixels * ch;
  if (m.identity) copyScaled(source.images, source.at, x, out, pixels * ch);
  else if (spec.nearest) sampleNearest(source.images, source.at, x, out, m, w, h, ch);
  else sampleBilinear(source.images, source.at, x, out, m, w, h, ch);
  if (plan.photometric) photometric(x, out, pixels * ch, plan.photometric);
  if (!spec.segmentation) {
    y.fill(0, b * K, (b + 1) * K);
    if (source.label >= 0 && source.label < K) y[b * K + source.label] = 1;
    return;
  }
  const masks = source.masks as Uint8Array;
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  if (!spec.binary) y.fill(0, b * pixels * K, (b + 1) * pixels * K);
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      let p = source.maskAt + oy * w + ox;
      if (!m.identity) {
        const sx = m.a * (ox - cx) + m.b * (oy - cy) + cx + m.tx;
        const sy = m.c * (ox - cx) + m.d * (oy - cy) + cy + m.ty;
        p = source.maskAt + reflect(Math.round(sx), w) + reflect(Math.round(sy), h) * w;
      }
      const label = masks[p];
      const q = (b * pixels + oy * w + ox) * K;
      if (spec.binary) y[q] = label > 0 ? 1 : 0;
      else if (label < K) y[q + label] = 1;
    }
  }
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
  const planned = planBatch(ds, indices, options);
  renderBatch(planned);
  const { x, y, batchSize, height, width, channels, yChannels } = planned;
  return { x, y, batchSize, height, width, channels, yChannels };
}
