/**
 * BatchNormalization in training on wasm, as two kernels of a few SIMD passes each instead of tfjs' composed
 * ops. Under a gradient tape tfjs-layers takes the batch statistics with tf.moments and normalises with
 * tf.batchNorm, and their gradients are composed of element-wise ops with broadcasting (Sub, Multiply,
 * RealDiv, Mean, Sum, Tile...): about 25 passes over the activations per layer, half the training step of the
 * First CNN template on one core. Here:
 * - forward (`ConvasBatchNormTrain`): the per-channel mean (sumRows), the biased variance from the squared
 *   deviations (a second pass, as tf.moments), and y = (x - mean) scale + beta with scale = gamma / sqrt(var
 *   + eps) per channel. Outputs y, mean and variance (the layer keeps its moving averages from them, as
 *   tfjs-layers does).
 * - backward (`ConvasBatchNormGrad`): one pass for sum(dy) and sum(dy (x - mean)) per channel, then
 *   dx = a dy + b (x - mean) + c, the textbook batch-statistics gradient
 *   dx = gamma r / M (M dy - sum(dy) - xhat sum(dy xhat)) with r = 1 / sqrt(var + eps), M pixels per channel;
 *   d gamma = r sum(dy (x - mean)), d beta = sum(dy).
 * The channels are the last axis (any rank) and come in fours; engine/compile/fastBatchNorm.ts falls back to
 * the layer's own call otherwise.
 *
 * Inference (validation and test passes, feature maps) runs tfjs' FusedBatchNorm kernel with the moving
 * statistics; on wasm it is wrapped here to run the same SIMD normalise pass where the channels come in fours
 * (the stock kernel is a scalar loop).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, type SimdKernels } from './simd/module';
import { allocF32, allocZerosF32, heapAddress, heapF32, release, type Info } from './wasmCall';

export const BATCH_NORM_TRAIN_KERNEL = 'ConvasBatchNormTrain';
export const BATCH_NORM_GRAD_KERNEL = 'ConvasBatchNormGrad';

interface BatchNormAttrs {
  varianceEpsilon: number;
}

/** The backend, SIMD kernels and geometry of a batch-norm kernel call on `x` (channels last, in fours). */
function geometry(args: Parameters<tf.KernelFunc>[0], kernel: string, x: Info) {
  const backend = args.backend as BackendWasm;
  const simd = simdKernels(backend);
  if (!simd) throw new Error(`${kernel} needs the SIMD kernels (a single-threaded wasm build)`);
  const channels = x.shape[x.shape.length - 1];
  if (channels % 4 !== 0) throw new Error(`${kernel} takes channels in fours, not ${channels}`);
  const rows = tf.util.sizeFromShape(x.shape) / channels;
  return { backend, simd, channels, rows, c4: channels / 4, at: (t: Info) => heapAddress(backend, t) };
}

/** Mean and biased variance per channel, two passes (as tf.moments): each a float32 sum divided by the count. */
function moments(backend: BackendWasm, simd: SimdKernels, x: Info, channels: number, rows: number): [Info, Info] {
  const at = (t: Info) => heapAddress(backend, t);
  const mean = allocZerosF32(backend, [channels]);
  simd.sumRows(at(x), at(mean), rows, channels / 4);
  const m = heapF32(backend, mean);
  for (let c = 0; c < channels; c++) m[c] = m[c] / rows;
  const variance = allocZerosF32(backend, [channels]);
  simd.sumSquaredDeviation(at(x), at(mean), at(variance), rows, channels / 4);
  const v = heapF32(backend, variance);
  for (let c = 0; c < channels; c++) v[c] = v[c] / rows;
  return [mean, variance];
}

/**
 * y = (x - mean) gamma / sqrt(variance + epsilon) + offset per channel (gamma 1 where `scale` is null), one
 * SIMD pass: the training forward with the batch statistics, inference with the moving ones.
 */
function normalized(backend: BackendWasm, simd: SimdKernels, x: Info, mean: Info, variance: Info, scale: Info | null, offset: Info, epsilon: number): Info {
  const channels = x.shape[x.shape.length - 1];
  const factor = allocF32(backend, [channels]);
  const y = allocF32(backend, [...x.shape]);
  // Views after the last allocation (a heap growth detaches earlier ones).
  const [v, k] = [variance, factor].map((t) => heapF32(backend, t));
  const g = scale ? heapF32(backend, scale) : null;
  for (let c = 0; c < channels; c++) k[c] = (g ? g[c] : 1) / Math.sqrt(v[c] + epsilon);
  const at = (t: Info) => heapAddress(backend, t);
  simd.normalize(at(x), at(mean), at(factor), at(offset), at(y), tf.util.sizeFromShape(x.shape) / channels, channels / 4);
  release(backend, factor);
  return y;
}

/** `ConvasBatchNormTrain` for 'wasm': inputs x, scale (gamma), offset (beta); outputs [y, mean, variance]. */
export const batchNormTrainWasmConfig: tf.KernelConfig = {
  kernelName: BATCH_NORM_TRAIN_KERNEL,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const { x, scale, offset } = args.inputs as { x: Info; scale: Info; offset: Info };
    const { varianceEpsilon } = args.attrs as unknown as BatchNormAttrs;
    const { backend, simd, channels, rows } = geometry(args, BATCH_NORM_TRAIN_KERNEL, x);
    const [mean, variance] = moments(backend, simd, x, channels, rows);
    return [normalized(backend, simd, x, mean, variance, scale, offset, varianceEpsilon), mean, variance];
  },
};

/**
 * `ConvasBatchNormGrad` for 'wasm': inputs dy, x, scale (gamma), mean, variance (the forward's batch
 * statistics); outputs [dx, d scale, d offset].
 */
export const batchNormGradWasmConfig: tf.KernelConfig = {
  kernelName: BATCH_NORM_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const { dy, x, scale, mean, variance } = args.inputs as Record<'dy' | 'x' | 'scale' | 'mean' | 'variance', Info>;
    const { varianceEpsilon } = args.attrs as unknown as BatchNormAttrs;
    const { backend, simd, channels, rows, c4, at } = geometry(args, BATCH_NORM_GRAD_KERNEL, x);
    const sums = allocZerosF32(backend, [2 * channels]);
    simd.batchNormGradSums(at(dy), at(x), at(mean), at(sums), at(sums) + 4 * channels, rows, c4);
    const dx = allocF32(backend, [...x.shape]);
    const dScale = allocF32(backend, [channels]);
    const dOffset = allocF32(backend, [channels]);
    const coefficients = allocF32(backend, [3 * channels]);
    const [s, g, v, ds, db, k] = [sums, scale, variance, dScale, dOffset, coefficients].map((t) => heapF32(backend, t));
    for (let c = 0; c < channels; c++) {
      const r = 1 / Math.sqrt(v[c] + varianceEpsilon);
      const sumDy = s[c];
      const sumDyXhat = r * s[channels + c];
      ds[c] = sumDyXhat;
      db[c] = sumDy;
      const a = g[c] * r;
      const b = (-a * r * sumDyXhat) / rows;
      k[c] = a;
      k[channels + c] = b;
      k[2 * channels + c] = (-a * sumDy) / rows;
    }
    const base = at(coefficients);
    simd.batchNormGradInput(at(dy), at(x), at(mean), base, base + 4 * channels, base + 8 * channels, at(dx), rows, c4);
    release(backend, sums, coefficients);
    return [dx, dScale, dOffset];
  },
};

/**
 * The gradient of `ConvasBatchNormTrain` through y (mean and variance only feed the moving averages, which
 * no loss depends on). The three gradients come from one kernel call; the tape disposes what it does not use.
 */
export const batchNormTrainGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_TRAIN_KERNEL,
  inputsToSave: ['x', 'scale'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    const dy = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor;
    const [x, scale, mean, variance] = saved;
    const [dx, dScale, dOffset] = tf.engine().runKernel(BATCH_NORM_GRAD_KERNEL, { dy, x, scale, mean, variance }, attrs as tf.NamedAttrMap) as tf.Tensor[];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
};

/**
 * Wraps the stock wasm FusedBatchNorm (x, mean, variance, optional offset and scale; per-channel parameters
 * of the last axis): the SIMD normalise pass where every parameter holds one value per channel and the
 * channels come in fours; anything else (broadcast parameters, other dtypes, empty tensors) to the stock kernel.
 */
export function fusedBatchNormWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    ...stock,
    kernelFunc: (args) => {
      const { x, mean, variance, offset, scale } = args.inputs as Record<'x' | 'mean' | 'variance', Info> & Partial<Record<'offset' | 'scale', Info>>;
      const channels = x.shape[x.shape.length - 1];
      const perChannel = [mean, variance, offset, scale].every((t) => t === undefined || (t.dtype === 'float32' && tf.util.sizeFromShape(t.shape) === channels));
      const backend = args.backend as BackendWasm;
      const simd = simdKernels(backend);
      if (!simd || !perChannel || x.dtype !== 'float32' || channels % 4 !== 0 || tf.util.sizeFromShape(x.shape) === 0) return stock.kernelFunc(args);
      const { varianceEpsilon } = args.attrs as unknown as BatchNormAttrs;
      const shift = offset ?? allocZerosF32(backend, [channels]);
      const y = normalized(backend, simd, x, mean, variance, scale ?? null, shift, varianceEpsilon);
      if (!offset) release(backend, shift);
      return y;
    },
  };
}

let gradientRegistered = false;

/** Registers {@link batchNormTrainGradConfig} (gradients are per kernel name, for every backend). Idempotent. */
export function registerBatchNormTrainGradient(): void {
  if (gradientRegistered) return;
  tf.registerGradient(batchNormTrainGradConfig);
  gradientRegistered = true;
}

let enabled = true;

/** Turns the fused training batch norm off (or back on) for layers called from now on (A/B benchmarks, tests). */
export function setBatchNormFusion(on: boolean): void {
  enabled = on;
}

/** Whether {@link batchNormTrain} can run now on `channels` channels: wasm with Convas' SIMD kernels, channels in fours. */
export function batchNormTrainAvailable(channels: number): boolean {
  if (!enabled || channels % 4 !== 0 || tf.getBackend() !== 'wasm' || !gradientRegistered) return false;
  return (
    tf.getKernel(BATCH_NORM_TRAIN_KERNEL, 'wasm') !== undefined &&
    tf.getKernel(BATCH_NORM_GRAD_KERNEL, 'wasm') !== undefined &&
    simdKernels(tf.backend() as BackendWasm) !== null
  );
}

/**
 * Batch-statistics normalisation over every axis but the last, differentiable with respect to x, gamma and
 * beta: [y, mean, variance] with y = gamma (x - mean) / sqrt(variance + epsilon) + beta and the variance
 * biased (as tf.moments). Call only when {@link batchNormTrainAvailable}.
 */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): [tf.Tensor, tf.Tensor1D, tf.Tensor1D] {
  const attrs = { varianceEpsilon: epsilon } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(BATCH_NORM_TRAIN_KERNEL, { x, scale: gamma, offset: beta }, attrs) as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
}
