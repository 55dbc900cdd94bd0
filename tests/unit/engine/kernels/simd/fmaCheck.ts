/**
 * Run by fma.test.ts in a Node with relaxed SIMD (--experimental-wasm-relaxed-simd): the wasm filter
 * gradient with relaxed_madd and without it against the cpu backend, for shapes that take every SIMD tile,
 * then the direct convolution (Conv2D forward, as the browser runs it: 'auto' takes it where relaxed SIMD
 * runs) with and without relaxed_madd.
 * Prints one JSON line: whether relaxed SIMD ran, and each case's relative errors.
 */
import * as tf from '@tensorflow/tfjs';
import { setConvSimd } from '@/engine/kernels/conv2d';
import { relaxedSimdSupported, setFilterGradFma } from '@/engine/kernels/simd/module';
import { relativeError, runOn, setUpBackends, values } from '../parity';

const CASES: [number[], number[], number, 'same' | 'valid'][] = [
  [[2, 6, 6, 1], [3, 3, 1, 4], 1, 'same'],
  [[2, 7, 7, 2], [3, 3, 2, 8], 2, 'valid'],
  [[3, 9, 8, 3], [3, 3, 3, 12], 3, 'same'],
  [[2, 8, 8, 5], [2, 2, 5, 4], 2, 'same'],
  [[4, 16, 16, 32], [3, 3, 32, 32], 1, 'same'],
  [[2, 9, 9, 12], [3, 3, 12, 8], 1, 'same'], // input channels in tiles of 6
];

await setUpBackends();
type Errors = { shape: number[]; fused: number; plain: number };
const out: { fma: boolean; cases: Errors[]; conv: (Errors & { xnnpack: number; differs: boolean })[] } = { fma: relaxedSimdSupported(), cases: [], conv: [] };
for (const [xs, ws, stride, pad] of CASES) {
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const x = values(size(xs), 3);
  const run = () => {
    const tx = tf.tensor4d(x, xs as [number, number, number, number]);
    const probe = tf.conv2d(tx, tf.zeros(ws as [number, number, number, number]) as tf.Tensor4D, stride as number, pad);
    const dy = tf.tensor(values(probe.size, 5), probe.shape);
    return tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x: tx, dy }, { strides: stride, pad, dataFormat: 'NHWC', filterShape: ws } as unknown as tf.NamedAttrMap);
  };
  const [want] = await runOn('cpu', run);
  setFilterGradFma(true);
  const [fused] = await runOn('wasm', run);
  setFilterGradFma(false);
  const [plain] = await runOn('wasm', run);
  setFilterGradFma(true);
  out.cases.push({ shape: [...xs, ...ws], fused: relativeError(fused, want), plain: relativeError(plain, want) });
}

// The direct convolution: ReLU with bias (the fused layer's forward) over tiles of 8 and 4 channels, a
// partial pixel tile, stride 2 and dilation 2.
const CONV_CASES: [number[], number[], number, 'same' | 'valid', number][] = [
  [[2, 9, 13, 16], [3, 3, 16, 12], 1, 'same', 1],
  [[2, 10, 10, 8], [3, 3, 8, 8], 2, 'same', 1],
  [[1, 11, 11, 4], [3, 3, 4, 8], 1, 'same', 2],
];
for (const [xs, ws, strides, pad, dilations] of CONV_CASES) {
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const run = () =>
    tf.fused.conv2d({
      x: tf.tensor4d(values(size(xs), 3), xs as [number, number, number, number]),
      filter: tf.tensor4d(values(size(ws), 4), ws as [number, number, number, number]),
      bias: tf.tensor1d(values(ws[3], 5)),
      strides,
      pad,
      dilations,
      activation: 'relu',
    });
  const [want] = await runOn('cpu', run);
  setConvSimd('auto');
  const [fused] = await runOn('wasm', run);
  setFilterGradFma(false);
  const [plain] = await runOn('wasm', run);
  setFilterGradFma(true);
  setConvSimd('off');
  const [xnnpack] = await runOn('wasm', run);
  setConvSimd('auto');
  out.conv.push({ shape: [...xs, ...ws], fused: relativeError(fused, want), plain: relativeError(plain, want), xnnpack: relativeError(xnnpack, want), differs: fused.some((v, i) => v !== plain[i]) });
}
console.log(JSON.stringify(out));
