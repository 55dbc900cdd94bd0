/**
 * Reading inputs and writing outputs of a kernel written in TypeScript, on the wasm heap (views, no
 * copy) or in the cpu backend's arrays. Lets one loop serve both backends.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapF32 } from './wasmCall';

/** The part of tfjs' cpu backend (MathBackendCPU) a TypeScript kernel needs. */
interface CpuBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/**
 * Runs `fill(out, ...inputs)` where `out` is a zero-filled float32 output of `shape` and the inputs are
 * float32 views of `inputs`; returns the output's TensorInfo.
 */
export function runTsKernel(
  backendName: 'wasm' | 'cpu',
  backend: object,
  shape: number[],
  inputs: tf.TensorInfo[],
  fill: (out: Float32Array, ...inputs: Float32Array[]) => void,
): tf.TensorInfo {
  for (const input of inputs) {
    if (input.dtype !== 'float32') throw new Error(`expected float32 input, got ${input.dtype}`);
  }
  if (backendName === 'wasm') {
    const wasm = backend as BackendWasm;
    const out = allocF32(wasm, shape);
    // Views only after the allocation: growing the heap detaches older views.
    const outView = heapF32(wasm, out);
    outView.fill(0);
    fill(outView, ...inputs.map((i) => heapF32(wasm, i)));
    return out;
  }
  const cpu = backend as CpuBackendLike;
  const out = new Float32Array(shape.reduce((p, q) => p * q, 1));
  fill(out, ...inputs.map((i) => cpu.readSync(i.dataId) as Float32Array));
  return cpu.makeTensorInfo(shape, 'float32', out);
}
