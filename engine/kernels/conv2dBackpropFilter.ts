/**
 * Conv2DBackpropFilter for the wasm backend, which tfjs 4.22 lacks (tensorflow/tfjs#8474). It runs the
 * SIMD kernels of simd/filterGrad.ts; where that module cannot be bound (no exported memory), a
 * composition of XNNPACK kernels. The filter gradient is itself a convolution:
 *   dW[kh,kw,ci,co] = sum_{b,oh,ow} x[b, oh*s + kh*d - padTop, ow*s + kw*d - padLeft, ci] * dy[b,oh,ow,co]
 * which is a Conv2D whose batch is Cin, whose channels are the batch B, whose filter is dy (spatial size
 * OH x OW, dilated by the forward stride s) and whose stride is the forward dilation d:
 *   xT [Cin,H,W,B] (*) dyT [OH,OW,B,Cout]  ->  [Cin, KH', KW', Cout]  -> crop to KH x KW -> [KH,KW,Cin,Cout].
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGradInfo, type ConvGradAttrs } from './convGradAttrs';
import { filterGradSimd } from './simd/filterGrad';
import { simdKernels } from './simd/module';
import { filterGradWinograd, winogradSupports } from './simd/winograd';
import { callWasm, conv2dWasm, release, transposeWasm, type Info, type Shape4 } from './wasmCall';

/** Attributes: {@link ConvGradAttrs} and the filter's shape. */
export interface BackpropFilterAttrs extends ConvGradAttrs {
  filterShape: Shape4;
}

/**
 * Padding for the gradient convolution along one axis: the forward padding, with the bottom (right)
 * padding trimmed so the convolution yields exactly k rows where it can (a forward 'valid' convolution
 * that skips trailing rows would otherwise make it compute rows that are cropped away).
 * Returns the padding and the rows still to crop.
 *
 * @param n input length, `k` kernel size, `s` stride, `d` dilation, `out` forward output length.
 */
export function filterGradPadding(
  n: number,
  k: number,
  s: number,
  d: number,
  out: number,
  before: number,
  after: number,
): { before: number; after: number; length: number } {
  // Rows the gradient convolution produces with the forward padding, minus the k that are needed.
  const surplus = Math.floor((n + before + after - (out - 1) * s - 1) / d) + 1 - k;
  const trim = Math.min(after, surplus * d);
  const trimmedAfter = after - trim;
  const length = Math.floor((n + before + trimmedAfter - (out - 1) * s - 1) / d) + 1;
  return { before, after: trimmedAfter, length };
}

/** The kernel function: inputs `x` [B,H,W,Cin] and `dy` [B,OH,OW,Cout]; output [KH,KW,Cin,Cout]. */
export function conv2dBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: object;
  attrs?: tf.NamedAttrMap;
}): Info {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as BackpropFilterAttrs;
  const info = convGradInfo('Conv2DBackpropFilter', x.shape as Shape4, attrs.filterShape, attrs);
  const simd = simdKernels(backend);
  if (simd && winogradSupports(info)) return filterGradWinograd(backend, simd, x, dy, info);
  if (simd) return filterGradSimd(backend, simd, x, dy, info);
  return filterGradComposed(backend, x, dy, info);
}

/** The XNNPACK composition (see the file comment): the fallback without the SIMD module. */
export function filterGradComposed(backend: BackendWasm, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo): Info {
  const { filterHeight: kh, filterWidth: kw, inChannels: cin, outChannels: cout } = info;
  const rows = filterGradPadding(info.inHeight, kh, info.strideHeight, info.dilationHeight, info.outHeight, info.padInfo.top, info.padInfo.bottom);
  const cols = filterGradPadding(info.inWidth, kw, info.strideWidth, info.dilationWidth, info.outWidth, info.padInfo.left, info.padInfo.right);

  const xT = transposeWasm(backend, x, [3, 1, 2, 0]); // [Cin,H,W,B]
  const dyT = transposeWasm(backend, dy, [1, 2, 0, 3]); // [OH,OW,B,Cout]
  const g = conv2dWasm(backend, xT, dyT, [info.dilationHeight, info.dilationWidth], [info.strideHeight, info.strideWidth], {
    top: rows.before,
    bottom: rows.after,
    left: cols.before,
    right: cols.after,
  }); // [Cin, rows.length, cols.length, Cout]
  release(backend, xT, dyT);

  let cropped = g;
  if (rows.length !== kh || cols.length !== kw) {
    cropped = callWasm(backend, 'Slice', { x: g }, { begin: [0, 0, 0, 0], size: [cin, kh, kw, cout] });
    release(backend, g);
  }
  const dw = transposeWasm(backend, cropped, [1, 2, 0, 3]); // [KH,KW,Cin,Cout]
  release(backend, cropped);
  return dw;
}

/** Registry entry for {@link conv2dBackpropFilterWasm}. */
export const conv2dBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm,
};
