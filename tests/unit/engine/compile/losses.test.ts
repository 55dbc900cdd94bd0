/**
 * Losses against hand-computed values (natural logarithms to 5 digits).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { binaryCrossEntropy, categoricalCrossEntropy, lossFor, softDiceLoss, type HeadSpec } from '@/engine/compile';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function value(f: () => tf.Scalar): number {
  const t = f();
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

const t2 = (v: number[][]) => tf.tensor2d(v);
const t4 = (v: number[], shape: [number, number, number, number]) => tf.tensor4d(v, shape);

describe('categoricalCrossEntropy', () => {
  it.each([
    // y, p, class weights, expected
    // -ln 0.8 = 0.22314, -ln 0.6 = 0.51083; mean 0.36698
    [[[1, 0], [0, 1]], [[0.8, 0.2], [0.4, 0.6]], undefined, 0.36698],
    // weights [2, 0.5]: (2 * 0.22314 + 0.5 * 0.51083) / 2 = 0.35085 (the batch mean, as Keras' class_weight)
    [[[1, 0], [0, 1]], [[0.8, 0.2], [0.4, 0.6]], [2, 0.5], 0.35085],
    // weights [1, 1] change nothing
    [[[1, 0], [0, 1]], [[0.8, 0.2], [0.4, 0.6]], [1, 1], 0.36698],
    // p = 0 is clipped to 1e-7: -ln 1e-7 = 16.11810
    [[[0, 1]], [[1, 0]], undefined, 16.1181],
  ] as [number[][], number[][], number[] | undefined, number][])('y %j p %j w %j -> %f', (y, p, w, expected) => {
    const v = value(() => tf.tidy(() => categoricalCrossEntropy(t2(y), t2(p), w ? tf.tensor1d(w) : undefined)));
    expect(v).toBeCloseTo(expected, 4);
  });

  it('averages over pixels for masks [1, 1, 2, 2]', () => {
    // pixel 1: -ln 0.5 = 0.69315; pixel 2: -ln 0.75 = 0.28768; mean 0.49041
    const v = value(() => tf.tidy(() => categoricalCrossEntropy(t4([1, 0, 0, 1], [1, 1, 2, 2]), t4([0.5, 0.5, 0.25, 0.75], [1, 1, 2, 2]))));
    expect(v).toBeCloseTo(0.49041, 4);
  });
});

describe('binaryCrossEntropy and softDiceLoss', () => {
  it('BCE: y [1, 0], p [0.9, 0.2] -> (0.10536 + 0.22314) / 2', () => {
    const v = value(() => tf.tidy(() => binaryCrossEntropy(t4([1, 0], [1, 1, 2, 1]), t4([0.9, 0.2], [1, 1, 2, 1]))));
    expect(v).toBeCloseTo(0.16425, 4);
  });

  it('Dice: one image y [1, 0], p [1, 1] -> 1 - 2/3', () => {
    const v = value(() => tf.tidy(() => softDiceLoss(t4([1, 0], [1, 1, 2, 1]), t4([1, 1], [1, 1, 2, 1]))));
    expect(v).toBeCloseTo(1 / 3, 4);
  });

  it('Dice: an image with empty target and empty prediction scores 1 (loss 0); the mean is over images', () => {
    // image 1 as above (Dice 2/3), image 2 empty and predicted empty (Dice 1): loss 1 - (2/3 + 1)/2 = 1/6
    const v = value(() => tf.tidy(() => softDiceLoss(t4([1, 0, 0, 0], [2, 1, 2, 1]), t4([1, 1, 0, 0], [2, 1, 2, 1]))));
    expect(v).toBeCloseTo(1 / 6, 4);
  });

  it('Dice: the mean is over channels too', () => {
    // channel 0: y [1, 0], p [1, 0] -> Dice 1; channel 1: y [0, 1], p [1, 0] -> Dice 0; loss 0.5
    const v = value(() => tf.tidy(() => softDiceLoss(t4([1, 0, 0, 1], [1, 1, 2, 2]), t4([1, 1, 0, 0], [1, 1, 2, 2]))));
    expect(v).toBeCloseTo(0.5, 4);
  });
});

describe('lossFor', () => {
  const binary: HeadSpec = { kind: 'segmentation', classes: 1, activation: 'sigmoid', classNames: ['background', 'object'] };
  const y = () => t4([1, 0], [1, 1, 2, 1]);
  const p = () => t4([0.9, 0.2], [1, 1, 2, 1]);
  // BCE 0.16425; Dice: inter 0.9, total 2.1 -> 1.8/2.1 = 0.85714 -> loss 0.14286
  it.each([
    ['bce', 0.16425],
    ['dice', 0.14286],
    ['bce+dice', 0.30711],
  ] as const)('binary %s', (setting, expected) => {
    const loss = lossFor(binary, setting);
    expect(value(() => tf.tidy(() => loss.fn(y(), p())))).toBeCloseTo(expected, 4);
  });

  it('classification ignores the segmentation setting', () => {
    const head: HeadSpec = { kind: 'classification', classes: 2, activation: 'softmax', classNames: ['a', 'b'] };
    expect(lossFor(head, 'dice').name).toBe('categorical cross-entropy');
  });
});
