import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '@/engine/kernels/simd/module';
import { heapAddress } from '@/engine/kernels/wasmCall';
import { applyAdam, usesFlatAdam } from '@/engine/train/flatAdam';
import { setOptimizerLearningRate } from '@/engine/train/schedule';

/** Deterministic values in [-scale, scale). */
function values(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 31 - 1) * scale;
  }
  return out;
}

const SHAPES = [[3, 3, 2, 4], [4], [5, 3]] as const;

describe.each(['wasm', 'cpu'] as const)('applyAdam on %s', (backend) => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend(backend);
  });

  it("gives tfjs AdamOptimizer's weights bit for bit over steps and a learning-rate change", () => {
    const make = () => SHAPES.map((shape, i) => tf.variable(tf.tensor(values(shape.reduce<number>((a, b) => a * b, 1), 11 + i), [...shape])));
    const mine = make();
    const theirs = make();
    const flat = tf.train.adam(0.01, 0.9, 0.999);
    const stock = tf.train.adam(0.01, 0.9, 0.999);
    expect(usesFlatAdam(flat)).toBe(true);
    // On wasm the SIMD kernel updates the weights (15 values: three vectors and a three-value tail by loop).
    if (backend === 'wasm') expect(simdKernels(tf.backend() as BackendWasm)).not.toBeNull();
    for (let step = 0; step < 6; step++) {
      if (step === 3) {
        setOptimizerLearningRate(flat, 0.003);
        setOptimizerLearningRate(stock, 0.003);
      }
      // Gradients over several magnitudes, zeros included.
      const grads = mine.map((v, i) => values(v.size, 100 * step + i, 10 ** (i - 2)));
      grads[0].fill(0, 0, 3);
      // Odd steps pass the gradient tensors themselves (read in place on wasm), as the training step does;
      // on wasm, step 4 passes their heap addresses, as a data-parallel replica's summed slots.
      const given = step % 2 || (backend === 'wasm' && step === 4) ? mine.map((v, i) => tf.tensor(grads[i], v.shape)) : null;
      const addresses = given && step === 4 ? given.map((t) => ({ heapAddress: heapAddress(tf.backend() as BackendWasm, t) })) : null;
      applyAdam(flat, mine, addresses ?? given ?? grads);
      if (given) tf.dispose(given);
      const named: tf.NamedTensorMap = {};
      theirs.forEach((v, i) => (named[v.name] = tf.tensor(grads[i], v.shape)));
      stock.applyGradients(named as Parameters<tf.AdamOptimizer["applyGradients"]>[0]);
      tf.dispose(Object.values(named));
      mine.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(theirs[i].dataSync())));
    }
    // The update moved the weights (the comparison above is not between two untouched sets).
    expect(Array.from(mine[2].dataSync())).not.toEqual(Array.from(values(15, 13)));
    tf.dispose([...mine, ...theirs]);
    flat.dispose();
    stock.dispose();
  });

  it('leaves a variable without a gradient as it is and keeps the others on their own moments', () => {
    const vars = [tf.variable(tf.tensor([1, 2, 3])), tf.variable(tf.tensor([4, 5]))];
    const ref = tf.variable(tf.tensor([4, 5]));
    const flat = tf.train.adam(0.1);
    const stock = tf.train.adam(0.1);
    applyAdam(flat, vars, [null, [0.5, -0.25]]);
    stock.applyGradients({ [ref.name]: tf.tensor([0.5, -0.25]) } as Parameters<tf.AdamOptimizer["applyGradients"]>[0]);
    expect(Array.from(vars[0].dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(vars[1].dataSync())).toEqual(Array.from(ref.dataSync()));
    tf.dispose([...vars, ref]);
    flat.dispose();
    stock.dispose();
  });

  it('frees what it keeps (the moments, on the wasm heap) when the optimiser is disposed', () => {
    // Variables that own their data (the initial tensor disposed), so an update frees the old weights.
    const vars = SHAPES.map((shape, i) => {
      const init = tf.tensor(values(shape.reduce<number>((a, b) => a * b, 1), 3 + i), [...shape]);
      const v = tf.variable(init);
      init.dispose();
      return v;
    });
    const ids = () => tf.backend().numDataIds();
    const dropOnDispose = (optimizer: tf.Optimizer) => {
      const at = ids();
      optimizer.dispose();
      return at - ids();
    };
    // What an Adam optimiser frees of its own (its beta powers), untouched by applyAdam.
    const plainDrop = dropOnDispose(tf.train.adam(0.01));
    const flat = tf.train.adam(0.01);
    const before = ids();
    for (let step = 0; step < 3; step++) applyAdam(flat, vars, vars.map((v, i) => values(v.size, 7 * step + i)));
    // Each update replaces a weight tensor; the moments are kept, on wasm on the heap: one per variable.
    const kept = backend === 'wasm' ? SHAPES.length : 0;
    expect(ids()).toBe(before + kept);
    expect(dropOnDispose(flat)).toBe(plainDrop + kept);
    tf.dispose(vars);
  });

  it('is not used for SGD', () => {
    const sgd = tf.train.momentum(0.1, 0.9);
    expect(usesFlatAdam(sgd)).toBe(false);
    sgd.dispose();
  });
});
