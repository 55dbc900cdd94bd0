import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setUpBackends } from './parity';

describe('wasm Identity', () => {
  beforeAll(setUpBackends);

  it('shares the data of a clone instead of copying it, and keeps it alive until both are disposed', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const buffers = backend.numDataIds();
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers);
    x.dispose();
    expect(await y.array()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    y.dispose();
    expect(backend.numDataIds()).toBe(buffers - 1);
  });

  it('leaves no tensor behind after a training step (engine clones saved tensors)', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.ones([3, 3, 2, 4]));
    const x = tf.ones([2, 6, 6, 2]) as tf.Tensor4D;
    const opt = tf.train.adam(0.01);
    const step = () => opt.minimize(() => tf.relu(tf.conv2d(x, w as tf.Tensor4D, 1, 'same')).mean() as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    const bytes = (tf.backend() as BackendWasm).numDataIds();
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.backend() as BackendWasm).numDataIds()).toBe(bytes);
    tf.dispose([w, x]);
    opt.dispose();
  });
});
