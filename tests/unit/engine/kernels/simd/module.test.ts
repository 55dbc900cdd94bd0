import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, simdModuleBytes } from '@/engine/kernels/simd/module';
import { setUpBackends } from '../parity';

describe('SIMD kernel module', () => {
  beforeAll(setUpBackends);

  it('is valid WebAssembly', () => {
    expect(WebAssembly.validate(simdModuleBytes())).toBe(true);
  });

  it("binds to the wasm backend's memory in Node, so the parity tests exercise it", async () => {
    await tf.setBackend('wasm');
    const kernels = simdKernels(tf.backend() as BackendWasm);
    expect(kernels).not.toBeNull();
    expect(simdKernels(tf.backend() as BackendWasm)).toBe(kernels); // compiled once per backend
  });

  it('accumulates a 1x4 tile over pixels: dW[0][j] += x[p] * dy[p][j]', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const kernels = simdKernels(backend)!;
    // x: 3 pixels of 1 channel (1, 2, 3); dy: 3 pixels of 4 channels; dW starts at 100 each.
    const x = tf.tensor1d([1, 2, 3]);
    const dy = tf.tensor1d([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1]);
    const dw = tf.tensor1d([100, 100, 100, 100]);
    const addr = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
    // one image, one row of 3 columns; x advances 4 bytes per pixel, dy 16
    kernels.filterGrad[1][4](addr(x), addr(dy), addr(dw), 1, 1, 3, 12, 12, 4, 48, 48, 16, 16);
    expect(Array.from(await dw.data())).toEqual([101, 102, 103, 106]);
    tf.dispose([x, dy, dw]);
  });
});
