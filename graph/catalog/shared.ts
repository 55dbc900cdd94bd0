import type { Params, Shape } from '../types';
import type { InferResult, ParamSpec, ShapeError } from './types';

/**
 * Helpers the catalog files share: parameter specs that recur (kernel, stride, padding, activation),
 * tfjs output-length formulas and small shape utilities. Pure functions; nothing here throws.
 */

/**
 * Codes a catalog entry's `inferShape` may return. graph/issues.ts holds one message per code (its map is
 * keyed by a union that includes these, so a new code fails the type check until it has a message).
 */
export const SHAPE_ERROR_CODES = [
  'needs-image',
  'dense-on-image',
  'stride-with-dilation',
  'shape-zero',
  'add-shape-mismatch',
  'concat-size-mismatch',
  'merge-rank-mismatch',
  'head-on-image',
  'head-size-mismatch',
  'seg-head-on-vector',
  'seg-size-mismatch',
] as const;
/** One of SHAPE_ERROR_CODES. */
export type ShapeErrorCode = (typeof SHAPE_ERROR_CODES)[number];

/** A ShapeError with a typed code. */
export function fail(code: ShapeErrorCode, params: Record<string, number | string>): ShapeError {
  return { ok: false, code, params };
}

/** A successful inference. */
export function ok(shape: Shape): InferResult {
  return { ok: true, shape };
}

/**
 * Activations a standalone Activation node offers. tfjs has `leakyRelu` only as its own layer
 * (tf.layers.leakyReLU, alpha 0.3) and `relu6` is compiled as tf.layers.reLU({maxValue: 6}) (Keras'
 * `ReLU(6.0)`, MobileNets' layer); the others are tfjs activation identifiers. Order is the menu's; new names
 * go where they read best, documents store the name.
 */
export const ACTIVATIONS = ['relu', 'relu6', 'leakyRelu', 'elu', 'gelu', 'sigmoid', 'tanh', 'softmax', 'linear'] as const;
/** One of ACTIVATIONS. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * Activations a Conv2D/Conv2DTranspose/Dense may fuse (Keras' `activation=` argument): exactly the tfjs
 * activation identifiers among ACTIVATIONS, so the compiler passes the string through unchanged.
 */
export const FUSED_ACTIVATIONS = ['linear', 'relu', 'elu', 'gelu', 'sigmoid', 'tanh', 'softmax'] as const;

/** Numeric param read with its default when missing or of the wrong kind (validation reports those). */
export function numParam(params: Params, name: string, fallback: number): number {
  const v = params[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Integer param read (see numParam); the catalog's int specs are checked by validation, not here. */
export const intParam = numParam;

/** String param read with a fallback. */
export function strParam(params: Params, name: string, fallback: string): string {
  const v = params[name];
  return typeof v === 'string' ? v : fallback;
}

/** Boolean param read with a fallback. */
export function boolParam(params: Params, name: string, fallback: boolean): boolean {
  const v = params[name];
  return typeof v === 'boolean' ? v : fallback;
}

/** tfjs padding modes: 'same' keeps ceil(n/s), 'valid' uses no padding. */
export type Padding = 'same' | 'valid';

/** Padding read as 'same' | 'valid'. */
export function paddingParam(params: Params, fallback: Padding = 'same'): Padding {
  const v = params.padding;
  return v === 'same' || v === 'valid' ? v : fallback;
}

/** The `padding: same | valid` spec, with the doc every windowed layer shares. */
export function paddingSpec(fallback: Padding): ParamSpec {
  return {
    kind: 'enum',
    label: 'Padding',
    doc:
      "'same' pads the border with zeros so the output keeps the input size (divided by the stride); " +
      "'valid' uses no padding, so each window must fit inside the image and the output shrinks.",
    default: fallback,
    options: ['same', 'valid'],
  };
}

/** Effective size of a dilated kernel: d(k-1)+1 (a 3x3 kernel with dilation 2 covers 5x5). */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Output length of a convolution or pooling window along one axis, exactly as tfjs computes it:
 * `valid`: floor((n - d(k-1) - 1)/s) + 1; `same`: ceil(n/s). May be <= 0 for `valid` (the caller reports it).
 * Example: convLength(5, 3, 1, 'valid') = 3; convLength(5, 3, 2, 'valid') = 2; convLength(5, 3, 2, 'same') = 3.
 */
export function convLength(n: number, kernel: number, stride: number, padding: Padding, dilation = 1): number {
  if (padding === 'same') return Math.ceil(n / stride);
  return Math.floor((n - effectiveKernel(kernel, dilation)) / stride) + 1;
}

/**
 * Output length of a transposed convolution along one axis (tfjs `deconvLength`):
 * `same`: n*s; `valid`: n*s + max(k - s, 0). Example: deconvLength(8, 3, 2, 'valid') = 17.
 */
export function deconvLength(n: number, kernel: number, stride: number, padding: Padding): number {
  return padding === 'same' ? n * stride : n * stride + Math.max(kernel - stride, 0);
}

/** True for an image tensor `[null, H, W, C]` with known sizes. */
export function isImage(shape: Shape): shape is readonly [null, number, number, number] {
  return shape.length === 4 && typeof shape[1] === 'number' && typeof shape[2] === 'number' && typeof shape[3] === 'number';
}

/** True for a vector `[null, N]`. */
export function isVector(shape: Shape): shape is readonly [null, number] {
  return shape.length === 2 && typeof shape[1] === 'number';
}

/** Product of the known (non-batch) dimensions: elements per image. */
export function elements(shape: Shape): number {
  let n = 1;
  for (let i = 1; i < shape.length; i++) n *= shape[i] ?? 0;
  return n;
}

/** Last dimension (channels or units), 0 when unknown. */
export function lastDim(shape: Shape): number {
  return shape[shape.length - 1] ?? 0;
}

/** Shape without the batch dimension, for messages: `32x32x8` or `512`. */
export function describeShape(shape: Shape): string {
  return shape.slice(1).map((d) => (d === null ? '?' : String(d))).join('x');
}

/**
 * The `needs-image` error for a layer that only works on `[null, H, W, C]` tensors.
 * `got` is the shape without the batch dimension (e.g. '512' for the output of a Flatten).
 */
export function needsImage(type: string, input: Shape): ShapeError {
  return fail('needs-image', { type, rank: input.length, got: describeShape(input) });
}

/** Zero parameter counts. */
export const NO_PARAMS = { trainable: 0, nonTrainable: 0 } as const;
