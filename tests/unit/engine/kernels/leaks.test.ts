/**
 * The composed kernels allocate and free intermediates on the wasm heap themselves: a training step
 * through every one of them must leave the backend's buffer count unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setUpBackends } from './parity';

type Sym = tf.SymbolicTensor;
const L = tf.layers;
const ap = (layer: tf.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;

describe('wasm training kernels free their intermediates', () => {
  beforeAll(setUpBackends);

  it('keeps the number of heap buffers constant across training steps', async () => {
    await tf.setBackend('wasm');
    // [2, 12, 12, 3]: stride-2 conv (sub-pixel input gradient), 3 output channels (padded filter
    // gradient), pooling, upsampling, a skip concatenation, a dilated conv, a transposed conv.
    const input = tf.input({ shape: [12, 12, 3] });
    const a = ap(L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }), input);
    const b = ap(L.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), a);
    const c = ap(L.conv2d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'relu' }), b);
    const d = ap(L.upSampling2d({ size: [2, 2] }), ap(L.maxPooling2d({ poolSize: 2 }), ap(L.upSampling2d({ size: [2, 2] }), c)));
    const e = ap(L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }), c);
    const out = ap(L.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }), ap(L.concatenate(), [a, d, e]));
    const model = tf.model({ inputs: input, outputs: out });
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const x = tf.randomUniform([2, 12, 12, 3], 0, 1, 'float32', 1);
    const y = tf.cast(tf.randomUniform([2, 12, 12, 1], 0, 1, 'float32', 2).greater(0.5), 'float32');
    const backend = tf.backend() as BackendWasm;
    const first = (await model.trainOnBatch(x, y)) as number;
    const buffers = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 3; i++) last = (await model.trainOnBatch(x, y)) as number;
    expect(backend.numDataIds()).toBe(buffers);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Number.isFinite(last)).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });
});
