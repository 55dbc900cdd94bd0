import type { CatalogEntry } from './types';
import { ACTIVATIONS, NO_PARAMS, numParam, ok, strParam } from './shared';

/**
 * A standalone non-linearity (tf.layers.activation; tf.layers.leakyReLU for 'leakyRelu', tf.layers.reLU with
 * maxValue 6 for 'relu6'); shape unchanged. LeakyReLU with a chosen slope is its own node (below). ELU has no
 * such node: tfjs' ELU layer refuses any alpha but 1 ("not supported yet" in 4.22), so it could not train or export.
 */
export const activation = {
  type: 'Activation',
  label: 'Activation',
  category: 'activation',
  doc:
    'Applies a non-linear function to every number. Without it, stacked convolutions collapse into one big ' +
    'linear filter and can only draw straight decision boundaries; ReLU (keep positives, zero negatives) is ' +
    'the usual choice between convolutions. Sigmoid and softmax turn scores into probabilities at the end.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    activation: {
      kind: 'enum',
      label: 'Function',
      doc: 'relu, relu6 (relu capped at 6, as in MobileNets), leakyRelu (slope 0.3 for negatives; the LeakyReLU node sets its own), elu, gelu, sigmoid (0..1), tanh (-1..1), softmax (sums to 1), linear (none).',
      default: 'relu',
      options: ACTIVATIONS,
    },
  },
  inferShape: (inputs) => ok(inputs[0]),
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => strParam(p, 'activation', 'relu'),
} satisfies CatalogEntry;

/**
 * Leaky ReLU with a chosen slope (tf.layers.leakyReLU, Keras LeakyReLU, PyTorch nn.LeakyReLU): x for x > 0,
 * alpha * x below. The Activation node's 'leakyRelu' is this with alpha 0.3 (tfjs' default).
 */
export const leakyRelu = {
  type: 'LeakyReLU',
  label: 'LeakyReLU',
  category: 'activation',
  doc:
    'ReLU that lets a little of the negatives through: positive numbers pass unchanged, negative ones are ' +
    'multiplied by alpha instead of set to zero, so no unit can get stuck at zero and stop learning. ' +
    'Alpha 0.01 is PyTorch\'s default, 0.2 is common in GANs, 0.3 is Keras\'.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    alpha: {
      kind: 'float',
      label: 'Alpha',
      doc: 'Slope for negative inputs: 0 is a plain ReLU, 1 lets everything through (no non-linearity).',
      default: 0.2,
      min: 0,
      max: 1,
      step: 0.01,
    },
  },
  inferShape: (inputs) => ok(inputs[0]),
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => `alpha ${numParam(p, 'alpha', 0.2)}`,
} satisfies CatalogEntry;
