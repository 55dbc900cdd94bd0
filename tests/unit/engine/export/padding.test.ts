/**
 * TensorFlow's 'same' padding split and the PyTorch ConvTranspose2d plan, on hand-computed sizes
 * (out = ceil(n/s), total = max((out-1)s + d(k-1) + 1 - n, 0), the odd pixel at the end). That PyTorch then
 * computes tfjs' numbers is python.test.ts' job.
 */
import { describe, expect, it } from 'vitest';
import { samePads, symmetricPads, transposePlan, windowPads } from '@/engine/export/padding';

describe('samePads', () => {
  it.each([
    // [n, k, s, d, pads]
    [16, 3, 1, 1, [1, 1]], // 16 outputs need 18 pixels
    [16, 3, 2, 1, [0, 1]], // 8 outputs: (7*2 + 3) - 16 = 1, at the end
    [15, 3, 2, 1, [1, 1]], // 8 outputs: 17 - 15 = 2
    [16, 4, 1, 1, [1, 2]], // even kernel: 3 extra, 2 at the end
    [16, 2, 2, 1, [0, 0]], // windows tile exactly
    [15, 4, 2, 1, [1, 2]], // 8 outputs: 14 + 4 - 15 = 3
    [12, 3, 1, 2, [2, 2]], // dilated 3x3 covers 5
    [5, 1, 3, 1, [0, 0]], // 2 outputs: 3 + 1 - 5 < 0
    [8, 3, 2, 1, [0, 1]],
    [6, 3, 2, 1, [0, 1]],
  ])('n=%i k=%i s=%i d=%i -> %j', (n, k, s, d, pads) => {
    expect(samePads(n, k, s, d)).toEqual(pads);
  });
});

describe('windowPads', () => {
  it('pads each axis on its own size and pads nothing for valid', () => {
    expect(windowPads(15, 12, 4, 2, 'same')).toEqual([1, 2, 1, 1]);
    expect(symmetricPads(windowPads(15, 12, 4, 2, 'same'))).toBe(false);
    expect(windowPads(15, 12, 4, 2, 'valid')).toEqual([0, 0, 0, 0]);
  });
});

describe('transposePlan', () => {
  it.each([
    // [k, s, padding, plan]: PyTorch out = (n-1)s - 2p + k + op, cropped to n*s when `crop`.
    [2, 2, 'same', { padding: 0, outputPadding: 0, crop: false }], // (n-1)2 + 2 = 2n
    [3, 2, 'same', { padding: 0, outputPadding: 0, crop: true }], // 2n + 1, TF cuts the last
    [4, 2, 'same', { padding: 1, outputPadding: 0, crop: false }], // 2n + 2 - 2
    [5, 2, 'same', { padding: 1, outputPadding: 0, crop: true }], // 2n + 3 - 2, cut 1
    [2, 1, 'same', { padding: 0, outputPadding: 0, crop: true }], // n + 1, cut 1
    [3, 1, 'same', { padding: 1, outputPadding: 0, crop: false }],
    [1, 2, 'same', { padding: 0, outputPadding: 1, crop: false }], // 2n - 1, grow 1
    [3, 2, 'valid', { padding: 0, outputPadding: 0, crop: false }], // 2n + 1 = n*s + k - s
    [1, 3, 'valid', { padding: 0, outputPadding: 2, crop: false }], // 3n - 2 -> 3n
  ])('k=%i s=%i %s -> %j', (k, s, padding, plan) => {
    expect(transposePlan(k, s, padding)).toEqual(plan);
  });
});
