import { axisLayout, receptiveCells, type WindowConfig } from './geometry';

/** A small 2-D grid of numbers, rows first: grid[row][col]. */
export type Grid = number[][];

/** What the window computes: a convolution with a kernel, or max / average pooling. */
export type WindowMode = 'conv' | 'maxpool' | 'avgpool';

/**
 * The value of output cell (r, c). Convolution is cross-correlation, as in tfjs and Keras (the kernel is
 * not flipped); padding cells are zeros. Pooling follows tfjs: with 'same' the padding cells are left out
 * (max ignores them, the average divides by the cells inside only); with an explicit p they are real
 * zeros, as a ZeroPadding2D layer before the pooling would make them.
 * Example: conv of the classic 5x5 input with its 3x3 kernel, output (0, 0) = 12.
 */
export function windowValue(input: Grid, kernel: Grid | null, c: WindowConfig, mode: WindowMode, r: number, col: number): number {
  const cells = receptiveCells(r, col, c);
  const zerosCount = c.padding !== 'same';
  const read = cells.filter((cell) => cell.inside || zerosCount);
  const value = (row: number, q: number, inside: boolean) => (inside ? input[row][q] : 0);
  if (mode === 'conv') {
    if (!kernel) throw new Error('windowValue: convolution needs a kernel');
    return cells.reduce((sum, cell) => sum + value(cell.row, cell.col, cell.inside) * kernel[cell.kr][cell.kc], 0);
  }
  if (read.length === 0) return 0;
  if (mode === 'maxpool') return Math.max(...read.map((cell) => value(cell.row, cell.col, cell.inside)));
  return read.reduce((sum, cell) => sum + value(cell.row, cell.col, cell.inside), 0) / read.length;
}

/**
 * The whole output grid (out x out, see axisLayout) of a convolution or pooling over a square input.
 * Example: slide(classic 5x5, classic 3x3, { size: 5, kernel: 3, stride: 1, padding: 'valid', dilation: 1 }, 'conv')
 * = [[12, 12, 17], [10, 17, 19], [9, 6, 14]].
 */
export function slide(input: Grid, kernel: Grid | null, c: WindowConfig, mode: WindowMode): Grid {
  const { out } = axisLayout(c);
  return Array.from({ length: out }, (_, r) => Array.from({ length: out }, (_, q) => windowValue(input, kernel, c, mode, r, q)));
}

/**
 * A 'valid' stride-1 cross-correlation of any rectangular grid with any rectangular kernel (the kernel
 * composition demo stacks two of these). Output (H - kh + 1) x (W - kw + 1).
 */
export function correlateValid(input: Grid, kernel: Grid): Grid {
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const oh = input.length - kh + 1;
  const ow = (input[0]?.length ?? 0) - kw + 1;
  if (oh <= 0 || ow <= 0) return [];
  return Array.from({ length: oh }, (_, r) =>
    Array.from({ length: ow }, (_, q) => {
      let sum = 0;
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) sum += input[r + a][q + b] * kernel[a][b];
      return sum;
    }),
  );
}
