import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setConvSimd } from '@/engine/kernels/conv2d';
import type { ConvGeometry } from '@/engine/kernels/simd/conv';
import { planeStride, setConvWinograd, setWinogradTile, winogradSupports, winogradTile } from '@/engine/kernels/simd/winograd';
import { relativeError, runOn, setUpBackends, values } from '../parity';

type Shape4 = [number, number, number, number];
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

beforeAll(async () => {
  await setUpBackends();
  setConvSimd('always');
});
afterAll(() => {
  setConvSimd('auto');
  setConvWinograd(true);
  setWinogradTile(4);
});

/** tfjs' geometry of an NHWC convolution, as the kernels see it. */
function geometry(x: Shape4, w: Shape4, stride: number, pad: 'same' | 'valid', dilation = 1): ConvGeometry {
  return tf.backend_util.computeConv2DInfo(x, w, stride, dilation, pad, undefined, false, 'channelsLast');
}

describe('winogradSupports', () => {
  it('takes 3x3 stride-1 convolutions with even outputs and at least 8 channels in fours, in and out', () => {
    expect(winogradSupports(geometry([1, 64, 64, 16], [3, 3, 16, 16], 1, 'same'))).toBe(true);
    expect(winogradSupports(geometry([1, 10, 6, 8], [3, 3, 8, 12], 1, 'valid'))).toBe(true);
  });

  it('leaves everything else to the direct convolution', () => {
    expect(winogradSupports(geometry([1, 15, 16, 16], [3, 3, 16, 16], 1, 'same')), 'odd height').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 16], [3, 3, 16, 16], 2, 'same')), 'stride 2').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 16], [3, 3, 16, 16], 1, 'same', 2)), 'dilation 2').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 16], [5, 5, 16, 16], 1, 'same')), '5x5').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 4], [3, 3, 4, 16], 1, 'same')), '4 in').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 3], [3, 3, 3, 16], 1, 'same')), '3 in').toBe(false);
    expect(winogradSupports(geometry([1, 16, 16, 16], [3, 3, 16, 6], 1, 'same')), '6 out').toBe(false);
  });
});

describe('planeStride', () => {
  it('is whole cache lines, an odd number of them, so the 16 planes fall in 16 different L1 sets', () => {
    for (const bytes of [4096, 16384, 24576, 100, 64 * 7]) {
      const stride = planeStride(bytes);
      expect(stride).toBeGreaterThanOrEqual(bytes);
      expect(stride - bytes).toBeLessThan(128);
      expect((stride / 64) % 2).toBe(1);
    }
  });
});

describe('winogradTile', () => {
  it('takes 4x4 output tiles where the output divides by 4, 2x2 elsewhere or when told', () => {
    expect(winogradTile(geometry([1, 64, 64, 16], [3, 3, 16, 16], 1, 'same'))).toBe(4);
    expect(winogradTile(geometry([1, 12, 8, 16], [3, 3, 16, 16], 1, 'same'))).toBe(4);
    expect(winogradTile(geometry([1, 10, 16, 16], [3, 3, 16, 16], 1, 'same')), '10 rows').toBe(2);
    expect(winogradTile(geometry([1, 16, 14, 16], [3, 3, 16, 16], 1, 'same')), '14 columns').toBe(2);
    expect(winogradTile(geometry([1, 18, 18, 16], [3, 3, 16, 16], 1, 'valid')), '16 x 16 out of valid').toBe(4);
    setWinogradTile(2);
    expect(winogradTile(geometry([1, 64, 64, 16], [3, 3, 16, 16], 1, 'same'))).toBe(2);
    setWinogradTile(4);
  });
});

describe('Winograd F(2x2, 3x3) and F(4x4, 3x3) convolution (wasm) against the cpu backend', () => {
  // [x, filter, pad]: one block; 8- and 4-wide channel tiles (20 out); 'valid'; several blocks and a partial
  // last one, with block tile counts that leave a partial pixel tile; tall channel counts either way; blocks
  // of several small images, the last one partial (7 + 2 images of 4x4 tiles, 4 + 4 + 1 of 2x2 tiles).
  const CASES: [Shape4, Shape4, 'same' | 'valid'][] = [
    [[2, 8, 8, 8], [3, 3, 8, 8], 'same'],
    [[1, 10, 14, 12], [3, 3, 12, 20], 'same'],
    [[2, 12, 6, 16], [3, 3, 16, 32], 'valid'],
    [[1, 44, 40, 32], [3, 3, 32, 32], 'same'],
    [[2, 16, 16, 48], [3, 3, 48, 16], 'same'],
    [[9, 16, 16, 32], [3, 3, 32, 32], 'same'],
  ];
  for (const [[xs, ws, pad], tile] of CASES.flatMap((c) => [[c, 2], [c, 4]] as const)) {
    const tensors = () => [tf.tensor4d(values(size(xs), 3), xs), tf.tensor4d(values(size(ws), 7), ws), tf.tensor1d(values(ws[3], 11))] as const;

    const tileOf = (info: ConvGeometry) => (tile === 4 ? winogradTile(info) : 2);
    it(`Conv2D, FusedConv2D with bias + ReLU and without bias: x ${xs}, filter ${ws}, pad ${pad}, ${tileOf(geometry(xs, ws, 1, pad))}x${tileOf(geometry(xs, ws, 1, pad))} tiles`, async () => {
      expect(winogradSupports(geometry(xs, ws, 1, pad))).toBe(true);
      setWinogradTile(tile);
      const run = () => {
        const [x, w, b] = tensors();
        return [
          tf.conv2d(x, w, 1, pad),
          tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad, activation: 'relu' }),
          tf.fused.conv2d({ x, filter: w, strides: 1, pad }),
        ];
      };
      const want = await runOn('cpu', run);
      const got = await runOn('wasm', run);
      for (let i = 0; i < want.length; i++) expect(relativeError(got[i], want[i]), `output ${i}`).toBeLessThan(1e-5);
      expect(got[1].some((v) => v === 0)).toBe(true);
    });

    it(`the input and filter gradients through it: x ${xs}, filter ${ws}, pad ${pad}, ${tile === 4 ? 'largest tiles' : '2x2 tiles'}`, async () => {
      setWinogradTile(tile);
      const run = () => {
        const [x, w, b] = tensors();
        const loss = (a: tf.Tensor, f: tf.Tensor) => tf.fused.conv2d({ x: a as tf.Tensor4D, filter: f as tf.Tensor4D, bias: b, strides: 1, pad, activation: 'relu' }).square().sum();
        return tf.grads(loss)([x, w]);
      };
      const want = await runOn('cpu', run);
      const got = await runOn('wasm', run);
      expect(relativeError(got[0], want[0]), 'dx').toBeLessThan(1e-5);
      expect(relativeError(got[1], want[1]), 'dW').toBeLessThan(1e-5);
      setWinogradTile(4);
    });
  }

  it('takes F(4x4, 3x3) where it can: it differs from F(2x2, 3x3) in the last bits (forward and input gradient), equal within rounding', async () => {
    const xs: Shape4 = [2, 16, 16, 32];
    const ws: Shape4 = [3, 3, 32, 32];
    const run = () => {
      const x = tf.tensor4d(values(size(xs), 5), xs);
      const w = tf.tensor4d(values(size(ws), 6), ws);
      return [tf.conv2d(x, w, 1, 'same'), tf.grad((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, w, 1, 'same').square().sum())(x)];
    };
    const want = await runOn('cpu', run);
    const four = await runOn('wasm', run);
    setWinogradTile(2);
    const two = await runOn('wasm', run);
    setWinogradTile(4);
    for (let i = 0; i < 2; i++) {
      expect(relativeError(four[i], want[i])).toBeLessThan(1e-5);
      expect(relativeError(two[i], want[i])).toBeLessThan(1e-5);
      expect(four[i].some((v, k) => v !== two[i][k]), `output ${i}`).toBe(true);
    }
  });

  it('is the path taken: its results differ from the direct convolution in the last bits, equal within rounding', async () => {
    const xs: Shape4 = [2, 16, 16, 32];
    const ws: Shape4 = [3, 3, 32, 32];
    const run = () => tf.conv2d(tf.tensor4d(values(size(xs), 5), xs), tf.tensor4d(values(size(ws), 6), ws), 1, 'same');
    const [winograd] = await runOn('wasm', run);
    setConvWinograd(false);
    const [direct] = await runOn('wasm', run);
    setConvWinograd(true);
    expect(relativeError(winograd, direct)).toBeLessThan(1e-5);
    expect(winograd.some((v, i) => v !== direct[i])).toBe(true);
  });

  it('is the filter gradient\'s path too: it differs from the direct kernels in the last bits, equal within rounding', async () => {
    const xs: Shape4 = [2, 16, 16, 16];
    const ws: Shape4 = [3, 3, 16, 24];
    const run = () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(values(size(xs), 5), xs), dy: tf.tensor4d(values(2 * 16 * 16 * 24, 6), [2, 16, 16, 24]) }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: ws,
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const [want] = await runOn('cpu', run);
    const [winograd] = await runOn('wasm', run);
    setConvWinograd(false);
    const [direct] = await runOn('wasm', run);
    setConvWinograd(true);
    expect(relativeError(winograd, want)).toBeLessThan(1e-5);
    expect(relativeError(direct, want)).toBeLessThan(1e-5);
    expect(winograd.some((v, i) => v !== direct[i])).toBe(true);
  });

  for (const tile of [2, 4] as const) {
    it(`keeps every NaN through the ReLU (a diverged run must show NaN), spreading it at most over the ${tile}x${tile} tiles whose patch holds it`, async () => {
      setWinogradTile(tile);
      const xs: Shape4 = [1, 16, 16, 8];
      const [row, col] = [7, 9];
      const x = values(size(xs), 3);
      x[(row * 16 + col) * 8 + 2] = NaN;
      const run = () => tf.fused.conv2d({ x: tf.tensor4d(x, xs), filter: tf.tensor4d(values(3 * 3 * 8 * 8, 4), [3, 3, 8, 8]), strides: 1, pad: 'same', activation: 'relu' });
      const [want] = await runOn('cpu', run);
      const [got] = await runOn('wasm', run);
      setWinogradTile(4);
      const nanPixels = (a: Float32Array) => new Set([...a.keys()].filter((i) => Number.isNaN(a[i])).map((i) => Math.floor(i / 8)));
      const wanted = nanPixels(want);
      const found = nanPixels(got);
      expect(wanted.size).toBe(9);
      for (const p of wanted) expect(found.has(p), `pixel ${p}`).toBe(true);
      // A tile of outputs starting at t reads padded rows t..t+tile+1, input rows t-1..t+tile.
      const reaches = (out: number, at: number) => {
        const t = out - (out % tile);
        return at >= t - 1 && at <= t + tile;
      };
      for (const p of found) expect(reaches(Math.floor(p / 16), row) && reaches(p % 16, col), `pixel ${p}`).toBe(true);
      expect(found.size).toBeLessThanOrEqual(tile === 2 ? 16 : 32);
    });
  }
});
