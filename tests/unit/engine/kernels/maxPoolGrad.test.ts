import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxPoolGradInto, simd2x2Applies, simdWindowApplies } from '@/engine/kernels/maxPoolGrad';
import { relativeError, runOn, setUpBackends, values } from './parity';

describe('maxPoolGradInto', () => {
  it('routes each window gradient to its first maximum, also when all values are <= 0', () => {
    // x 1x4x4x1, pool 2 stride 2: windows [[-3,-1],[-2,-5]], [[0,0],[0,0]], [[1,4],[4,2]], [[-1,-1],[-9,-1]]
    const x = new Float32Array([-3, -1, 0, 0, -2, -5, 0, 0, 1, 4, -1, -1, 4, 2, -9, -1]);
    const dy = new Float32Array([10, 20, 30, 40]);
    const info = tf.backend_util.computePool2DInfo([1, 4, 4, 1], 2, 2, 1, 'valid');
    const dx = new Float32Array(16);
    maxPoolGradInto(dx, x, dy, info);
    expect(Array.from(dx)).toEqual([0, 10, 20, 0, 0, 0, 0, 0, 0, 30, 40, 0, 0, 0, 0, 0]);
  });
});

describe('simd2x2Applies', () => {
  it.each([
    // shape, pool, stride, pad -> SIMD kernel?
    [[1, 8, 8, 4], 2, 2, 'valid', true],
    [[1, 7, 7, 8], 2, 2, 'valid', true],
    [[1, 8, 8, 4], 2, 2, 'same', true], // even 'same' does not pad
    [[1, 7, 7, 4], 2, 2, 'same', false], // odd 'same' pads after: the last windows hang over the edge
    [[1, 8, 8, 3], 2, 2, 'valid', false],
    [[1, 8, 8, 4], 3, 2, 'valid', false],
    [[1, 8, 8, 4], 2, 1, 'valid', false],
  ] as const)('%o pool %i stride %i %s -> %s', (shape, k, s, pad, want) => {
    expect(simd2x2Applies(tf.backend_util.computePool2DInfo([...shape], k, s, 1, pad))).toBe(want);
  });
});

describe('simdWindowApplies', () => {
  it.each([
    [[1, 8, 8, 4], 3, 1, 'same', true], // the GoogLeNet-style branch pool
    [[1, 7, 7, 8], 3, 2, 'valid', true],
    [[1, 7, 7, 4], 2, 2, 'same', true], // odd 'same': padded after, inside the frame
    [[1, 8, 8, 6], 3, 1, 'same', false], // channels not in fours
  ] as const)('%o pool %i stride %i %s -> %s', (shape, k, s, pad, want) => {
    expect(simdWindowApplies(tf.backend_util.computePool2DInfo([...shape], k, s, 1, pad))).toBe(want);
  });

  it('not with dilation', () => {
    expect(simdWindowApplies(tf.backend_util.computePool2DInfo([1, 8, 8, 4], 2, 1, 2, 'valid'))).toBe(false);
  });
});

describe('wasm MaxPoolGrad', () => {
  beforeAll(setUpBackends);

  // [batch, size, channels, pool, stride, pad]; values in [-1, 1) shifted down so many windows are all negative,
  // rounded to tenths so windows hold ties
  it.each([
    [2, 4, 1, 2, 2, 'valid'],
    [2, 8, 3, 2, 2, 'valid'],
    [1, 7, 2, 3, 2, 'same'],
    [2, 9, 2, 3, 3, 'valid'],
    [1, 6, 4, 3, 1, 'same'], // the general SIMD kernel (below)
    [3, 5, 2, 2, 1, 'valid'],
    [1, 5, 1, 1, 1, 'same'],
    // channels in multiples of 4, 2x2 stride 2: the SIMD kernel (odd sizes leave a row/column at 0)
    [2, 8, 4, 2, 2, 'valid'],
    [3, 6, 8, 2, 2, 'same'],
    [2, 7, 4, 2, 2, 'valid'],
    [2, 6, 12, 2, 2, 'valid'],
    // channels in multiples of 4, any other window: the general SIMD kernel (overlapping windows add up;
    // 'same' pads the input with a -infinity frame, before and after)
    [1, 7, 4, 2, 2, 'same'],
    [2, 8, 8, 3, 1, 'same'],
    [2, 9, 8, 3, 2, 'valid'],
    [1, 7, 4, 3, 2, 'same'],
    [2, 10, 4, 5, 3, 'same'],
    [1, 5, 12, 1, 1, 'valid'],
  ] as const)('b%i size %i c%i pool %i stride %i %s matches cpu', async (b, n, c, k, s, pad) => {
    const x = values(b * n * n * c, 23).map((v) => Math.round((v - 0.6) * 10) / 10);
    const run = () => {
      const xt = tf.tensor4d(x, [b, n, n, c]);
      return tf.grad((t: tf.Tensor) => {
        const y = tf.maxPool(t as tf.Tensor4D, k, s, pad);
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 29), y.shape)));
      })(xt);
    };
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(b * n * n * c);
    expect(relativeError(got, want)).toBeLessThan(1e-6);
    expect(got.some((v) => v !== 0)).toBe(true);
  });
});
