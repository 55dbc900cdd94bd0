/**
 * Every layer type of the node catalog trains on wasm: one step's loss and every weight gradient equal
 * the cpu backend's. This is the empirical probe of missing wasm gradient kernels, kept as a test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { relativeError, runOn, setUpBackends, values } from './parity';

type Sym = tf.SymbolicTensor;
const L = tf.layers;
const one = (layer: tf.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;

interface LayerCase {
  name: string;
  /** Layers after a 1x1 conv stem on a [2, 8, 8, 3] input, so the input gradient is exercised too. */
  body: (x: Sym) => Sym;
  loss?: 'meanSquaredError' | 'categoricalCrossentropy' | 'binaryCrossentropy';
}

const activations = ['relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'relu6', 'softplus', 'swish', 'gelu', 'linear'] as const;

const cases: LayerCase[] = [
  { name: 'Conv2D 3x3 same', body: (x) => one(L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), x) },
  { name: 'Conv2D 3x3 stride 2 valid', body: (x) => one(L.conv2d({ filters: 4, kernelSize: 3, strides: 2 }), x) },
  { name: 'Conv2D 5x5 stride 3 same', body: (x) => one(L.conv2d({ filters: 2, kernelSize: 5, strides: 3, padding: 'same' }), x) },
  { name: 'Conv2D 2x2 same (even kernel)', body: (x) => one(L.conv2d({ filters: 3, kernelSize: 2, padding: 'same' }), x) },
  {
    name: 'Conv2D dilation 2 relu',
    body: (x) => one(L.conv2d({ filters: 3, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'relu' }), x),
  },
  { name: 'Conv2DTranspose 2x2 stride 2', body: (x) => one(L.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 2 }), x) },
  {
    name: 'Conv2DTranspose 3x3 stride 2 same',
    body: (x) => one(L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }), x),
  },
  { name: 'MaxPooling2D 2', body: (x) => one(L.maxPooling2d({ poolSize: 2 }), x) },
  { name: 'MaxPooling2D 3 stride 2 same', body: (x) => one(L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), x) },
  { name: 'AveragePooling2D 2', body: (x) => one(L.averagePooling2d({ poolSize: 2 }), x) },
  {
    name: 'AveragePooling2D 3 stride 2 same',
    body: (x) => one(L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), x),
  },
  { name: 'GlobalAveragePooling2D', body: (x) => one(L.globalAveragePooling2d({}), x) },
  { name: 'GlobalMaxPooling2D', body: (x) => one(L.globalMaxPooling2d({}), x) },
  { name: 'Flatten + Dense', body: (x) => one(L.dense({ units: 5, activation: 'relu' }), one(L.flatten(), x)) },
  { name: 'Dropout', body: (x) => one(L.dropout({ rate: 0.5, seed: 3 }), x) },
  { name: 'BatchNormalization', body: (x) => one(L.batchNormalization({}), x) },
  ...activations.map((a) => ({ name: `Activation ${a}`, body: (x: Sym) => one(L.activation({ activation: a }), x) })),
  { name: 'LeakyReLU', body: (x) => one(L.leakyReLU({ alpha: 0.2 }), x) },
  { name: 'Add', body: (x) => one(L.add(), [one(L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }), x), x]) },
  { name: 'Concatenate', body: (x) => one(L.concatenate(), [one(L.conv2d({ filters: 2, kernelSize: 1 }), x), x]) },
  { name: 'UpSampling2D', body: (x) => one(L.upSampling2d({ size: [2, 2] }), x) },
  { name: 'ZeroPadding2D', body: (x) => one(L.zeroPadding2d({ padding: [1, 2] }), x) },
  {
    name: 'classification head',
    body: (x) => one(L.dense({ units: 4, activation: 'softmax' }), one(L.globalAveragePooling2d({}), x)),
    loss: 'categoricalCrossentropy',
  },
  {
    name: 'segmentation head',
    body: (x) => one(L.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }), x),
    loss: 'binaryCrossentropy',
  },
];

/** Loss and every trainable weight's gradient for one batch, on the active backend. */
function lossAndGrads(c: LayerCase): tf.Tensor[] {
  const input = tf.input({ shape: [8, 8, 3] });
  const stem = one(L.conv2d({ filters: 3, kernelSize: 1 }), input);
  const model = tf.model({ inputs: input, outputs: c.body(stem) });
  model.weights.forEach((w, i) => {
    const shape = w.shape as number[];
    w.write(tf.tensor(values(shape.reduce((p, q) => p * q, 1), 31 + i), shape).mul(0.5));
  });
  const outShape = (model.outputs[0].shape as number[]).map((d) => d ?? 2);
  const x = tf.tensor(values(2 * 8 * 8 * 3, 5), [2, 8, 8, 3]);
  const raw = tf.tensor(values(outShape.reduce((p, q) => p * q, 1), 9), outShape);
  const y = c.loss === 'categoricalCrossentropy' ? tf.oneHot(tf.argMax(raw, -1), outShape[1]) : c.loss ? tf.step(raw) : raw;
  const lossFn = tf.losses[c.loss === 'categoricalCrossentropy' ? 'softmaxCrossEntropy' : 'meanSquaredError'];
  const { value, grads } = tf.variableGrads(() => {
    const pred = model.apply(x, { training: true }) as tf.Tensor;
    if (c.loss === 'categoricalCrossentropy') return tf.metrics.categoricalCrossentropy(y, pred).mean() as tf.Scalar;
    if (c.loss === 'binaryCrossentropy') return tf.metrics.binaryCrossentropy(y, pred).mean() as tf.Scalar;
    return lossFn(y, pred) as tf.Scalar;
  }, model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
  const out = [value, ...model.trainableWeights.map((w) => grads[(w as unknown as { val: tf.Variable }).val.name])];
  model.dispose();
  return out;
}

describe('catalog layers train on wasm with the cpu backend gradients', () => {
  beforeAll(setUpBackends);

  it.each(cases)('$name', async (c) => {
    const got = await runOn('wasm', () => lossAndGrads(c));
    const want = await runOn('cpu', () => lossAndGrads(c));
    expect(got.length).toBe(want.length);
    expect(got.length).toBeGreaterThan(2);
    got.forEach((g, i) => expect(relativeError(g, want[i]), `output ${i}`).toBeLessThan(1e-4));
  });
});
