import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { conv2dBiasRelu, fusedConvReluAvailable, RELU_GRAD_KERNEL, RELU_GRAD_SUM_KERNEL, setConvReluFusion } from '@/engine/kernels';
import { compileGraph } from '@/engine/compile';
import { referenceCnnDocument } from '@/scripts/bench/references';
import { relativeError, runOn, setUpBackends, values } from './parity';

describe('ConvasReluGrad (wasm)', () => {
  beforeAll(setUpBackends);

  it('passes dy where y > 0, 0 where y <= 0, NaN where y is NaN, over a length that is not a multiple of 4', async () => {
    await tf.setBackend('wasm');
    const y = new Float32Array([1, 0, -2, 3.5, -0, NaN, 0.001, -1e-30, 7, 2, -3]);
    const dy = new Float32Array([10, 20, 30, 40, 50, 60, 70, 80, 90, -1, 5]);
    const got = tf.tidy(() => tf.engine().runKernel<tf.Tensor>(RELU_GRAD_KERNEL, { dy: tf.tensor(dy), y: tf.tensor(y) }).dataSync());
    expect(Array.from(got)).toEqual([10, 0, 0, 40, 0, NaN, 70, 0, 90, -1, 0]);
  });

  it('ConvasReluGradSum: the same gradient and its per-channel sum, the bits the Sum kernel gives', async () => {
    await tf.setBackend('wasm');
    // 3 pixels of 4 channels; channel 1 meets a NaN in y, channel 2 only dead units.
    const y = new Float32Array([1, 2, 0, 0.5, 3, NaN, -1, 0, 0.25, 4, 0, 2]);
    const dy = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const [g, sum] = tf.tidy(() => {
      const out = tf.engine().runKernel(RELU_GRAD_SUM_KERNEL, { dy: tf.tensor4d(dy, [1, 1, 3, 4]), y: tf.tensor4d(y, [1, 1, 3, 4]) }) as tf.Tensor[];
      return [out[0].dataSync(), out[1].dataSync()];
    });
    expect(Array.from(g)).toEqual([1, 2, 0, 4, 5, NaN, 0, 0, 9, 10, 0, 12]);
    expect(Array.from(sum)).toEqual([15, NaN, 0, 16]);
    // Larger, random: bit for bit the sum tf.sum takes of the same gradient.
    const n = 7 * 5 * 16;
    const vy = values(n, 3);
    const vdy = values(n, 4);
    const [fused, separate] = tf.tidy(() => {
      const [gt, st] = tf.engine().runKernel(RELU_GRAD_SUM_KERNEL, { dy: tf.tensor4d(vdy, [1, 7, 5, 16]), y: tf.tensor4d(vy, [1, 7, 5, 16]) }) as tf.Tensor[];
      return [st.dataSync(), tf.sum(gt, [0, 1, 2]).dataSync()];
    });
    expect(Array.from(fused)).toEqual(Array.from(separate));
  });
});

describe('the gradient of a standalone ReLU', () => {
  beforeAll(setUpBackends);

  it('is one ConvasReluGrad pass on wasm, with the values of tfjs dy * step(x) on cpu (0 at 0, NaN at NaN)', async () => {
    const x = new Float32Array([1, 0, -2, 3.5, -0, NaN, 0.001, -1e-30, 7, 2, -3, 4]);
    const dy = new Float32Array([10, 20, 30, 40, 50, 60, 70, 80, 90, -1, 5, 6]);
    const run = () => tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), tf.tensor(dy, [3, 4]))))(tf.tensor(x, [3, 4]));
    const [wasm] = await runOn('wasm', run);
    const [cpu] = await runOn('cpu', run);
    expect(Array.from(cpu)).toEqual([10, 0, 0, 40, 0, NaN, 70, 0, 90, -1, 0, 6]);
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
    await tf.setBackend('wasm');
    const kernels = new Set((await tf.profile(() => void tf.dispose(run()))).kernels.map((k) => k.name));
    expect(kernels.has(RELU_GRAD_KERNEL)).toBe(true);
    expect(kernels.has('Step')).toBe(false);
  });
});

describe('conv2dBiasRelu (wasm) against relu(conv2d + bias) on cpu', () => {
  beforeAll(setUpBackends);

  it.each([
    // input shape, filter shape, strides, pad, dilations, bias
    [[2, 9, 9, 3], [3, 3, 3, 8], [1, 1], 'same', [1, 1], true],
    [[2, 9, 9, 4], [3, 3, 4, 3], [2, 2], 'valid', [1, 1], true], // 3 output channels: padded filter-gradient path
    [[1, 10, 10, 2], [3, 3, 2, 4], [1, 1], 'same', [2, 2], true], // dilation 2
    [[2, 8, 8, 5], [1, 1, 5, 6], [1, 1], 'valid', [1, 1], false], // no bias
  ] as const)('x %o filter %o strides %o %s dilations %o bias %s: value and every gradient', async (xs, ws, strides, pad, dilations, useBias) => {
    const x = values(xs.reduce<number>((a, b) => a * b, 1), 3);
    const w = values(ws.reduce<number>((a, b) => a * b, 1), 5);
    const b = values(ws[3], 7);
    const target = (y: tf.Tensor) => tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
    const run = (fused: boolean) => () => {
      const [tx, tw, tb] = [tf.tensor4d(x, [...xs]), tf.tensor4d(w, [...ws]), tf.tensor1d(b)];
      const forward = (a: tf.Tensor, f: tf.Tensor, c?: tf.Tensor) =>
        fused
          ? conv2dBiasRelu(a as tf.Tensor4D, f as tf.Tensor4D, (c as tf.Tensor1D) ?? null, { strides: [...strides], pad, dilations: [...dilations] })
          : tf.relu(useBias ? tf.add(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, [...strides], pad, 'NHWC', [...dilations]), c!) : tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, [...strides], pad, 'NHWC', [...dilations]));
      const inputs = useBias ? [tx, tw, tb] : [tx, tw];
      const grads = tf.grads((...t: tf.Tensor[]) => target(forward(t[0], t[1], t[2])))(inputs);
      return [forward(tx, tw, useBias ? tb : undefined), ...grads];
    };
    const got = await runOn('wasm', run(true));
    const want = await runOn('cpu', run(false));
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => expect(relativeError(g, want[i])).toBeLessThan(1e-4));
  });
});

describe('a compiled ReLU Conv2D layer', () => {
  beforeAll(setUpBackends);
  afterAll(() => setConvReluFusion(true));

  it('trains through the fused kernel on wasm, with the gradients of the unfused layers', async () => {
    await tf.setBackend('wasm');
    const compiled = compileGraph(referenceCnnDocument(), { seed: 4 });
    if (!compiled.ok) throw new Error('the reference CNN does not compile');
    const vars = compiled.model.trainableWeights.map((v) => v.read() as tf.Variable);
    const x = tf.tensor4d(values(2 * 64 * 64 * 3, 9).map((v) => v * 0.5 + 0.5), [2, 64, 64, 3]);
    const y = tf.oneHot(tf.tensor1d([1, 5], 'int32'), 7).toFloat();
    const grads = () => {
      const { value, grads: g } = tf.variableGrads(() => compiled.loss(y, compiled.logits(x, true)) as tf.Scalar, vars);
      const out = [value.dataSync()[0], ...vars.map((v) => g[v.name].dataSync() as Float32Array)] as const;
      tf.dispose([value, ...Object.values(g)]);
      return out;
    };
    setConvReluFusion(true);
    expect(fusedConvReluAvailable()).toBe(true);
    const profile = await tf.profile(() => void grads());
    const kernels = new Set(profile.kernels.map((k) => k.name));
    expect(kernels.has('ConvasConvBiasRelu')).toBe(true);
    expect(kernels.has('Relu')).toBe(false);
    const [fusedLoss, ...fused] = grads();
    setConvReluFusion(false);
    expect(fusedConvReluAvailable()).toBe(false);
    const [loss, ...stock] = grads();
    expect(Math.abs(fusedLoss - loss)).toBeLessThan(1e-5);
    fused.forEach((g, i) => expect(relativeError(g, stock[i])).toBeLessThan(1e-4));
    tf.dispose([x, y]);
    compiled.model.dispose();
  });

  it('runs the stock layer on cpu', async () => {
    await tf.setBackend('cpu');
    setConvReluFusion(true);
    expect(fusedConvReluAvailable()).toBe(false);
  });
});
