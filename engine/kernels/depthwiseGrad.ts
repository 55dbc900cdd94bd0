/**
 * The two gradient kernels of a depthwise convolution for the wasm backend, which tfjs 4.22 lacks
 * (DepthwiseConv2D and SeparableConv2D layers could not train there: "kernel not registered"). Plain
 * TypeScript loops on the wasm heap (backendData.ts); a depthwise layer has k*k*C*m multiply-adds per pixel,
 * a small share of a network whose 1x1 convolutions run on XNNPACK. Channel c*m + j of dy is input channel
 * c's j-th filter (TensorFlow's order).
 */
import * as tf from '@tensorflow/tfjs';
import { runTsKernel } from './backendData';

/** Depthwise geometry, as tfjs' `computeConv2DInfo(..., depthwise = true)` returns it (NHWC). */
export type DepthwiseInfo = tf.backend_util.Conv2DInfo;

/**
 * Visits every (output pixel, tap) pair whose input pixel lies inside the image: `visit(xBase, dyBase, wBase)`
 * gets the flat offsets of input pixel channel 0, dy pixel channel 0 and filter tap channel 0.
 */
function forEachTap(info: DepthwiseInfo, visit: (xBase: number, dyBase: number, wBase: number) => void): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, outChannels: oc } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, filterHeight: fh, filterWidth: fw } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const dyBase = ((b * oh + i) * ow + j) * oc;
        for (let r = 0; r < fh; r++) {
          const y = i * sh - info.padInfo.top + r * dh;
          if (y < 0 || y >= h) continue;
          for (let q = 0; q < fw; q++) {
            const x = j * sw - info.padInfo.left + q * dw;
            if (x < 0 || x >= w) continue;
            visit(((b * h + y) * w + x) * c, dyBase, (r * fw + q) * oc);
          }
        }
      }
    }
  }
}

/** dW [fh, fw, C, m] += the correlation of x with dy; `dw` must start zeroed. Arrays are flat, row-major. */
export function depthwiseFilterGradInto(dw: Float32Array, x: Float32Array, dy: Float32Array, info: DepthwiseInfo): void {
  const c = info.inChannels;
  const m = info.outChannels / c;
  forEachTap(info, (xBase, dyBase, wBase) => {
    for (let k = 0; k < c; k++) {
      const v = x[xBase + k];
      for (let t = 0; t < m; t++) dw[wBase + k * m + t] += v * dy[dyBase + k * m + t];
    }
  });
}

/** dx [N, H, W, C] += dy spread back through the filter [fh, fw, C, m]; `dx` must start zeroed. */
export function depthwiseInputGradInto(dx: Float32Array, dy: Float32Array, filter: Float32Array, info: DepthwiseInfo): void {
  const c = info.inChannels;
  const m = info.outChannels / c;
  forEachTap(info, (xBase, dyBase, wBase) => {
    for (let k = 0; k < c; k++) {
      let sum = 0;
      for (let t = 0; t < m; t++) sum += filter[wBase + k * m + t] * dy[dyBase + k * m + t];
      dx[xBase + k] += sum;
    }
  });
}

interface DepthwiseGradAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function infoOf(xShape: number[], filterShape: number[], attrs: DepthwiseGradAttrs): DepthwiseInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

/** DepthwiseConv2dNativeBackpropFilter on wasm: inputs x and dy, attr filterShape. */
export const depthwiseFilterGradWasmConfig: tf.KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as DepthwiseGradAttrs & { filterShape: [number, number, number, number] };
    const info = infoOf(x.shape, a.filterShape, a);
    return runTsKernel('wasm', backend, [...a.filterShape], [x, dy], (out, xs, g) => depthwiseFilterGradInto(out, xs, g, info));
  },
};

/** DepthwiseConv2dNativeBackpropInput on wasm: inputs dy and filter, attr inputShape. */
export const depthwiseInputGradWasmConfig: tf.KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as DepthwiseGradAttrs & { inputShape: [number, number, number, number] };
    const info = infoOf(a.inputShape, filter.shape, a);
    return runTsKernel('wasm', backend, [...a.inputShape], [dy, filter], (out, g, w) => depthwiseInputGradInto(out, g, w, info));
  },
};
