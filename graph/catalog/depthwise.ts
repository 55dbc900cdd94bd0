import type { Params } from '../types';
import type { CatalogEntry, ParamSpec } from './types';
import { activation, convShape, convSummary as baseSummary, filters, kernelSize, strides, useBias, window as baseWindow } from './convolution';
import { boolParam, intParam, lastDim, paddingSpec } from './shared';

/**
 * The depthwise convolutions of MobileNet-style networks: DepthwiseConv2D filters each channel on its own,
 * SeparableConv2D follows that with a 1x1 convolution that mixes the channels. Same windows, padding and
 * errors as Conv2D (convShape); far fewer weights.
 *
 * No dilation: tfjs' DepthwiseConv2D layer ignores its dilationRate (it passes none to the op) and tfjs has
 * no gradient for dilated depthwise convolutions, so a dilated one could neither match Keras nor train. Any
 * `dilationRate` in the params is read as 1; the importers list dilated depthwise layers as unsupported.
 */

const depthMultiplier: ParamSpec = {
  kind: 'int',
  label: 'Depth multiplier',
  doc: 'Filters per input channel: 1 keeps the channel count, 2 doubles it.',
  default: 1,
  min: 1,
  max: 16,
};

const multiplier = (p: Params): number => intParam(p, 'depthMultiplier', 1);
const undilated = (p: Params): Params => ({ ...p, dilationRate: 1 });
const window = (p: Params) => baseWindow(undilated(p));
const convSummary = (p: Params, head: string) => baseSummary(undilated(p), 'conv', head);

/**
 * Depthwise 2-D convolution (tf.layers.depthwiseConv2d): `[null, H, W, C] -> [null, H', W', C*m]` with the
 * Conv2D output sizes. Params k*k*C*m (+ C*m bias). Output channel c*m + j is input channel c's j-th filter
 * (TensorFlow's order, and PyTorch's Conv2d with groups = C).
 */
export const depthwiseConv2d = {
  type: 'DepthwiseConv2D',
  label: 'DepthwiseConv2D',
  category: 'convolution',
  doc:
    'A convolution that filters each channel on its own: every input channel gets its own small kernel and ' +
    'the channels are never mixed. It needs about C times fewer weights than a Conv2D with as many outputs, ' +
    'which is why MobileNets use it. Depth multiplier gives each channel several filters; kernel size, ' +
    'stride and padding work as in Conv2D.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    kernelSize,
    strides,
    padding: paddingSpec('same'),
    depthMultiplier,
    useBias,
    activation,
  },
  inferShape: (inputs, p) => convShape('DepthwiseConv2D', inputs[0], undilated(p), lastDim(inputs[0]) * multiplier(p)),
  paramCount(inputs, p) {
    const { k } = window(p);
    const out = lastDim(inputs[0]) * multiplier(p);
    return { trainable: k * k * out + (boolParam(p, 'useBias', true) ? out : 0), nonTrainable: 0 };
  },
  fieldStep(p) {
    const { k, s, d } = window(p);
    return { kernel: k, stride: s, dilation: d };
  },
  macs(_inputs, p, out) {
    const { k } = window(p);
    return (out[1] ?? 0) * (out[2] ?? 0) * lastDim(out) * k * k;
  },
  summary: (p) => convSummary(p, multiplier(p) === 1 ? 'dw' : `dw x${multiplier(p)}`),
} satisfies CatalogEntry;

/**
 * Depthwise separable 2-D convolution (tf.layers.separableConv2d): a DepthwiseConv2D (k x k per channel,
 * multiplier m, no bias) then a 1x1 Conv2D to `filters` channels with the bias. `[null, H, W, C] ->
 * [null, H', W', filters]`; params k*k*C*m + C*m*filters (+ filters bias).
 */
export const separableConv2d = {
  type: 'SeparableConv2D',
  label: 'SeparableConv2D',
  category: 'convolution',
  doc:
    'A Conv2D split in two cheap steps: first each channel is filtered on its own (a depthwise convolution), ' +
    'then a 1x1 convolution mixes the channels into the number of filters you ask for. It sees the same ' +
    'window as a Conv2D with a fraction of the weights (Xception and MobileNets are built from it). ' +
    'Depth multiplier is how many filters each channel gets in the first step.',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    filters,
    kernelSize,
    strides,
    padding: paddingSpec('same'),
    depthMultiplier,
    useBias,
    activation,
  },
  inferShape: (inputs, p) => convShape('SeparableConv2D', inputs[0], undilated(p), intParam(p, 'filters', 16)),
  paramCount(inputs, p) {
    const { k } = window(p);
    const mid = lastDim(inputs[0]) * multiplier(p);
    const f = intParam(p, 'filters', 16);
    return { trainable: k * k * mid + mid * f + (boolParam(p, 'useBias', true) ? f : 0), nonTrainable: 0 };
  },
  fieldStep(p) {
    const { k, s, d } = window(p);
    return { kernel: k, stride: s, dilation: d };
  },
  // Depthwise k*k per intermediate channel, then C*m per output channel (the 1x1 step), at every output pixel.
  macs(inputs, p, out) {
    const { k } = window(p);
    const mid = lastDim(inputs[0]) * multiplier(p);
    return (out[1] ?? 0) * (out[2] ?? 0) * (mid * k * k + mid * lastDim(out));
  },
  summary: (p) => convSummary(p, `${intParam(p, 'filters', 16)} sep${multiplier(p) === 1 ? '' : ` x${multiplier(p)}`}`),
} satisfies CatalogEntry;
