import type { CatalogEntry } from './types';
import { ACTIVATIONS, NO_PARAMS, ok, strParam } from './shared';

/** A standalone non-linearity (tf.layers.activation, or tf.layers.leakyReLU for 'leakyRelu'); shape unchanged. */
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
      doc: 'relu, leakyRelu (small slope for negatives), elu, gelu, sigmoid (0..1), tanh (-1..1), softmax (sums to 1), linear (none).',
      default: 'relu',
      options: ACTIVATIONS,
    },
  },
  inferShape: (inputs) => ok(inputs[0]),
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => strParam(p, 'activation', 'relu'),
} satisfies CatalogEntry;
