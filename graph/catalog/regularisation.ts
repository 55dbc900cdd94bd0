import type { CatalogEntry } from './types';
import { elements, numParam, lastDim, NO_PARAMS, ok } from './shared';

/** Dropout (tf.layers.dropout): shape unchanged, no weights; active only while training. */
export const dropout = {
  type: 'Dropout',
  label: 'Dropout',
  category: 'regularisation',
  doc:
    'While training, sets a random fraction (the rate) of its inputs to zero at every step, so the network ' +
    'cannot rely on any single feature and overfits less. At test time it lets everything through. ' +
    'Rates of 0.2 to 0.5 are usual; no weights to learn.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    rate: { kind: 'float', label: 'Rate', doc: 'Fraction of inputs dropped while training.', default: 0.5, min: 0, max: 0.95, step: 0.05 },
  },
  inferShape: (inputs) => ok(inputs[0]),
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => `${numParam(p, 'rate', 0.5)}`,
} satisfies CatalogEntry;

/**
 * Batch normalisation over the last axis (tf.layers.batchNormalization): shape unchanged;
 * 2C trainable (gamma, beta) and 2C non-trainable (moving mean and variance) params for C channels.
 */
export const batchNormalization = {
  type: 'BatchNormalization',
  label: 'BatchNormalization',
  category: 'regularisation',
  doc:
    'Rescales each channel to mean 0 and spread 1 over the batch, then applies a learned scale and shift. ' +
    'It makes deep networks train faster and more stably. Momentum is how slowly the running averages used ' +
    'at test time follow the batches; epsilon avoids division by zero.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    momentum: {
      kind: 'float',
      label: 'Momentum',
      // Not Keras' 0.99: browser runs are a few hundred steps, after which 0.99's running statistics still hold a
      // quarter of their starting values and validation predictions collapse to one class. 0.9 is PyTorch's
      // default (its momentum=0.1 weighs the new batch).
      doc: 'Weight of the old running average at each update. 0.9 (PyTorch\'s default) suits short runs; Keras uses 0.99 for long ones.',
      default: 0.9,
      min: 0,
      max: 0.9999,
      step: 0.01,
    },
    epsilon: {
      kind: 'float',
      label: 'Epsilon',
      doc: 'Small number added to the variance before dividing (Keras default 0.001).',
      default: 0.001,
      min: 1e-6,
      max: 1,
      step: 0.001,
    },
  },
  inferShape: (inputs) => ok(inputs[0]),
  paramCount: (inputs) => {
    const c = lastDim(inputs[0]);
    return { trainable: 2 * c, nonTrainable: 2 * c };
  },
  // One multiply-add per element (scale and shift) at inference.
  macs: (_inputs, _p, out) => elements(out),
  summary: () => '',
} satisfies CatalogEntry;
