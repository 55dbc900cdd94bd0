import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { meanGradConfig, sumGradConfig } from '@/engine/kernels/reductionGradients';
import { runOn, setUpBackends, values } from './parity';

/** tfjs 4.22's own gradient of a reduction: dy reshaped, times ones(x.shape), divided by the count for Mean. */
function stockGradient(x: tf.Tensor, dy: tf.Tensor, axes: number[], mean: boolean): tf.Tensor {
  const kept = x.shape.slice();
  const norm = axes.map((a) => (a < 0 ? a + x.rank : a));
  for (const a of norm) kept[a] = 1;
  const product = tf.mul(tf.reshape(dy, kept), tf.ones(x.shape, 'float32'));
  return mean ? tf.div(product, norm.reduce((n, a) => n * x.shape[a], 1)) : product;
}

describe("Mean's and Sum's gradients without a tensor of ones", () => {
  beforeAll(setUpBackends);

  it('are the ones registered for training', () => {
    expect(tf.getGradient('Mean')).toBe(meanGradConfig);
    expect(tf.getGradient('Sum')).toBe(sumGradConfig);
  });

  it("spread GlobalAveragePooling2D's dy evenly over each image's pixels: hand-computed", async () => {
    // 1 image, 2x2 pixels, 2 channels; d sum(3 x mean + 5 x mean') / dx = 3/4 in channel 0, 5/4 in channel 1.
    for (const backend of ['wasm', 'cpu'] as const) {
      const [g] = await runOn(backend, () => {
        const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(t, [1, 2]), tf.tensor2d([[3, 5]]))))(x);
      });
      expect(Array.from(g)).toEqual([0.75, 1.25, 0.75, 1.25, 0.75, 1.25, 0.75, 1.25]);
    }
  });

  it("give a Sum's dy to every summed element: hand-computed", async () => {
    // x [2,3] summed over axis 1; dy = (2, -1): every element of row 0 gets 2, of row 1 -1.
    const [g] = await runOn('wasm', () => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.sum(t, 1), tf.tensor1d([2, -1]))))(x);
    });
    expect(Array.from(g)).toEqual([2, 2, 2, -1, -1, -1]);
  });

  it.each([
    ['mean', [3, 4, 5, 8], [1, 2], false],
    ['mean', [3, 4, 5, 8], [1, 2], true],
    ['mean', [3, 4, 5, 6], [-3, -2], false],
    ['mean', [4, 7], [0], false],
    ['mean', [2, 3, 5], [0, 1, 2], false],
    ['sum', [3, 4, 5, 8], [1, 2], false],
    ['sum', [6, 7], [1], true],
    ['sum', [2, 3, 5], [0, 2], false],
  ] as ['mean' | 'sum', number[], number[], boolean][])('%s of %o over %o (keepDims %s): the same bits as tfjs\' gradient', async (op, shape, axes, keepDims) => {
    const size = shape.reduce((p, q) => p * q, 1);
    for (const backend of ['wasm', 'cpu'] as const) {
      const [got, want] = await runOn(backend, () => {
        const x = tf.tensor(values(size, 5), shape);
        const reduce = (t: tf.Tensor) => (op === 'mean' ? tf.mean(t, axes, keepDims) : tf.sum(t, axes, keepDims));
        const outShape = reduce(x).shape;
        const dy = tf.tensor(values(outShape.reduce((p, q) => p * q, 1), 11), outShape);
        const viaGradient = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(reduce(t), dy)))(x);
        return [viaGradient, stockGradient(x, dy, axes, op === 'mean')];
      });
      expect(got.length).toBe(size);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });
});
