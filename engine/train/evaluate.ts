/**
 * Metrics over a pass and evaluation of a split: confusion matrix and report for classification, Dice and
 * pixel accuracy for segmentation (engine/metrics), mean loss, and a few sample predictions for galleries.
 */
import * as tf from '@tensorflow/tfjs';
import type { CompiledGraph } from '../compile';
import { batchIndices, makeBatch, type Batch } from '../datasets/batches';
import type { MaskMode } from '../datasets/generate/options';
import type { Dataset } from '../datasets/types';
import { classificationReport, ConfusionAccumulator, DiceAccumulator, predictedMask } from '../metrics';
import type { EvalResult, PassMetrics, SamplePrediction } from './events';
import { batchTensors } from './data';
import { predictWithLogits } from './step';

/** What evaluating needs to know about a run. */
export interface EvalContext {
  compiled: Pick<CompiledGraph, 'loss' | 'head' | 'logits'>;
  ds: Dataset;
  maskMode: MaskMode;
  batchSize: number;
  /** The training loss' class weights, so validation and training losses compare. */
  classWeights?: tf.Tensor1D;
}

/** Options of makeBatch for the run's head (targets: one-hot, or masks binary/one-hot). */
export function batchOptions(ctx: Pick<EvalContext, 'compiled' | 'maskMode'>) {
  return { maskMode: ctx.maskMode, numClasses: ctx.compiled.head.kind === 'classification' || ctx.maskMode === 'multiclass' ? ctx.compiled.head.classes : undefined };
}

/** Accumulates a pass' metrics from batches of targets and predicted probabilities. */
export class PassAccumulator {
  private readonly confusion?: ConfusionAccumulator;
  private readonly dice?: DiceAccumulator;
  private correct = 0;
  private pixels = 0;

  constructor(private readonly head: CompiledGraph['head']) {
    if (head.kind === 'classification') this.confusion = new ConfusionAccumulator(head.classes);
    else this.dice = new DiceAccumulator({ mode: head.classes === 1 ? 'binary' : 'multiclass', numClasses: Math.max(2, head.classes) });
  }

  /** True class index per image, or per pixel of each image, from a batch's targets. */
  truth(batch: Batch): Uint8Array | Int32Array {
    if (this.head.kind === 'classification') return Int32Array.from(predictedMask(batch.y, batch.yChannels));
    return predictedMask(batch.y, batch.yChannels);
  }

  /** Adds a batch: its targets and the model's probabilities for it (same layout as the targets). */
  update(batch: Batch, probs: Float32Array): void {
    const truth = this.truth(batch);
    if (this.confusion) {
      this.confusion.updateFromProbabilities(truth, probs);
      return;
    }
    (this.dice as DiceAccumulator).update(truth, probs, batch.batchSize);
    const pred = predictedMask(probs, batch.yChannels);
    for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) this.correct++;
    this.pixels += pred.length;
  }

  result(): PassMetrics {
    if (this.confusion) {
      const confusion = this.confusion.result();
      return { kind: 'classification', confusion, report: classificationReport(confusion) };
    }
    return { kind: 'segmentation', dice: (this.dice as DiceAccumulator).result(), pixelAccuracy: this.pixels ? this.correct / this.pixels : NaN };
  }
}

/** A gallery entry for image `b` of a batch. */
function sample(ctx: EvalContext, batch: Batch, index: number, b: number, probs: Float32Array, truth: Uint8Array | Int32Array): SamplePrediction {
  const { ds } = ctx;
  const size = ds.height * ds.width * ds.channels;
  const base: SamplePrediction = {
    index,
    id: ds.ids[index] ?? String(index),
    image: ds.images.slice(index * size, (index + 1) * size),
    width: ds.width,
    height: ds.height,
    channels: ds.channels,
  };
  const k = batch.yChannels;
  if (ctx.compiled.head.kind === 'classification') {
    const p = Array.from(probs.subarray(b * k, (b + 1) * k));
    const predicted = p.indexOf(Math.max(...p));
    return { ...base, trueClass: truth[b], predictedClass: predicted, confidence: p[predicted], probabilities: p };
  }
  const pixels = ds.height * ds.width;
  const trueMask = Uint8Array.from(truth.subarray(b * pixels, (b + 1) * pixels));
  const predictedMaskOut = predictedMask(probs.subarray(b * pixels * k, (b + 1) * pixels * k), k);
  let inter = 0;
  let t = 0;
  let p = 0;
  for (let i = 0; i < pixels; i++) {
    const tf1 = trueMask[i] > 0;
    const pf = predictedMaskOut[i] > 0;
    if (tf1) t++;
    if (pf) p++;
    if (tf1 && pf) inter++;
  }
  // Foreground Dice of this image; MONAI's empty rule: no foreground in the truth gives NaN.
  const dice = t === 0 ? NaN : (2 * inter) / (t + p);
  return { ...base, trueMask, predictedMask: predictedMaskOut, dice };
}

/**
 * Evaluates the model on dataset images `indices` (inference mode, no augmentation): mean loss per image,
 * metrics, and sample predictions for the images in `sampleIndices`. `shouldStop` is asked between
 * batches; when it says true the pass ends early and null comes back. Disposes everything it creates.
 */
export async function evaluate(
  ctx: EvalContext,
  indices: readonly number[],
  sampleIndices: readonly number[] = [],
  shouldStop: () => Promise<boolean> | boolean = () => false,
): Promise<EvalResult | null> {
  const acc = new PassAccumulator(ctx.compiled.head);
  const wanted = new Set(sampleIndices);
  const samples: SamplePrediction[] = [];
  const segmentation = ctx.compiled.head.kind === 'segmentation';
  let lossSum = 0;
  for (const part of batchIndices(indices, ctx.batchSize)) {
    if (await shouldStop()) return null;
    const batch = makeBatch(ctx.ds, part, batchOptions(ctx));
    const { x, y } = batchTensors(batch, segmentation);
    const { logits, probs: pred } = predictWithLogits(ctx.compiled, x);
    const loss = tf.tidy(() => ctx.compiled.loss(y, logits, ctx.classWeights));
    const [probs, lossValue] = await Promise.all([pred.data() as Promise<Float32Array>, loss.data()]);
    tf.dispose([x, y, logits, pred, loss]);
    lossSum += lossValue[0] * part.length;
    acc.update(batch, probs);
    if (wanted.size) {
      const truth = acc.truth(batch);
      part.forEach((index, b) => {
        if (wanted.has(index)) samples.push(sample(ctx, batch, index, b, probs, truth));
      });
    }
  }
  samples.sort((a, b) => sampleIndices.indexOf(a.index) - sampleIndices.indexOf(b.index));
  return { loss: indices.length ? lossSum / indices.length : NaN, metrics: acc.result(), images: indices.length, samples };
}

/**
 * Up to `n` indices spread evenly over `indices` (first, last and between), for a gallery that shows the
 * same images every epoch. Example: pickSamples([10, 11, 12, 13, 14], 3) -> [10, 12, 14].
 */
export function pickSamples(indices: readonly number[], n: number): number[] {
  if (n <= 0 || indices.length === 0) return [];
  if (indices.length <= n) return [...indices];
  if (n === 1) return [indices[0]];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(indices[Math.round((i * (indices.length - 1)) / (n - 1))]);
  return out;
}
