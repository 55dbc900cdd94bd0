/**
 * Sum for the wasm backend: the bias gradient of every conv layer sums dy over all axes but the channels
 * ([B,H,W,C] -> [C]); the stock kernel transposes dy first to bring those axes last. This one adds rows
 * in place with the SIMD kernel when the kept (last) axis has a multiple of 4 floats, and leaves every
 * other reduction to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, type SimdKernels } from './simd/module';
import { allocZerosF32, heapAddress } from './wasmCall';

/** Whether summing `axes` of `shape` leaves only the last axis, with a multiple of 4 elements. */
export function sumsAllButLast(shape: readonly number[], axes: readonly number[]): boolean {
  const rank = shape.length;
  if (rank < 2 || shape[rank - 1] % 4 !== 0) return false;
  const sorted = [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  return sorted.length === rank - 1 && sorted.every((a, i) => a === i);
}

/**
 * A float32 reduction kernel for 'wasm' that runs `compute` on the SIMD kernels where `handles(shape, axes)`
 * (and the input is not empty), and delegates everything else to `stock`: Sum here, Mean in ./mean.ts.
 */
export function simdReductionConfig(
  stock: tf.KernelConfig,
  handles: (shape: readonly number[], axes: readonly number[]) => boolean,
  compute: (backend: BackendWasm, simd: SimdKernels, x: tf.TensorInfo, keepDims: boolean) => tf.TensorInfo,
): tf.KernelConfig {
  return {
    ...stock,
    // The stock kernel binds its wasm function in its setup (kept by the spread): keep that running.
    kernelFunc: (args) => {
      const backend = args.backend as BackendWasm;
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
      const axes = tf.util.parseAxisParam(axis, x.shape);
      const simd = simdKernels(backend);
      if (!simd || x.dtype !== 'float32' || tf.util.sizeFromShape(x.shape) === 0 || !handles(x.shape, axes)) {
        return stock.kernelFunc(args);
      }
      return compute(backend, simd, x, keepDims);
    },
  };
}

/** A Sum config for 'wasm' that handles the all-but-last reduction and delegates the rest to `stock`. */
export function sumWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return simdReductionConfig(stock, sumsAllButLast, (backend, simd, x, keepDims) => {
    const channels = x.shape[x.shape.length - 1];
    const outShape = keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels];
    const out = allocZerosF32(backend, outShape);
    const addr = (t: tf.TensorInfo) => heapAddress(backend, t);
    simd.sumRows(addr(x), addr(out), tf.util.sizeFromShape(x.shape) / channels, channels / 4);
    return out;
  });
}
