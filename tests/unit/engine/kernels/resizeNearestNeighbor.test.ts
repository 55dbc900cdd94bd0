import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runOn, setUpBackends, values } from './parity';

describe('wasm ResizeNearestNeighbor (UpSampling2D by 2 on the SIMD module)', () => {
  beforeAll(setUpBackends);

  // Exact copies: wasm must equal cpu bit for bit. [shape, size, alignCorners, halfPixelCenters]
  it.each([
    [[2, 3, 5, 4], [6, 10], false, false], // doubling: the SIMD path
    [[1, 4, 4, 8], [8, 8], false, true], // half-pixel centres read the same pixels when doubling
    [[2, 3, 3, 4], [6, 6], true, false], // corner alignment: the stock kernel
    [[1, 3, 3, 3], [6, 6], false, false], // 3 channels: the stock kernel
    [[1, 2, 3, 4], [6, 9], false, false], // by 3: the stock kernel
  ] as [[number, number, number, number], [number, number], boolean, boolean][])(
    'resizes %o to %o (alignCorners %s, halfPixelCenters %s) as cpu does',
    async (shape, size, alignCorners, halfPixelCenters) => {
      const v = values(shape.reduce((p, q) => p * q, 1), 3);
      const run = () => tf.image.resizeNearestNeighbor(tf.tensor4d(v, shape), size, alignCorners, halfPixelCenters);
      const [got] = await runOn('wasm', run);
      const [want] = await runOn('cpu', run);
      expect(Array.from(got)).toEqual(Array.from(want));
    },
  );

  it('writes each pixel to its 2x2 block', async () => {
    const [got] = await runOn('wasm', () => tf.image.resizeNearestNeighbor(tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 2, 4]), [2, 4]));
    expect(Array.from(got)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 5, 6, 7, 8, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 5, 6, 7, 8]);
  });
});
