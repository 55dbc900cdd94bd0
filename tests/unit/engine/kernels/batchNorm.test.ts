import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { batchNormTrain, batchNormTrainAvailable, setBatchNormFusion } from '@/engine/kernels';
import { compileGraph } from '@/engine/compile';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { relativeError, runOn, setUpBackends, values } from './parity';

/** tfjs-layers' training batch norm (tf.moments + tf.batchNorm) over every axis but the last. */
function stockBatchNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
  return [tf.batchNorm(x, mean, variance, beta, gamma, epsilon), mean, variance];
}

describe('ConvasBatchNormTrain and its gradient (wasm)', () => {
  beforeAll(setUpBackends);

  it('matches hand-computed statistics, output and gradients', async () => {
    await tf.setBackend('wasm');
    // 4 pixels x 4 channels; channel c holds (c + 1) x [1, 2, 3, 4]: mean 2.5 (c + 1), biased variance 1.25 (c + 1)^2.
    const x = tf.tensor2d([1, 2, 3, 4].flatMap((v) => [1, 2, 3, 4].map((c) => v * c)), [4, 4]);
    const gamma = tf.tensor1d([1, 2, 1, 1]);
    const beta = tf.tensor1d([0, 0, 5, 0]);
    const [y, mean, variance] = batchNormTrain(x, gamma, beta, 0);
    expect(Array.from(mean.dataSync())).toEqual([2.5, 5, 7.5, 10]);
    Array.from(variance.dataSync()).forEach((v, c) => expect(v).toBeCloseTo(1.25 * (c + 1) ** 2, 5));
    // xhat = (v - 2.5) / sqrt(1.25) = [-1.3416, -0.4472, 0.4472, 1.3416] in every channel; y = gamma xhat + beta.
    const xhat = [-1.341641, -0.447214, 0.447214, 1.341641];
    const got = y.arraySync() as number[][];
    got.forEach((row, p) => {
      expect(row[0]).toBeCloseTo(xhat[p], 5);
      expect(row[1]).toBeCloseTo(2 * xhat[p], 5);
      expect(row[2]).toBeCloseTo(xhat[p] + 5, 5);
    });
    // Loss = y[pixel 0, channel 0]: d beta = 1, d gamma = xhat_0, and with r = 1 / sqrt(1.25), M = 4:
    // dx_i = r / M (M [i = 0] - 1 - xhat_i xhat_0) = [0.26833, -0.35777, -0.08944, 0.17889].
    const pick = tf.oneHot(tf.tensor1d([0], 'int32'), 16).reshape([4, 4]);
    const [dx, dGamma, dBeta] = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(a, g as tf.Tensor1D, b as tf.Tensor1D, 0)[0], pick)))([x, gamma, beta]);
    const column0 = (dx.arraySync() as number[][]).map((row) => row[0]);
    [0.268328, -0.357771, -0.089443, 0.178885].forEach((v, i) => expect(column0[i]).toBeCloseTo(v, 5));
    expect(Array.from(dGamma.dataSync()).map((v) => +v.toFixed(5))).toEqual([-1.34164, 0, 0, 0]);
    expect(Array.from(dBeta.dataSync())).toEqual([1, 0, 0, 0]);
    // Channels the loss does not read get no input gradient.
    expect((dx.arraySync() as number[][]).every((row) => row.slice(1).every((v) => Math.abs(v) < 1e-7))).toBe(true);
    tf.dispose([x, gamma, beta, y, mean, variance, pick, dx, dGamma, dBeta]);
  });

  it.each([
    ['an NHWC map', [2, 5, 7, 8], 0],
    ['a Dense output (rank 2)', [6, 12], 0],
    ['activations far from 0 (two-pass variance)', [3, 6, 6, 4], 100],
  ] as const)('%s %o: y, mean, variance and every gradient as tf.moments + tf.batchNorm on cpu', async (_, shape, offset) => {
    const n = shape.reduce<number>((a, b) => a * b, 1);
    const channels = shape[shape.length - 1];
    const xv = values(n, 3).map((v) => v * 2 + offset);
    const gv = values(channels, 5).map((v) => v + 1.5);
    const bv = values(channels, 7);
    const weights = values(n, 11);
    const run = (fused: boolean) => () => {
      const [x, g, b] = [tf.tensor(xv, [...shape]), tf.tensor1d(gv), tf.tensor1d(bv)];
      const forward = (a: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) =>
        fused ? batchNormTrain(a, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-3) : stockBatchNorm(a, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-3);
      const target = (a: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.sum(tf.mul(forward(a, gamma, beta)[0], tf.tensor(weights, [...shape])));
      return [...forward(x, g, b), ...tf.grads(target)([x, g, b])];
    };
    const got = await runOn('wasm', run(true));
    const want = await runOn('cpu', run(false));
    expect(got.length).toBe(6);
    // Around 100 a float32 mean is good to about 1e-5 (absolute) on either backend, and y = (x - mean) / std
    // carries that error at the scale of y: 1e-4 there, 1e-5 near 0.
    got.forEach((g, i) => expect(relativeError(g, want[i]), `output ${i}`).toBeLessThan(offset ? 1e-4 : 1e-5));
  });
});

describe('FusedBatchNorm (inference, wasm)', () => {
  beforeAll(setUpBackends);

  it('normalises by hand: x = [1, 3] in one channel, mean 2, variance 1, gamma 2, beta 5, eps 0 -> [3, 7]', async () => {
    await tf.setBackend('wasm');
    // Four channels (the SIMD path); channel 0 carries the case, the others pass x through (mean 0, variance 1).
    const x = tf.tensor2d([1, 9, 9, 9, 3, 9, 9, 9], [2, 4]);
    const y = tf.batchNorm(x, tf.tensor1d([2, 0, 0, 0]), tf.tensor1d([1, 1, 1, 1]), tf.tensor1d([5, 0, 0, 0]), tf.tensor1d([2, 1, 1, 1]), 0);
    expect(Array.from(y.dataSync())).toEqual([3, 9, 9, 9, 7, 9, 9, 9]);
  });

  it.each([
    ['NHWC with offset and scale', [2, 5, 7, 8], true, true, [8]],
    ['no offset, no scale', [2, 5, 7, 8], false, false, [8]],
    ['rank 2', [6, 12], true, true, [12]],
    ['parameters shaped [1, 1, 1, C]', [2, 3, 3, 4], true, true, [1, 1, 1, 4]],
    ['6 channels (the stock kernel)', [2, 3, 3, 6], true, true, [6]],
  ] as const)('%s: as the cpu backend', async (_, shape, withOffset, withScale, paramShape) => {
    const n = shape.reduce<number>((a, b) => a * b, 1);
    const c = shape[shape.length - 1];
    const [xv, mv, vv, ov, sv] = [values(n, 3).map((v) => v * 3 + 1), values(c, 5), values(c, 7).map((v) => v + 1.5), values(c, 9), values(c, 11)];
    const run = () => {
      const p = (v: Float32Array) => tf.tensor(v, [...paramShape]);
      return tf.batchNorm(tf.tensor(xv, [...shape]), p(mv), p(vv), withOffset ? p(ov) : undefined, withScale ? p(sv) : undefined, 1e-3);
    };
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(relativeError(got, want)).toBeLessThan(1e-5);
  });
});

describe('a compiled BatchNormalization layer', () => {
  beforeAll(setUpBackends);
  afterAll(() => setBatchNormFusion(true));

  it('trains through the fused kernels on wasm: the loss, gradients and moving statistics of the stock layer', async () => {
    await tf.setBackend('wasm');
    const run = (fused: boolean) => {
      setBatchNormFusion(fused);
      const compiled = compileGraph(buildFirstCnn(), { seed: 4 });
      if (!compiled.ok) throw new Error('the First CNN does not compile');
      const vars = compiled.model.trainableWeights.map((v) => v.read() as tf.Variable);
      const x = tf.tensor4d(values(4 * 64 * 64 * 3, 9).map((v) => v * 0.5 + 0.5), [4, 64, 64, 3]);
      const y = tf.oneHot(tf.tensor1d([1, 5, 0, 6], 'int32'), 7).toFloat();
      const { value, grads } = tf.variableGrads(() => compiled.loss(y, compiled.logits(x, true)) as tf.Scalar, vars);
      const moving = compiled.model.weights.filter((w) => /moving/.test(w.name)).map((w) => w.read().dataSync() as Float32Array);
      const out = { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync() as Float32Array), moving };
      tf.dispose([x, y, value, ...Object.values(grads)]);
      compiled.model.dispose();
      return out;
    };
    setBatchNormFusion(true);
    expect(batchNormTrainAvailable(8)).toBe(true);
    expect(batchNormTrainAvailable(6)).toBe(false);
    const profile = await tf.profile(() => void run(true));
    const kernels = new Set(profile.kernels.map((k) => k.name));
    expect(kernels.has('ConvasBatchNormTrain')).toBe(true);
    expect(kernels.has('ConvasBatchNormGrad')).toBe(true);
    expect(kernels.has('FusedBatchNorm')).toBe(false);
    const fused = run(true);
    const stock = run(false);
    expect(Math.abs(fused.loss - stock.loss)).toBeLessThan(1e-5);
    expect(fused.grads.length).toBe(stock.grads.length);
    fused.grads.forEach((g, i) => expect(relativeError(g, stock.grads[i]), `gradient ${i}`).toBeLessThan(1e-4));
    // Two layers, mean and variance each, moved from (0, 1) by one training step.
    expect(fused.moving.length).toBe(4);
    fused.moving.forEach((m, i) => expect(relativeError(m, stock.moving[i]), `moving statistic ${i}`).toBeLessThan(1e-5));
    expect(Math.max(...fused.moving[0].map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('runs the stock layer on cpu', async () => {
    await tf.setBackend('cpu');
    setBatchNormFusion(true);
    expect(batchNormTrainAvailable(8)).toBe(false);
  });
});
