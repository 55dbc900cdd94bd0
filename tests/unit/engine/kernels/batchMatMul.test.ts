import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { relativeError, runOn, setUpBackends, values } from './parity';

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
    const av = values(as.reduce<number>((x, y) => x * y, 1), 3);
    const bv = values(bs.reduce<number>((x, y) => x * y, 1), 5);
    const run = () => tf.matMul(tf.tensor(av, [...as]), tf.tensor(bv, [...bs]), ta, tb);
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
  });

  it("a Dense layer's gradients on wasm match the cpu backend's", async () => {
    const xv = values(8 * 300, 7);
    const wv = values(300 * 12, 9);
    const run = () => {
      const [x, w] = [tf.tensor2d(xv, [8, 300]), tf.tensor2d(wv, [300, 12])];
      return tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.matMul(p, q)))))([x, w]);
    };
    const got = await runOn('wasm', run);
    const want = await runOn('cpu', run);
    got.forEach((g, i) => expect(relativeError(g, want[i])).toBeLessThan(1e-5));
  });
});
