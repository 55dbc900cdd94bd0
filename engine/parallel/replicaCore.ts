/**
 * What every replica does in data-parallel training, the coordinator (replica 0) and each helper alike:
 * compute the gradient of its shard's mean loss, scaled by the shard's share of the batch, into its slot;
 * then sum all slots (same order everywhere, so the same bits everywhere) and apply that one update.
 *
 * Exactness: the losses are batch means (cross-entropy over images and pixels), so the sum over shards of
 * share x shard gradient is the batch gradient, and the update equals single-worker training up to float
 * rounding. Two documented deviations, as in PyTorch's DistributedDataParallel without SyncBatchNorm:
 * - BatchNormalization normalises with each shard's own statistics; the moving mean and variance are the
 *   share-weighted average of the replicas' (the moving mean then equals single-worker's exactly after a
 *   step; the moving variance misses the spread between shard means).
 * - A soft Dice term is a ratio of sums over a batch: each replica takes it over its own shard.
 * - Dropout masks come from each replica's own seeded stream (its slot: engine/compile/dropoutSeeds.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { headActivation, type CompiledGraph } from '../compile';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, type SimdKernels } from '../kernels/simd/module';
import { heapAddress, heapF32, release, valuesNow } from '../kernels/wasmCall';
import { sumSlotsOnHeap } from './heapSum';
import { applyAdam, usesFlatAdam } from '../train/flatAdam';
import type { SlotLayout } from './layout';
import { scaleInto, sumSlots } from './shards';

/** What a shard's step gives back: its mean loss, and its predictions when asked. */
export interface ShardResult {
  loss: number;
  predictions: Float32Array | null;
}

export class ReplicaCore {
  private readonly reduced: Float32Array;

  constructor(
    private readonly compiled: Pick<CompiledGraph, 'logits' | 'loss' | 'head' | 'inputShape'>,
    private readonly optimizer: tf.Optimizer,
    private readonly layout: SlotLayout,
    private readonly workers: number,
    private readonly classWeights?: tf.Tensor1D,
  ) {
    this.reduced = new Float32Array(layout.size);
  }

  /**
   * Trains-mode forward and backward pass on a shard (`x` `[n, H, W, C]`, `y` its targets, both flattened);
   * writes share x gradients and share x the updated non-trainable weights into `slot`. An empty shard
   * writes zeros (it adds nothing to the sum).
   */
  computeShard(x: Float32Array, y: Float32Array, n: number, scale: number, slot: Float32Array, keepPredictions: boolean): ShardResult {
    if (n === 0) {
      slot.fill(0);
      return { loss: 0, predictions: keepPredictions ? new Float32Array(0) : null };
    }
    const [h, w, c] = this.compiled.inputShape;
    const segmentation = this.compiled.head.kind === 'segmentation';
    const k = this.compiled.head.classes;
    let predictions: tf.Tensor | undefined;
    const vars = this.layout.trainable.map((t) => t.variable);
    const { value, grads } = tf.tidy(() => {
      const xs = tf.tensor4d(x, [n, h, w, c]);
      const ys = segmentation ? tf.tensor4d(y, [n, h, w, k]) : tf.tensor2d(y, [n, k]);
      return this.optimizer.computeGradients(() => {
        const logits = this.compiled.logits(xs, true);
        if (keepPredictions) predictions = tf.keep(headActivation(this.compiled.head, logits));
        return this.compiled.loss(ys, logits, this.classWeights);
      }, vars);
    });
    try {
      // Read in place (valuesNow: no copy on wasm), each used at once: a copy per variable per step was
      // only garbage, and garbage collections stall the replica that every other one waits for.
      for (const { variable, offset, size } of this.layout.trainable) {
        const g = grads[variable.name];
        if (!g) {
          slot.fill(0, offset, offset + size);
          continue;
        }
        const values = valuesNow(g);
        scaleInto(slot, offset, values, size, scale);
      }
      // BatchNormalization updated its moving statistics in the forward pass: they join the average.
      for (const { weight, offset, size } of this.layout.nonTrainable) {
        scaleInto(slot, offset, valuesNow(weight.read()), size, scale);
      }
      const loss = value.dataSync()[0];
      const probs = predictions ? (predictions.dataSync() as Float32Array).slice() : null;
      return { loss, predictions: probs };
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
      predictions?.dispose();
    }
  }

  /** Sums the slots of `bank` and applies them: the optimiser's update, then the averaged non-trainables. */
  reduceAndApply(bank: Float32Array): void {
    const backend = tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm) : null;
    const kernels = backend && usesFlatAdam(this.optimizer) ? simdKernels(backend) : null;
    if (backend && kernels) return this.reduceAndApplyOnHeap(backend, kernels, bank);
    const total = sumSlots(bank, this.workers, this.layout.size, this.reduced);
    if (usesFlatAdam(this.optimizer)) {
      // Straight from the summed slots (../train/flatAdam.ts): no gradient tensors, no per-variable ops.
      const { trainable } = this.layout;
      applyAdam(
        this.optimizer,
        trainable.map((t) => t.variable),
        trainable.map(({ offset, size }) => total.subarray(offset, offset + size)),
      );
    } else {
      const gradients: tf.NamedTensorMap = {};
      for (const { variable, offset, size } of this.layout.trainable) {
        gradients[variable.name] = tf.tensor(total.subarray(offset, offset + size), variable.shape, 'float32');
      }
      this.optimizer.applyGradients(gradients);
      tf.dispose(Object.values(gradients));
    }
    this.writeNonTrainable(total);
  }

  /** The same on the wasm heap: the slots summed by the SIMD kernel, Adam reading the sums in place. */
  private reduceAndApplyOnHeap(backend: BackendWasm, kernels: SimdKernels, bank: Float32Array): void {
    const sums = sumSlotsOnHeap(backend, kernels, bank, this.workers, this.layout.size);
    try {
      const base = heapAddress(backend, sums);
      const { trainable, nonTrainable } = this.layout;
      applyAdam(
        this.optimizer,
        trainable.map((t) => t.variable),
        trainable.map(({ offset }) => ({ heapAddress: base + offset * 4 })),
      );
      // Copied off the heap first (making each tensor allocates on the heap, which may move its buffer), and
      // only the statistics: they come after every gradient in the layout.
      if (nonTrainable.length) {
        const from = nonTrainable[0].offset;
        this.writeNonTrainable(heapF32(backend, sums).slice(from, this.layout.size), from);
      }
    } finally {
      release(backend, sums);
    }
  }

  /** BatchNormalization's moving statistics from the summed slots (`total`: the slot layout from float `from` on). */
  private writeNonTrainable(total: Float32Array, from = 0): void {
    for (const { weight, offset, size } of this.layout.nonTrainable) {
      const t = tf.tensor(total.subarray(offset - from, offset - from + size), weight.shape as number[], 'float32');
      weight.write(t);
      t.dispose();
    }
  }
}
