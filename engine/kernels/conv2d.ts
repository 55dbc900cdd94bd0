/**
 * Conv2D and FusedConv2D for the wasm backend on Convas' SIMD kernels. Every forward convolution goes
 * through here, and so does the input gradient (a convolution of dy with the reversed filter,
 * conv2dBackpropInput.ts).
 * - 3x3 at stride 1 with 8+ channels in and out (most of a CNN's work): Winograd F(2x2, 3x3)
 *   (simd/winograd.ts), 2.25x fewer multiply-adds. In Chromium 1.4-1.6x the direct kernels' time; in Node 20,
 *   whose compiler has no relaxed SIMD, still 1.1-1.25x XNNPACK's.
 * - Other shapes where the engine runs relaxed SIMD (Chromium, Firefox): the direct kernels (simd/conv.ts);
 *   with fused multiply-add they take about two thirds of the time of tfjs' XNNPACK build, which has none.
 * Anything else (channels not in fours, NCHW, other activations) goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2dSimd, convSimdSupports } from './simd/conv';
import { relaxedSimdSupported, simdKernels } from './simd/module';
import { conv2dWinograd, winogradSupports } from './simd/winograd';
import type { Info } from './wasmCall';

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
  if (!convSimdSupports(info)) return null;
  if (bias && (bias.dtype !== 'float32' || tf.util.sizeFromShape(bias.shape) !== info.outChannels)) return null;
  if (winogradSupports(info)) return conv2dWinograd(backend, kernels, x, filter, bias ?? null, info, relu);
  if (mode === 'auto' && !relaxedSimdSupported()) return null;
  return conv2dSimd(backend, kernels, x, filter, bias ?? null, info, relu);
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
