/**
 * Widening and narrowing the last axis on the wasm heap. Kernels that take channels in fours run on a copy
 * padded with zero channels, and the real channels are copied out afterwards (a convolution to 1 or 3
 * classes, its filter gradient).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, allocZerosF32, heapAddress, type Info } from '../wasmCall';
import type { SimdKernels } from './module';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A copy of `src` (last axis `narrow`) shaped `shape`, whose last axis is wider: the extra channels are 0. */
export function widenChannels(backend: BackendWasm, kernels: SimdKernels, src: Info, narrow: number, shape: number[]): Info {
  const wide = shape[shape.length - 1];
  const out = allocZerosF32(backend, shape);
  kernels.copyRows(heapAddress(backend, out), heapAddress(backend, src), size(shape) / wide, narrow * 4, wide * 4, narrow * 4);
  return out;
}

/** The first channels of `src` (last axis `wide`) as a new tensor shaped `shape`, whose last axis is narrower. */
export function narrowChannels(backend: BackendWasm, kernels: SimdKernels, src: Info, wide: number, shape: number[]): Info {
  const narrow = shape[shape.length - 1];
  const out = allocF32(backend, shape);
  kernels.copyRows(heapAddress(backend, out), heapAddress(backend, src), size(shape) / narrow, narrow * 4, narrow * 4, wide * 4);
  return out;
}
