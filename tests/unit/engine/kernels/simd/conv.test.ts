import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setConvSimd } from '@/engine/kernels/conv2d';
import { depthUnroll } from '@/engine/kernels/simd/convKernel';
import { relativeError, runOn, setUpBackends, values } from '../parity';

type Pad = 'same' | 'valid' | number;
// [x shape, filter shape, stride, pad, dilation]
type Case = [[number, number, number, number], [number, number, number, number], number, Pad, number];
// Widths that leave a partial pixel tile, channel counts that take 8- and 4-wide tiles, depths of every
// unrolling, strides, dilation (one tap per filter position) and explicit padding.
const CASES: Case[] = [
  [[2, 7, 9, 3], [3, 3, 3, 8], 1, 'same', 1],
  [[2, 8, 8, 5], [3, 3, 5, 12], 2, 'same', 1],
  [[1, 11, 10, 4], [3, 3, 4, 4], 1, 'same', 2],
  [[2, 9, 9, 6], [2, 2, 6, 16], 2, 'valid', 1],
  [[2, 16, 16, 32], [3, 3, 32, 32], 1, 'same', 1],
  [[2, 6, 7, 8], [1, 1, 8, 4], 1, 'valid', 1],
  [[1, 10, 13, 1], [5, 5, 1, 8], 1, 2, 1],
  [[2, 5, 14, 11], [1, 1, 11, 20], 1, 'valid', 1],
  [[1, 12, 12, 7], [3, 3, 7, 4], 3, 'same', 1],
  // Every output reads padding, an even kernel ('same' pads after only), an odd size at stride 2.
  [[2, 2, 2, 4], [3, 3, 4, 8], 1, 'same', 1],
  [[1, 3, 3, 4], [5, 5, 4, 4], 1, 2, 1],
  [[2, 9, 8, 4], [2, 2, 4, 8], 1, 'same', 1],
  [[1, 11, 9, 8], [3, 3, 8, 8], 2, 'same', 1],
  // Output channels not in fours (filter padded to 4 or 8 zero channels): a segmentation head's 1x1 to one
  // class, 3 classes, and 6 through Winograd.
  [[2, 8, 8, 16], [1, 1, 16, 1], 1, 'valid', 1],
  [[1, 9, 7, 5], [3, 3, 5, 3], 1, 'same', 1],
  [[2, 8, 8, 8], [3, 3, 8, 6], 1, 'same', 1],
];

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

beforeAll(async () => {
  await setUpBackends();
  setConvSimd('always');
});
afterAll(() => setConvSimd('auto'));

describe('depthUnroll', () => {
  it('takes the largest divisor of the depth up to 8', () => {
    expect([48, 9, 21, 5, 11, 96, 1].map(depthUnroll)).toEqual([8, 3, 7, 5, 1, 8, 1]);
  });
});

describe('SIMD direct convolution (wasm) against the cpu backend', () => {
  for (const [xs, ws, stride, pad, dilation] of CASES) {
    const x = values(size(xs), 3);
    const w = values(size(ws), 7);
    const b = values(ws[3], 11);
    const tensors = () => [tf.tensor4d(x, xs), tf.tensor4d(w, ws), tf.tensor1d(b)] as const;

    it(`Conv2D, FusedConv2D with bias + ReLU and without bias: x ${xs}, filter ${ws}, stride ${stride}, pad ${pad}, dilation ${dilation}`, async () => {
      const run = () => {
        const [tx, tw, tb] = tensors();
        return [
          tf.conv2d(tx, tw, stride, pad, 'NHWC', dilation),
          tf.fused.conv2d({ x: tx, filter: tw, bias: tb, strides: stride, pad, dilations: dilation, activation: 'relu' }),
          tf.fused.conv2d({ x: tx, filter: tw, strides: stride, pad, dilations: dilation }),
        ];
      };
      const want = await runOn('cpu', run);
      const got = await runOn('wasm', run);
      for (let i = 0; i < want.length; i++) expect(relativeError(got[i], want[i]), `output ${i}`).toBeLessThan(1e-5);
      // ReLU zeroed something, or the case would not test it.
      expect(got[1].some((v) => v === 0)).toBe(true);
    });

    it(`the input and filter gradients through it: x ${xs}, filter ${ws}, stride ${stride}, pad ${pad}, dilation ${dilation}`, async () => {
      if (dilation > 1 && stride > 1) return;
      const run = () => {
        const [tx, tw, tb] = tensors();
        const loss = (a: tf.Tensor, f: tf.Tensor) =>
          tf.fused.conv2d({ x: a as tf.Tensor4D, filter: f as tf.Tensor4D, bias: tb, strides: stride, pad, dilations: dilation, activation: 'relu' }).square().sum();
        return tf.grads(loss)([tx, tw]);
      };
      const want = await runOn('cpu', run);
      const got = await runOn('wasm', run);
      expect(relativeError(got[0], want[0]), 'dx').toBeLessThan(1e-5);
      expect(relativeError(got[1], want[1]), 'dW').toBeLessThan(1e-5);
    });
  }

  it('takes the SIMD kernels: results differ from XNNPACK in the last bits, equal within rounding', async () => {
    const xs: [number, number, number, number] = [2, 16, 16, 32];
    const ws: [number, number, number, number] = [3, 3, 32, 32];
    const run = () => tf.conv2d(tf.tensor4d(values(size(xs), 5), xs), tf.tensor4d(values(size(ws), 6), ws), 1, 'same');
    const [simd] = await runOn('wasm', run);
    setConvSimd('off');
    const [xnnpack] = await runOn('wasm', run);
    setConvSimd('always');
    expect(relativeError(simd, xnnpack)).toBeLessThan(1e-5);
    expect(simd.some((v, i) => v !== xnnpack[i])).toBe(true);
  });

  it('keeps NaN through the ReLU, as tfjs does (a diverged run must show NaN)', async () => {
    const x = values(2 * 6 * 6 * 4, 3);
    x[10] = NaN;
    const run = () => tf.fused.conv2d({ x: tf.tensor4d(x, [2, 6, 6, 4]), filter: tf.tensor4d(values(3 * 3 * 4 * 8, 4), [3, 3, 4, 8]), pad: 'same', strides: 1, activation: 'relu' });
    const [want] = await runOn('cpu', run);
    const [got] = await runOn('wasm', run);
    const nans = (a: Float32Array) => [...a.keys()].filter((i) => Number.isNaN(a[i]));
    expect(nans(want).length).toBeGreaterThan(0);
    expect(nans(got)).toEqual(nans(want));
  });
});
