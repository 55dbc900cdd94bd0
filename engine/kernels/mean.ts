/**
 * Mean for the wasm backend over the spatial axes of an NHWC map ([B,H,W,C] -> [B,C]): GlobalAveragePooling2D.
 * The stock kernel transposes the map first to bring the reduced axes last (a copy of the whole map);
 * this adds each image's pixel rows in place with the SIMD kernel, then divides. Other reductions, and
 * channels not in fours, go to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import { simdReductionConfig } from './sum';
import { allocZerosF32, heapAddress, heapF32 } from './wasmCall';

/** Whether `axes` of a rank-4 `shape` are exactly 1 and 2 (height and width), with channels in fours. */
export function reducesSpatialAxes(shape: readonly number[], axes: readonly number[]): boolean {
  if (shape.length !== 4 || shape[3] % 4 !== 0) return false;
  const sorted = [...new Set(axes.map((a) => (a < 0 ? a + 4 : a)))].sort((a, b) => a - b);
  return sorted.length === 2 && sorted[0] === 1 && sorted[1] === 2;
}

/** A Mean config for 'wasm' that handles the spatial mean and delegates the rest to `stock`. */
export function meanWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return simdReductionConfig(stock, reducesSpatialAxes, (backend, simd, x, keepDims) => {
    const [b, h, w, c] = x.shape;
    const out = allocZerosF32(backend, keepDims ? [b, 1, 1, c] : [b, c]);
    const xAddr = heapAddress(backend, x);
    const outAddr = heapAddress(backend, out);
    for (let i = 0; i < b; i++) simd.sumRows(xAddr + i * h * w * c * 4, outAddr + i * c * 4, h * w, c / 4);
    // As tfjs divides a float32 sum by the count: one rounding.
    const count = h * w;
    const view = heapF32(backend, out);
    for (let i = 0; i < view.length; i++) view[i] = view[i] / count;
    return out;
  });
}
