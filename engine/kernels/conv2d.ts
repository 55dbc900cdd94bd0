/**
 * Conv2D and FusedConv2D for the wasm backend on Convas' SIMD kernels. Every forward convolution goes
 * through here, and so does the input gradient (a convolution of dy with the reversed filter,
 * conv2dBackpropInput.ts).
 * - 3x3 at stride 1 with 8+ channels in and out (most of a CNN's work): Winograd (simd/winograd.ts),
 *   F(4x4, 3x3) where the output divides in 4x4 tiles (4x fewer multiply-adds), else F(2x2, 3x3) (2.25x).
 *   Whole training steps in Chromium 1.7-1.8x the direct kernels' speed; in Node 20, whose compiler has no
 *   relaxed SIMD, still 1.15-1.4x XNNPACK's per layer.
 * - Other shapes where the engine runs relaxed SIMD (Chromium, Firefox): the direct kernels (simd/conv.ts);
 *   with fused multiply-add they take about two thirds of the time of tfjs' XNNPACK build, which has none.
 * Output channels not in fours (a segmentation head's 1 or 3) take the filter padded with zero channels.
 * Anything else (NCHW, other activations) goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { narrowChannels, widenChannels } from './simd/channels';
import { conv2dSimd, convSimdSupports, type ConvGeometry } from './simd/conv';
import { relaxedSimdSupported, simdKernels, type SimdKernels } from './simd/module';
import { conv2dWinograd, winogradSupports } from './simd/winograd';
import { allocF32, heapF32, release, type Info } from './wasmCall';

/**
 * When the SIMD convolutions run: 'auto' where they beat XNNPACK (Winograd everywhere, the direct kernels
 * where the engine has relaxed SIMD), 'off' never (benchmarks compare both alternately), 'always' also
 * without relaxed SIMD, with f32x4 mul + add (tests in a Node without relaxed SIMD check the driver that way).
 */
export type ConvSimdMode = 'auto' | 'off' | 'always';

let mode: ConvSimdMode = 'auto';

export function setConvSimd(next: ConvSimdMode): void {
  mode = next;
}

/** Whether the direct convolution kernels run (relaxed SIMD on 'auto', or 'always'): other callers follow the same switch. */
export function directConvRuns(): boolean {
  return mode === 'always' || (mode === 'auto' && relaxedSimdSupported());
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
}

/** The SIMD convolution's output, or null where the stock kernel must run. */
function trySimd(backend: BackendWasm, x: Info, filter: Info, bias: Info | undefined, attrs: ConvAttrs, relu: boolean): Info | null {
  if (mode === 'off' || (attrs.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  if (x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return null;
  const kernels = simdKernels(backend);
  if (!kernels) return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.outHeight <= 0 || info.outWidth <= 0) return null;
  if (bias && (bias.dtype !== 'float32' || tf.util.sizeFromShape(bias.shape) !== info.outChannels)) return null;
  if (!convSimdSupports(info)) {
    // A segmentation head's 1x1 convolution to 1 or 3 classes: XNNPACK takes about 1 ms for what the
    // direct kernels do in a tenth of that with the filter padded to 4 output channels.
    if (mode === 'auto' && !relaxedSimdSupported()) return null;
    return withOutputChannelsInFours(backend, kernels, x, filter, bias ?? null, info, relu);
  }
  return simdConv(backend, kernels, x, filter, bias ?? null, info, relu);
}

/** The SIMD convolution for channels in fours: Winograd where it applies, else the direct kernels (or null). */
function simdConv(backend: BackendWasm, kernels: SimdKernels, x: Info, filter: Info, bias: Info | null, info: ConvGeometry, relu: boolean): Info | null {
  if (winogradSupports(info)) return conv2dWinograd(backend, kernels, x, filter, bias, info, relu);
  if (mode === 'auto' && !relaxedSimdSupported()) return null;
  return conv2dSimd(backend, kernels, x, filter, bias, info, relu);
}

/**
 * A convolution whose output channels are not a multiple of 4: the filter and bias padded with zero output
 * channels up to one, the SIMD convolution, then the real channels copied out.
 */
function withOutputChannelsInFours(backend: BackendWasm, kernels: SimdKernels, x: Info, filter: Info, bias: Info | null, info: ConvGeometry, relu: boolean): Info | null {
  const cout = info.outChannels;
  const wide = Math.ceil(cout / 4) * 4;
  const paddedFilter = widenChannels(backend, kernels, filter, cout, [info.filterHeight, info.filterWidth, info.inChannels, wide]);
  const paddedBias = bias ? widenChannels(backend, kernels, bias, cout, [wide]) : allocF32(backend, [wide]);
  if (!bias) heapF32(backend, paddedBias).fill(0);
  const outWide = simdConv(backend, kernels, x, paddedFilter, paddedBias, { ...info, outChannels: wide }, relu);
  release(backend, paddedFilter, paddedBias);
  if (!outWide) return null;
  const out = narrowChannels(backend, kernels, outWide, wide, [info.batchSize, info.outHeight, info.outWidth, cout]);
  release(backend, outWide);
  return out;
}

/** Wraps the stock wasm Conv2D. */
export function conv2dWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    ...stock,
    kernelFunc: (args) => {
      const { x, filter } = args.inputs as { x: Info; filter: Info };
      const out = trySimd(args.backend as BackendWasm, x, filter, undefined, args.attrs as unknown as ConvAttrs, false);
      return out ?? stock.kernelFunc(args);
    },
  };
}

/** Wraps the stock wasm FusedConv2D: bias (or none) with a linear or ReLU activation. */
export function fusedConv2dWasmConfig(stock: tf.KernelConfig): tf.KernelConfig {
  return {
    ...stock,
    kernelFunc: (args) => {
      const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, Info | undefined>;
      const attrs = args.attrs as unknown as ConvAttrs;
      const activation = attrs.activation ?? 'linear';
      if (preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return stock.kernelFunc(args);
      const out = trySimd(args.backend as BackendWasm, x!, filter!, bias, attrs, activation === 'relu');
      return out ?? stock.kernelFunc(args);
    },
  };
}
