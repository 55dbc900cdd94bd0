import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { depthwiseFilterGradInto, depthwiseInputGradInto } from '@/engine/kernels/depthwiseGrad';
import { relativeError, runOn, setUpBackends, values } from './parity';

describe('depthwise gradients by hand', () => {
  // x 1x2x2x1 = [[1, 2], [3, 4]], 'valid' 1x1 filter with multiplier 2: y[.., j] = w[j] * x.
  const info = tf.backend_util.computeConv2DInfo([1, 2, 2, 1], [1, 1, 1, 2], 1, 1, 'valid', undefined, true);
  const dy = new Float32Array([1, 10, 1, 10, 1, 10, 1, 10]);

  it('filter gradient: dW[j] = sum x * dy[.., j] = (1+2+3+4) * [1, 10]', () => {
    const dw = new Float32Array(2);
    depthwiseFilterGradInto(dw, new Float32Array([1, 2, 3, 4]), dy, info);
    expect(Array.from(dw)).toEqual([10, 100]);
  });

  it('input gradient: dx = w[0] dy[.., 0] + w[1] dy[.., 1] = 2*1 + 3*10 at every pixel', () => {
    const dx = new Float32Array(4);
    depthwiseInputGradInto(dx, dy, new Float32Array([2, 3]), info);
    expect(Array.from(dx)).toEqual([32, 32, 32, 32]);
  });
});

describe('wasm depthwise convolution gradients (registered: stock tfjs 4.22 has none)', () => {
  beforeAll(setUpBackends);

  // [batch, height, width, channels, multiplier, kernel, stride, padding]
  it.each([
    [2, 8, 8, 3, 1, 3, 1, 'same'],
    [1, 8, 8, 4, 2, 3, 2, 'same'], // TensorFlow's uneven border: the odd pixel after
    [2, 7, 9, 2, 3, 3, 2, 'valid'],
    [1, 6, 6, 5, 1, 5, 1, 'same'],
    [3, 5, 5, 1, 2, 2, 1, 'valid'],
    [1, 9, 9, 2, 1, 3, 3, 'same'],
  ] as const)('b%i %ix%i c%i m%i k%i s%i %s: dx and dW match cpu', async (b, h, w, c, m, k, s, pad) => {
    const run = () => {
      const x = tf.tensor4d(values(b * h * w * c, 5), [b, h, w, c]);
      const filter = tf.tensor4d(values(k * k * c * m, 9), [k, k, c, m]);
      const loss = (xt: tf.Tensor, ft: tf.Tensor) => {
        const y = tf.depthwiseConv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, s, pad);
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 13), y.shape)));
      };
      return tf.grads(loss)([x, filter]);
    };
    const got = await runOn('wasm', run);
    const want = await runOn('cpu', run);
    expect(relativeError(got[0], want[0])).toBeLessThan(1e-5);
    expect(relativeError(got[1], want[1])).toBeLessThan(1e-5);
    expect(got[1].some((v) => v !== 0)).toBe(true);
  });

  it('a SeparableConv2D layer trains on wasm: one fit step changes both kernels', async () => {
    await tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.separableConv2d({ inputShape: [8, 8, 2], filters: 3, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'valid', activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const before = model.getWeights().map((t) => t.dataSync().slice());
    const x = tf.tensor4d(values(4 * 8 * 8 * 2, 3), [4, 8, 8, 2]);
    const y = tf.tensor2d(values(4 * 3, 7), [4, 3]);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const after = model.getWeights().map((t) => t.dataSync());
    // depthwise kernel, pointwise kernel, bias of the separable layer; kernel and bias of the depthwise one.
    expect(after.map((a, i) => relativeError(a as Float32Array, before[i] as Float32Array) > 0)).toEqual([true, true, true, true, true]);
    tf.dispose([x, y]);
    model.dispose();
    await tf.setBackend('cpu');
  });
});
