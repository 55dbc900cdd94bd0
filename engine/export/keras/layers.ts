import { poolStride, type ActivationName } from '@/graph/catalog';
import { boolParam, intParam, lastDim, numParam, strParam } from '@/graph/catalog/shared';
import type { NodeType } from '@/graph/types';
import { num, pyTuple } from '../format';
import { pyString } from '../identifiers';
import type { PlanNode } from '../plan';

/**
 * How one node type becomes a Keras (TensorFlow 2) layer: the constructor call without `name=` (the printer
 * adds it), or, for the Input, the `keras.Input(...)` call. Keras follows the same TensorFlow semantics as
 * tfjs ('same' padding, transposed convolution sizes, BatchNorm momentum), so layers map one to one.
 */
export interface KerasLayer {
  /** e.g. `layers.Conv2D(16, 3, padding="same"`, without the closing `, name=...)`. */
  open(node: PlanNode): string;
}

/** Standalone activations as Keras layers: tfjs' leaky slope 0.3 and exact (erf) GELU, as Keras'. */
export const KERAS_ACTIVATIONS = {
  relu: () => 'layers.Activation("relu"',
  // Keras 2 has no "relu6" activation name; ReLU(max_value) is in Keras 2 and 3 (and what MobileNets use).
  relu6: () => 'layers.ReLU(6.0',
  // Positional: the argument is `alpha` in Keras 2 and `negative_slope` in Keras 3.
  leakyRelu: () => 'layers.LeakyReLU(0.3',
  elu: () => 'layers.Activation("elu"',
  gelu: () => 'layers.Activation("gelu"',
  sigmoid: () => 'layers.Activation("sigmoid"',
  tanh: () => 'layers.Activation("tanh"',
  softmax: () => 'layers.Activation("softmax"',
  linear: () => 'layers.Activation("linear"',
} satisfies Record<ActivationName, () => string>;

/** `, activation="relu"` unless linear; the value is checked against the catalog's options. */
function activationArg(node: PlanNode): string {
  const a = strParam(node.params, 'activation', 'linear');
  return a === 'linear' ? '' : `, activation=${pyString(a)}`;
}

function paddingArg(node: PlanNode, fallback: 'same' | 'valid'): string {
  const p = strParam(node.params, 'padding', fallback) === 'same' ? 'same' : 'valid';
  return p === 'valid' ? '' : ', padding="same"';
}

function biasArg(node: PlanNode): string {
  return boolParam(node.params, 'useBias', true) ? '' : ', use_bias=False';
}

function pool(kind: 'MaxPooling2D' | 'AveragePooling2D'): KerasLayer {
  return {
    open(n) {
      const k = intParam(n.params, 'poolSize', 2);
      const s = poolStride(n.params);
      return `layers.${kind}(pool_size=${k}${s !== k ? `, strides=${s}` : ''}${paddingArg(n, 'valid')}`;
    },
  };
}

/** Every node type as Keras. */
export const KERAS_LAYERS = {
  Input: { open: (n) => `keras.Input(shape=${pyTuple(n.shape.slice(1).map((d) => String(d)))}` },
  Conv2D: {
    open(n) {
      const s = intParam(n.params, 'strides', 1);
      const d = intParam(n.params, 'dilationRate', 1);
      return (
        `layers.Conv2D(${intParam(n.params, 'filters', 16)}, ${intParam(n.params, 'kernelSize', 3)}` +
        `${s !== 1 ? `, strides=${s}` : ''}${paddingArg(n, 'same')}${d !== 1 ? `, dilation_rate=${d}` : ''}` +
        `${biasArg(n)}${activationArg(n)}`
      );
    },
  },
  Conv2DTranspose: {
    open(n) {
      const s = intParam(n.params, 'strides', 2);
      return (
        `layers.Conv2DTranspose(${intParam(n.params, 'filters', 16)}, ${intParam(n.params, 'kernelSize', 2)}` +
        `${s !== 1 ? `, strides=${s}` : ''}${paddingArg(n, 'same')}${biasArg(n)}${activationArg(n)}`
      );
    },
  },
  DepthwiseConv2D: {
    open(n) {
      const s = intParam(n.params, 'strides', 1);
      const m = intParam(n.params, 'depthMultiplier', 1);
      return (
        `layers.DepthwiseConv2D(${intParam(n.params, 'kernelSize', 3)}` +
        `${s !== 1 ? `, strides=${s}` : ''}${paddingArg(n, 'same')}${m !== 1 ? `, depth_multiplier=${m}` : ''}` +
        `${biasArg(n)}${activationArg(n)}`
      );
    },
  },
  SeparableConv2D: {
    open(n) {
      const s = intParam(n.params, 'strides', 1);
      const m = intParam(n.params, 'depthMultiplier', 1);
      return (
        `layers.SeparableConv2D(${intParam(n.params, 'filters', 16)}, ${intParam(n.params, 'kernelSize', 3)}` +
        `${s !== 1 ? `, strides=${s}` : ''}${paddingArg(n, 'same')}${m !== 1 ? `, depth_multiplier=${m}` : ''}` +
        `${biasArg(n)}${activationArg(n)}`
      );
    },
  },
  MaxPooling2D: pool('MaxPooling2D'),
  AveragePooling2D: pool('AveragePooling2D'),
  GlobalAveragePooling2D: { open: () => 'layers.GlobalAveragePooling2D(' },
  GlobalMaxPooling2D: { open: () => 'layers.GlobalMaxPooling2D(' },
  Flatten: { open: () => 'layers.Flatten(' },
  Dense: {
    open: (n) => `layers.Dense(${intParam(n.params, 'units', 64)}${biasArg(n)}${activationArg(n)}`,
  },
  Dropout: { open: (n) => `layers.Dropout(${num(numParam(n.params, 'rate', 0.5))}` },
  BatchNormalization: {
    open: (n) =>
      `layers.BatchNormalization(momentum=${num(numParam(n.params, 'momentum', 0.99))}, epsilon=${num(numParam(n.params, 'epsilon', 0.001))}`,
  },
  Activation: {
    open: (n) => (KERAS_ACTIVATIONS as Record<string, () => string>)[strParam(n.params, 'activation', 'relu')]?.() ?? 'layers.Activation("linear"',
  },
  // Positional: the slope is `alpha` in Keras 2 and `negative_slope` in Keras 3.
  LeakyReLU: { open: (n) => `layers.LeakyReLU(${num(numParam(n.params, 'alpha', 0.2))}` },
  Add: { open: () => 'layers.Add(' },
  Concatenate: { open: () => 'layers.Concatenate(' },
  UpSampling2D: {
    open(n) {
      const s = intParam(n.params, 'size', 2);
      if (strParam(n.params, 'interpolation', 'nearest') === 'nearest') return `layers.UpSampling2D(size=${s}`;
      // tfjs resizes without half-pixel centres; Keras' bilinear UpSampling2D uses them, so call the op directly.
      const [h, w, c] = [n.shape[1], n.shape[2], n.shape[3]];
      return (
        `layers.Lambda(lambda t: tf.raw_ops.ResizeBilinear(images=t, size=[${h}, ${w}], align_corners=False, ` +
        `half_pixel_centers=False), output_shape=(${h}, ${w}, ${c})`
      );
    },
  },
  ZeroPadding2D: { open: (n) => `layers.ZeroPadding2D(padding=${intParam(n.params, 'padding', 1)}` },
  Output: {
    open(n) {
      const k = lastDim(n.shape);
      const act = n.shape.length === 4 && k === 1 ? 'sigmoid' : 'softmax';
      if (!boolParam(n.params, 'projection', true)) return `layers.Activation("${act}"`;
      return n.shape.length === 4 ? `layers.Conv2D(${k}, 1, activation="${act}"` : `layers.Dense(${k}, activation="${act}"`;
    },
  },
} satisfies Record<NodeType, KerasLayer>;
