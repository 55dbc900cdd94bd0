import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelImage, featureMaps } from '@/engine/featureMaps';

let model: tf.LayersModel;
const image = Float32Array.from({ length: 6 * 6 * 3 }, (_, i) => Math.sin(i * 0.7));

beforeAll(async () => {
  await tf.setBackend('cpu');
  const x = tf.input({ shape: [6, 6, 3] });
  const c1 = tf.layers.conv2d({ name: 'c1', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) });
  const p = tf.layers.maxPooling2d({ name: 'p', poolSize: 2 });
  const c2 = tf.layers.conv2d({ name: 'c2', filters: 2, kernelSize: 3, padding: 'valid', kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) });
  const act = tf.layers.activation({ name: 'act', activation: 'tanh' });
  let y = act.apply(c2.apply(p.apply(c1.apply(x)))) as tf.SymbolicTensor;
  y = tf.layers.dense({ name: 'head', units: 2, activation: 'softmax' }).apply(tf.layers.flatten().apply(y)) as tf.SymbolicTensor;
  model = tf.model({ inputs: x, outputs: y });
});

afterAll(() => model.dispose());

describe('featureMaps', () => {
  it('returns each conv, pool and activation layer with shapes, values equal to applying the layers directly', async () => {
    const before = tf.memory().numTensors;
    const { maps, filters } = await featureMaps(model, image, { maxChannels: 3 });
    expect(tf.memory().numTensors).toBe(before);

    expect(maps.map((m) => [m.layer, m.className, m.height, m.width, m.channels, m.shown])).toEqual([
      ['c1', 'Conv2D', 6, 6, 4, 3],
      ['p', 'MaxPooling2D', 3, 3, 4, 3],
      ['c2', 'Conv2D', 1, 1, 2, 2],
      ['act', 'Activation', 1, 1, 2, 2],
    ]);

    const direct = tf.tidy(() => {
      let t: tf.Tensor = tf.tensor4d(image, [1, 6, 6, 3]);
      const outs: number[][] = [];
      for (const name of ['c1', 'p', 'c2', 'act']) {
        t = model.getLayer(name).apply(t) as tf.Tensor;
        const shown = Math.min(3, t.shape[3] as number);
        outs.push(Array.from(t.slice([0, 0, 0, 0], [1, -1, -1, shown]).dataSync()));
      }
      return outs;
    });
    maps.forEach((m, i) => {
      expect(m.data.length).toBe(m.height * m.width * m.shown);
      Array.from(m.data).forEach((v, k) => expect(v).toBeCloseTo(direct[i][k], 5));
    });
    // ReLU output: no negatives, and the random filters make some positive.
    expect(Math.min(...maps[0].data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...maps[0].data)).toBeGreaterThan(0);

    expect(filters && [filters.layer, filters.kernel, filters.inChannels, filters.filters, filters.shown]).toEqual(['c1', 3, 3, 4, 3]);
    const kernel = model.getLayer('c1').getWeights()[0];
    const expected = tf.tidy(() => Array.from(kernel.slice([0, 0, 0, 0], [-1, -1, -1, 3]).dataSync()));
    expect(Array.from(filters?.data ?? [])).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });

  // A model trained on webgpu answers here too: Chromium 156 refuses synchronous reads from WebGPU.
  it('reads every value asynchronously', async () => {
    const sync = vi.spyOn(tf.Tensor.prototype, 'dataSync').mockImplementation(() => {
      throw new Error('a synchronous read');
    });
    try {
      const { maps, filters } = await featureMaps(model, image, { maxChannels: 2 });
      expect(sync).not.toHaveBeenCalled();
      expect(maps.map((m) => m.data.length)).toEqual([6 * 6 * 2, 3 * 3 * 2, 1 * 1 * 2, 1 * 1 * 2]);
      expect(filters?.data.length).toBe(3 * 3 * 3 * 2);
    } finally {
      sync.mockRestore();
    }
  });

  it('refuses an image of the wrong size', async () => {
    await expect(featureMaps(model, new Float32Array(10))).rejects.toThrow(/6x6x3 = 108/);
  });

  it('leaves the model usable (its weights were not freed)', async () => {
    await featureMaps(model, image);
    const y = model.predict(tf.tensor4d(image, [1, 6, 6, 3])) as tf.Tensor;
    expect(y.shape).toEqual([1, 2]);
    expect(y.sum().dataSync()[0]).toBeCloseTo(1, 5);
  });
});

describe('channelImage', () => {
  it.each([
    // [values of a 2x2 map with 2 channels (HWC), channel, expected bytes]
    [[0, 9, 1, 9, 2, 9, 4, 9], 0, [0, 64, 128, 255]],
    [[0, 9, 1, 9, 2, 9, 4, 9], 1, [128, 128, 128, 128]],
    [[0, -1, 1, 0, 2, 1, 4, 3], 1, [0, 64, 128, 255]],
  ])('%j channel %i -> %j', (values, channel, bytes) => {
    expect(Array.from(channelImage({ height: 2, width: 2, shown: 2, data: Float32Array.from(values) }, channel))).toEqual(bytes);
  });
});
