import type { Shape } from '../types';
import type { CatalogEntry } from './types';
import { describeShape, fail, isImage, lastDim, NO_PARAMS, ok } from './shared';
import type { ShapeError } from './types';

/** The first input whose rank differs from the first input's, as a `merge-rank-mismatch` error. */
function rankMismatch(type: string, inputs: readonly Shape[]): ShapeError | undefined {
  const rank = inputs[0].length;
  const i = inputs.findIndex((s) => s.length !== rank);
  if (i < 0) return undefined;
  return fail('merge-rank-mismatch', { type, index: i + 1, first: describeShape(inputs[0]), other: describeShape(inputs[i]) });
}

/** Element-wise sum (tf.layers.add) of 2+ tensors of identical shape; the shortcut of ResNet's residual units. */
export const add = {
  type: 'Add',
  label: 'Add',
  category: 'merge',
  doc:
    'Adds its inputs number by number, so they must have exactly the same shape. This is the shortcut of a ' +
    'ResNet residual unit: the block only has to learn a correction to its input (x + F(x)), which lets ' +
    'very deep networks train. Use a 1x1 Conv2D on the shortcut when the channel counts differ.',
  inputs: { min: 2, max: Infinity },
  hasOutput: true,
  params: {},
  inferShape(inputs) {
    const r = rankMismatch('Add', inputs);
    if (r) return r;
    const first = inputs[0];
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i];
      for (let d = 1; d < first.length; d++) {
        if (s[d] !== first[d]) {
          return fail('add-shape-mismatch', { index: i + 1, first: describeShape(first), other: describeShape(s) });
        }
      }
    }
    return ok(first);
  },
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: () => '',
} satisfies CatalogEntry;

/** Channel-wise concatenation (tf.layers.concatenate, axis -1): H and W must match, channels add up. */
export const concatenate = {
  type: 'Concatenate',
  label: 'Concatenate',
  category: 'merge',
  doc:
    'Stacks its inputs along the channel axis: 32 channels joined with 16 give 48, so height and width must ' +
    "match. U-Net's skip connections use it to hand the decoder the encoder's sharp, full-resolution " +
    'features next to the upsampled coarse ones, which gives precise mask borders.',
  inputs: { min: 2, max: Infinity },
  hasOutput: true,
  params: {},
  inferShape(inputs) {
    const r = rankMismatch('Concatenate', inputs);
    if (r) return r;
    const first = inputs[0];
    let channels = 0;
    for (let i = 0; i < inputs.length; i++) {
      const s = inputs[i];
      if (isImage(first) && (s[1] !== first[1] || s[2] !== first[2])) {
        return fail('concat-size-mismatch', {
          index: i + 1,
          height: first[1],
          width: first[2],
          otherHeight: s[1] ?? 0,
          otherWidth: s[2] ?? 0,
        });
      }
      channels += lastDim(s);
    }
    return ok(isImage(first) ? [null, first[1], first[2], channels] : [null, channels]);
  },
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: () => '',
} satisfies CatalogEntry;
