import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { inputGradPadding, inputGradZeroInsertion } from '@/engine/kernels/conv2dBackpropInput';
import { phaseGeometry } from '@/engine/kernels/subPixelInputGrad';
import { dilateFilter } from '@/engine/kernels/conv2dGradient';
import { relativeError, runOn, setUpBackends, values } from './parity';

type Pad = 'same' | 'valid' | number;
// [batch, height, width, inChannels, kernel, outChannels, stride, pad, dilation]
type Case = [number, number, number, number, number, number, number, Pad, number];
const cases: Case[] = [
  [1, 5, 5, 1, 1, 1, 1, 'valid', 1],
  [2, 6, 6, 3, 3, 4, 1, 'same', 1],
  [2, 6, 6, 3, 3, 4, 1, 'valid', 1],
  [2, 7, 7, 2, 3, 3, 2, 'same', 1],
  [2, 7, 7, 2, 3, 3, 2, 'valid', 1],
  [2, 8, 8, 2, 3, 3, 2, 'valid', 1], // last input row is never read: its gradient is 0
  [1, 8, 8, 2, 2, 3, 2, 'same', 1],
  [1, 9, 9, 2, 2, 3, 1, 'same', 1], // even kernel, stride 1: 'same' pads 0 before, 1 after
  [3, 9, 8, 2, 3, 2, 3, 'same', 1],
  [3, 9, 8, 2, 3, 2, 3, 'valid', 1],
  [1, 10, 10, 1, 5, 2, 1, 'same', 1],
  [1, 11, 11, 2, 5, 2, 2, 'same', 1],
  [2, 11, 11, 2, 5, 2, 3, 'valid', 1],
  [4, 4, 4, 5, 1, 6, 2, 'valid', 1],
  [2, 8, 8, 2, 3, 2, 1, 'same', 2],
  [2, 9, 9, 2, 3, 2, 1, 'valid', 2],
  [1, 10, 10, 3, 2, 2, 1, 'same', 2],
  [1, 12, 11, 1, 5, 2, 1, 'valid', 2],
  [5, 16, 16, 4, 3, 8, 2, 'same', 1],
  [2, 5, 5, 2, 3, 2, 1, 3, 1], // explicit padding wider than the kernel: zero border rows, cropped
  [1, 6, 6, 2, 3, 2, 2, 1, 1],
  // stride > 1 takes the sub-pixel path: kernels smaller than, equal to and larger than the stride
  [2, 9, 10, 3, 4, 2, 2, 'same', 1],
  [1, 10, 9, 2, 5, 3, 2, 'same', 1],
  [1, 11, 11, 2, 2, 3, 3, 'same', 1],
  [2, 8, 8, 3, 1, 2, 3, 'valid', 1],
  [1, 9, 9, 2, 4, 2, 3, 2, 1],
];

type Path = 'kernel' | 'zeroInsertion' | 'reference';

function inputGrad(w: Float32Array, dy: Float32Array, c: Case, outShape: number[], path: Path): tf.Tensor {
  const [b, h, wd, cin, k, cout, s, pad, d] = c;
  const wt = tf.tensor4d(w, [k, k, cin, cout]);
  const dyt = tf.tensor4d(dy, outShape as [number, number, number, number]);
  if (path === 'zeroInsertion') {
    const info = tf.backend_util.computeConv2DInfo([b, h, wd, cin], [k, k, cin, cout], s, d, pad);
    return tf.engine().makeTensorFromTensorInfo(inputGradZeroInsertion(tf.backend() as BackendWasm, dyt, wt, info));
  }
  if (path === 'kernel') {
    const attrs = { strides: [s, s], pad, dataFormat: 'NHWC', inputShape: [b, h, wd, cin], dilations: [d, d] };
    return tf.engine().runKernel('Conv2DBackpropInput', { dy: dyt, filter: wt }, attrs as unknown as tf.NamedAttrMap);
  }
  const f = (xt: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, dilateFilter(wt, d, d), s, pad), dyt));
  return tf.grad(f)(tf.zeros([b, h, wd, cin]));
}

describe('wasm Conv2DBackpropInput', () => {
  beforeAll(setUpBackends);

  it.each(cases)('b%i %ix%i cin%i k%i cout%i s%i pad %s d%i matches cpu (kernel and zero-insertion paths)', async (...c) => {
    const [b, h, wd, cin, k, cout, s, pad, d] = c;
    const info = tf.backend_util.computeConv2DInfo([b, h, wd, cin], [k, k, cin, cout], s, d, pad);
    const outShape = [b, info.outHeight, info.outWidth, cout];
    const w = values(k * k * cin * cout, 5 + k);
    const dy = values(outShape.reduce((p, q) => p * q, 1), 3 + h);
    const [got] = await runOn('wasm', () => inputGrad(w, dy, c, outShape, 'kernel'));
    const [zeros] = await runOn('wasm', () => inputGrad(w, dy, c, outShape, 'zeroInsertion'));
    const [want] = await runOn('cpu', () => inputGrad(w, dy, c, outShape, 'reference'));
    expect(got.length).toBe(b * h * wd * cin);
    expect(relativeError(got, want)).toBeLessThan(1e-4);
    expect(relativeError(zeros, want)).toBeLessThan(1e-4);
  });

  // Conv2DTranspose's forward pass is this kernel: [batch, size, inChannels, kernel, outChannels, stride, pad]
  it.each([
    [2, 4, 3, 2, 2, 2, 'valid'],
    [2, 4, 3, 3, 2, 2, 'same'],
    [1, 5, 2, 4, 3, 2, 'same'],
    [1, 3, 2, 3, 2, 3, 'valid'],
    [2, 5, 3, 3, 4, 1, 'same'],
  ] as const)('conv2dTranspose b%i %i cin%i k%i cout%i s%i %s matches cpu', async (b, n, cin, k, cout, s, pad) => {
    const x = values(b * n * n * cin, 17);
    const w = values(k * k * cout * cin, 19);
    const outN = pad === 'same' ? n * s : (n - 1) * s + k;
    const run = () =>
      tf.conv2dTranspose(tf.tensor4d(x, [b, n, n, cin]), tf.tensor4d(w, [k, k, cout, cin]), [b, outN, outN, cout], s, pad);
    const [got] = await runOn('wasm', run);
    const [want] = await runOn('cpu', run);
    expect(got.length).toBe(b * outN * outN * cout);
    expect(relativeError(got, want)).toBeLessThan(1e-4);
  });
});

describe('phaseGeometry', () => {
  it.each([
    // n, k, s, pad, out, phase -> taps (sub-filter order), length, before, after, crop
    // 'same' k3 s2 on 8: pad 0 before; dx[2i] = dy[i] W0 + dy[i-1] W2, dx[2i+1] = dy[i] W1
    [8, 3, 2, 0, 4, 0, { taps: [2, 0], length: 4, before: 1, after: 0, crop: 0 }],
    [8, 3, 2, 0, 4, 1, { taps: [1], length: 4, before: 0, after: 0, crop: 0 }],
    // 'same' k3 s2 on 7: pad 1 before; dx[2i] = dy[i] W1, dx[2i+1] = dy[i+1] W0 + dy[i] W2
    [7, 3, 2, 1, 4, 0, { taps: [1], length: 4, before: 0, after: 0, crop: 0 }],
    [7, 3, 2, 1, 4, 1, { taps: [2, 0], length: 3, before: 0, after: 0, crop: 0 }],
    // k1 s2 valid on 5: odd pixels are never read
    [5, 1, 2, 0, 3, 1, { taps: [], length: 2, before: 0, after: 0, crop: 0 }],
    // explicit pad 2, k2 s3 on 6: phase 0 needs tap 2 (none); dx[3i+1] = dy[i+1] W0: one row ahead, crop 1
    [6, 2, 3, 2, 3, 0, { taps: [], length: 2, before: 0, after: 0, crop: 0 }],
    [6, 2, 3, 2, 3, 1, { taps: [0], length: 2, before: 0, after: 0, crop: 1 }],
  ] as const)('n%i k%i s%i pad %i out%i phase %i', (n, k, s, pad, out, ph, want) => {
    expect(phaseGeometry(n, k, s, pad, out, ph)).toEqual(want);
  });
});

describe('inputGradPadding', () => {
  it.each([
    // n, k, s, d, out, padBefore -> expected
    [6, 3, 1, 1, 6, 1, { before: 1, after: 1, crop: 0 }], // same: (k-1) - 1 each side
    [6, 3, 1, 1, 4, 0, { before: 2, after: 2, crop: 0 }], // valid: full padding
    [8, 3, 2, 1, 3, 0, { before: 2, after: 3, crop: 0 }], // valid s2: dyd has 5 rows, 8 + 2 - 5 = 3 after
    [8, 3, 1, 2, 8, 2, { before: 2, after: 2, crop: 0 }], // same d2
    [5, 3, 1, 1, 9, 3, { before: 0, after: 0, crop: 1 }], // explicit pad 3 > k-1: crop
  ] as const)('n%i k%i s%i d%i out%i pad %i', (n, k, s, d, out, padBefore, want) => {
    expect(inputGradPadding(n, k, s, d, out, padBefore)).toEqual(want);
  });
});
