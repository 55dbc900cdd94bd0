import type { NamedTensor } from '../../export/tensor';
import type { KerasLayer } from './topology';

/**
 * Keras' MobileNet-style heads keep the pooled features as a 1x1 image: `GlobalAveragePooling2D(keepdims=True)`
 * (or a pooling to a vector and `Reshape((1, 1, C))`), Dropout, a 1x1 `Conv2D` as the classifier, then
 * `Reshape((classes,))` back to a vector. On a 1x1 image a 1x1 convolution is a Dense layer with the same
 * numbers (kernel [1, 1, C, N] holds [C, N] in the same order), so the head is read as Convas' vector head:
 * pooling to a vector, Dropout, Dense, with the reshapes left out. Pure: a plan over the topology.
 */
export interface OnePixelHead {
  /** Layers left out, each read as its input (the reshapes around the 1x1 map). */
  alias: Map<string, string>;
  /** Global poolings with keepdims=True, read as poolings to a vector. */
  keepdims: Set<string>;
  /** 1x1 convolutions on the 1x1 map, read as Dense layers. */
  dense: Set<string>;
}

const GLOBAL_POOLS = new Set(['GlobalAveragePooling2D', 'GlobalAvgPool2D', 'GlobalMaxPooling2D', 'GlobalMaxPool2D']);
/** Layers that act per value or per channel: on the 1x1 map they act on the vector the same way. */
const PER_CHANNEL = new Set(['Dropout', 'Activation', 'ReLU', 'Softmax', 'LeakyReLU']);

const ones = (value: unknown) => value === undefined || value === null || value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
const targetOf = (l: KerasLayer): unknown[] | undefined => (Array.isArray(l.config.target_shape) ? (l.config.target_shape as unknown[]) : undefined);

export function planOnePixelHead(layers: readonly KerasLayer[]): OnePixelHead {
  const plan: OnePixelHead = { alias: new Map(), keepdims: new Set(), dense: new Set() };
  const onePixel = new Set<string>(); // outputs that are a 1x1 map in Keras, a vector in Convas
  const pooled = new Set<string>(); // poolings to a vector (keepdims False)
  for (const l of layers) {
    const from = l.inputs.length === 1 ? l.inputs[0] : undefined;
    if (GLOBAL_POOLS.has(l.className)) {
      if (l.config.keepdims === true) {
        plan.keepdims.add(l.name);
        onePixel.add(l.name);
      } else pooled.add(l.name);
      continue;
    }
    if (from === undefined) continue;
    const target = targetOf(l);
    if (l.className === 'Reshape' && target?.length === 3 && target[0] === 1 && target[1] === 1 && (pooled.has(from) || onePixel.has(from))) {
      plan.alias.set(l.name, from);
      onePixel.add(l.name);
    } else if (onePixel.has(from) && PER_CHANNEL.has(l.className)) {
      onePixel.add(l.name);
    } else if (onePixel.has(from) && l.className === 'Conv2D' && ones(l.config.kernel_size) && ones(l.config.strides) && ones(l.config.dilation_rate) && ones(l.config.groups)) {
      plan.dense.add(l.name);
      onePixel.add(l.name);
    } else if (onePixel.has(from) && ((l.className === 'Reshape' && target?.length === 1) || l.className === 'Flatten')) {
      plan.alias.set(l.name, from);
    }
  }
  // A Reshape to 1x1 that no 1x1 convolution reads changes nothing either way; keep the plan only where a
  // head was found, so models without one import exactly as before.
  if (plan.dense.size === 0) return { alias: new Map(), keepdims: new Set(), dense: new Set() };
  return plan;
}

/** The Keras layer a 1x1 head convolution is read as: a Dense with its units, activation and bias. */
export function asDenseLayer(l: KerasLayer): KerasLayer {
  return { ...l, className: 'Dense', config: { units: l.config.filters, activation: l.config.activation, use_bias: l.config.use_bias } };
}

/** A 1x1 convolution's kernel [1, 1, C, N] as a Dense kernel [C, N] (the same numbers in the same order). */
export function asDenseKernel(tensors: NamedTensor[] | undefined): NamedTensor[] | undefined {
  return tensors?.map((t) => (t.shape.length === 4 && t.shape[0] === 1 && t.shape[1] === 1 ? { ...t, shape: [t.shape[2], t.shape[3]] } : t));
}

/** A layer name followed through the left-out layers to the one Convas keeps. */
export function resolveAlias(name: string, alias: ReadonlyMap<string, string>): string {
  let n = name;
  for (let guard = 0; alias.has(n) && guard < 64; guard++) n = alias.get(n) as string;
  return n;
}
