import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runOn, setUpBackends, values } from './parity';

describe('wasm Concat and SplitV', () => {
  beforeAll(setUpBackends);

  // Exact copies: wasm must equal cpu bit for bit. [shape A, shape B, axis]
  it.each([
    [[2, 4, 4, 3], [2, 4, 4, 5], 3], // a U-Net skip connection: channels
    [[2, 4, 4, 8], [2, 4, 4, 4], 3], // runs in whole vectors (32 and 16 bytes): v128 copies
    [[2, 3, 3, 160], [2, 3, 3, 4], 3], // a 640-byte run: memory.copy
    [[2, 4, 4, 3], [2, 4, 2, 3], 2],
    [[2, 3, 4, 3], [2, 1, 4, 3], 1],
    [[1, 4, 4, 3], [3, 4, 4, 3], 0],
    [[5, 2], [5, 7], -1],
  ])('concat %o and %o on axis %i, then split back', async (a, b, axis) => {
    const va = values(a.reduce((p, q) => p * q, 1), 3);
    const vb = values(b.reduce((p, q) => p * q, 1), 5);
    const run = () => {
      const joined = tf.concat([tf.tensor(va, a), tf.tensor(vb, b)], axis);
      const ax = axis < 0 ? a.length + axis : axis;
      return [joined, ...tf.split(joined, [a[ax], b[ax]], axis)];
    };
    const got = await runOn('wasm', run);
    const want = await runOn('cpu', run);
    got.forEach((g, i) => expect(Array.from(g), `output ${i}`).toEqual(Array.from(want[i])));
    expect(Array.from(got[1])).toEqual(Array.from(va));
    expect(Array.from(got[2])).toEqual(Array.from(vb));
  });

  it('concatenates three int32 tensors and leaves bools to the stock kernel', async () => {
    await tf.setBackend('wasm');
    const ints = tf.concat([tf.tensor2d([[1], [2]], [2, 1], 'int32'), tf.tensor2d([[3, 4], [5, 6]], [2, 2], 'int32'), tf.tensor2d([[7], [8]], [2, 1], 'int32')], 1);
    expect(await ints.array()).toEqual([
      [1, 3, 4, 7],
      [2, 5, 6, 8],
    ]);
    const bools = tf.concat([tf.tensor1d([true], 'bool'), tf.tensor1d([false, true], 'bool')]);
    expect(Array.from(await bools.data())).toEqual([1, 0, 1]);
    const parts = tf.split(tf.tensor1d([1, 2, 3, 4, 5, 6]), 3);
    expect(await Promise.all(parts.map((p) => p.array()))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    tf.dispose([ints, bools, ...parts]);
  });
});
