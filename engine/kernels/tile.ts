/**
 * Tile for the wasm backend. The stock kernel computes every output element's source index in
 * JavaScript; BatchNormalization's gradient tiles its per-channel statistics ([1,1,1,C]) back over a
 * whole feature map every step, and that one Tile took 100 ms of a 200 ms First CNN step. Here the
 * output is built from contiguous runs: each input row is copied once and every repetition is made by
 * doubling copies (copyWithin, a memmove), so the work is a few memory passes over the output.
 * Other dtypes than float32 and int32, and empty tensors, go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Fills `out[at, at + length * times)` with `times` copies of `out[at, at + length)`, doubling each pass. */
function repeatBlock(out: Float32Array | Int32Array, at: number, length: number, times: number): void {
  let filled = length;
  const total = length * times;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    out.copyWithin(at + filled, at, at + n);
    filled += n;
  }
}

/**
 * Tiles `x` (shape `shape`) `reps` times along each axis into `out` (row-major, both flat).
 * Example: x = [1, 2] (shape [2]), reps [3] -> [1, 2, 1, 2, 1, 2].
 */
export function tileInto(x: Float32Array | Int32Array, shape: readonly number[], reps: readonly number[], out: Float32Array | Int32Array): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0];
    return;
  }
  const inStride = new Array<number>(rank);
  const outStride = new Array<number>(rank);
  inStride[rank - 1] = 1;
  outStride[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) {
    inStride[d] = inStride[d + 1] * shape[d + 1];
    outStride[d] = outStride[d + 1] * shape[d + 1] * reps[d + 1];
  }
  const fill = (outAt: number, inAt: number, d: number): void => {
    if (d === rank - 1) out.set(x.subarray(inAt, inAt + shape[d]), outAt);
    else for (let i = 0; i < shape[d]; i++) fill(outAt + i * outStride[d], inAt + i * inStride[d], d + 1);
    repeatBlock(out, outAt, shape[d] * outStride[d], reps[d]);
  };
  fill(0, 0, 0);
}

/** A Tile config for 'wasm'; delegates other dtypes and empty tensors to `stock`. */
export function tileWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'Tile',
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => {
      const backend = args.backend as BackendWasm;
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { reps } = args.attrs as unknown as { reps: number[] };
      if ((x.dtype !== 'float32' && x.dtype !== 'int32') || tf.util.sizeFromShape(x.shape) === 0 || reps.length !== x.shape.length) {
        return stock.kernelFunc(args);
      }
      const outShape = x.shape.map((s, i) => s * reps[i]);
      const out = backend.makeOutput(outShape, x.dtype);
      if (tf.util.sizeFromShape(outShape) === 0) return out;
      // Views only after the output is allocated: growing the heap detaches older views.
      const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array | Int32Array;
      tileInto(view(x), x.shape, reps, view(out));
      return out;
    },
  };
}
