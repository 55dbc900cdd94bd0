import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { sumsAllButLast } from '@/engine/kernels/sum';
import { relativeError, runOn, setUpBackends, values } from './parity';

describe('sumsAllButLast', () => {
  it.each([
    [[2, 3, 4, 8], [0, 1, 2], true],
    [[2, 3, 4, 8], [2, 0, 1], true],
    [[2, 3, 4, 8], [-4, -3, -2], true],
    [[6, 8], [0], true],
    [[2, 3, 4, 6], [0, 1, 2], false], // 6 is not a multiple of 4
    [[2, 3, 4, 8], [0, 1], false],
    [[2, 3, 4, 8], [1, 2, 3], false],
    [[8], [0], false],
  ])('%o over %o -> %s', (shape, axes, want) => expect(sumsAllButLast(shape, axes)).toBe(want));
});

describe('wasm Sum', () => {
  beforeAll(setUpBackends);

  it.each([
    // shape, axes, keepDims: the first three take the SIMD kernel, the rest the stock one
    [[2, 5, 5, 8], [0, 1, 2], false],
    [[3, 4, 12], [0, 1], true],
    [[7, 4], [0], false],
    [[2, 5, 5, 6], [0, 1, 2], false],
    [[2, 5, 5, 8], [1, 2], false],
    [[2, 5, 5, 8], [3], true],
    [[0, 3, 4], [0, 1], false], // empty: the stock kernel
  ] as const)('%o over %o keepDims %s matches cpu', async (shape, axes, keepDims) => {
    const x = values(shape.reduce((p, q) => p * q, 1), 13);
    const run = () => tf.sum(tf.tensor(x, [...shape]), [...axes], keepDims);
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(want.length);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
    await tf.setBackend('wasm');
    expect(tf.tidy(() => run().shape)).toEqual(tf.tidy(() => tf.sum(tf.zeros([...shape]), [...axes], keepDims).shape));
  });
});
