import type { NodeType, Params } from '../types';
import type { CatalogEntry, ParamSpec } from './types';
import { activation, leakyRelu } from './activation';
import { conv2d, conv2dTranspose } from './convolution';
import { depthwiseConv2d, separableConv2d } from './depthwise';
import { dense, flatten } from './dense';
import { input } from './input';
import { add, concatenate } from './merge';
import { output } from './output';
import { averagePooling2d, globalAveragePooling2d, globalMaxPooling2d, maxPooling2d } from './pooling';
import { batchNormalization, dropout } from './regularisation';
import { upSampling2d, zeroPadding2d } from './resize';

/**
 * The node catalog: one declarative entry per NodeType (DESIGN.md section 2). The palette, inspector,
 * shape inference, validation, compiler and exporters all read it. Keyed by the NodeType union, so a new
 * type fails the type check until it has an entry. Typed as plain CatalogEntry values so every consumer
 * calls the same full signatures.
 */
export const CATALOG: Readonly<Record<NodeType, CatalogEntry>> = {
  Input: input,
  Conv2D: conv2d,
  Conv2DTranspose: conv2dTranspose,
  DepthwiseConv2D: depthwiseConv2d,
  SeparableConv2D: separableConv2d,
  MaxPooling2D: maxPooling2d,
  AveragePooling2D: averagePooling2d,
  GlobalAveragePooling2D: globalAveragePooling2d,
  GlobalMaxPooling2D: globalMaxPooling2d,
  Flatten: flatten,
  Dense: dense,
  Dropout: dropout,
  BatchNormalization: batchNormalization,
  Activation: activation,
  LeakyReLU: leakyRelu,
  Add: add,
  Concatenate: concatenate,
  UpSampling2D: upSampling2d,
  ZeroPadding2D: zeroPadding2d,
  Output: output,
} satisfies Record<NodeType, CatalogEntry>;

/**
 * The entry of a node type. For a plain string that is not a NodeType (an old or hand-edited file) it
 * returns undefined instead of throwing.
 */
export function catalogEntry(type: NodeType): CatalogEntry;
export function catalogEntry(type: string): CatalogEntry | undefined;
export function catalogEntry(type: string): CatalogEntry | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOG, type) ? (CATALOG as Record<string, CatalogEntry>)[type] : undefined;
}

/**
 * A fresh params object holding every param's default.
 * Example: defaultParams('MaxPooling2D') -> { poolSize: 2, strides: 0, padding: 'valid' }.
 */
export function defaultParams(type: NodeType): Params {
  const out: Params = {};
  for (const [name, spec] of Object.entries(CATALOG[type].params)) out[name] = spec.default;
  return out;
}

/**
 * A node's params with defaults filled in for the missing ones (documents from older versions, hand-written
 * JSON). Unknown extra keys are kept. Returns the same object when nothing is missing.
 */
export function withDefaults(type: NodeType, params: Params | null | undefined): Params {
  const specs = CATALOG[type].params;
  // Hand-written or corrupted JSON may lack params altogether; treat that as "all missing".
  const given: Params = params ?? {};
  let out: Params | undefined;
  for (const name in specs) {
    if (given[name] === undefined) {
      out ??= { ...given };
      out[name] = specs[name].default;
    }
  }
  return out ?? given;
}

export type { CatalogEntry, ParamSpec };
export { ACTIVATIONS, FUSED_ACTIVATIONS, convLength, deconvLength, effectiveKernel } from './shared';
export type { ActivationName } from './shared';
export { poolStride } from './pooling';
export { inputParamsForTask } from './input';
export { checkParams } from './params';
