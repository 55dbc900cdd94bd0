/**
 * The sum of a bank's gradient slots on the wasm heap (the SIMD row sum), for replicas training on wasm: the
 * same additions in the same order as ./shards.ts' sumSlots (slot 0, plus slot 1, plus slot 2...), so the
 * same bits on every replica, about ten times faster than the JavaScript loop (whose reads of shared memory
 * cost 0.5-0.6 ms a step for the First CNN's 133,000 gradients, on every replica and every step).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { SimdKernels } from '../kernels/simd/module';
import { allocF32, heapAddress, heapF32, type Info } from '../kernels/wasmCall';

/**
 * Copies the `workers` slots of `size` floats in `bank` to the heap and sums them into the first: returns
 * the heap tensor (`workers` x `size` floats; the caller releases it) whose first `size` floats are the sum.
 */
export function sumSlotsOnHeap(backend: BackendWasm, kernels: SimdKernels, bank: Float32Array, workers: number, size: number): Info {
  const slots = allocF32(backend, [workers * size]);
  heapF32(backend, slots).set(bank.subarray(0, workers * size));
  const base = heapAddress(backend, slots);
  const vectors = Math.floor(size / 4);
  for (let w = 1; w < workers; w++) kernels.sumRows(base + w * size * 4, base, 1, vectors);
  if (vectors * 4 < size) {
    const heap = heapF32(backend, slots);
    for (let w = 1; w < workers; w++) for (let i = vectors * 4; i < size; i++) heap[i] += heap[w * size + i];
  }
  return slots;
}
