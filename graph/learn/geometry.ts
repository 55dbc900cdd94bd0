/**
 * Window geometry of one convolution or pooling axis, as the explorers draw it: how many outputs, how much
 * zero padding before and after the input, and which input cells one output cell reads. Pure numbers,
 * square inputs and kernels (the explorers use one side length for both axes).
 */

/**
 * Padding as the explorers offer it: tfjs' 'valid' (none) and 'same' (enough for ceil(n/s) outputs, split
 * as tfjs splits it, the odd pixel after), or an explicit number p of zero cells on every side (a
 * ZeroPadding2D node before a 'valid' layer, the p of the textbook formula).
 */
export type LearnPadding = 'valid' | 'same' | number;

/** One square window configuration: input side n, kernel side k, stride s, padding, dilation d. */
export interface WindowConfig {
  size: number;
  kernel: number;
  stride: number;
  padding: LearnPadding;
  dilation: number;
}

/** One axis of a window configuration: output length and the zero cells drawn before and after the input. */
export interface AxisLayout {
  /** Number of output cells; 0 when the (dilated) kernel does not fit. */
  out: number;
  padBefore: number;
  padAfter: number;
}

/** Side of the dilated kernel: d(k-1) + 1. Example: effectiveKernel(3, 2) = 5. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Output length, zero padding before and after, exactly as tfjs computes them:
 * - 'valid': out = floor((n - d(k-1) - 1)/s) + 1, no padding;
 * - explicit p: out = floor((n + 2p - d(k-1) - 1)/s) + 1, p cells each side;
 * - 'same': out = ceil(n/s); total padding max(0, (out-1)s + d(k-1) + 1 - n), floor half before.
 * Example: axisLayout({ size: 5, kernel: 3, stride: 2, padding: 'same', dilation: 1 }) = { out: 3, padBefore: 1, padAfter: 1 }.
 */
export function axisLayout(c: WindowConfig): AxisLayout {
  const eff = effectiveKernel(c.kernel, c.dilation);
  if (c.padding === 'same') {
    const out = Math.ceil(c.size / c.stride);
    const total = Math.max(0, (out - 1) * c.stride + eff - c.size);
    const padBefore = Math.floor(total / 2);
    return { out, padBefore, padAfter: total - padBefore };
  }
  const p = c.padding === 'valid' ? 0 : c.padding;
  const out = Math.floor((c.size + 2 * p - eff) / c.stride) + 1;
  return { out: Math.max(0, out), padBefore: p, padAfter: p };
}

/** Output side length for a configuration (see axisLayout). Example: outputSize 5x5, k3, s1, valid = 3. */
export function outputSize(c: WindowConfig): number {
  return axisLayout(c).out;
}

/**
 * Input indices (along one axis, in input coordinates: negative or >= n means a padding cell) read by
 * output index `o`: o*s - padBefore + t*d for each tap t = 0..k-1.
 * Example: tapIndices(1, { size: 5, kernel: 3, stride: 2, padding: 0, dilation: 1 }) = [2, 3, 4].
 */
export function tapIndices(o: number, c: WindowConfig): number[] {
  const { padBefore } = axisLayout(c);
  const start = o * c.stride - padBefore;
  return Array.from({ length: c.kernel }, (_, t) => start + t * c.dilation);
}

/** One input cell read by an output cell: its input row/column and the kernel tap that reads it. */
export interface ReadCell {
  row: number;
  col: number;
  /** Kernel row and column of the tap. */
  kr: number;
  kc: number;
  /** False for a padding cell (outside the input). */
  inside: boolean;
}

/**
 * The k*k cells output cell (r, c) reads, in kernel order, padding cells included (inside = false).
 * Example: 5x5, k3, valid: output (0, 0) reads rows 0..2 and columns 0..2.
 */
export function receptiveCells(r: number, col: number, c: WindowConfig): ReadCell[] {
  const rows = tapIndices(r, c);
  const cols = tapIndices(col, c);
  const cells: ReadCell[] = [];
  rows.forEach((row, kr) =>
    cols.forEach((cc, kc) => {
      cells.push({ row, col: cc, kr, kc, inside: row >= 0 && row < c.size && cc >= 0 && cc < c.size });
    }),
  );
  return cells;
}

/**
 * How many times each input cell is read over all output cells and kernel taps, as an n x n grid.
 * Example: 5x5 input, 3x3 kernel, 'valid': corners 1, centre 9; with padding 1: corners 4, centre 9.
 */
export function usageCounts(c: WindowConfig): number[][] {
  const counts = Array.from({ length: c.size }, () => new Array<number>(c.size).fill(0));
  const out = outputSize(c);
  // Separable: a cell's count is (times its row is read) x (times its column is read).
  const perIndex = new Array<number>(c.size).fill(0);
  for (let o = 0; o < out; o++) {
    for (const i of tapIndices(o, c)) if (i >= 0 && i < c.size) perIndex[i]++;
  }
  for (let r = 0; r < c.size; r++) for (let q = 0; q < c.size; q++) counts[r][q] = perIndex[r] * perIndex[q];
  return counts;
}

/**
 * The output size formula with the numbers filled in, as one line of text.
 * Example: 'floor((5 + 2*0 - 1*(3-1) - 1)/1) + 1 = 3'; for 'same': 'ceil(5 / 2) = 3'.
 */
export function formulaText(c: WindowConfig): string {
  const { out, padBefore, padAfter } = axisLayout(c);
  if (c.padding === 'same') {
    return `same: ceil(n / s) = ceil(${c.size} / ${c.stride}) = ${out}  (tfjs pads ${padBefore} before, ${padAfter} after)`;
  }
  const p = c.padding === 'valid' ? 0 : c.padding;
  return `floor((${c.size} + 2*${p} - ${c.dilation}*(${c.kernel}-1) - 1) / ${c.stride}) + 1 = ${out}`;
}
