/**
 * The filter gradient computed in place by the SIMD microkernels of module.ts, straight from NHWC x
 * and dy: no transposes, no packing of dy (XNNPACK packs the whole of dy as a filter on every call,
 * which cost more than the arithmetic).
 *
 *   dW[kh,kw,ci,co] = sum over b, oh, ow of x[b, oh*s + kh*d - pt, ow*s + kw*d - pl, ci] * dy[b,oh,ow,co]
 *
 * For each tap (kh, kw) the output rows and columns that read inside the image form one rectangle, so
 * padding costs nothing; images are processed in chunks that stay in cache across the tiles.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, heapAddress, heapF32, type Info } from '../wasmCall';
import { narrowChannels, widenChannels } from './channels';
import { MAX_MR, type SimdKernels } from './module';

/** Bytes of x and dy per chunk of images: about half a typical L2 cache. */
const CHUNK_BYTES = 256 * 1024;

/** Output positions o in [0, out) whose input o*s + k*d - pad lies in [0, n): a half-open range. */
export function validRange(n: number, out: number, s: number, k: number, d: number, pad: number): [number, number] {
  const first = Math.max(0, Math.ceil((pad - k * d) / s));
  const last = Math.min(out - 1, Math.floor((n - 1 + pad - k * d) / s));
  return [first, Math.max(first, last + 1)];
}

/**
 * dW on the SIMD kernels. Output channels that are not a multiple of 4 are handled on copies of dy and
 * dW padded with zero channels up to the next multiple (one extra pass over dy, cheap next to the
 * arithmetic).
 */
export function filterGradSimd(
  backend: BackendWasm,
  kernels: SimdKernels,
  x: Info,
  dy: Info,
  info: tf.backend_util.Conv2DInfo,
): Info {
  const cout = info.outChannels;
  if (cout % 4 === 0) return filterGradAligned(backend, kernels, x, dy, info);
  const padded = Math.ceil(cout / 4) * 4;
  const [b, oh, ow] = dy.shape;
  const dyPadded = widenChannels(backend, kernels, dy, cout, [b, oh, ow, padded]);
  const dwPadded = filterGradAligned(backend, kernels, x, dyPadded, { ...info, outChannels: padded });
  backend.disposeData(dyPadded.dataId);
  const { filterHeight: kh, filterWidth: kw, inChannels: cin } = info;
  const dw = narrowChannels(backend, kernels, dwPadded, padded, [kh, kw, cin, cout]);
  backend.disposeData(dwPadded.dataId);
  return dw;
}

/**
 * Input channels per register tile: 6 (12 accumulators, 8 loads per 12 multiply-adds) where they divide the
 * channels and the engine keeps that many vectors in registers (`wide`: see SimdKernels.fma), else 4 (a
 * thin last tile, 16 = 6 + 6 + 4, ran no faster than 4 x 4).
 */
export function inputChannelTile(cin: number, wide: boolean): number {
  return wide && cin % MAX_MR === 0 ? MAX_MR : 4;
}

function filterGradAligned(
  backend: BackendWasm,
  kernels: SimdKernels,
  x: Info,
  dy: Info,
  info: tf.backend_util.Conv2DInfo,
): Info {
  const { batchSize, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, outChannels: cout } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const out = allocF32(backend, [kh, kw, cin, cout]);
  heapF32(backend, out).fill(0);
  const xAddr = heapAddress(backend, x);
  const dyAddr = heapAddress(backend, dy);
  const dwAddr = heapAddress(backend, out);
  const xImage = h * w * cin * 4;
  const dyImage = oh * ow * cout * 4;
  const chunk = Math.max(1, Math.floor(CHUNK_BYTES / (xImage + dyImage)));
  const ciTile = inputChannelTile(cin, kernels.fma);
  for (let b0 = 0; b0 < batchSize; b0 += chunk) {
    const images = Math.min(chunk, batchSize - b0);
    for (let i = 0; i < kh; i++) {
      const [r0, r1] = validRange(h, oh, sh, i, dh, info.padInfo.top);
      if (r1 === r0) continue;
      for (let j = 0; j < kw; j++) {
        const [c0, c1] = validRange(w, ow, sw, j, dw, info.padInfo.left);
        if (c1 === c0) continue;
        const xPixel = ((b0 * h + r0 * sh + i * dh - info.padInfo.top) * w + c0 * sw + j * dw - info.padInfo.left) * cin;
        const dyPixel = ((b0 * oh + r0) * ow + c0) * cout;
        for (let ci = 0; ci < cin; ci += ciTile) {
          const mr = Math.min(ciTile, cin - ci);
          for (let co = 0; co < cout; ) {
            const nr = cout - co >= 8 ? 8 : 4;
            kernels.filterGrad[mr][nr](
              xAddr + (xPixel + ci) * 4,
              dyAddr + (dyPixel + co) * 4,
              dwAddr + (((i * kw + j) * cin + ci) * cout + co) * 4,
              images,
              r1 - r0,
              c1 - c0,
              xImage,
              sh * w * cin * 4,
              sw * cin * 4,
              dyImage,
              ow * cout * 4,
              cout * 4,
              cout * 4,
            );
            co += nr;
          }
        }
      }
    }
  }
  return out;
}
