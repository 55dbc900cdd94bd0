/** The slots' sum on the wasm heap gives the JavaScript loop's bits: same additions, same order. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '@/engine/kernels/simd/module';
import { heapF32, release } from '@/engine/kernels/wasmCall';
import { sumSlotsOnHeap } from '@/engine/parallel/heapSum';
import { sumSlots } from '@/engine/parallel/shards';

describe('sumSlotsOnHeap', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend('wasm');
  });

  it.each([
    [2, 8],
    [3, 13], // a tail of one value beyond the vectors of 4
    [4, 1027],
  ])('%i slots of %i floats: the same bits as sumSlots', (workers, size) => {
    const backend = tf.backend() as BackendWasm;
    const kernels = simdKernels(backend);
    expect(kernels).not.toBeNull();
    // Values over many magnitudes in shared memory, as the replicas write them, so rounding would show.
    const bank = new Float32Array(new SharedArrayBuffer(workers * size * 4 + 8), 0, workers * size);
    for (let i = 0; i < bank.length; i++) bank[i] = Math.sin(i * 12.9898) * 10 ** ((i % 7) - 3);
    const want = sumSlots(bank, workers, size, new Float32Array(size));
    const sums = sumSlotsOnHeap(backend, kernels!, bank, workers, size);
    const got = heapF32(backend, sums).slice(0, size);
    release(backend, sums);
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(got.some((v) => v !== bank[0])).toBe(true);
  });
});
