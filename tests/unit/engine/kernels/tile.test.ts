import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tileInto } from '@/engine/kernels/tile';
import { runOn, setUpBackends, values } from './parity';

describe('tileInto', () => {
  it('repeats a row: [1, 2] x 3 -> [1, 2, 1, 2, 1, 2]', () => {
    const out = new Float32Array(6);
    tileInto(Float32Array.from([1, 2]), [2], [3], out);
    expect(Array.from(out)).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('tiles both axes of [[1, 2], [3, 4]] by [2, 2]', () => {
    const out = new Int32Array(16);
    tileInto(Int32Array.from([1, 2, 3, 4]), [2, 2], [2, 2], out);
    // rows: 1 2 1 2 / 3 4 3 4 / 1 2 1 2 / 3 4 3 4
    expect(Array.from(out)).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4]);
  });
});

describe('wasm Tile', () => {
  beforeAll(setUpBackends);

  // Exact copies: wasm must equal cpu bit for bit. [shape, reps]
  it.each([
    [[1, 1, 1, 8], [32, 16, 16, 1]], // BatchNormalization's gradient: per-channel statistics over a feature map
    [[1, 1, 1, 3], [2, 4, 4, 1]],
    [[2, 3], [3, 2]],
    [[2, 1, 3, 1], [1, 4, 1, 5]],
    [[5], [1]],
    [[3, 2, 2], [2, 1, 3]],
  ])('tile %o by %o', async (shape, reps) => {
    const v = values(shape.reduce((p, q) => p * q, 1), 7);
    const run = () => [tf.tile(tf.tensor(v, shape), reps)];
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(shape.reduce((p, q, i) => p * q * reps[i], 1));
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('BatchNormalization trains the same on wasm as on cpu (its gradient tiles)', async () => {
    const run = () => {
      const x = tf.tensor(values(2 * 4 * 4 * 3, 11), [2, 4, 4, 3]);
      const layer = tf.layers.batchNormalization({ gammaInitializer: 'ones', betaInitializer: 'zeros' });
      layer.build([null, 4, 4, 3]);
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, x)) as tf.Scalar, vars);
      return vars.map((v) => grads[v.name]);
    };
    const got = await runOn('wasm', run);
    const want = await runOn('cpu', run);
    got.forEach((g, i) => Array.from(g).forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 4)));
  });
});
