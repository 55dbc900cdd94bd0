import { poolStride, type ActivationName } from '@/graph/catalog';
import { boolParam, intParam, lastDim, numParam, strParam } from '@/graph/catalog/shared';
import type { NodeType } from '@/graph/types';
import { num } from '../format';
import { jsString } from '../identifiers';
import type { PlanNode } from '../plan';

/**
 * How one node type becomes a tf.layers call: the factory and its config entries except `name` (the printer
 * adds it). The Input is `tf.input({ shape })`.
 */
export interface TfjsLayer {
  /** e.g. `['tf.layers.conv2d', ["filters: 16", "kernelSize: 3", "padding: 'same'"]]`. */
  factory(node: PlanNode): [string, string[]];
}

/** Standalone activations: tfjs' own layers (leakyReLU's default alpha is 0.3). */
export const TFJS_ACTIVATIONS = {
  relu: () => ['tf.layers.activation', ["activation: 'relu'"]],
  relu6: () => ['tf.layers.reLU', ['maxValue: 6']],
  leakyRelu: () => ['tf.layers.leakyReLU', ['alpha: 0.3']],
  elu: () => ['tf.layers.activation', ["activation: 'elu'"]],
  gelu: () => ['tf.layers.activation', ["activation: 'gelu'"]],
  sigmoid: () => ['tf.layers.activation', ["activation: 'sigmoid'"]],
  tanh: () => ['tf.layers.activation', ["activation: 'tanh'"]],
  softmax: () => ['tf.layers.activation', ["activation: 'softmax'"]],
  linear: () => ['tf.layers.activation', ["activation: 'linear'"]],
} satisfies Record<ActivationName, () => [string, string[]]>;

function activation(node: PlanNode): string[] {
  const a = strParam(node.params, 'activation', 'linear');
  return a === 'linear' ? [] : [`activation: ${jsString(a)}`];
}

function padding(node: PlanNode, fallback: 'same' | 'valid'): string[] {
  return strParam(node.params, 'padding', fallback) === 'same' ? ["padding: 'same'"] : [];
}

function bias(node: PlanNode): string[] {
  return boolParam(node.params, 'useBias', true) ? [] : ['useBias: false'];
}

function pool(factory: string): TfjsLayer {
  return {
    factory(n) {
      const k = intParam(n.params, 'poolSize', 2);
      const s = poolStride(n.params);
      return [factory, [`poolSize: ${k}`, ...(s !== k ? [`strides: ${s}`] : []), ...padding(n, 'valid')]];
    },
  };
}

/** Every node type as tf.layers (the model the Convas compiler builds, written out). */
export const TFJS_LAYERS = {
  Input: { factory: (n) => ['tf.input', [`shape: [${n.shape.slice(1).join(', ')}]`]] },
  Conv2D: {
    factory(n) {
      const s = intParam(n.params, 'strides', 1);
      const d = intParam(n.params, 'dilationRate', 1);
      return [
        'tf.layers.conv2d',
        [
          `filters: ${intParam(n.params, 'filters', 16)}`,
          `kernelSize: ${intParam(n.params, 'kernelSize', 3)}`,
          ...(s !== 1 ? [`strides: ${s}`] : []),
          ...padding(n, 'same'),
          ...(d !== 1 ? [`dilationRate: ${d}`] : []),
          ...bias(n),
          ...activation(n),
        ],
      ];
    },
  },
  Conv2DTranspose: {
    factory(n) {
      const s = intParam(n.params, 'strides', 2);
      return [
        'tf.layers.conv2dTranspose',
        [
          `filters: ${intParam(n.params, 'filters', 16)}`,
          `kernelSize: ${intParam(n.params, 'kernelSize', 2)}`,
          ...(s !== 1 ? [`strides: ${s}`] : []),
          ...padding(n, 'same'),
          ...bias(n),
          ...activation(n),
        ],
      ];
    },
  },
  DepthwiseConv2D: {
    factory(n) {
      const s = intParam(n.params, 'strides', 1);
      const m = intParam(n.params, 'depthMultiplier', 1);
      return [
        'tf.layers.depthwiseConv2d',
        [
          `kernelSize: ${intParam(n.params, 'kernelSize', 3)}`,
          ...(s !== 1 ? [`strides: ${s}`] : []),
          ...padding(n, 'same'),
          ...(m !== 1 ? [`depthMultiplier: ${m}`] : []),
          ...bias(n),
          ...activation(n),
        ],
      ];
    },
  },
  SeparableConv2D: {
    factory(n) {
      const s = intParam(n.params, 'strides', 1);
      const m = intParam(n.params, 'depthMultiplier', 1);
      return [
        'tf.layers.separableConv2d',
        [
          `filters: ${intParam(n.params, 'filters', 16)}`,
          `kernelSize: ${intParam(n.params, 'kernelSize', 3)}`,
          ...(s !== 1 ? [`strides: ${s}`] : []),
          ...padding(n, 'same'),
          ...(m !== 1 ? [`depthMultiplier: ${m}`] : []),
          ...bias(n),
          ...activation(n),
        ],
      ];
    },
  },
  MaxPooling2D: pool('tf.layers.maxPooling2d'),
  AveragePooling2D: pool('tf.layers.averagePooling2d'),
  GlobalAveragePooling2D: { factory: () => ['tf.layers.globalAveragePooling2d', []] },
  GlobalMaxPooling2D: { factory: () => ['tf.layers.globalMaxPooling2d', []] },
  Flatten: { factory: () => ['tf.layers.flatten', []] },
  Dense: { factory: (n) => ['tf.layers.dense', [`units: ${intParam(n.params, 'units', 64)}`, ...bias(n), ...activation(n)]] },
  Dropout: { factory: (n) => ['tf.layers.dropout', [`rate: ${num(numParam(n.params, 'rate', 0.5))}`]] },
  BatchNormalization: {
    factory: (n) => [
      'tf.layers.batchNormalization',
      [`momentum: ${num(numParam(n.params, 'momentum', 0.99))}`, `epsilon: ${num(numParam(n.params, 'epsilon', 0.001))}`],
    ],
  },
  Activation: {
    factory: (n) =>
      (TFJS_ACTIVATIONS as Record<string, () => [string, string[]]>)[strParam(n.params, 'activation', 'relu')]?.() ??
      TFJS_ACTIVATIONS.linear(),
  },
  LeakyReLU: { factory: (n) => ['tf.layers.leakyReLU', [`alpha: ${num(numParam(n.params, 'alpha', 0.2))}`]] },
  Add: { factory: () => ['tf.layers.add', []] },
  Concatenate: { factory: () => ['tf.layers.concatenate', []] },
  UpSampling2D: {
    factory(n) {
      const s = intParam(n.params, 'size', 2);
      const bilinear = strParam(n.params, 'interpolation', 'nearest') === 'bilinear';
      return ['tf.layers.upSampling2d', [`size: [${s}, ${s}]`, ...(bilinear ? ["interpolation: 'bilinear'"] : [])]];
    },
  },
  ZeroPadding2D: {
    factory(n) {
      const p = intParam(n.params, 'padding', 1);
      return ['tf.layers.zeroPadding2d', [`padding: [[${p}, ${p}], [${p}, ${p}]]`]];
    },
  },
  Output: {
    factory(n) {
      const k = lastDim(n.shape);
      const act = n.shape.length === 4 && k === 1 ? "'sigmoid'" : "'softmax'";
      if (!boolParam(n.params, 'projection', true)) return ['tf.layers.activation', [`activation: ${act}`]];
      return n.shape.length === 4
        ? ['tf.layers.conv2d', [`filters: ${k}`, 'kernelSize: 1', `activation: ${act}`]]
        : ['tf.layers.dense', [`units: ${k}`, `activation: ${act}`]];
    },
  },
} satisfies Record<NodeType, TfjsLayer>;
