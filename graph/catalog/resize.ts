import type { CatalogEntry } from './types';
import { intParam, isImage, needsImage, NO_PARAMS, ok, strParam } from './shared';

/** Nearest or bilinear upsampling (tf.layers.upSampling2d): `[null, H, W, C] -> [null, H*size, W*size, C]`. */
export const upSampling2d = {
  type: 'UpSampling2D',
  label: 'UpSampling2D',
  category: 'upsampling',
  doc:
    'Makes the image larger by repeating each pixel size x size times (nearest) or blending neighbours ' +
    '(bilinear). It has no weights; decoders follow it with a convolution to sharpen the result. ' +
    'Size 2 doubles the height and width.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    size: { kind: 'int', label: 'Size', doc: 'Upsampling factor for height and width.', default: 2, min: 1, max: 8 },
    interpolation: {
      kind: 'enum',
      label: 'Interpolation',
      doc: "'nearest' repeats pixels; 'bilinear' blends the nearest neighbours.",
      default: 'nearest',
      options: ['nearest', 'bilinear'],
    },
  },
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!isImage(x)) return needsImage('UpSampling2D', x);
    const s = intParam(p, 'size', 2);
    return ok([null, x[1] * s, x[2] * s, x[3]]);
  },
  paramCount: () => NO_PARAMS,
  // Nearest: each output pixel copies one input pixel; bilinear blends two per axis. A step is 1/size.
  fieldStep: (p) => ({
    kernel: strParam(p, 'interpolation', 'nearest') === 'bilinear' ? 2 : 1,
    stride: 1 / intParam(p, 'size', 2),
    dilation: 1,
  }),
  macs: () => 0,
  summary: (p) => `x${intParam(p, 'size', 2)} ${strParam(p, 'interpolation', 'nearest')}`,
} satisfies CatalogEntry;

/** Zero border (tf.layers.zeroPadding2d): `[null, H, W, C] -> [null, H+2p, W+2p, C]`. */
export const zeroPadding2d = {
  type: 'ZeroPadding2D',
  label: 'ZeroPadding2D',
  category: 'convolution',
  doc:
    "Adds a border of zeros, padding pixels wide, around the image. A following 'valid' convolution then " +
    'keeps the size (padding 1 before a 3x3 kernel: 5x5 stays 5x5), and edge pixels are seen as often as ' +
    "central ones. It is what padding 'same' does inside a convolution, made visible.",
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    padding: { kind: 'int', label: 'Padding', doc: 'Zeros added on each side, in pixels.', default: 1, min: 0, max: 32 },
  },
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!isImage(x)) return needsImage('ZeroPadding2D', x);
    const pad = intParam(p, 'padding', 1);
    return ok([null, x[1] + 2 * pad, x[2] + 2 * pad, x[3]]);
  },
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => `${intParam(p, 'padding', 1)}`,
} satisfies CatalogEntry;
