import { poolStride, type ActivationName } from '@/graph/catalog';
import { boolParam, intParam, lastDim, numParam, strParam } from '@/graph/catalog/shared';
import type { NodeType } from '@/graph/types';
import { num, pyTuple } from '../format';
import { noPads, symmetricPads, transposePlan, windowPads, type Pads2D } from '../padding';
import type { PlanNode } from '../plan';
import { transpose, type NamedTensor } from '../tensor';
import type { TorchHelper } from './helpers';

/** What a layer printer gets: the node, its input tensors' variable names and where to ask for helpers. */
export interface TorchContext {
  node: PlanNode;
  /** `self.<layer name>`: the module built in `__init__`. */
  module: string;
  inputs: string[];
  useHelper(name: TorchHelper): void;
}

/** How one node type becomes PyTorch. */
export interface TorchLayer {
  /** The nn.Module built in `__init__` (constructor call), or undefined for a functional step. */
  module(node: PlanNode): string | undefined;
  /** The expression computing the node's tensor in `forward`. */
  forward(ctx: TorchContext): string;
  /**
   * The node's state-dict entries (names after `<layer>.`) in PyTorch layout, from its weights in Keras order
   * and layout (layout.ts).
   */
  state(node: PlanNode, keras: NamedTensor[]): NamedTensor[];
}

/** The Output's logits (its values before the softmax or sigmoid): the projection, or its input when it has none. */
export function outputLogits(c: Pick<TorchContext, 'node' | 'module' | 'inputs'>): string {
  return boolParam(c.node.params, 'projection', true) ? `${c.module}(${c.inputs[0]})` : c.inputs[0];
}

/** The Output's probabilities from its logits: a sigmoid per pixel for one mask channel, else a softmax over the classes. */
export function outputActivation(node: PlanNode, logits: string): string {
  return node.shape.length === 4 && lastDim(node.shape) === 1 ? `torch.sigmoid(${logits})` : `torch.softmax(${logits}, dim=1)`;
}

/** Activations as PyTorch expressions, exactly tfjs': leaky slope 0.3, exact (erf) GELU, softmax over channels. */
export const TORCH_ACTIVATIONS = {
  relu: (x) => `F.relu(${x})`,
  relu6: (x) => `F.relu6(${x})`,
  leakyRelu: (x) => `F.leaky_relu(${x}, 0.3)`,
  elu: (x) => `F.elu(${x})`,
  gelu: (x) => `F.gelu(${x})`,
  sigmoid: (x) => `torch.sigmoid(${x})`,
  tanh: (x) => `torch.tanh(${x})`,
  softmax: (x) => `torch.softmax(${x}, dim=1)`,
  linear: (x) => x,
} satisfies Record<ActivationName, (x: string) => string>;

function activate(name: string, x: string): string {
  return (TORCH_ACTIVATIONS as Record<string, (x: string) => string>)[name]?.(x) ?? x;
}

const noState = (): NamedTensor[] => [];

/** `weight`/`bias` from a Keras kernel (axes permuted to PyTorch's) and bias. */
function kernelAndBias(keras: NamedTensor[], perm: number[]): NamedTensor[] {
  const [kernel, bias] = keras;
  const out: NamedTensor[] = [{ name: 'weight', ...transpose(kernel, perm) }];
  if (bias) out.push({ name: 'bias', shape: bias.shape, data: bias.data });
  return out;
}

/** Keyword arguments, skipping those equal to their PyTorch default. */
function kwargs(pairs: [string, string, string?][]): string {
  return pairs
    .filter(([, value, fallback]) => value !== fallback)
    .map(([key, value]) => `, ${key}=${value}`)
    .join('');
}

/** 'same' padding of a windowed node on its input, as (top, bottom, left, right). */
function padsOf(node: PlanNode, kernel: number, stride: number, dilation = 1): Pads2D {
  const x = node.inputShapes[0];
  return windowPads(x[1] ?? 0, x[2] ?? 0, kernel, stride, strParam(node.params, 'padding', 'valid'), dilation);
}

/** PyTorch's symmetric padding argument: `1` or `(1, 2)`. */
function symmetricArg(p: Pads2D): string {
  return p[0] === p[2] ? String(p[0]) : pyTuple([String(p[0]), String(p[2])]);
}

/** F.pad's (left, right, top, bottom) order. */
function fPad(x: string, p: Pads2D, value?: string): string {
  return `F.pad(${x}, ${pyTuple([p[2], p[3], p[0], p[1]].map(String))}${value ? `, value=${value}` : ''})`;
}

function convWindow(node: PlanNode): { k: number; s: number; d: number; pads: Pads2D } {
  const k = intParam(node.params, 'kernelSize', 3);
  const s = intParam(node.params, 'strides', 1);
  const d = intParam(node.params, 'dilationRate', 1);
  return { k, s, d, pads: padsOf(node, k, s, d) };
}

/** Depthwise convolutions have no dilation (graph/catalog/depthwise.ts). */
function depthwiseWindow(node: PlanNode): { k: number; s: number; pads: Pads2D } {
  const k = intParam(node.params, 'kernelSize', 3);
  const s = intParam(node.params, 'strides', 1);
  return { k, s, pads: padsOf(node, k, s) };
}

/**
 * The depthwise step as a grouped nn.Conv2d: groups = C, so output channel c*m + j reads input channel c only,
 * TensorFlow's channel order. `bias` is PyTorch source ('True'/'False').
 */
function depthwiseModule(node: PlanNode, bias: string): string {
  const { k, s, pads } = depthwiseWindow(node);
  const c = lastDim(node.inputShapes[0]);
  const m = intParam(node.params, 'depthMultiplier', 1);
  const args = kwargs([
    ['stride', String(s), '1'],
    ['padding', symmetricPads(pads) ? symmetricArg(pads) : '0', '0'],
    ['groups', String(c), '1'],
    ['bias', bias, 'True'],
  ]);
  return `nn.Conv2d(${c}, ${c * m}, kernel_size=${k}${args})`;
}

/** The depthwise step's input: TensorFlow's uneven 'same' border as an explicit F.pad when needed. */
function depthwiseInput(c: TorchContext): string {
  const { pads } = depthwiseWindow(c.node);
  return symmetricPads(pads) ? c.inputs[0] : fPad(c.inputs[0], pads);
}

/** Keras depthwise_kernel [kh, kw, C, m] -> PyTorch grouped weight [C*m, 1, kh, kw] (channel c*m + j). */
function depthwiseWeight(kernel: NamedTensor): NamedTensor {
  const [kh, kw, c, m] = kernel.shape;
  return { name: 'weight', ...transpose({ shape: [kh, kw, c * m, 1], data: kernel.data }, [2, 3, 0, 1]) };
}

function poolWindow(node: PlanNode): { k: number; s: number; pads: Pads2D } {
  const k = intParam(node.params, 'poolSize', 2);
  const s = poolStride(node.params);
  return { k, s, pads: padsOf(node, k, s) };
}

/** nn.MaxPool2d/AvgPool2d can pad symmetrically by at most half the kernel. */
function nativePoolPads(p: Pads2D, k: number): boolean {
  return symmetricPads(p) && p[0] <= k / 2 && p[2] <= k / 2;
}

function upsamplingSize(node: PlanNode): number {
  return intParam(node.params, 'size', 2);
}

/**
 * Every node type as PyTorch, channels first (N, C, H, W), with the tfjs model's exact semantics: TensorFlow
 * 'same' padding (an explicit F.pad when the extra pixel must go at the bottom/right), -inf padding for max
 * pooling, average pooling that does not count the border, PyTorch BatchNorm momentum = 1 - Keras momentum,
 * Flatten in channels-last order so Dense weights carry over, the transposed convolution's TF output size.
 */
export const TORCH_LAYERS = {
  Input: {
    module: () => undefined,
    forward: (c) => c.inputs[0],
    state: noState,
  },
  Conv2D: {
    module(n) {
      const { k, s, d, pads } = convWindow(n);
      const padding = symmetricPads(pads) ? symmetricArg(pads) : '0';
      const args = kwargs([
        ['stride', String(s), '1'],
        ['padding', padding, '0'],
        ['dilation', String(d), '1'],
        ['bias', boolParam(n.params, 'useBias', true) ? 'True' : 'False', 'True'],
      ]);
      return `nn.Conv2d(${lastDim(n.inputShapes[0])}, ${intParam(n.params, 'filters', 16)}, kernel_size=${k}${args})`;
    },
    forward(c) {
      const { pads } = convWindow(c.node);
      const x = symmetricPads(pads) ? c.inputs[0] : fPad(c.inputs[0], pads);
      return activate(strParam(c.node.params, 'activation', 'linear'), `${c.module}(${x})`);
    },
    // Keras [kh, kw, in, out] -> PyTorch [out, in, kh, kw].
    state: (_n, keras) => kernelAndBias(keras, [3, 2, 0, 1]),
  },
  Conv2DTranspose: {
    module(n) {
      const k = intParam(n.params, 'kernelSize', 2);
      const s = intParam(n.params, 'strides', 2);
      const plan = transposePlan(k, s, strParam(n.params, 'padding', 'same'));
      const args = kwargs([
        ['stride', String(s), '1'],
        ['padding', String(plan.padding), '0'],
        ['output_padding', String(plan.outputPadding), '0'],
        ['bias', boolParam(n.params, 'useBias', true) ? 'True' : 'False', 'True'],
      ]);
      return `nn.ConvTranspose2d(${lastDim(n.inputShapes[0])}, ${intParam(n.params, 'filters', 16)}, kernel_size=${k}${args})`;
    },
    forward(c) {
      const n = c.node;
      const plan = transposePlan(intParam(n.params, 'kernelSize', 2), intParam(n.params, 'strides', 2), strParam(n.params, 'padding', 'same'));
      // TensorFlow cuts the odd extra row/column of a 'same' transposed convolution at the bottom/right.
      const y = plan.crop ? `${c.module}(${c.inputs[0]})[:, :, :${n.shape[1]}, :${n.shape[2]}]` : `${c.module}(${c.inputs[0]})`;
      return activate(strParam(n.params, 'activation', 'linear'), y);
    },
    // tfjs [kh, kw, out, in] -> PyTorch [in, out, kh, kw]; both are the transpose of a cross-correlation, no flip.
    state: (_n, keras) => kernelAndBias(keras, [3, 2, 0, 1]),
  },
  DepthwiseConv2D: {
    module: (n) => depthwiseModule(n, boolParam(n.params, 'useBias', true) ? 'True' : 'False'),
    forward: (c) => activate(strParam(c.node.params, 'activation', 'linear'), `${c.module}(${depthwiseInput(c)})`),
    state: (_n, [kernel, bias]) => (bias ? [depthwiseWeight(kernel), { name: 'bias', shape: bias.shape, data: bias.data }] : [depthwiseWeight(kernel)]),
  },
  SeparableConv2D: {
    // Depthwise (no bias) then the 1x1 pointwise convolution with the bias, as Keras' SeparableConv2D.
    module(n) {
      const mid = lastDim(n.inputShapes[0]) * intParam(n.params, 'depthMultiplier', 1);
      const bias = boolParam(n.params, 'useBias', true) ? '' : ', bias=False';
      return `nn.Sequential(${depthwiseModule(n, 'False')}, nn.Conv2d(${mid}, ${intParam(n.params, 'filters', 16)}, kernel_size=1${bias}))`;
    },
    forward: (c) => activate(strParam(c.node.params, 'activation', 'linear'), `${c.module}(${depthwiseInput(c)})`),
    // Keras pointwise_kernel [1, 1, C*m, F] -> PyTorch [F, C*m, 1, 1].
    state(_n, [depthwise, pointwise, bias]) {
      const out: NamedTensor[] = [{ ...depthwiseWeight(depthwise), name: '0.weight' }, { name: '1.weight', ...transpose(pointwise, [3, 2, 0, 1]) }];
      if (bias) out.push({ name: '1.bias', shape: bias.shape, data: bias.data });
      return out;
    },
  },
  MaxPooling2D: {
    module(n) {
      const { k, s, pads } = poolWindow(n);
      const padding = nativePoolPads(pads, k) ? symmetricArg(pads) : '0';
      return `nn.MaxPool2d(${k}${kwargs([['stride', String(s), String(k)], ['padding', padding, '0']])})`;
    },
    forward(c) {
      const { k, pads } = poolWindow(c.node);
      // Max pooling pads with -inf, so the border never wins (nn.MaxPool2d's own padding does the same).
      return `${c.module}(${nativePoolPads(pads, k) ? c.inputs[0] : fPad(c.inputs[0], pads, "float('-inf')")})`;
    },
    state: noState,
  },
  AveragePooling2D: {
    module(n) {
      const { k, s, pads } = poolWindow(n);
      if (!nativePoolPads(pads, k)) return undefined;
      const extra = noPads(pads) ? '' : `, padding=${symmetricArg(pads)}, count_include_pad=False`;
      return `nn.AvgPool2d(${k}${kwargs([['stride', String(s), String(k)]])}${extra})`;
    },
    forward(c) {
      const { k, s, pads } = poolWindow(c.node);
      if (nativePoolPads(pads, k)) return `${c.module}(${c.inputs[0]})`;
      c.useHelper('avgPoolSame');
      return `_avg_pool_same(${c.inputs[0]}, ${k}, ${s}, ${pyTuple([pads[2], pads[3], pads[0], pads[1]].map(String))})`;
    },
    state: noState,
  },
  GlobalAveragePooling2D: {
    module: () => undefined,
    forward: (c) => `${c.inputs[0]}.mean(dim=(2, 3))`,
    state: noState,
  },
  GlobalMaxPooling2D: {
    module: () => undefined,
    forward: (c) => `torch.amax(${c.inputs[0]}, dim=(2, 3))`,
    state: noState,
  },
  Flatten: {
    module: () => undefined,
    // Keras/tfjs flatten (H, W, C) order; permuting first keeps the next Dense's weights valid.
    forward: (c) => `torch.flatten(${c.inputs[0]}.permute(0, 2, 3, 1), 1)`,
    state: noState,
  },
  Dense: {
    module(n) {
      const bias = boolParam(n.params, 'useBias', true) ? '' : ', bias=False';
      return `nn.Linear(${lastDim(n.inputShapes[0])}, ${intParam(n.params, 'units', 64)}${bias})`;
    },
    forward: (c) => activate(strParam(c.node.params, 'activation', 'linear'), `${c.module}(${c.inputs[0]})`),
    // Keras [in, out] -> PyTorch [out, in].
    state: (_n, keras) => kernelAndBias(keras, [1, 0]),
  },
  Dropout: {
    module: (n) => `nn.Dropout(${num(numParam(n.params, 'rate', 0.5))})`,
    forward: (c) => `${c.module}(${c.inputs[0]})`,
    state: noState,
  },
  BatchNormalization: {
    module(n) {
      const kind = n.shape.length === 4 ? 'BatchNorm2d' : 'BatchNorm1d';
      const eps = num(numParam(n.params, 'epsilon', 0.001));
      // PyTorch's momentum weighs the new batch, Keras' the old average: 0.99 in Keras is 0.01 here.
      const momentum = num(1 - numParam(n.params, 'momentum', 0.99));
      return `nn.${kind}(${lastDim(n.shape)}, eps=${eps}, momentum=${momentum})`;
    },
    forward: (c) => `${c.module}(${c.inputs[0]})`,
    state: (_n, [gamma, beta, mean, variance]) => [
      { name: 'weight', shape: gamma.shape, data: gamma.data },
      { name: 'bias', shape: beta.shape, data: beta.data },
      { name: 'running_mean', shape: mean.shape, data: mean.data },
      { name: 'running_var', shape: variance.shape, data: variance.data },
    ],
  },
  Activation: {
    module: () => undefined,
    forward: (c) => activate(strParam(c.node.params, 'activation', 'relu'), c.inputs[0]),
    state: noState,
  },
  LeakyReLU: {
    module: () => undefined,
    forward: (c) => `F.leaky_relu(${c.inputs[0]}, ${num(numParam(c.node.params, 'alpha', 0.2))})`,
    state: noState,
  },
  Add: {
    module: () => undefined,
    forward: (c) => c.inputs.join(' + '),
    state: noState,
  },
  Concatenate: {
    module: () => undefined,
    // Channels are axis 1 in (N, C, H, W) and in (N, features) alike.
    forward: (c) => `torch.cat([${c.inputs.join(', ')}], dim=1)`,
    state: noState,
  },
  UpSampling2D: {
    module(n) {
      if (strParam(n.params, 'interpolation', 'nearest') !== 'nearest') return undefined;
      return `nn.Upsample(scale_factor=${upsamplingSize(n)}, mode="nearest")`;
    },
    forward(c) {
      if (strParam(c.node.params, 'interpolation', 'nearest') === 'nearest') return `${c.module}(${c.inputs[0]})`;
      c.useHelper('upsampleBilinear');
      return `_upsample_bilinear_tf(${c.inputs[0]}, ${upsamplingSize(c.node)})`;
    },
    state: noState,
  },
  ZeroPadding2D: {
    module: (n) => `nn.ZeroPad2d(${intParam(n.params, 'padding', 1)})`,
    forward: (c) => `${c.module}(${c.inputs[0]})`,
    state: noState,
  },
  Output: {
    module(n) {
      if (!boolParam(n.params, 'projection', true)) return undefined;
      const c = lastDim(n.inputShapes[0]);
      const k = lastDim(n.shape);
      return n.shape.length === 4 ? `nn.Conv2d(${c}, ${k}, kernel_size=1)` : `nn.Linear(${c}, ${k})`;
    },
    forward(c) {
      return outputActivation(c.node, outputLogits(c));
    },
    state: (n, keras) => (n.shape.length === 4 ? kernelAndBias(keras, [3, 2, 0, 1]) : kernelAndBias(keras, [1, 0])),
  },
} satisfies Record<NodeType, TorchLayer>;
