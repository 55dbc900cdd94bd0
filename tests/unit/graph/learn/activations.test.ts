import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_FNS, ACTIVATION_SLOPES, erf, LEAKY_ALPHA, PLOTTED_ACTIVATIONS, sampleFunction } from '@/graph/learn/activations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const XS = [-4, -1.5, -0.3, 0, 0.2, 1, 2.5, 6];

describe('activation functions', () => {
  it('hand-checked values', () => {
    expect(ACTIVATION_FNS.relu(-2)).toBe(0);
    expect(ACTIVATION_FNS.relu(1.5)).toBe(1.5);
    expect(ACTIVATION_FNS.leakyRelu(-2)).toBeCloseTo(-0.6, 12);
    expect(ACTIVATION_FNS.sigmoid(0)).toBe(0.5);
    expect(ACTIVATION_FNS.tanh(0)).toBe(0);
    // GELU(1) = 0.5 * (1 + erf(1/sqrt 2)) = Phi(1) = 0.841345
    expect(ACTIVATION_FNS.gelu(1)).toBeCloseTo(0.841345, 5);
    expect(erf(1)).toBeCloseTo(0.842701, 6);
    expect(erf(-1)).toBeCloseTo(-0.842701, 6);
  });

  it.each(PLOTTED_ACTIVATIONS)('%s matches the tfjs layer Convas compiles to', (name) => {
    const layer =
      name === 'leakyRelu' ? tf.layers.leakyReLU() : tf.layers.activation({ activation: name });
    const y = tf.tidy(() => Array.from((layer.apply(tf.tensor1d(XS)) as tf.Tensor).dataSync()));
    XS.forEach((x, i) => expect(ACTIVATION_FNS[name](x)).toBeCloseTo(y[i], 5));
    expect(LEAKY_ALPHA).toBe(0.3);
  });

  it.each(PLOTTED_ACTIVATIONS)('%s slope matches a central difference away from kinks', (name) => {
    for (const x of XS.filter((v) => v !== 0)) {
      const h = 1e-5;
      const numeric = (ACTIVATION_FNS[name](x + h) - ACTIVATION_FNS[name](x - h)) / (2 * h);
      expect(ACTIVATION_SLOPES[name](x)).toBeCloseTo(numeric, 4);
    }
  });

  it('sigmoid slope vanishes for large inputs, ReLU slope is 0 for negatives', () => {
    expect(ACTIVATION_SLOPES.sigmoid(0)).toBe(0.25);
    expect(ACTIVATION_SLOPES.sigmoid(10)).toBeLessThan(1e-4);
    expect(ACTIVATION_SLOPES.relu(-3)).toBe(0);
  });
});

describe('sampleFunction', () => {
  it('spaces samples evenly and includes both ends', () => {
    expect(sampleFunction(ACTIVATION_FNS.relu, -1, 1, 3)).toEqual([
      { x: -1, y: 0 },
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(sampleFunction(ACTIVATION_FNS.relu, -4, 4, 81)).toHaveLength(81);
  });
});
