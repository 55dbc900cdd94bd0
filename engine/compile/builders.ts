/**
 * One tfjs layer builder per node type (DESIGN.md section 2): a record keyed by the NodeType union, so a new
 * catalog type fails the type check here until it compiles. Builders read the catalog's params under the
 * same names (defaults already filled in) and apply tfjs layers through the functional API.
 */
import * as tf from '@tensorflow/tfjs';
import { poolStride } from '../../graph/catalog';
import type { NodeType, Params } from '../../graph/types';
import { useUnfusedLinearConv } from './dilatedConv';
import { useFastBatchNorm } from './fastBatchNorm';
import { useFusedReluConv } from './fusedReluConv';
import type { HeadSpec } from './head';

type Sym = tf.SymbolicTensor;
type Activation = NonNullable<Parameters<typeof tf.layers.activation>[0]>['activation'];
type Padding = 'same' | 'valid';

/** What a builder gets: the node's inputs in edge order, its params (defaults filled), its layer name, the head. */
export interface BuildArgs {
  inputs: Sym[];
  params: Params;
  /** Unique, tfjs-valid layer name (engine/compile/names.ts). */
  name: string;
  head: HeadSpec;
  /** Seed of the kernel initialiser (Glorot uniform, tfjs' default); unseeded when undefined. */
  seed?: number;
}

/** Builds a node's layer and applies it; returns the node's output tensor. */
export type LayerBuilder = (args: BuildArgs) => Sym;

const num = (p: Params, key: string): number => Number(p[key]);
const bool = (p: Params, key: string): boolean => p[key] === true;
const padding = (p: Params): Padding => (p.padding === 'valid' ? 'valid' : 'same');
// The catalog's enum options are exactly tfjs activation identifiers (graph/catalog/shared.ts FUSED_ACTIVATIONS).
const activation = (p: Params): Activation => String(p.activation) as Activation;

/** Glorot uniform (the tfjs and Keras default for kernels), seeded when a seed is given. */
const kernelInit = (seed: number | undefined) => (seed === undefined ? undefined : tf.initializers.glorotUniform({ seed }));

function one(layer: tf.layers.Layer, inputs: Sym[]): Sym {
  return layer.apply(inputs[0]) as Sym;
}

/**
 * tfjs 4.22's SeparableConv2D leaves `depthMultiplier` out of its config, so a saved model.json would load
 * (in tfjs or Keras) with multiplier 1 and reject its own weights. The layer's config gets it back here, so
 * the tfjs export and the import round trip carry it.
 */
function withDepthMultiplierInConfig(layer: tf.layers.Layer): tf.layers.Layer {
  const base = layer.getConfig.bind(layer);
  const multiplier = (layer as unknown as { depthMultiplier: number }).depthMultiplier;
  layer.getConfig = () => ({ ...base(), depthMultiplier: multiplier });
  return layer;
}

/** Pooling layers: `strides` 0 means the pool size (tfjs' default when strides is omitted). */
function pool(make: (args: Parameters<typeof tf.layers.maxPooling2d>[0]) => tf.layers.Layer) {
  return ({ inputs, params, name }: BuildArgs): Sym =>
    one(make({ name, poolSize: num(params, 'poolSize'), strides: poolStride(params), padding: padding(params) }), inputs);
}

/** Every node type's builder. `satisfies` keeps it exhaustive over NodeType. */
export const LAYER_BUILDERS = {
  Input: ({ params, name }) =>
    tf.input({ name, shape: [num(params, 'height'), num(params, 'width'), num(params, 'channels')] }),
  Conv2D: ({ inputs, params, name, seed }) => {
    const layer = tf.layers.conv2d({
      name,
      kernelInitializer: kernelInit(seed),
      filters: num(params, 'filters'),
      kernelSize: num(params, 'kernelSize'),
      strides: num(params, 'strides'),
      padding: padding(params),
      dilationRate: num(params, 'dilationRate'),
      useBias: bool(params, 'useBias'),
      activation: activation(params),
    });
    if (activation(params) === 'relu') return one(useFusedReluConv(layer), inputs);
    return one(activation(params) === 'linear' ? useUnfusedLinearConv(layer) : layer, inputs);
  },
  Conv2DTranspose: ({ inputs, params, name, seed }) =>
    one(
      tf.layers.conv2dTranspose({
        name,
        kernelInitializer: kernelInit(seed),
        filters: num(params, 'filters'),
        kernelSize: num(params, 'kernelSize'),
        strides: num(params, 'strides'),
        padding: padding(params),
        useBias: bool(params, 'useBias'),
        activation: activation(params),
      }),
      inputs,
    ),
  DepthwiseConv2D: ({ inputs, params, name, seed }) =>
    one(
      tf.layers.depthwiseConv2d({
        name,
        depthwiseInitializer: kernelInit(seed),
        kernelSize: num(params, 'kernelSize'),
        strides: num(params, 'strides'),
        padding: padding(params),
        depthMultiplier: num(params, 'depthMultiplier'),
        useBias: bool(params, 'useBias'),
        activation: activation(params),
      }),
      inputs,
    ),
  SeparableConv2D: ({ inputs, params, name, seed }) =>
    one(
      withDepthMultiplierInConfig(tf.layers.separableConv2d({
        name,
        depthwiseInitializer: kernelInit(seed),
        // A different seed, so the pointwise kernel is not a copy of the depthwise one's first numbers.
        pointwiseInitializer: kernelInit(seed === undefined ? undefined : seed + 1),
        filters: num(params, 'filters'),
        kernelSize: num(params, 'kernelSize'),
        strides: num(params, 'strides'),
        padding: padding(params),
        depthMultiplier: num(params, 'depthMultiplier'),
        useBias: bool(params, 'useBias'),
        activation: activation(params),
      })),
      inputs,
    ),
  MaxPooling2D: pool(tf.layers.maxPooling2d),
  AveragePooling2D: pool(tf.layers.averagePooling2d),
  GlobalAveragePooling2D: ({ inputs, name }) => one(tf.layers.globalAveragePooling2d({ name }), inputs),
  GlobalMaxPooling2D: ({ inputs, name }) => one(tf.layers.globalMaxPooling2d({ name }), inputs),
  Flatten: ({ inputs, name }) => one(tf.layers.flatten({ name }), inputs),
  Dense: ({ inputs, params, name, seed }) =>
    one(
      tf.layers.dense({ name, kernelInitializer: kernelInit(seed), units: num(params, 'units'), activation: activation(params), useBias: bool(params, 'useBias') }),
      inputs,
    ),
  Dropout: ({ inputs, params, name }) => one(tf.layers.dropout({ name, rate: num(params, 'rate') }), inputs),
  BatchNormalization: ({ inputs, params, name }) =>
    one(useFastBatchNorm(tf.layers.batchNormalization({ name, momentum: num(params, 'momentum'), epsilon: num(params, 'epsilon') })), inputs),
  Activation: ({ inputs, params, name }) => {
    // tfjs has leaky ReLU only as its own layer (alpha 0.3, the Keras default); relu6 as Keras' ReLU(6.0),
    // the layer MobileNets use, so Keras and tfjs files round-trip as that class.
    if (params.activation === 'leakyRelu') return one(tf.layers.leakyReLU({ name }), inputs);
    if (params.activation === 'relu6') return one(tf.layers.reLU({ name, maxValue: 6 }), inputs);
    return one(tf.layers.activation({ name, activation: activation(params) }), inputs);
  },
  LeakyReLU: ({ inputs, params, name }) => one(tf.layers.leakyReLU({ name, alpha: num(params, 'alpha') }), inputs),
  Add: ({ inputs, name }) => tf.layers.add({ name }).apply(inputs) as Sym,
  Concatenate: ({ inputs, name }) => tf.layers.concatenate({ name, axis: -1 }).apply(inputs) as Sym,
  UpSampling2D: ({ inputs, params, name }) => {
    const size = num(params, 'size');
    const interpolation = params.interpolation === 'bilinear' ? 'bilinear' : 'nearest';
    return one(tf.layers.upSampling2d({ name, size: [size, size], interpolation }), inputs);
  },
  ZeroPadding2D: ({ inputs, params, name }) => one(tf.layers.zeroPadding2d({ name, padding: num(params, 'padding') }), inputs),
  Output: ({ inputs, params, name, head, seed }) => {
    const act = head.activation;
    if (!bool(params, 'projection')) return one(tf.layers.activation({ name, activation: act }), inputs);
    if (params.head === 'segmentation') {
      return one(tf.layers.conv2d({ name, kernelInitializer: kernelInit(seed), filters: head.classes, kernelSize: 1, activation: act }), inputs);
    }
    return one(tf.layers.dense({ name, kernelInitializer: kernelInit(seed), units: head.classes, activation: act }), inputs);
  },
} satisfies Record<NodeType, LayerBuilder>;
