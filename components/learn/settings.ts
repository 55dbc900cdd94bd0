import { poolStride } from '@/graph/catalog/pooling';
import type { LearnPadding, WindowMode } from '@/graph/learn';
import type { NodeType, Params } from '@/graph/types';

/** Everything the convolution explorer draws from: a square input, square kernel or pool window, and the mode. */
export interface ExplorerSettings {
  inputSize: number;
  kernelSize: number;
  stride: number;
  /** 'valid', 'same' (tfjs), or an explicit number of zero cells on every side. */
  padding: LearnPadding;
  dilation: number;
  mode: WindowMode;
}

/** The classic figure: 5x5 input, 3x3 kernel, stride 1, no padding, no dilation. */
export const DEFAULT_SETTINGS: ExplorerSettings = {
  inputSize: 5,
  kernelSize: 3,
  stride: 1,
  padding: 'valid',
  dilation: 1,
  mode: 'conv',
};

/** Control ranges: small enough that every cell stays readable with its number in it. */
export const LIMITS = {
  inputSize: [3, 11],
  kernelSize: [1, 7],
  stride: [1, 4],
  padding: [0, 3],
  dilation: [1, 4],
} as const satisfies Record<string, readonly [number, number]>;

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, Math.round(v)));

/**
 * Fills in and clamps partial settings (a node's params may exceed what the explorer can draw: a 64x64
 * input is shown as the 5x5 classic one). Pooling has no dilation, so it is forced to 1.
 */
export function normaliseSettings(partial: Partial<ExplorerSettings> = {}): ExplorerSettings {
  const s = { ...DEFAULT_SETTINGS, ...partial };
  const padding = typeof s.padding === 'number' ? clamp(s.padding, LIMITS.padding) : s.padding === 'same' ? 'same' : 'valid';
  return {
    inputSize: clamp(s.inputSize, LIMITS.inputSize),
    kernelSize: clamp(s.kernelSize, LIMITS.kernelSize),
    stride: clamp(s.stride, LIMITS.stride),
    padding,
    dilation: s.mode === 'conv' ? clamp(s.dilation, LIMITS.dilation) : 1,
    mode: s.mode,
  };
}

/**
 * Explorer settings preloaded from a node of the user's graph, for its "?" button: Conv2D reads
 * kernelSize, strides, padding and dilationRate; MaxPooling2D / AveragePooling2D read poolSize, strides
 * (0 = pool size) and padding; ZeroPadding2D shows its padding around the classic input. The input side
 * is the classic 5, grown (up to the limit) until at least a 2x2 output fits.
 * Returns undefined for node types the explorer does not explain.
 */
export function settingsFromNode(type: NodeType, params: Params): ExplorerSettings | undefined {
  const num = (name: string, fallback: number) => (typeof params[name] === 'number' ? (params[name] as number) : fallback);
  const pad = (fallback: 'same' | 'valid'): LearnPadding =>
    params.padding === 'same' || params.padding === 'valid' ? params.padding : fallback;
  let partial: Partial<ExplorerSettings>;
  if (type === 'Conv2D') {
    partial = { mode: 'conv', kernelSize: num('kernelSize', 3), stride: num('strides', 1), padding: pad('same'), dilation: num('dilationRate', 1) };
  } else if (type === 'DepthwiseConv2D' || type === 'SeparableConv2D') {
    // One channel's window is exactly what each depthwise filter slides; these nodes have no dilation.
    partial = { mode: 'conv', kernelSize: num('kernelSize', 3), stride: num('strides', 1), padding: pad('same'), dilation: 1 };
  } else if (type === 'MaxPooling2D' || type === 'AveragePooling2D') {
    partial = {
      mode: type === 'MaxPooling2D' ? 'maxpool' : 'avgpool',
      kernelSize: num('poolSize', 2),
      stride: poolStride(params),
      padding: pad('valid'),
      dilation: 1,
    };
  } else if (type === 'ZeroPadding2D') {
    partial = { mode: 'conv', padding: num('padding', 1) };
  } else {
    return undefined;
  }
  const s = normaliseSettings(partial);
  const effective = s.dilation * (s.kernelSize - 1) + 1;
  const needed = effective + s.stride - (typeof s.padding === 'number' ? 2 * s.padding : 0);
  return { ...s, inputSize: clamp(Math.max(s.inputSize, needed), LIMITS.inputSize) };
}
