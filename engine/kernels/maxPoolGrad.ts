/**
 * MaxPoolGrad for the wasm backend. The stock wasm kernel starts each window's maximum at the smallest
 * positive float instead of -infinity, so in a window of values <= 0 (common after ReLU: all zeros)
 * it routes the gradient to the wrong pixel. This one follows the cpu backend: the gradient goes to
 * the first maximum of each window.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runTsKernel } from './backendData';
import { simdKernels, type SimdKernels } from './simd/module';
import { allocF32, allocZerosF32, heapAddress, heapF32, release } from './wasmCall';

/** Pooling geometry, as tfjs' `computePool2DInfo` returns it (NHWC). */
export type PoolInfo = tf.backend_util.Conv2DInfo;

/** dx += dy routed to each window's first maximum; `dx` must start zeroed. Arrays are NHWC, flat. */
export function maxPoolGradInto(dx: Float32Array, x: Float32Array, dy: Float32Array, info: PoolInfo): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const best = new Float32Array(c);
  const arg = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      const r0 = i * sh - info.padInfo.top;
      for (let j = 0; j < ow; j++) {
        const c0 = j * sw - info.padInfo.left;
        best.fill(-Infinity);
        arg.fill(-1);
        for (let r = Math.max(r0, r0 + dh * Math.ceil(-r0 / dh)); r < Math.min(h, r0 + fh); r += dh) {
          for (let q = Math.max(c0, c0 + dw * Math.ceil(-c0 / dw)); q < Math.min(w, c0 + fw); q += dw) {
            const base = ((b * h + r) * w + q) * c;
            for (let k = 0; k < c; k++) {
              const v = x[base + k];
              if (v > best[k]) {
                best[k] = v;
                arg[k] = base + k;
              }
            }
          }
        }
        const dyBase = ((b * oh + i) * ow + j) * c;
        for (let k = 0; k < c; k++) if (arg[k] >= 0) dx[arg[k]] += dy[dyBase + k];
      }
    }
  }
}

function maxPoolGradKernel(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const simd = simdKernels(args.backend as BackendWasm);
  if (simd && simd2x2Applies(info)) return maxPool2x2GradSimd(args.backend as BackendWasm, simd, input, dy, info);
  if (simd && simdWindowApplies(info)) return maxPoolGradSimd(args.backend as BackendWasm, simd, input, dy, info);
  return runTsKernel('wasm', args.backend, input.shape, [input, dy], (dx, x, g) => maxPoolGradInto(dx, x, g, info));
}

/** The SIMD kernel covers 2x2 windows at stride 2 without padding, channels in multiples of 4. */
export function simd2x2Applies(info: PoolInfo): boolean {
  return (
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.padInfo.bottom === 0 &&
    info.padInfo.right === 0 &&
    info.inChannels % 4 === 0
  );
}

/** The 2x2 stride-2 case on the SIMD kernel (module.ts), in place on the heap. */
export function maxPool2x2GradSimd(backend: BackendWasm, simd: SimdKernels, x: tf.TensorInfo, dy: tf.TensorInfo, info: PoolInfo): tf.TensorInfo {
  const { batchSize: b, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const dx = allocF32(backend, x.shape);
  // Odd sizes leave the last row or column outside every window: its gradient is 0.
  if (h % 2 === 1 || w % 2 === 1) heapF32(backend, dx).fill(0);
  const addr = (t: tf.TensorInfo) => heapAddress(backend, t);
  // With an odd height, consecutive images are not 2 rows apart: one call per image.
  const perCall = h % 2 === 1 ? 1 : b;
  for (let i = 0; i < b; i += perCall) {
    simd.maxPool2x2Grad(
      addr(x) + i * h * w * c * 4,
      addr(dy) + i * oh * ow * c * 4,
      addr(dx) + i * h * w * c * 4,
      perCall * oh,
      ow,
      c / 4,
      2 * w * c * 4,
      c * 4,
      w * c * 4,
    );
  }
  return dx;
}

/**
 * The general SIMD kernel covers any window and stride without dilation, channels in multiples of 4, where
 * every window lies inside the padded input (always so for 'same' and 'valid').
 */
export function simdWindowApplies(info: PoolInfo): boolean {
  const { padInfo: p } = info;
  return (
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.inChannels % 4 === 0 &&
    p.top >= 0 &&
    p.left >= 0 &&
    (info.outHeight - 1) * info.strideHeight + info.filterHeight <= info.inHeight + p.top + p.bottom &&
    (info.outWidth - 1) * info.strideWidth + info.filterWidth <= info.inWidth + p.left + p.right
  );
}

/**
 * Any window on the SIMD kernel (elementKernels.ts' maxPoolGradKernel). With padding, x is copied into a
 * -infinity frame first (a padded cell never wins, as the cpu backend never looks at one) and the gradient
 * of the frame's interior is copied out after: two memory passes, against a scalar loop over every tap.
 */
export function maxPoolGradSimd(backend: BackendWasm, simd: SimdKernels, x: tf.TensorInfo, dy: tf.TensorInfo, info: PoolInfo): tf.TensorInfo {
  const { batchSize: b, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { top, bottom, left, right } = info.padInfo;
  const run = (xInfo: tf.TensorInfo, dxInfo: tf.TensorInfo, hp: number, wp: number) => {
    const xAddr = heapAddress(backend, xInfo);
    const xRow = wp * c * 4;
    simd.maxPoolGrad(
      xAddr, heapAddress(backend, dy), heapAddress(backend, dxInfo) - xAddr,
      b, oh, ow, c / 4, info.filterHeight, info.filterWidth,
      hp * xRow, info.strideHeight * xRow, info.strideWidth * c * 4, xRow, c * 4,
    );
  };
  if (top === 0 && bottom === 0 && left === 0 && right === 0) {
    const dx = allocZerosF32(backend, x.shape);
    run(x, dx, h, w);
    return dx;
  }
  const hp = h + top + bottom;
  const wp = w + left + right;
  const framed = allocF32(backend, [b, hp, wp, c]);
  const dxFramed = allocZerosF32(backend, [b, hp, wp, c]);
  const dx = allocF32(backend, x.shape);
  heapF32(backend, framed).fill(-Infinity);
  // Each image's rows into the frame, and the interior's gradient back out (the module's strided row copy).
  const rowBytes = w * c * 4;
  const frameRow = wp * c * 4;
  const inner = (n: number) => ((n * hp + top) * wp + left) * c * 4;
  const at = (t: tf.TensorInfo) => heapAddress(backend, t);
  for (let n = 0; n < b; n++) simd.copyRows(at(framed) + inner(n), at(x) + n * h * rowBytes, h, rowBytes, frameRow, rowBytes);
  run(framed, dxFramed, hp, wp);
  for (let n = 0; n < b; n++) simd.copyRows(at(dx) + n * h * rowBytes, at(dxFramed) + inner(n), h, rowBytes, rowBytes, frameRow);
  release(backend, framed, dxFramed);
  return dx;
}

/** Registry entry replacing the stock wasm MaxPoolGrad. */
export const maxPoolGradWasmConfig: tf.KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGradKernel,
};
