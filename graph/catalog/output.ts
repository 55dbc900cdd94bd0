import type { CatalogEntry } from './types';
import { boolParam, describeShape, elements, fail, isImage, isVector, lastDim, ok, strParam } from './shared';

/**
 * The task head. Classification: `[null, N] -> [null, classes]` through Dense(classes) + softmax when
 * `projection` is on, or a softmax straight over an input that already has `classes` values.
 * Segmentation: `[null, H, W, C] -> [null, H, W, classes]` through a 1x1 Conv2D(classes) (when `projection`)
 * and a per-pixel sigmoid (1 class) or softmax; H and W must equal the Input's.
 * `classes` is InferContext.headClasses (the task's classes; 1 for binary masks).
 */
export const output = {
  type: 'Output',
  label: 'Output',
  category: 'io',
  doc:
    "The network's answer for the task. For classification it turns the features into one probability per " +
    'class (a Dense layer with softmax); for segmentation it gives every pixel a probability per class with a ' +
    '1x1 convolution, so its input must still have the image size. Projection off means the layer before ' +
    'already produces exactly one value per class.',
  inputs: { min: 1, max: 1 },
  hasOutput: false,
  params: {
    head: {
      kind: 'enum',
      label: 'Head',
      doc: 'Follows the task: one label per image (classification) or a mask (segmentation).',
      default: 'classification',
      options: ['classification', 'segmentation'],
    },
    projection: {
      kind: 'bool',
      label: 'Projection',
      doc: 'Add the Dense(classes) or 1x1 Conv2D(classes) before the softmax/sigmoid.',
      default: true,
    },
  },
  inferShape(inputs, p, ctx) {
    const x = inputs[0];
    const classes = ctx.headClasses;
    const projection = boolParam(p, 'projection', true);
    if (strParam(p, 'head', 'classification') === 'classification') {
      if (isImage(x)) return fail('head-on-image', { height: x[1], width: x[2], channels: x[3] });
      if (!isVector(x)) return fail('head-on-image', { height: 0, width: 0, channels: lastDim(x) });
      if (!projection && x[1] !== classes) return fail('head-size-mismatch', { need: classes, got: x[1], per: 'image' });
      return ok([null, classes]);
    }
    if (!isImage(x)) return fail('seg-head-on-vector', { got: describeShape(x) });
    const input = ctx.inputShape;
    if (input && isImage(input) && (x[1] !== input[1] || x[2] !== input[2])) {
      return fail('seg-size-mismatch', { height: x[1], width: x[2], inputHeight: input[1], inputWidth: input[2] });
    }
    if (!projection && x[3] !== classes) return fail('head-size-mismatch', { need: classes, got: x[3], per: 'pixel' });
    return ok([null, x[1], x[2], classes]);
  },
  paramCount(inputs, p, _out, ctx) {
    if (!boolParam(p, 'projection', true)) return { trainable: 0, nonTrainable: 0 };
    return { trainable: lastDim(inputs[0]) * ctx.headClasses + ctx.headClasses, nonTrainable: 0 };
  },
  macs(inputs, p, out) {
    if (!boolParam(p, 'projection', true)) return 0;
    // Dense: N*classes; 1x1 conv: H*W*C*classes. Both are (elements of the output) * (input channels or units).
    return elements(out) * lastDim(inputs[0]);
  },
  summary(p, ctx) {
    const seg = strParam(p, 'head', 'classification') === 'segmentation';
    const fn = seg && ctx.headClasses === 1 ? 'sigmoid' : 'softmax';
    return `${ctx.headClasses} ${ctx.headClasses === 1 ? 'class' : 'classes'} ${fn}`;
  },
} satisfies CatalogEntry;
