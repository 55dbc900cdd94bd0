import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradComposed, filterGradPadding } from '@/engine/kernels/conv2dBackpropFilter';
import { inputChannelTile, validRange } from '@/engine/kernels/simd/filterGrad';
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
  [1, 8, 8, 2, 2, 3, 2, 'same', 1], // even kernel: 'same' pads 0 before, 1 after... or none
  [1, 8, 8, 2, 2, 3, 2, 'valid', 1],
  [3, 9, 8, 2, 3, 2, 3, 'same', 1],
  [3, 9, 8, 2, 3, 2, 3, 'valid', 1], // (9-3)%3 = 0 but (8-3)%3 = 2: trailing columns skipped
  [1, 10, 10, 1, 5, 2, 1, 'same', 1],
  [1, 11, 11, 2, 5, 2, 2, 'same', 1],
  [2, 11, 11, 2, 5, 2, 3, 'valid', 1],
  [2, 9, 9, 2, 2, 2, 1, 'same', 1],
  [4, 4, 4, 5, 1, 6, 2, 'valid', 1],
  [2, 8, 8, 2, 3, 2, 1, 'same', 2],
  [2, 9, 9, 2, 3, 2, 1, 'valid', 2],
  [1, 10, 10, 3, 2, 2, 1, 'same', 2],
  [1, 12, 12, 1, 5, 2, 1, 'same', 2],
  [1, 12, 11, 1, 5, 2, 1, 'valid', 2],
  [5, 16, 16, 4, 3, 8, 2, 'same', 1],
  [2, 5, 5, 2, 3, 2, 1, 3, 1], // explicit padding wider than the kernel
  [1, 7, 7, 2, 3, 2, 2, 1, 1],
  // Output channels a multiple of 4 take the SIMD kernels: input channels 1..5 cover every ci tile size
  // (1-4 and 4+1), 12 output channels an 8-wide then a 4-wide tile.
  [2, 6, 6, 1, 3, 4, 1, 'same', 1],
  [2, 7, 7, 2, 3, 8, 2, 'valid', 1],
  [3, 9, 8, 3, 3, 12, 3, 'same', 1],
  [2, 8, 8, 5, 2, 4, 2, 'same', 1],
  [1, 12, 12, 6, 5, 8, 1, 'same', 2],
  [2, 9, 9, 7, 3, 16, 1, 'valid', 2],
  [2, 5, 5, 4, 3, 4, 1, 3, 1],
  [2, 64, 64, 8, 3, 4, 1, 'same', 1], // 131 kB images: one image per cache chunk
  [2, 7, 7, 18, 3, 12, 1, 'same', 1], // input channels in tiles of 6 (18 = 3 x 6)
];

/** dW on `backend`: the registered kernel for dilation 1, autodiff through the zero-dilated filter otherwise. */
type Path = 'kernel' | 'composed' | 'reference';

function filterGrad(x: Float32Array, dy: Float32Array, c: Case, outShape: number[], path: Path): tf.Tensor {
  const [b, h, w, cin, k, cout, s, pad, d] = c;
  const xt = tf.tensor4d(x, [b, h, w, cin]);
  const dyt = tf.tensor4d(dy, outShape as [number, number, number, number]);
  if (path === 'composed') {
    const info = tf.backend_util.computeConv2DInfo([b, h, w, cin], [k, k, cin, cout], s, d, pad);
    return tf.engine().makeTensorFromTensorInfo(filterGradComposed(tf.backend() as BackendWasm, xt, dyt, info));
  }
  if (path === 'kernel') {
    const attrs = { strides: [s, s], pad, dataFormat: 'NHWC', filterShape: [k, k, cin, cout], dilations: [d, d] };
    return tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt }, attrs as unknown as tf.NamedAttrMap);
  }
  // Reference: d(sum(conv(x, dilate(W)) * dy))/dW by the cpu backend's own gradients.
  const f = (wt: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xt, dilateFilter(wt as tf.Tensor4D, d, d), s, pad), dyt));
  return tf.grad(f)(tf.zeros([k, k, cin, cout]));
}

describe('wasm Conv2DBackpropFilter', () => {
  beforeAll(setUpBackends);

  it.each(cases)('b%i %ix%i cin%i k%i cout%i s%i pad %s d%i matches cpu (kernel and composed paths)', async (...c) => {
    const [b, h, w, cin, k, cout, s, pad, d] = c;
    const info = tf.backend_util.computeConv2DInfo([b, h, w, cin], [k, k, cin, cout], s, d, pad);
    const outShape = [b, info.outHeight, info.outWidth, cout];
    const x = values(b * h * w * cin, 7 + h);
    const dy = values(outShape.reduce((p, q) => p * q, 1), 11 + k);
    const [got] = await runOn('wasm', () => filterGrad(x, dy, c, outShape, 'kernel'));
    const [composed] = await runOn('wasm', () => filterGrad(x, dy, c, outShape, 'composed'));
    const [want] = await runOn('cpu', () => filterGrad(x, dy, c, outShape, 'reference'));
    expect(got.length).toBe(k * k * cin * cout);
    expect(relativeError(got, want)).toBeLessThan(1e-4);
    expect(relativeError(composed, want)).toBeLessThan(1e-4);
  });
});

describe('validRange', () => {
  it.each([
    // n, out, s, k, d, pad -> output positions whose input o*s + k*d - pad is inside 0..n-1
    [6, 6, 1, 0, 1, 1, [1, 6]], // 'same' 3x3, tap 0 reads o - 1: o = 0 is padding
    [6, 6, 1, 2, 1, 1, [0, 5]], // tap 2 reads o + 1: o = 5 is padding
    [7, 3, 2, 2, 1, 0, [0, 3]], // valid s2: 0+2, 2+2, 4+2 all inside
    [8, 8, 1, 0, 2, 2, [2, 8]], // d2 'same': tap 0 reads o - 2
    [5, 9, 1, 0, 1, 3, [3, 8]], // explicit pad 3 > k - 1: reads o - 3, inside for o = 3..7
  ] as const)('n%i out%i s%i tap %i d%i pad %i', (n, out, s, k, d, pad, want) => {
    expect(validRange(n, out, s, k, d, pad)).toEqual(want);
  });
});

describe('filterGradPadding', () => {
  it.each([
    // n, k, s, d, out, before, after -> expected
    [7, 3, 2, 1, 3, 0, 0, { before: 0, after: 0, length: 3 }], // valid, 7 = 2*2+3: exact
    [8, 3, 2, 1, 3, 0, 0, { before: 0, after: 0, length: 4 }], // valid, one row skipped: cannot trim, crop
    [8, 3, 2, 1, 4, 0, 1, { before: 0, after: 1, length: 3 }], // same: exact
    [9, 3, 2, 1, 5, 1, 1, { before: 1, after: 1, length: 3 }], // same, odd
    [8, 3, 3, 1, 3, 1, 1, { before: 1, after: 0, length: 3 }], // same s3: the bottom pad is never read
  ] as const)('n%i k%i s%i d%i out%i pad %i/%i', (n, k, s, d, out, before, after, want) => {
    expect(filterGradPadding(n, k, s, d, out, before, after)).toEqual(want);
  });
});

describe('inputChannelTile', () => {
  it('takes tiles of 6 input channels where 6 divides them and the engine is wide, else 4', () => {
    expect([48, 18, 6, 16, 32, 3, 1].map((c) => inputChannelTile(c, true))).toEqual([6, 6, 6, 4, 4, 4, 4]);
    expect([48, 18, 6, 16].map((c) => inputChannelTile(c, false))).toEqual([4, 4, 4, 4]);
  });
});
