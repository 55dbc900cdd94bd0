import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { nearestSources, resizeNearestGradInto, upsamplesBy2 } from '@/engine/kernels/resizeNearestNeighborGrad';
import { runOn, setUpBackends, values } from './parity';

describe('nearestSources', () => {
  it.each([
    // inSize, outSize, alignCorners, halfPixelCenters -> source of each output index
    [2, 4, false, false, [0, 0, 1, 1]], // UpSampling2D x2
    [3, 6, false, true, [0, 0, 1, 1, 2, 2]], // (o + 0.5) / 2
    [3, 5, true, false, [0, 1, 1, 2, 2]], // round(o * 2/4): 0, 0.5->1 (Math.round), 1, 1.5->2, 2
    [4, 2, false, false, [0, 2]], // downsampling
  ] as const)('%i -> %i align %s half %s', (inSize, outSize, align, half, want) => {
    expect(Array.from(nearestSources(inSize, outSize, align, half))).toEqual(want);
  });
});

describe('upsamplesBy2', () => {
  it.each([
    [[1, 3, 4, 8], [1, 6, 8, 8], false, true],
    [[1, 3, 4, 8], [1, 6, 8, 8], true, false],
    [[1, 3, 4, 6], [1, 6, 8, 6], false, false],
    [[1, 3, 4, 8], [1, 9, 12, 8], false, false],
  ])('%o -> %o align %s: %s', (x, dy, align, want) => expect(upsamplesBy2(x, dy, align)).toBe(want));
});

describe('resizeNearestGradInto', () => {
  it('sums each 2x2 block of dy into its source pixel, per batch item', () => {
    // x [2,1,1,1] upsampled to [2,2,2,1]: dy batch 0 = 1,2,3,4 -> 10; batch 1 = 5,6,7,8 -> 26
    const dx = new Float32Array(2);
    resizeNearestGradInto(dx, new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), [2, 1, 1, 1], [2, 2, 2, 1], false, false);
    expect(Array.from(dx)).toEqual([10, 26]);
  });
});

describe('ResizeNearestNeighborGrad kernels (wasm and fixed cpu)', () => {
  beforeAll(setUpBackends);

  // The gradient is the adjoint of the forward resize: <resize(x), dy> = <x, grad(dy)> for every x and dy.
  // [batch, inH, inW, channels, outH, outW, alignCorners, halfPixelCenters]
  it.each([
    [2, 2, 2, 2, 4, 4, false, false],
    [3, 3, 4, 1, 6, 8, false, false],
    [2, 3, 3, 2, 7, 5, false, true],
    [2, 3, 3, 2, 5, 7, true, false],
    [1, 6, 6, 3, 3, 4, false, false],
    // exactly x2 with channels in 4s: the SIMD 2x2 block sum on wasm
    [2, 3, 4, 4, 6, 8, false, false],
    [3, 2, 2, 8, 4, 4, false, true],
    [1, 3, 3, 4, 6, 6, true, false], // align corners maps differently: the TypeScript kernel
  ] as const)('b%i %ix%i c%i -> %ix%i align %s half %s is the adjoint of the forward pass', async (b, h, w, c, oh, ow, align, half) => {
    const x = values(b * h * w * c, 41);
    const dy = values(b * oh * ow * c, 43);
    for (const backend of ['wasm', 'cpu'] as const) {
      const [lhs, rhs] = await runOn(backend, () => {
        const xt = tf.tensor4d(x, [b, h, w, c]);
        const dyt = tf.tensor4d(dy, [b, oh, ow, c]);
        const forward = (t: tf.Tensor) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [oh, ow], align, half);
        const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(forward(t), dyt)))(xt);
        return [tf.sum(tf.mul(forward(xt), dyt)), tf.sum(tf.mul(xt, grad))];
      });
      expect(Math.abs(lhs[0] - rhs[0]), backend).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs[0])));
    }
  });
});
