import type { Params, Shape } from '../types';
import type { CatalogEntry, InferResult, ParamSpec } from './types';
import {
  boolParam,
  convLength,
  deconvLength,
  effectiveKernel,
  fail,
  FUSED_ACTIVATIONS,
  intParam,
  isImage,
  lastDim,
  needsImage,
  ok,
  paddingParam,
  paddingSpec,
  strParam,
} from './shared';

/** Param specs the convolution family shares (graph/catalog/depthwise.ts reuses them). */
export const filters: ParamSpec = {
  kind: 'int',
  label: 'Filters',
  doc: 'How many different patterns the layer learns; each filter gives one output channel.',
  default: 16,
  min: 1,
  max: 1024,
};
export const kernelSize: ParamSpec = {
  kind: 'int',
  label: 'Kernel size',
  doc: 'Width and height of the square window each filter looks at (3 means 3x3 pixels).',
  default: 3,
  min: 1,
  max: 15,
};
export const useBias: ParamSpec = {
  kind: 'bool',
  label: 'Use bias',
  doc: 'Add a learned constant to each output channel (often off right before BatchNormalization).',
  default: true,
};
export const activation: ParamSpec = {
  kind: 'enum',
  label: 'Activation',
  doc: "A non-linearity applied to the output ('linear' means none; add an Activation node to see it as a step).",
  default: 'linear',
  options: FUSED_ACTIVATIONS,
};

/** The stride spec of a (non-transposed) convolution. */
export const strides: ParamSpec = {
  kind: 'int',
  label: 'Stride',
  doc: 'Step between window positions; 2 halves the height and width.',
  default: 1,
  min: 1,
  max: 8,
};
/** The dilation spec of a (non-transposed) convolution. */
export const dilationRate: ParamSpec = {
  kind: 'int',
  label: 'Dilation',
  doc: 'Gap between kernel taps: dilation 2 makes a 3x3 kernel cover 5x5. Needs stride 1 in tfjs.',
  default: 1,
  min: 1,
  max: 8,
};

/** Read the square kernel, stride and dilation of a convolution's params. */
export function window(p: Params): { k: number; s: number; d: number } {
  return { k: intParam(p, 'kernelSize', 3), s: intParam(p, 'strides', 1), d: intParam(p, 'dilationRate', 1) };
}

/** The card summary of a convolution: `16 @ 3x3 /2 same d2 relu` (`head` replaces the filter count). */
export function convSummary(p: Params, kind: 'conv' | 'deconv', head = `${intParam(p, 'filters', 16)}`): string {
  const { k, s, d } = window(p);
  const parts = [`${head} @ ${k}x${k}`];
  if (s !== 1) parts.push(kind === 'deconv' ? `x${s}` : `/${s}`);
  parts.push(paddingParam(p));
  if (d !== 1) parts.push(`d${d}`);
  const act = strParam(p, 'activation', 'linear');
  if (act !== 'linear') parts.push(act);
  return parts.join(' ');
}

/**
 * Output shape of a windowed convolution (Conv2D, DepthwiseConv2D, SeparableConv2D) with `channels` outputs:
 * H' = ceil(H/s) for 'same', floor((H - d(k-1) - 1)/s) + 1 for 'valid'; `stride-with-dilation` and
 * `shape-zero` as tfjs would fail.
 */
export function convShape(type: string, x: Shape, p: Params, channels: number): InferResult {
  if (!isImage(x)) return needsImage(type, x);
  const { k, s, d } = window(p);
  if (s > 1 && d > 1) return fail('stride-with-dilation', { strides: s, dilation: d });
  const padding = paddingParam(p);
  const eff = effectiveKernel(k, d);
  if (padding === 'valid' && (eff > x[1] || eff > x[2])) {
    return fail('shape-zero', { what: 'Kernel', kernel: k, dilation: d, effective: eff, height: x[1], width: x[2] });
  }
  return ok([null, convLength(x[1], k, s, padding, d), convLength(x[2], k, s, padding, d), channels]);
}

/**
 * 2-D convolution (tf.layers.conv2d): `[null, H, W, C] -> [null, H', W', filters]` with
 * H' = ceil(H/s) for 'same', floor((H - d(k-1) - 1)/s) + 1 for 'valid'. Params k*k*C*filters (+ filters bias).
 * tfjs cannot combine strides > 1 with dilation > 1; that returns `stride-with-dilation`.
 */
export const conv2d = {
  type: 'Conv2D',
  label: 'Conv2D',
  category: 'convolution',
  doc:
    'Slides small learned filters over the image; each filter looks at a kernel-size window and gives one ' +
    'output channel that lights up where its pattern appears. Stride is how far the window jumps (2 halves ' +
    "the size); padding 'same' adds a zero border so the size is kept, 'valid' lets the image shrink. " +
    'Dilation spreads the kernel out (3x3 with dilation 2 covers 5x5) to see more without more weights.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    filters,
    kernelSize,
    strides,
    padding: paddingSpec('same'),
    dilationRate,
    useBias,
    activation,
  },
  inferShape: (inputs, p) => convShape('Conv2D', inputs[0], p, intParam(p, 'filters', 16)),
  paramCount(inputs, p) {
    const { k } = window(p);
    const f = intParam(p, 'filters', 16);
    return { trainable: k * k * lastDim(inputs[0]) * f + (boolParam(p, 'useBias', true) ? f : 0), nonTrainable: 0 };
  },
  fieldStep(p) {
    const { k, s, d } = window(p);
    return { kernel: k, stride: s, dilation: d };
  },
  macs(inputs, p, out) {
    const { k } = window(p);
    return (out[1] ?? 0) * (out[2] ?? 0) * lastDim(out) * k * k * lastDim(inputs[0]);
  },
  summary: (p) => convSummary(p, 'conv'),
} satisfies CatalogEntry;

/**
 * Transposed convolution (tf.layers.conv2dTranspose), the learned upsampling of decoders:
 * H' = H*s for 'same', H*s + max(k - s, 0) for 'valid' (tfjs `deconvLength`). Params k*k*filters*C (+ bias).
 * No dilation: tfjs' Conv2DTranspose ignores dilationRate (tf.conv2dTranspose has none), so it is not offered.
 */
export const conv2dTranspose = {
  type: 'Conv2DTranspose',
  label: 'Conv2DTranspose',
  category: 'upsampling',
  doc:
    'A learned upsampling, the mirror of a strided convolution: each input pixel paints a kernel-size patch of ' +
    'the output, so stride 2 doubles the height and width. Decoders such as U-Net use it to grow small ' +
    "feature maps back to the image size. Padding 'same' gives exactly input x stride; 'valid' adds a border.",
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    filters,
    kernelSize: { ...kernelSize, default: 2 },
    strides: {
      kind: 'int',
      label: 'Stride',
      doc: 'Upsampling factor: 2 doubles the height and width.',
      default: 2,
      min: 1,
      max: 8,
    },
    padding: paddingSpec('same'),
    useBias,
    activation,
  },
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!isImage(x)) return needsImage('Conv2DTranspose', x);
    const k = intParam(p, 'kernelSize', 2);
    const s = intParam(p, 'strides', 2);
    const padding = paddingParam(p);
    return ok([null, deconvLength(x[1], k, s, padding), deconvLength(x[2], k, s, padding), intParam(p, 'filters', 16)]);
  },
  paramCount(inputs, p) {
    const k = intParam(p, 'kernelSize', 2);
    const f = intParam(p, 'filters', 16);
    return { trainable: k * k * lastDim(inputs[0]) * f + (boolParam(p, 'useBias', true) ? f : 0), nonTrainable: 0 };
  },
  // Each output pixel is painted by at most ceil(k/s) neighbouring input pixels along an axis, and one
  // output step is 1/s of an input step: r_out = r_in + (ceil(k/s) - 1) j_in, j_out = j_in / s.
  fieldStep(p) {
    const k = intParam(p, 'kernelSize', 2);
    const s = intParam(p, 'strides', 2);
    return { kernel: Math.ceil(k / s), stride: 1 / s, dilation: 1 };
  },
  macs(inputs, p, out) {
    const x = inputs[0];
    const k = intParam(p, 'kernelSize', 2);
    return (x[1] ?? 0) * (x[2] ?? 0) * lastDim(x) * k * k * lastDim(out);
  },
  summary: (p) => convSummary({ dilationRate: 1, ...p, strides: intParam(p, 'strides', 2) }, 'deconv'),
} satisfies CatalogEntry;
