/**
 * Conv2DBackpropInput for the wasm backend. The stock wasm kernel is a naive loop that takes about half
 * of a CNN training step; this one runs on XNNPACK's Conv2D.
 *
 * The input gradient is a correlation of dy with the spatially reversed, in/out-transposed filter
 * Wr[kh,kw,co,ci] = W[KH-1-kh, KW-1-kw, ci, co], dilated like the forward filter, at stride 1, after
 * inserting s-1 zeros between the rows and columns of dy when the forward stride s > 1:
 *   dx[h] = sum_j dyd[h + pt - (KH-1)d + j d] Wr[j],   dyd[o s] = dy[o]
 * so the convolution's padding is (KH-1)d - pt before and H + pt - ((OH-1)s + 1) after.
 * At stride > 1 the zeros would make the convolution s^2 times larger than needed, so when the SIMD
 * module is available that case splits into s x s stride-1 phases instead (subPixelInputGrad.ts).
 * Conv2DTranspose's forward pass is this kernel too.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGradInfo, type ConvGradAttrs } from './convGradAttrs';
import { simdKernels } from './simd/module';
import { subPixelInputGrad } from './subPixelInputGrad';
import { allocF32, callWasm, conv2dWasm, heapF32, release, type Info, type Shape4 } from './wasmCall';

/** Attributes: {@link ConvGradAttrs} and the input's shape (the shape of the gradient to make). */
export interface BackpropInputAttrs extends ConvGradAttrs {
  inputShape: Shape4;
}

/**
 * Padding of the (zero-dilated) dy along one axis so a stride-1 correlation yields the n input rows.
 * Negative amounts (explicit forward padding larger than the dilated kernel) become zero padding plus
 * a crop of the result, returned as `crop` (rows to drop at the start).
 */
export function inputGradPadding(
  n: number,
  k: number,
  s: number,
  d: number,
  out: number,
  padBefore: number,
): { before: number; after: number; crop: number } {
  const before = (k - 1) * d - padBefore;
  const after = n + padBefore - ((out - 1) * s + 1);
  return { before: Math.max(0, before), after: Math.max(0, after), crop: Math.max(0, -before) };
}

/** Wr[kh,kw,co,ci] = W[KH-1-kh, KW-1-kw, ci, co] on the wasm heap. */
function reverseTransposeFilter(backend: BackendWasm, filter: Info): Info {
  const [kh, kw, cin, cout] = filter.shape;
  const out = allocF32(backend, [kh, kw, cout, cin]);
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const srcBase = (i * kw + j) * cin * cout;
      const dstBase = ((kh - 1 - i) * kw + (kw - 1 - j)) * cout * cin;
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) dst[dstBase + co * cin + ci] = src[srcBase + ci * cout + co];
      }
    }
  }
  return out;
}

/** dy [B,OH,OW,C] -> [B,(OH-1)sh+1,(OW-1)sw+1,C] with zeros between rows and columns. */
function insertZeros(backend: BackendWasm, dy: Info, sh: number, sw: number): Info {
  const [b, oh, ow, c] = dy.shape;
  const h = (oh - 1) * sh + 1;
  const w = (ow - 1) * sw + 1;
  const out = allocF32(backend, [b, h, w, c]);
  const src = heapF32(backend, dy);
  const dst = heapF32(backend, out);
  dst.fill(0);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const from = ((n * oh + i) * ow + j) * c;
        dst.set(src.subarray(from, from + c), ((n * h + i * sh) * w + j * sw) * c);
      }
    }
  }
  return out;
}

/** The kernel function: inputs `dy` [B,OH,OW,Cout] and `filter` [KH,KW,Cin,Cout]; output `inputShape`. */
export function conv2dBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: object;
  attrs?: tf.NamedAttrMap;
}): Info {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  const attrs = args.attrs as unknown as BackpropInputAttrs;
  const info = convGradInfo('Conv2DBackpropInput', attrs.inputShape, filter.shape as Shape4, attrs);
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const simd = simdKernels(backend);
  if ((sh > 1 || sw > 1) && dh === 1 && dw === 1 && simd) return subPixelInputGrad(backend, simd, dy, filter, info);
  return inputGradZeroInsertion(backend, dy, filter, info);
}

/** The zero-insertion form (see the file comment): stride 1, dilation > 1, or no SIMD module. */
export function inputGradZeroInsertion(backend: BackendWasm, dy: Info, filter: Info, info: tf.backend_util.Conv2DInfo): Info {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const rows = inputGradPadding(info.inHeight, kh, sh, dh, info.outHeight, info.padInfo.top);
  const cols = inputGradPadding(info.inWidth, kw, sw, dw, info.outWidth, info.padInfo.left);

  const wr = reverseTransposeFilter(backend, filter);
  const dyd = sh === 1 && sw === 1 ? dy : insertZeros(backend, dy, sh, sw);
  const dx = conv2dWasm(backend, dyd, wr, [1, 1], [dh, dw], {
    top: rows.before,
    bottom: rows.after,
    left: cols.before,
    right: cols.after,
  });
  release(backend, wr);
  if (dyd !== dy) release(backend, dyd);
  if (dx.shape[1] === info.inHeight && dx.shape[2] === info.inWidth) return dx;
  const cropped = callWasm(
    backend,
    'Slice',
    { x: dx },
    { begin: [0, rows.crop, cols.crop, 0], size: [info.batchSize, info.inHeight, info.inWidth, info.inChannels] },
  );
  release(backend, dx);
  return cropped;
}

/** Registry entry for {@link conv2dBackpropInputWasm}; replaces the stock wasm kernel. */
export const conv2dBackpropInputWasmConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInputWasm,
};
