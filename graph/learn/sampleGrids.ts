import type { Grid } from './slide';

/**
 * The classic 5x5 input of the convolution arithmetic figures (Dumoulin and Visin, "A guide to
 * convolution arithmetic for deep learning", 2016), integer pixel values 0..3.
 */
export const CLASSIC_INPUT: Grid = [
  [3, 3, 2, 1, 0],
  [0, 0, 1, 3, 1],
  [3, 1, 2, 2, 3],
  [2, 0, 0, 2, 2],
  [2, 0, 0, 0, 1],
];

/** The classic 3x3 kernel of the same figures; with CLASSIC_INPUT ('valid') it gives [[12,12,17],[10,17,19],[9,6,14]]. */
export const CLASSIC_KERNEL: Grid = [
  [0, 1, 2],
  [2, 2, 0],
  [0, 1, 2],
];

/**
 * Deterministic small integers 0..3 for an n x n input: the classic grid for n = 5, otherwise a fixed
 * hash of the position, so the same size always shows the same picture.
 */
export function sampleInput(n: number): Grid {
  if (n === 5) return CLASSIC_INPUT.map((row) => [...row]);
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => hash(r, c, 17) % 4));
}

/**
 * Deterministic small integer k x k kernel: the classic one for k = 3, otherwise values -1..2 so outputs
 * stay readable. k = 1 gives [[1]].
 */
export function sampleKernel(k: number): Grid {
  if (k === 3) return CLASSIC_KERNEL.map((row) => [...row]);
  if (k === 1) return [[1]];
  return Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (hash(r, c, 5) % 4) - 1));
}

/**
 * A deterministic n x n patch of digits 0..9 (wider range than sampleInput, so max and average pooling
 * differ visibly); a different `seed` gives a different patch.
 */
export function samplePatch(n: number, seed: number): Grid {
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => hash(r, c, 101 + seed) % 10));
}

/** A small, fixed integer hash of a cell position (no randomness: screenshots and tests stay stable). */
function hash(r: number, c: number, salt: number): number {
  let h = (r * 73856093) ^ (c * 19349663) ^ (salt * 83492791);
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}
