/**
 * Dice on thresholded masks, per class and mean (DESIGN.md section 6), following MONAI's DiceMetric
 * with `ignore_empty=True`: an image whose ground truth lacks a class gets NaN for that class (whatever
 * was predicted), and NaN values are left out of every mean.
 *
 * Masks are class indices per pixel, 0 = background. Predictions are probabilities, NHWC flattened:
 * binary mode has one channel (sigmoid; foreground where p >= 0.5), multiclass mode one channel per
 * class (softmax; the argmax). Binary mode reports two classes, background and foreground.
 */
import { argmaxRows } from './confusion';
import { nanMean, ratio } from './ratio';

export type MaskMode = 'binary' | 'multiclass';

/**
 * Class index per pixel from probabilities: `p >= 0.5` when `channels` is 1, else the argmax over
 * channels (first on ties).
 */
export function predictedMask(probs: ArrayLike<number>, channels: number): Uint8Array {
  const pixels = Math.floor(probs.length / channels);
  const out = new Uint8Array(pixels);
  if (channels === 1) {
    for (let i = 0; i < pixels; i++) out[i] = probs[i] >= 0.5 ? 1 : 0;
    return out;
  }
  return argmaxRows(probs, channels, out);
}

/**
 * Dice 2|X and Y| / (|X| + |Y|) from counts. With `ignoreEmpty` (MONAI's default) an empty truth gives
 * NaN; without it, empty truth and prediction give 1 (and empty truth with a prediction gives 0).
 */
export function diceFromCounts(intersection: number, truthCount: number, predCount: number, ignoreEmpty = true): number {
  if (truthCount === 0 && ignoreEmpty) return NaN;
  if (truthCount + predCount === 0) return 1;
  return ratio(2 * intersection, truthCount + predCount);
}

/**
 * Dice of each class for one image: `truth` and `pred` are class indices of its pixels.
 * In binary mode any truth index > 0 counts as foreground (class 1).
 */
export function imageDice(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  numClasses: number,
  mode: MaskMode,
  ignoreEmpty = true,
): number[] {
  const inter = new Array<number>(numClasses).fill(0);
  const t = new Array<number>(numClasses).fill(0);
  const p = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < truth.length; i++) {
    const tc = mode === 'binary' ? (truth[i] > 0 ? 1 : 0) : truth[i];
    const pc = pred[i];
    if (!(tc >= 0 && tc < numClasses)) throw new Error(`mask class ${truth[i]} outside 0..${numClasses - 1} at pixel ${i}`);
    t[tc]++;
    p[pc]++;
    if (tc === pc) inter[tc]++;
  }
  return inter.map((n, c) => diceFromCounts(n, t[c], p[c], ignoreEmpty));
}

export interface DiceOptions {
  mode: MaskMode;
  /** Classes including background; binary mode: 2. */
  numClasses: number;
  /** Count background (class 0) in the mean. Default false: background Dice is near 1 and hides the rest. */
  includeBackground?: boolean;
  /** MONAI's ignore_empty (default true). */
  ignoreEmpty?: boolean;
}

export interface DiceResult {
  /** Mean over images of each class's Dice (NaN values left out; NaN when every image was NaN). */
  perClass: number[];
  /** Mean of `perClass` over the counted classes (NaN values left out). */
  mean: number;
  /** Images that contributed a (non-NaN) value to each class. */
  counted: number[];
}

/** Accumulates per-image Dice over batches. */
export class DiceAccumulator {
  private sums: number[];
  private counts: number[];
  readonly options: Required<DiceOptions>;

  constructor(options: DiceOptions) {
    if (options.mode === 'binary' && options.numClasses !== 2) throw new Error('binary masks have 2 classes');
    this.options = { includeBackground: false, ignoreEmpty: true, ...options };
    this.sums = new Array<number>(options.numClasses).fill(0);
    this.counts = new Array<number>(options.numClasses).fill(0);
  }

  /**
   * Adds a batch: `truth` is `batch x pixels` class indices, `probs` the model's output for the same
   * images, `batch x pixels x channels` (channels 1 in binary mode, numClasses in multiclass mode).
   */
  update(truth: ArrayLike<number>, probs: ArrayLike<number>, batch: number): void {
    const channels = this.options.mode === 'binary' ? 1 : this.options.numClasses;
    const pixels = truth.length / batch;
    if (!Number.isInteger(pixels) || probs.length !== truth.length * channels) {
      throw new Error(`expected ${batch} images of equal size with ${channels} channel(s) of probabilities`);
    }
    const pred = predictedMask(probs, channels);
    const view = (a: ArrayLike<number>, i: number) =>
      a instanceof Uint8Array || a instanceof Int32Array || a instanceof Float32Array
        ? a.subarray(i * pixels, (i + 1) * pixels)
        : Array.prototype.slice.call(a, i * pixels, (i + 1) * pixels);
    for (let i = 0; i < batch; i++) {
      const scores = imageDice(view(truth, i), view(pred, i), this.options.numClasses, this.options.mode, this.options.ignoreEmpty);
      scores.forEach((s, c) => {
        if (!Number.isNaN(s)) {
          this.sums[c] += s;
          this.counts[c]++;
        }
      });
    }
  }

  result(): DiceResult {
    const perClass = this.sums.map((s, c) => ratio(s, this.counts[c]));
    const counted = this.options.includeBackground ? perClass : perClass.slice(1);
    return { perClass, mean: nanMean(counted), counted: [...this.counts] };
  }

  reset(): void {
    this.sums.fill(0);
    this.counts.fill(0);
  }
}
