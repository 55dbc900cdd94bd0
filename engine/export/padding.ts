import { effectiveKernel } from '@/graph/catalog';

/**
 * TensorFlow's 'same' padding along one axis, which tfjs follows: the output has ceil(n/s) positions and the
 * zeros needed, max((ceil(n/s) - 1) s + d(k-1) + 1 - n, 0), are split with the odd one at the end (bottom or
 * right). PyTorch's symmetric `padding=` cannot express the odd case, so exporters add an explicit pad then.
 *
 * @example samePads(16, 3, 2) // [0, 1]: 8 outputs need 17 pixels, one zero at the bottom
 * @example samePads(16, 3, 1) // [1, 1]
 */
export function samePads(n: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + effectiveKernel(kernel, dilation) - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Padding of a 2-D window: [top, bottom, left, right]. */
export type Pads2D = [number, number, number, number];

/** 'same' pads for an H x W input; 'valid' is all zeros. */
export function windowPads(h: number, w: number, kernel: number, stride: number, padding: string, dilation = 1): Pads2D {
  if (padding !== 'same') return [0, 0, 0, 0];
  const [t, b] = samePads(h, kernel, stride, dilation);
  const [l, r] = samePads(w, kernel, stride, dilation);
  return [t, b, l, r];
}

/** True when no side is padded. */
export function noPads(p: Pads2D): boolean {
  return p.every((v) => v === 0);
}

/** True when top equals bottom and left equals right (what a symmetric `padding=(ph, pw)` argument gives). */
export function symmetricPads(p: Pads2D): boolean {
  return p[0] === p[1] && p[2] === p[3];
}

/**
 * How PyTorch's ConvTranspose2d reproduces TensorFlow's transposed convolution along one axis. The full
 * transposed result has (n-1)s + k positions; TF keeps n*s ('same') or n*s + max(k-s, 0) ('valid') of them,
 * cropping floor((k-s)/2) at the start and the rest at the end for 'same'. PyTorch crops `padding` at both
 * ends and can grow the end by `outputPadding` (< s) zero-input positions; an odd crop needs one more
 * position cut at the end (`crop`).
 *
 * @example transposePlan(3, 2, 'same') // { padding: 0, outputPadding: 0, crop: true }: n=4 gives 9, keep 8
 * @example transposePlan(1, 2, 'same') // { padding: 0, outputPadding: 1, crop: false }: n=4 gives 7, grow to 8
 */
export function transposePlan(kernel: number, stride: number, padding: string): { padding: number; outputPadding: number; crop: boolean } {
  if (kernel < stride) return { padding: 0, outputPadding: stride - kernel, crop: false };
  if (padding !== 'same') return { padding: 0, outputPadding: 0, crop: false };
  const total = kernel - stride;
  return { padding: Math.floor(total / 2), outputPadding: 0, crop: total % 2 === 1 };
}
