/**
 * A [M,K] x [K,N] matrix product on the direct convolution: a 1x1 convolution of one image, one row of M
 * pixels of K channels, with the filter [1,1,K,N] (./conv.ts). It reads B in place, 6 rows of A at a time,
 * N in fours. Dense layers' forward products (../matMulSimd.ts) and Winograd's filter transforms
 * (./winograd.ts) run on it.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Info } from '../wasmCall';
import { conv2dSimd, type ConvGeometry } from './conv';
import type { SimdKernels } from './module';

/** `info` seen with another shape of the same size (same heap data, nothing copied). */
export const view = (info: Info, shape: number[]): Info => ({ ...info, shape });

/** The geometry of a 1x1 convolution over one row of `pixels` pixels, `cin` channels in, `cout` out. */
export function rowGeometry(pixels: number, cin: number, cout: number): ConvGeometry {
  return {
    batchSize: 1,
    inHeight: 1,
    inWidth: pixels,
    inChannels: cin,
    outHeight: 1,
    outWidth: pixels,
    outChannels: cout,
    filterHeight: 1,
    filterWidth: 1,
    strideHeight: 1,
    strideWidth: 1,
    dilationHeight: 1,
    dilationWidth: 1,
    padInfo: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

/** A B for a [m,k] and b [k,n] on the heap (any shapes of those sizes), n in fours: a new heap tensor [m,n]. */
export function matrixProduct(backend: BackendWasm, kernels: SimdKernels, a: Info, b: Info, m: number, k: number, n: number): Info {
  const out = conv2dSimd(backend, kernels, view(a, [1, 1, m, k]), view(b, [1, 1, k, n]), null, rowGeometry(m, k, n), false);
  return view(out, [m, n]);
}
