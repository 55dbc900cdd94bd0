/**
 * Mean's and Sum's gradients without a tensor of ones. tfjs 4.22 broadcasts dy back over x as
 * `dy x ones(x.shape)` (and divides by the count for Mean): `ones` fills a fresh JavaScript Float32Array of
 * x's size, which the backend then copies in, and the multiply is one more pass over it. For the reference
 * CNN's GlobalAveragePooling2D that is 2 MB a step on every replica: in a Chromium profile of 2-worker
 * training, `makeOnesTypedArray` and the copy were 4% of the samples, and the page faults of the fresh
 * buffers and their unmapping (the kernel interrupts every thread of the process to flush its address
 * translations) showed on both replicas' cores.
 *
 * Here dy is reshaped to x's rank with the reduced axes kept as 1 (Mean divides it by the count first, a
 * small tensor) and broadcast with `tf.broadcastTo` (the Tile kernel, engine/kernels/tile.ts on wasm):
 * the same value in every element, (dy x 1) / n = dy / n, so the same bits as tfjs' gradient.
 */
import * as tf from '@tensorflow/tfjs';

/** dy [out shape] as x's rank with the `axes` of x kept as 1, then broadcast over x's shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[] | undefined, scale: 'sum' | 'mean'): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis ?? x.shape.map((_, i) => i), x.shape);
  const kept = x.shape.slice();
  for (const a of axes) kept[a] = 1;
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  const expanded = tf.reshape(dy, kept);
  // tfjs' Mean gradient divides by the count as a float32 scalar: one rounding, the same here.
  const scaled = scale === 'mean' ? tf.div(expanded, count) : expanded;
  return tf.broadcastTo(scaled, x.shape);
}

/** The gradient config of a reduction over `axis` (its attrs' field; Mean and Sum both have one). */
function reductionGradConfig(kernelName: string, scale: 'sum' | 'mean'): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      return { x: () => broadcastBack(dy as tf.Tensor, x, (attrs as unknown as tf.MeanAttrs | tf.SumAttrs).axis, scale) };
    },
  };
}

/** Mean: d mean(x, axes) / dx = dy / count, broadcast over the reduced axes. */
export const meanGradConfig = reductionGradConfig(tf.Mean, 'mean');

/** Sum: d sum(x, axes) / dx = dy, broadcast over the reduced axes. */
export const sumGradConfig = reductionGradConfig(tf.Sum, 'sum');

let registered = false;

/** Replaces tfjs' Mean and Sum gradients with these on every backend. Idempotent. */
export function registerReductionGradients(): void {
  if (registered) return;
  tf.registerGradient(meanGradConfig);
  tf.registerGradient(sumGradConfig);
  registered = true;
}
