/**
 * MaxPoolGrad for the wasm backend. The stock wasm kernel starts each window's maximum at the smallest
 * positive float instead of -infinity, so in a window of values <= 0 (common after ReLU: all zeros)
 * it routes the gradient to the wrong pixel. This one follows the cpu backend: the gradient goes to
 * the first maximum of each window.
 */
import * as tf from '@tensorflow/tfjs';
import { runTsKernel } from './backendData';

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
  return runTsKernel('wasm', args.backend, input.shape, [input, dy], (dx, x, g) => maxPoolGradInto(dx, x, g, info));
}

/** Registry entry replacing the stock wasm MaxPoolGrad. */
export const maxPoolGradWasmConfig: tf.KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGradKernel,
};
