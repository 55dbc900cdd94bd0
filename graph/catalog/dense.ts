import type { CatalogEntry } from './types';
import { boolParam, elements, fail, FUSED_ACTIVATIONS, intParam, isImage, isVector, needsImage, NO_PARAMS, ok, strParam } from './shared';

/** Flatten (tf.layers.flatten): `[null, H, W, C] -> [null, H*W*C]`. */
export const flatten = {
  type: 'Flatten',
  label: 'Flatten',
  category: 'dense',
  doc:
    'Unrolls the H x W x C feature maps into one long list of numbers so Dense layers can read them. ' +
    'It keeps every position, which makes the next Dense layer large; GlobalAveragePooling2D is the ' +
    'lighter alternative. No weights to learn.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {},
  inferShape(inputs) {
    const x = inputs[0];
    return isImage(x) ? ok([null, elements(x)]) : needsImage('Flatten', x);
  },
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: () => '',
} satisfies CatalogEntry;

/**
 * Fully connected layer (tf.layers.dense) on a vector: `[null, N] -> [null, units]`, params N*units (+ units).
 * A 4-D input returns `dense-on-image`: tfjs would apply it per pixel, never what a beginner means.
 */
export const dense = {
  type: 'Dense',
  label: 'Dense',
  category: 'dense',
  doc:
    'Every output unit is a weighted sum of all its inputs plus a bias, followed by the activation. ' +
    'Units is how many such outputs it learns. It needs a flat list of numbers, so put Flatten or ' +
    'GlobalAveragePooling2D between the convolutions and the first Dense layer.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    units: { kind: 'int', label: 'Units', doc: 'Number of outputs (neurons).', default: 64, min: 1, max: 8192 },
    activation: {
      kind: 'enum',
      label: 'Activation',
      doc: "Non-linearity after the weighted sum ('linear' means none).",
      default: 'linear',
      options: FUSED_ACTIVATIONS,
    },
    useBias: { kind: 'bool', label: 'Use bias', doc: 'Add a learned constant to each output.', default: true },
  },
  inferShape(inputs, p) {
    const x = inputs[0];
    if (isImage(x)) return fail('dense-on-image', { height: x[1], width: x[2], channels: x[3] });
    if (!isVector(x)) return needsImage('Dense', x);
    return ok([null, intParam(p, 'units', 64)]);
  },
  paramCount(inputs, p) {
    const units = intParam(p, 'units', 64);
    return { trainable: (inputs[0][1] ?? 0) * units + (boolParam(p, 'useBias', true) ? units : 0), nonTrainable: 0 };
  },
  macs: (inputs, p) => (inputs[0][1] ?? 0) * intParam(p, 'units', 64),
  summary(p) {
    const act = strParam(p, 'activation', 'linear');
    return `${intParam(p, 'units', 64)}${act !== 'linear' ? ` ${act}` : ''}`;
  },
} satisfies CatalogEntry;
