import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { reducesSpatialAxes } from '@/engine/kernels/mean';
import { relativeError, runOn, setUpBackends, values } from './parity';

describe('wasm Mean over the spatial axes (GlobalAveragePooling2D)', () => {
  beforeAll(setUpBackends);

  it('recognises exactly the height and width axes of an NHWC map with channels in fours', () => {
    expect(reducesSpatialAxes([2, 4, 4, 8], [1, 2])).toBe(true);
    expect(reducesSpatialAxes([2, 4, 4, 8], [-2, -3])).toBe(true);
    expect(reducesSpatialAxes([2, 4, 4, 6], [1, 2])).toBe(false);
    expect(reducesSpatialAxes([2, 4, 4, 8], [1])).toBe(false);
    expect(reducesSpatialAxes([2, 4, 4, 8], [0, 1, 2])).toBe(false);
    expect(reducesSpatialAxes([4, 8], [0])).toBe(false);
  });

  it.each([
    [[3, 5, 7, 8], [1, 2], false], // the SIMD path
    [[2, 4, 4, 16], [1, 2], true],
    [[2, 3, 3, 6], [1, 2], false], // 6 channels: stock
    [[2, 3, 3, 8], [1], false], // one axis: stock
  ] as [[number, number, number, number], number[], boolean][])('mean of %o over %o (keepDims %s) as cpu computes it', async (shape, axes, keepDims) => {
    const v = values(shape.reduce((p, q) => p * q, 1), 9);
    const run = () => tf.mean(tf.tensor4d(v, shape), axes, keepDims);
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(want.length);
    expect(relativeError(got, want)).toBeLessThan(1e-6);
  });

  it('averages each image and channel: hand-computed', async () => {
    // 1 image, 2x1 pixels, 4 channels: the mean of (1,2,3,4) and (3,4,5,6) is (2,3,4,5).
    const [got] = await runOn('wasm', () => tf.mean(tf.tensor4d([1, 2, 3, 4, 3, 4, 5, 6], [1, 2, 1, 4]), [1, 2]));
    expect(Array.from(got)).toEqual([2, 3, 4, 5]);
  });
});
