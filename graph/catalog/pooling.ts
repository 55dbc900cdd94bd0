import type { NodeType, Params } from '../types';
import type { CatalogEntry } from './types';
import { convLength, fail, intParam, isImage, needsImage, NO_PARAMS, ok, paddingParam, paddingSpec } from './shared';

/**
 * The stride a pooling layer really uses: its `strides` param, where 0 means "same as the pool size"
 * (the Keras and tfjs default, `strides=None`). Example: poolStride({ poolSize: 3, strides: 0 }) = 3.
 */
export function poolStride(p: Params): number {
  const s = intParam(p, 'strides', 0);
  return s > 0 ? s : intParam(p, 'poolSize', 2);
}

function pooling(type: 'MaxPooling2D' | 'AveragePooling2D', label: string, doc: string) {
  return {
    type,
    label,
    category: 'pooling',
    doc,
    inputs: { min: 1, max: 1 },
    hasOutput: true,
    params: {
      poolSize: {
        kind: 'int',
        label: 'Pool size',
        doc: 'Width and height of the square window summarised into one number (2 means 2x2).',
        default: 2,
        min: 1,
        max: 8,
      },
      strides: {
        kind: 'int',
        label: 'Stride',
        doc: 'Step between windows; 0 means the same as the pool size, so windows do not overlap.',
        default: 0,
        min: 0,
        max: 8,
      },
      padding: paddingSpec('valid'),
    },
    inferShape(inputs, p) {
      const x = inputs[0];
      if (!isImage(x)) return needsImage(type, x);
      const k = intParam(p, 'poolSize', 2);
      const s = poolStride(p);
      const padding = paddingParam(p, 'valid');
      if (padding === 'valid' && (k > x[1] || k > x[2])) {
        return fail('shape-zero', { what: 'Pool', kernel: k, dilation: 1, effective: k, height: x[1], width: x[2] });
      }
      return ok([null, convLength(x[1], k, s, padding), convLength(x[2], k, s, padding), x[3]]);
    },
    paramCount: () => NO_PARAMS,
    fieldStep: (p) => ({ kernel: intParam(p, 'poolSize', 2), stride: poolStride(p), dilation: 1 }),
    // MACs count weighted layers only; a pooling window's compares or adds are cheap next to a convolution.
    macs: () => 0,
    summary(p) {
      const k = intParam(p, 'poolSize', 2);
      const s = poolStride(p);
      return `${k}x${k}${s !== k ? ` /${s}` : ''} ${paddingParam(p, 'valid')}`;
    },
  } satisfies CatalogEntry;
}

/** Max pooling (tf.layers.maxPooling2d): `[null, H, W, C] -> [null, H', W', C]`, H' as for a convolution. */
export const maxPooling2d = pooling(
  'MaxPooling2D',
  'MaxPooling2D',
  'Shrinks the image by keeping only the largest value in each pool-size window, so a feature that was ' +
    'found anywhere in the window survives. With pool size 2 and stride 2 the height and width halve, which ' +
    'cuts computation and lets later layers see a larger part of the image. No weights to learn.',
);

/** Average pooling (tf.layers.averagePooling2d): same shapes as max pooling. */
export const averagePooling2d = pooling(
  'AveragePooling2D',
  'AveragePooling2D',
  'Shrinks the image by replacing each pool-size window with its average. Max pooling keeps the strongest ' +
    'response (is the pattern there at all?), average pooling keeps how much of it there is and is smoother. ' +
    'Pool size 2 with stride 2 halves the height and width. No weights to learn.',
);

function globalPooling(type: Extract<NodeType, 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D'>, label: string, doc: string) {
  return {
    type,
    label,
    category: 'pooling',
    doc,
    inputs: { min: 1, max: 1 },
    hasOutput: true,
    params: {},
    inferShape(inputs) {
      const x = inputs[0];
      return isImage(x) ? ok([null, x[3]]) : needsImage(type, x);
    },
    paramCount: () => NO_PARAMS,
    macs: () => 0,
    summary: () => '',
  } satisfies CatalogEntry;
}

/** Global average pooling: `[null, H, W, C] -> [null, C]`, the mean of each channel. */
export const globalAveragePooling2d = globalPooling(
  'GlobalAveragePooling2D',
  'GlobalAveragePooling2D',
  'Averages each channel over the whole image, turning H x W x C into just C numbers. GoogLeNet used it ' +
    'instead of Flatten and big dense layers: it has no weights, works for any image size and overfits less, ' +
    'because each channel must itself become a detector for one kind of thing.',
);

/** Global max pooling: `[null, H, W, C] -> [null, C]`, the maximum of each channel. */
export const globalMaxPooling2d = globalPooling(
  'GlobalMaxPooling2D',
  'GlobalMaxPooling2D',
  'Keeps the largest value of each channel over the whole image, turning H x W x C into C numbers: ' +
    '"was this pattern seen anywhere?". Like global average pooling it has no weights and replaces Flatten ' +
    'before the classifier.',
);
