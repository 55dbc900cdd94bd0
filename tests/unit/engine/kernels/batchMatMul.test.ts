import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setConvSimd } from '@/engine/kernels/conv2d';
import { matMulSimd, setMatMulSimd } from '@/engine/kernels/matMulSimd';
import { relativeError, runOn, setUpBackends, values } from './parity';

/** op(A) op(B) of seeded values (A from seed 3, B from seed 5) stored in these shapes, as a run for runOn. */
function product(as: readonly number[], bs: readonly number[], transposeA = false, transposeB = false): () => tf.Tensor {
  const av = values(as.reduce<number>((x, y) => x * y, 1), 3);
  const bv = values(bs.reduce<number>((x, y) => x * y, 1), 5);
  return () => tf.matMul(tf.tensor(av, [...as]), tf.tensor(bv, [...bs]), transposeA, transposeB);
}

/** The gradients of sum(relu(x w)^2) for x [rows, 300] and w [300, 12] (a Dense layer's three products), as a run. */
function denseGradients(rows: number): () => tf.Tensor[] {
  const xv = values(rows * 300, 7);
  const wv = values(300 * 12, 9);
  return () => {
    const [x, w] = [tf.tensor2d(xv, [rows, 300]), tf.tensor2d(wv, [300, 12])];
    return tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.matMul(p, q)))))([x, w]);
  };
}

// The wrapper copies either the transposed operands (the first case below) or the plain operands and the
// product (the others, where that copies fewer values): both ways are checked.
describe('BatchMatMul with transposed operands (wasm)', () => {
  beforeAll(setUpBackends);

  it('multiplies by hand: [[1,2],[3,4]]^T [[5],[6]] = [[23],[34]], and [[1,2,3]] [[1,2,3],[4,5,6]]^T = [[14, 32]]', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    expect(Array.from(tf.matMul(a, tf.tensor2d([5, 6], [2, 1]), true, false).dataSync())).toEqual([23, 34]);
    expect(Array.from(tf.matMul(tf.tensor2d([1, 2, 3], [1, 3]), tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), false, true).dataSync())).toEqual([14, 32]);
  });

  it.each([
    // a shape, b shape (as stored), transposeA, transposeB
    [[16, 4096], [16, 32], true, false], // a Dense layer's weight gradient x^T dy
    [[16, 32], [4096, 32], false, true], // its input gradient dy W^T
    [[3, 5, 7], [3, 6, 5], true, true], // a batch of 3, both transposed, sides not multiples of the block
    [[2, 40, 33], [2, 40, 9], true, false],
    [[1, 5, 7], [3, 6, 7], false, true], // a batch of 1 broadcast against 3
  ] as const)('a %o b %o transposeA %s transposeB %s: as the cpu backend', async (as, bs, ta, tb) => {
    const run = product(as, bs, ta, tb);
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
  });

  it("a Dense layer's gradients on wasm match the cpu backend's", async () => {
    const run = denseGradients(8);
    const got = await runOn('wasm', run);
    const want = await runOn('cpu', run);
    got.forEach((g, i) => expect(relativeError(g, want[i])).toBeLessThan(1e-5));
  });
});

// A plain product (a Dense layer's forward pass) runs on the direct convolution where the engine runs it for
// convolutions (relaxed SIMD; 'always' makes Node, which has none, take that path with mul + add).
describe('BatchMatMul A B on the direct convolution (wasm)', () => {
  beforeAll(setUpBackends);

  const onDirectConv = async <T>(f: () => T): Promise<T> => {
    setConvSimd('always');
    try {
      return await f();
    } finally {
      setConvSimd('auto');
    }
  };

  it('multiplies by hand: [[1,2,3],[4,5,6]] [[1,0,2,1],[0,1,1,2],[1,1,0,3]] = [[4,5,4,14],[10,11,13,32]]', async () => {
    await tf.setBackend('wasm');
    await onDirectConv(() => {
      const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      const b = tf.tensor2d([1, 0, 2, 1, 0, 1, 1, 2, 1, 1, 0, 3], [3, 4]);
      const backend = tf.backend() as BackendWasm;
      // The path itself, called directly: it takes this product (N = 4) and gives the product.
      const out = matMulSimd(backend, a, b);
      expect(out?.shape).toEqual([2, 4]);
      expect(Array.from(backend.typedArrayFromHeap(out!) as Float32Array)).toEqual([4, 5, 4, 14, 10, 11, 13, 32]);
      backend.disposeData(out!.dataId);
      expect(Array.from(tf.matMul(a, b).dataSync())).toEqual([4, 5, 4, 14, 10, 11, 13, 32]);
      tf.dispose([a, b]);
    });
  });

  it('leaves what it does not take to the stock kernel: output channels not in fours, a batch of matrices, transposes, the switch off', async () => {
    await tf.setBackend('wasm');
    await onDirectConv(() => {
      const backend = tf.backend() as BackendWasm;
      const [a, b7, b8, a3, b3] = [tf.zeros([2, 3]), tf.zeros([3, 7]), tf.zeros([3, 8]), tf.zeros([3, 2, 3]), tf.zeros([3, 3, 8])];
      expect(matMulSimd(backend, a, b7)).toBeNull();
      expect(matMulSimd(backend, a3, b3)).toBeNull();
      setMatMulSimd(false);
      expect(matMulSimd(backend, a, b8)).toBeNull();
      setMatMulSimd(true);
      setConvSimd('off');
      expect(matMulSimd(backend, a, b8)).toBeNull();
      tf.dispose([a, b7, b8, a3, b3]);
    });
  });

  it.each([
    // a shape, b shape: the First CNN's Dense layer at batch 1 and 16, rows not in sixes, a batch axis of 1
    [[1, 4096], [4096, 32]],
    [[16, 4096], [4096, 32]],
    [[7, 33], [33, 12]],
    [[1, 5, 20], [20, 8]],
    [[5, 20], [1, 20, 4]],
    [[9, 10], [10, 7]], // N = 7: the stock kernel
  ] as const)('a %o b %o: as the cpu backend', async (as, bs) => {
    const run = product(as, bs);
    const [got] = await onDirectConv(() => runOn('wasm', run));
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(want.length);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
  });

  it('trains a Dense layer to the cpu backend\'s gradients through it', async () => {
    const run = denseGradients(16);
    const got = await onDirectConv(() => runOn('wasm', run));
    const want = await runOn('cpu', run);
    got.forEach((g, i) => expect(relativeError(g, want[i])).toBeLessThan(1e-5));
  });
});
