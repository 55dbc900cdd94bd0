import type { Grid } from './slide';

/**
 * The single kernel equal to applying `first` then `second` ('valid', stride 1, no activation between):
 * K[c] = sum over a + b = c of first[a] * second[b], the full 2-D convolution of the two kernels, so two
 * 3x3 kernels give one 5x5. This is why stacking convolutions without an activation adds no power: the
 * stack is still one (bigger) linear filter.
 * Example: composeKernels([[1]], k) = k; composeKernels([[1, 1]], [[1, 1]]) = [[1, 2, 1]].
 */
export function composeKernels(first: Grid, second: Grid): Grid {
  const h1 = first.length;
  const w1 = first[0]?.length ?? 0;
  const h2 = second.length;
  const w2 = second[0]?.length ?? 0;
  const out: Grid = Array.from({ length: h1 + h2 - 1 }, () => new Array<number>(w1 + w2 - 1).fill(0));
  for (let a = 0; a < h1; a++) {
    for (let b = 0; b < w1; b++) {
      for (let c = 0; c < h2; c++) for (let d = 0; d < w2; d++) out[a + c][b + d] += first[a][b] * second[c][d];
    }
  }
  return out;
}
