/**
 * A 2-D convolution (NHWC x, HWIO filter, optional bias and ReLU) on the direct-convolution microkernels of
 * convKernel.ts, in place on the wasm heap. Any stride, dilation and padding: padding is made once as a
 * zero-bordered copy of x (one pass, small next to the arithmetic), so every tap of every tile reads inside
 * the buffer and the kernels need no edge cases.
 *
 * Output channels go in tiles of 8 (then 4); the caller keeps a channel count that is not a multiple of 4
 * on XNNPACK. Output pixels go in tiles of CONV_MAX_MR along each row, the row's last few in one smaller
 * tile. Images are processed one at a time with every channel tile, so an image's input stays in cache.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapAddress, heapF32, release, type Info } from '../wasmCall';
import { CONV_MAX_MR, depthUnroll, type ConvKernelShape } from './convKernel';
import type { SimdKernels } from './module';

/** The geometry the driver reads (tfjs' Conv2DInfo has it all). */
export type ConvGeometry = Pick<
  tf.backend_util.Conv2DInfo,
  | 'batchSize'
  | 'inHeight'
  | 'inWidth'
  | 'inChannels'
  | 'outHeight'
  | 'outWidth'
  | 'outChannels'
  | 'filterHeight'
  | 'filterWidth'
  | 'strideHeight'
  | 'strideWidth'
  | 'dilationHeight'
  | 'dilationWidth'
> & { padInfo: { top: number; bottom: number; left: number; right: number } };

/** Whether the SIMD convolution takes this geometry (output channels in vectors of 4). */
export function convSimdSupports(info: ConvGeometry): boolean {
  return info.outChannels % 4 === 0 && info.outHeight > 0 && info.outWidth > 0;
}

/**
 * x copied into a buffer with the padding around each image: [B, H+pt+pb, W+pl+pr, C]; x itself when the
 * geometry has no padding (release the result only when it is not x). Only the margins are zeroed (the rows
 * above and below, a few pixels either side of each row): the interior is overwritten anyway.
 */
export function padded(backend: BackendWasm, kernels: SimdKernels, x: Info, info: ConvGeometry): Info {
  const { top, bottom, left, right } = info.padInfo;
  if (!(top || bottom || left || right)) return x;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const hp = h + top + bottom;
  const wp = w + left + right;
  const out = allocF32(backend, [n, hp, wp, c]);
  const view = heapF32(backend, out);
  const image = hp * wp * c;
  const src = heapAddress(backend, x);
  const dst = heapAddress(backend, out);
  for (let i = 0; i < n; i++) {
    view.fill(0, i * image, i * image + top * wp * c);
    view.fill(0, i * image + (top + h) * wp * c, (i + 1) * image);
    kernels.padRows(dst + (i * image + (top * wp + left) * c) * 4, src + i * h * w * c * 4, h, w * c * 4, wp * c * 4, w * c * 4, left * c * 4, right * c * 4);
  }
  return out;
}

/**
 * `kernels.conv` for one call's constants, by register tile (mr, nr): each looked up once for the whole call,
 * not per image or block (the lookup keys on the whole shape).
 */
export function convKernelsByTile(kernels: SimdKernels, shape: Omit<ConvKernelShape, 'mr' | 'nr' | 'fma'>): (mr: number, nr: 4 | 8) => (...args: number[]) => void {
  const found = new Map<number, (...args: number[]) => void>();
  return (mr, nr) => {
    let k = found.get(mr * 8 + nr);
    if (!k) found.set(mr * 8 + nr, (k = kernels.conv({ ...shape, mr, nr })));
    return k;
  };
}

/**
 * relu?(conv2d(x, filter) + bias): x [B,H,W,Cin], filter [KH,KW,Cin,Cout], bias [Cout] or null. Returns a
 * new heap tensor [B,OH,OW,Cout]. Check {@link convSimdSupports} first.
 */
export function conv2dSimd(
  backend: BackendWasm,
  kernels: SimdKernels,
  x: Info,
  filter: Info,
  bias: Info | null,
  info: ConvGeometry,
  relu: boolean,
): Info {
  const { top, bottom, left, right } = info.padInfo;
  const xp = padded(backend, kernels, x, info);
  const zeros = bias ? null : allocF32(backend, [info.outChannels]);
  if (zeros) heapF32(backend, zeros).fill(0);
  const out = allocF32(backend, [info.batchSize, info.outHeight, info.outWidth, info.outChannels]);

  const { inChannels: cin, outChannels: cout, outHeight: oh, outWidth: ow } = info;
  const hp = info.inHeight + top + bottom;
  const wp = info.inWidth + left + right;
  const f = 4; // bytes per float
  // A tap is a run of floats contiguous in x: a whole filter row at dilation 1 along the width.
  const contiguousRow = info.dilationWidth === 1;
  const depth = contiguousRow ? info.filterWidth * cin : cin;
  const taps: { x: number; w: number }[] = [];
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < (contiguousRow ? 1 : info.filterWidth); j++) {
      taps.push({ x: (i * info.dilationHeight * wp + j * info.dilationWidth) * cin * f, w: taps.length * depth * cout * f });
    }
  }
  const fullTiles = Math.floor(ow / CONV_MAX_MR);
  const rest = ow - fullTiles * CONV_MAX_MR;
  const unroll = depthUnroll(depth);
  const xAddr = heapAddress(backend, xp);
  const wAddr = heapAddress(backend, filter);
  const bAddr = heapAddress(backend, bias ?? zeros!);
  const oAddr = heapAddress(backend, out);
  const xImage = hp * wp * cin * f;
  const oImage = oh * ow * cout * f;
  const xPix = info.strideWidth * cin * f;
  const oPix = cout * f;
  const kernel = convKernelsByTile(kernels, { xPix, outPix: oPix, wStep: cout * f, taps, unroll, relu });
  const xRowStep = info.strideHeight * wp * cin * f;
  const oRowStep = ow * cout * f;
  const blocks = depth / unroll;
  const restPixel = fullTiles * CONV_MAX_MR;
  // Plain calls, no closure per (image, column block): a matrix product as wide as Winograd's filter
  // transforms (thousands of channel pairs) made hundreds of them a call, a quarter of a step's garbage.
  for (let n = 0; n < info.batchSize; n++) {
    const xImageAddr = xAddr + n * xImage;
    const oImageAddr = oAddr + n * oImage;
    for (let co = 0; co < cout; ) {
      const nr = cout - co >= 8 ? 8 : 4;
      const w = wAddr + co * f;
      const b = bAddr + co * f;
      if (fullTiles > 0) kernel(CONV_MAX_MR, nr)(xImageAddr, w, oImageAddr + co * f, b, oh, fullTiles, xRowStep, oRowStep, blocks);
      if (rest > 0) kernel(rest, nr)(xImageAddr + restPixel * xPix, w, oImageAddr + (restPixel * cout + co) * f, b, oh, 1, xRowStep, oRowStep, blocks);
      co += nr;
    }
  }
  if (xp !== x) release(backend, xp);
  if (zeros) release(backend, zeros);
  return out;
}
