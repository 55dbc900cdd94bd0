import type { NodeType, Params } from '@/graph/types';
import type { WeightRole } from '../../export/layout';
import type { KerasLayer } from './topology';

/**
 * Keras (and tfjs-layers) layer configs -> catalog nodes. One mapper per Keras class; a class without one,
 * or a config the catalog cannot express (non-square kernels, channels_first, an activation Convas lacks),
 * gives `unsupported` with the reason in words, and the import lists it.
 */

/** A mapped layer: the node and the roles of its weights in Keras order, or why it cannot be mapped. */
export type KerasMapping =
  | { ok: true; type: NodeType; params: Params; roles: WeightRole[] }
  | { ok: false; reason: string; omit?: boolean };

type Cfg = Record<string, unknown>;

const no = (reason: string): KerasMapping => ({ ok: false, reason });
/** A layer that does nothing when the model predicts, or whose work Convas' data pipeline already does: left out, and said. */
const omit = (reason: string): KerasMapping => ({ ok: false, reason, omit: true });
const yes = (type: NodeType, params: Params, roles: WeightRole[] = []): KerasMapping => ({ ok: true, type, params, roles });

/** Keras activation names -> the catalog's (graph/catalog/shared.ts ACTIVATIONS); null when Convas lacks it. */
const ACTIVATION_NAMES: Record<string, string> = {
  linear: 'linear',
  relu: 'relu',
  elu: 'elu',
  gelu: 'gelu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
};

/** A Keras activation config (a string, or Keras 3's `{class_name: 'function', config: 'relu'}`) as a name. */
export function activationName(value: unknown): string {
  if (value === undefined || value === null) return 'linear';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Cfg;
    if (typeof v.config === 'string') return v.config;
    if (typeof v.class_name === 'string') return v.class_name;
  }
  return String(value);
}

/** A square size: `3`, `[3, 3]` or `(3, 3)` -> 3; undefined for `[3, 5]` (the catalog's windows are square). */
function square(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v === value[0]) && typeof value[0] === 'number') return value[0];
  return undefined;
}

function channelsLast(cfg: Cfg): string | undefined {
  const f = cfg.data_format;
  return f === undefined || f === null || f === 'channels_last' ? undefined : `data_format '${String(f)}' (Convas is channels_last, NHWC)`;
}

function padding(cfg: Cfg): 'same' | 'valid' | undefined {
  const p = cfg.padding ?? 'valid';
  return p === 'same' || p === 'valid' ? p : undefined;
}

function fused(cfg: Cfg): string | KerasMapping {
  const name = activationName(cfg.activation);
  return ACTIVATION_NAMES[name] ?? no(`activation '${name}' is not one Convas offers (${Object.keys(ACTIVATION_NAMES).join(', ')})`);
}

/** A convolution's square window and strides, its dilation and padding (undefined: not one Convas has), or why not. */
function convWindow(cfg: Cfg): { k: number; s: number; d: number | undefined; pad: 'same' | 'valid' | undefined } | KerasMapping {
  const bad = channelsLast(cfg);
  if (bad) return no(bad);
  const k = square(cfg.kernel_size, 3);
  const s = square(cfg.strides, 1);
  if (k === undefined) return no(`non-square kernel ${JSON.stringify(cfg.kernel_size)}`);
  if (s === undefined) return no(`different strides per axis ${JSON.stringify(cfg.strides)}`);
  return { k, s, d: square(cfg.dilation_rate, 1), pad: padding(cfg) };
}

function conv(cfg: Cfg, transpose: boolean): KerasMapping {
  const w = convWindow(cfg);
  if ('ok' in w) return w;
  const { k, s, d, pad } = w;
  if (d === undefined) return no(`different dilation per axis ${JSON.stringify(cfg.dilation_rate)}`);
  if (!pad) return no(`padding '${String(cfg.padding)}'`);
  if (typeof cfg.groups === 'number' && cfg.groups !== 1) return no(`grouped convolution (groups ${cfg.groups})`);
  const act = fused(cfg);
  if (typeof act !== 'string') return act;
  const useBias = cfg.use_bias !== false;
  const roles: WeightRole[] = useBias ? ['kernel', 'bias'] : ['kernel'];
  const filters = Number(cfg.filters);
  if (transpose) {
    if (d !== 1) return no('dilated transposed convolution');
    if (cfg.output_padding !== undefined && cfg.output_padding !== null) return no('output_padding on a transposed convolution');
    return yes('Conv2DTranspose', { filters, kernelSize: k, strides: s, padding: pad, useBias, activation: act }, roles);
  }
  return yes('Conv2D', { filters, kernelSize: k, strides: s, padding: pad, dilationRate: d, useBias, activation: act }, roles);
}

/**
 * DepthwiseConv2D and SeparableConv2D (Keras and tfjs-layers configs alike). Dilated ones are listed: the
 * catalog's depthwise nodes have no dilation (graph/catalog/depthwise.ts says why).
 */
function depthwise(cfg: Cfg, separable: boolean): KerasMapping {
  const w = convWindow(cfg);
  if ('ok' in w) return w;
  const { k, s, d, pad } = w;
  if (d !== 1) return no(`dilated depthwise convolution (dilation ${JSON.stringify(cfg.dilation_rate)}; tfjs cannot run or train it as Keras does)`);
  if (!pad) return no(`padding '${String(cfg.padding)}'`);
  const act = fused(cfg);
  if (typeof act !== 'string') return act;
  const useBias = cfg.use_bias !== false;
  const depthMultiplier = Number(cfg.depth_multiplier ?? 1);
  const params = { kernelSize: k, strides: s, padding: pad, depthMultiplier, useBias, activation: act };
  const bias: WeightRole[] = useBias ? ['bias'] : [];
  if (!separable) return yes('DepthwiseConv2D', params, ['depthwise_kernel', ...bias]);
  return yes('SeparableConv2D', { filters: Number(cfg.filters), ...params }, ['depthwise_kernel', 'pointwise_kernel', ...bias]);
}

function pool(type: 'MaxPooling2D' | 'AveragePooling2D', cfg: Cfg): KerasMapping {
  const bad = channelsLast(cfg);
  if (bad) return no(bad);
  const k = square(cfg.pool_size, 2);
  const s = cfg.strides === null || cfg.strides === undefined ? k : square(cfg.strides, 0);
  const pad = padding(cfg);
  if (k === undefined || s === undefined) return no(`non-square pool ${JSON.stringify(cfg.pool_size)} / strides ${JSON.stringify(cfg.strides)}`);
  if (!pad) return no(`padding '${String(cfg.padding)}'`);
  return yes(type, { poolSize: k, strides: s === k ? 0 : s, padding: pad });
}

function globalPool(type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D', cfg: Cfg): KerasMapping {
  const bad = channelsLast(cfg);
  if (bad) return no(bad);
  if (cfg.keepdims === true) return no('keepdims=True (the catalog\'s global pooling gives a vector)');
  return yes(type, {});
}

/** An axis that means "channels" for a 4-D NHWC tensor (-1 or 3), or for a vector (-1 or 1). */
const lastAxis = (axis: unknown): boolean => axis === undefined || axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && lastAxis(axis[0]));

/** One mapper per Keras class name. */
const MAPPERS: Record<string, (cfg: Cfg) => KerasMapping> = {
  InputLayer: () => yes('Input', {}),
  Conv2D: (c) => conv(c, false),
  Convolution2D: (c) => conv(c, false),
  Conv2DTranspose: (c) => conv(c, true),
  Deconvolution2D: (c) => conv(c, true),
  DepthwiseConv2D: (c) => depthwise(c, false),
  SeparableConv2D: (c) => depthwise(c, true),
  SeparableConvolution2D: (c) => depthwise(c, true),
  MaxPooling2D: (c) => pool('MaxPooling2D', c),
  MaxPool2D: (c) => pool('MaxPooling2D', c),
  AveragePooling2D: (c) => pool('AveragePooling2D', c),
  AvgPool2D: (c) => pool('AveragePooling2D', c),
  GlobalAveragePooling2D: (c) => globalPool('GlobalAveragePooling2D', c),
  GlobalAvgPool2D: (c) => globalPool('GlobalAveragePooling2D', c),
  GlobalMaxPooling2D: (c) => globalPool('GlobalMaxPooling2D', c),
  GlobalMaxPool2D: (c) => globalPool('GlobalMaxPooling2D', c),
  Flatten: (c) => (channelsLast(c) ? no(channelsLast(c) as string) : yes('Flatten', {})),
  Dense: (c) => {
    const act = fused(c);
    if (typeof act !== 'string') return act;
    const useBias = c.use_bias !== false;
    return yes('Dense', { units: Number(c.units), activation: act, useBias }, useBias ? ['kernel', 'bias'] : ['kernel']);
  },
  Dropout: (c) => yes('Dropout', { rate: Math.min(0.95, Number(c.rate ?? 0.5)) }),
  BatchNormalization: (c) => {
    if (!lastAxis(c.axis)) return no(`normalises axis ${JSON.stringify(c.axis)}, not the channels (axis -1)`);
    const roles: WeightRole[] = [];
    if (c.scale !== false) roles.push('gamma');
    if (c.center !== false) roles.push('beta');
    roles.push('moving_mean', 'moving_variance');
    return yes('BatchNormalization', { momentum: Number(c.momentum ?? 0.99), epsilon: Number(c.epsilon ?? 0.001) }, roles);
  },
  Activation: (c) => {
    const name = activationName(c.activation);
    // relu6 only as a standalone step: Keras 2 cannot fuse it into a convolution by name.
    const act = name === 'relu6' ? 'relu6' : ACTIVATION_NAMES[name];
    return act ? yes('Activation', { activation: act }) : no(`activation '${name}' is not one Convas offers`);
  },
  ReLU: (c) => {
    const slope = Number(c.negative_slope ?? 0);
    const threshold = Number(c.threshold ?? 0);
    const max = c.max_value === undefined || c.max_value === null ? undefined : Number(c.max_value);
    if (slope !== 0 || threshold !== 0) return no(`ReLU with negative_slope ${slope} and threshold ${threshold}`);
    if (max === 6) return yes('Activation', { activation: 'relu6' });
    if (max !== undefined) return no(`ReLU capped at ${String(c.max_value)} (Convas caps ReLU at 6 only: relu6)`);
    return yes('Activation', { activation: 'relu' });
  },
  // Slope 0.3 (tfjs' and Keras 2's default) is the Activation node's leakyRelu, so Convas' own files round-trip;
  // any other slope is a LeakyReLU node. Keras 3 writes it as negative_slope.
  LeakyReLU: (c) => {
    const alpha = Number(c.alpha ?? c.negative_slope ?? 0.3);
    return Math.abs(alpha - 0.3) < 1e-6 ? yes('Activation', { activation: 'leakyRelu' }) : yes('LeakyReLU', { alpha });
  },
  // tfjs' ELU layer runs alpha 1 only (4.22 throws "not supported yet" for others), so Convas has no other.
  ELU: (c) => (Number(c.alpha ?? 1) === 1 ? yes('Activation', { activation: 'elu' }) : no(`ELU alpha ${String(c.alpha)} (tfjs, and so Convas, runs ELU with alpha 1 only)`)),
  Softmax: (c) => (lastAxis(c.axis) ? yes('Activation', { activation: 'softmax' }) : no(`softmax over axis ${JSON.stringify(c.axis)}`)),
  // Augmentation and noise layers are the identity when the model predicts; Convas augments in its own
  // training settings. Keras' image tutorials put them (in a nested Sequential) first.
  ...Object.fromEntries(
    ['RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomBrightness', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization'].map((name) => [
      name,
      () => omit('acts only in training (augmentation or noise), so predictions are the same without it; Convas augments through its training settings'),
    ]),
  ),
  Rescaling: (c) => {
    const scale = Number(c.scale ?? 1);
    const offset = Number(c.offset ?? 0);
    if (Math.abs(scale - 1 / 255) < 1e-9 && offset === 0) return omit('scales pixels from 0..255 to 0..1, which Convas\' image pipeline already does');
    return no(`rescales pixels by ${scale} and offset ${offset}; Convas feeds pixels as 0..1 and has no rescaling node`);
  },
  Add: () => yes('Add', {}),
  Concatenate: (c) => (lastAxis(c.axis) ? yes('Concatenate', {}) : no(`concatenates along axis ${JSON.stringify(c.axis)}, not the channels`)),
  UpSampling2D: (c) => {
    const bad = channelsLast(c);
    if (bad) return no(bad);
    const size = square(c.size, 2);
    const interpolation = c.interpolation ?? 'nearest';
    if (size === undefined) return no(`different upsampling per axis ${JSON.stringify(c.size)}`);
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') return no(`interpolation '${String(interpolation)}'`);
    return yes('UpSampling2D', { size, interpolation });
  },
  ZeroPadding2D: (c) => {
    const bad = channelsLast(c);
    if (bad) return no(bad);
    const flat = JSON.stringify(c.padding ?? 1).match(/-?\d+/g)?.map(Number) ?? [];
    if (flat.length === 0 || flat.some((p) => p !== flat[0])) return no(`uneven padding ${JSON.stringify(c.padding)}`);
    return yes('ZeroPadding2D', { padding: flat[0] });
  },
};

/**
 * A Resizing layer: Convas resizes every image to the Input's size as it loads it, so a resize to the size
 * the Input already has is left out; any other size is the Input's size to choose, said as such.
 */
export function mapResizing(cfg: Cfg, height: number, width: number): KerasMapping {
  const h = Number(cfg.height);
  const w = Number(cfg.width);
  if (h === height && w === width) return omit(`resizes to ${h}x${w}, the size the Input already has (Convas resizes images to the Input's size as it loads them)`);
  return no(`resizes ${height}x${width} images to ${h}x${w}; Convas resizes images to the Input's size as it loads them, so set the Input to ${h}x${w} instead`);
}

/** The node a Keras layer becomes, or why it cannot. */
export function mapKerasLayer(layer: KerasLayer): KerasMapping {
  if (layer.calls > 1) return no(`shared layer (called ${layer.calls} times); Convas nodes are used once`);
  const mapper = Object.prototype.hasOwnProperty.call(MAPPERS, layer.className) ? MAPPERS[layer.className] : undefined;
  if (!mapper) {
    const nested = layer.className === 'Sequential' || layer.className === 'Functional' || layer.className === 'Model';
    return no(nested ? 'a nested model (import the inner model on its own)' : `Convas has no ${layer.className} node`);
  }
  return mapper(layer.config);
}
