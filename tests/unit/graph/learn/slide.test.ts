/**
 * The explorers' sliding window against hand-computed values and against real tfjs (cpu backend, tiny
 * tensors): output sizes, convolution values and pooling values must be exactly what the layers compute.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { outputSize, type WindowConfig } from '@/graph/learn/geometry';
import { slide, windowValue, type WindowMode } from '@/graph/learn/slide';
import { CLASSIC_INPUT, CLASSIC_KERNEL, sampleInput, sampleKernel } from '@/graph/learn/sampleGrids';
import { cfg } from './windowConfig';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('slide, hand-checked', () => {
  it('classic 5x5 input with the classic 3x3 kernel, valid', () => {
    expect(slide(CLASSIC_INPUT, CLASSIC_KERNEL, cfg(5, 3, 1, 'valid'), 'conv')).toEqual([
      [12, 12, 17],
      [10, 17, 19],
      [9, 6, 14],
    ]);
  });

  it('padding 1: the top-left output only sees the 2x2 corner, through the kernel bottom-right taps', () => {
    // x[0][0]*k[1][1] + x[0][1]*k[1][2] + x[1][0]*k[2][1] + x[1][1]*k[2][2] = 3*2 + 3*0 + 0*1 + 0*2
    expect(windowValue(CLASSIC_INPUT, CLASSIC_KERNEL, cfg(5, 3, 1, 1), 'conv', 0, 0)).toBe(6);
  });

  it('pooling the classic input 2x2, stride 2, valid', () => {
    const c = cfg(5, 2, 2, 'valid');
    expect(slide(CLASSIC_INPUT, null, c, 'maxpool')).toEqual([
      [3, 3],
      [3, 2],
    ]);
    expect(slide(CLASSIC_INPUT, null, c, 'avgpool')).toEqual([
      [1.5, 1.75],
      [1.5, 1.5],
    ]);
  });

  it("pooling with 'same' leaves padding out; an explicit p counts real zeros", () => {
    // Bottom-right 2x2 window of a 5x5 with 'same' (pad 0 before, 1 after) holds only x[4][4] = 1.
    expect(windowValue(CLASSIC_INPUT, null, cfg(5, 2, 2, 'same'), 'avgpool', 2, 2)).toBe(1);
    // With p = 1 the top-left window holds three zeros and x[0][0] = 3.
    expect(windowValue(CLASSIC_INPUT, null, cfg(5, 2, 2, 1), 'avgpool', 0, 0)).toBe(0.75);
  });
});

/** tfjs' output for one square config on a [1, n, n, 1] input. Explicit p: tf.pad first, as ZeroPadding2D does. */
function tfjsOutput(input: number[][], kernel: number[][], c: WindowConfig, mode: WindowMode): number[][] {
  return tf.tidy(() => {
    let x = tf.tensor4d(input.flat(), [1, c.size, c.size, 1]);
    let pad: 'same' | 'valid' = 'valid';
    if (c.padding === 'same') pad = 'same';
    else if (typeof c.padding === 'number' && c.padding > 0) {
      const p = c.padding;
      x = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]);
    }
    let y: tf.Tensor4D;
    if (mode === 'conv') {
      const k = tf.tensor4d(kernel.flat(), [c.kernel, c.kernel, 1, 1]);
      y = tf.conv2d(x, k, c.stride, pad, 'NHWC', c.dilation);
    } else if (mode === 'maxpool') y = tf.maxPool(x, c.kernel, c.stride, pad);
    else y = tf.avgPool(x, c.kernel, c.stride, pad);
    const [, h, w] = y.shape;
    const values = Array.from(y.dataSync());
    return Array.from({ length: h }, (_, r) => values.slice(r * w, (r + 1) * w));
  });
}

describe('slide against tfjs', () => {
  // [n, k, s, padding, d]; tfjs rejects stride > 1 together with dilation > 1, so dilated rows use stride 1.
  const convTable: WindowConfig[] = [
    cfg(5, 3, 1, 'valid'),
    cfg(5, 3, 2, 'valid'),
    cfg(5, 3, 1, 'same'),
    cfg(5, 3, 2, 'same'),
    cfg(6, 3, 2, 'same'),
    cfg(6, 4, 1, 'same'),
    cfg(7, 5, 3, 'same'),
    cfg(5, 3, 1, 1),
    cfg(5, 3, 2, 1),
    cfg(6, 3, 3, 2),
    cfg(7, 3, 1, 'valid', 2),
    cfg(7, 3, 1, 'same', 2),
    cfg(8, 2, 1, 'same', 3),
    cfg(6, 3, 1, 1, 2),
    cfg(4, 1, 2, 'valid'),
  ];
  it.each(convTable)('conv %o: same size and values', (c) => {
    const x = sampleInput(c.size);
    const k = sampleKernel(c.kernel);
    const ours = slide(x, k, c, 'conv');
    const theirs = tfjsOutput(x, k, c, 'conv');
    expect(ours.length).toBe(outputSize(c));
    expect(ours).toEqual(theirs);
  });

  const poolTable: WindowConfig[] = [
    cfg(5, 2, 2, 'valid'),
    cfg(5, 2, 2, 'same'),
    cfg(5, 3, 1, 'same'),
    cfg(6, 3, 2, 'same'),
    cfg(5, 3, 2, 'valid'),
    cfg(5, 2, 2, 1),
    cfg(7, 3, 3, 'same'),
  ];
  it.each(poolTable)('max and average pooling %o', (c) => {
    const x = sampleInput(c.size);
    for (const mode of ['maxpool', 'avgpool'] as const) {
      const ours = slide(x, null, c, mode);
      const theirs = tfjsOutput(x, [], c, mode);
      expect(ours.length).toBe(theirs.length);
      ours.forEach((row, r) => row.forEach((v, q) => expect(v).toBeCloseTo(theirs[r][q], 5)));
    }
  });
});
