/**
 * The attributes both wasm convolution-gradient kernels (conv2dBackpropFilter.ts, conv2dBackpropInput.ts)
 * take, and their reading into tfjs' Conv2DInfo: one place, so the two kernels agree on what they accept
 * (NHWC only) and on the forward geometry they differentiate.
 */
import * as tf from '@tensorflow/tfjs';
import type { Shape4 } from './wasmCall';

/**
 * tfjs' Conv2DBackprop{Filter,Input}Attrs without the shape, plus an optional `dilations` (the forward
 * dilation; tfjs' own kernels have none, {@link registerConvGradients} passes it on wasm).
 */
export interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
}

/** The forward convolution of `inputShape` by `filterShape` under `attrs`; throws for NCHW, which the wasm kernels lack. */
export function convGradInfo(kernelName: string, inputShape: Shape4, filterShape: Shape4, attrs: ConvGradAttrs): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat === 'NCHW') throw new Error(`wasm ${kernelName} supports dataFormat 'NHWC' only`);
  return tf.backend_util.computeConv2DInfo(inputShape, filterShape, attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode);
}
