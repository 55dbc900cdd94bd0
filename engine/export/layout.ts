import type { NodeType } from '@/graph/types';
import { boolParam, intParam, lastDim } from '@/graph/catalog/shared';
import type { PlanNode } from './plan';

/** Names tfjs and Keras give a layer's weights (the part after `layer_name/`). */
export type WeightRole =
  | 'kernel'
  | 'depthwise_kernel'
  | 'pointwise_kernel'
  | 'bias'
  | 'gamma'
  | 'beta'
  | 'moving_mean'
  | 'moving_variance';

/** One weight of a layer in Keras/tfjs layout. */
export interface WeightSpec {
  role: WeightRole;
  shape: number[];
}

const none = (): WeightSpec[] => [];

function withBias(kernel: number[], units: number, useBias: boolean): WeightSpec[] {
  return useBias ? [{ role: 'kernel', shape: kernel }, { role: 'bias', shape: [units] }] : [{ role: 'kernel', shape: kernel }];
}

/**
 * Each node type's weights in Keras order and layout (tfjs uses the same): what `layer.get_weights()`
 * returns and `layer.set_weights()` takes. Conv2D kernel [k, k, in, filters]; Conv2DTranspose kernel
 * [k, k, filters, in]; DepthwiseConv2D depthwise_kernel [k, k, in, multiplier] (+ bias [in*multiplier]);
 * SeparableConv2D depthwise_kernel [k, k, in, multiplier], pointwise_kernel [1, 1, in*multiplier, filters]
 * (+ bias [filters]); Dense kernel [in, units]; BatchNormalization gamma, beta, moving mean, moving variance.
 * The Output head's projection is a Dense (classification) or a 1x1 Conv2D (segmentation) with bias.
 */
export const KERAS_WEIGHTS = {
  Input: none,
  Conv2D: (n) => {
    const k = intParam(n.params, 'kernelSize', 3);
    const f = intParam(n.params, 'filters', 16);
    return withBias([k, k, lastDim(n.inputShapes[0]), f], f, boolParam(n.params, 'useBias', true));
  },
  Conv2DTranspose: (n) => {
    const k = intParam(n.params, 'kernelSize', 2);
    const f = intParam(n.params, 'filters', 16);
    return withBias([k, k, f, lastDim(n.inputShapes[0])], f, boolParam(n.params, 'useBias', true));
  },
  DepthwiseConv2D: (n) => {
    const k = intParam(n.params, 'kernelSize', 3);
    const c = lastDim(n.inputShapes[0]);
    const m = intParam(n.params, 'depthMultiplier', 1);
    const kernel: WeightSpec = { role: 'depthwise_kernel', shape: [k, k, c, m] };
    return boolParam(n.params, 'useBias', true) ? [kernel, { role: 'bias', shape: [c * m] }] : [kernel];
  },
  SeparableConv2D: (n) => {
    const k = intParam(n.params, 'kernelSize', 3);
    const c = lastDim(n.inputShapes[0]);
    const m = intParam(n.params, 'depthMultiplier', 1);
    const f = intParam(n.params, 'filters', 16);
    const kernels: WeightSpec[] = [
      { role: 'depthwise_kernel', shape: [k, k, c, m] },
      { role: 'pointwise_kernel', shape: [1, 1, c * m, f] },
    ];
    return boolParam(n.params, 'useBias', true) ? [...kernels, { role: 'bias', shape: [f] }] : kernels;
  },
  MaxPooling2D: none,
  AveragePooling2D: none,
  GlobalAveragePooling2D: none,
  GlobalMaxPooling2D: none,
  Flatten: none,
  Dense: (n) => {
    const units = intParam(n.params, 'units', 64);
    return withBias([lastDim(n.inputShapes[0]), units], units, boolParam(n.params, 'useBias', true));
  },
  Dropout: none,
  BatchNormalization: (n) => {
    const c = lastDim(n.inputShapes[0]);
    return (['gamma', 'beta', 'moving_mean', 'moving_variance'] as const).map((role) => ({ role, shape: [c] }));
  },
  Activation: none,
  LeakyReLU: none,
  Add: none,
  Concatenate: none,
  UpSampling2D: none,
  ZeroPadding2D: none,
  Output: (n) => {
    if (!boolParam(n.params, 'projection', true)) return [];
    const classes = lastDim(n.shape);
    const c = lastDim(n.inputShapes[0]);
    return withBias(n.shape.length === 4 ? [1, 1, c, classes] : [c, classes], classes, true);
  },
} satisfies Record<NodeType, (node: PlanNode) => WeightSpec[]>;

/** A node's weights in Keras layout. */
export function kerasWeights(node: PlanNode): WeightSpec[] {
  return KERAS_WEIGHTS[node.type](node);
}
