import { describe, expect, it } from 'vitest';
import { argmaxRows, ConfusionAccumulator, confusionMatrix, matrixAccuracy, transposeMatrix } from '@/engine/metrics/confusion';

describe('confusionMatrix', () => {
  it('counts m[true][predicted]', () => {
    // truth 0,0,1,1,2 ; predicted 0,1,1,1,0
    expect(confusionMatrix([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it.each([
    [[0, 3], [0, 0]],
    [[0, 1], [0, -1]],
    [[0.5], [0]],
  ])('rejects class indices outside 0..2: truth %o predicted %o', (truth, pred) => {
    expect(() => confusionMatrix(truth, pred, 3)).toThrow(/out of range/);
  });

  it('transposes to rows = predicted for the UI', () => {
    expect(transposeMatrix([[1, 2], [3, 4]])).toEqual([[1, 3], [2, 4]]);
  });

  it('gives the diagonal fraction as accuracy, NaN when empty', () => {
    expect(matrixAccuracy([[3, 1], [0, 4]])).toBeCloseTo(7 / 8, 12);
    expect(matrixAccuracy([[0, 0], [0, 0]])).toBeNaN();
  });
});

describe('argmaxRows', () => {
  it('takes the largest probability per row, the first on ties', () => {
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.3, 0.5], 3))).toEqual([1, 0, 2]);
  });
});

describe('ConfusionAccumulator', () => {
  it('accumulates batches of probabilities and indices, and resets', () => {
    const acc = new ConfusionAccumulator(2);
    acc.updateFromProbabilities([0, 1], [0.9, 0.1, 0.6, 0.4]); // predicted 0, 0
    acc.update([1, 1], [1, 0]);
    expect(acc.result()).toEqual([
      [1, 0],
      [2, 1],
    ]);
    const snapshot = acc.result();
    acc.reset();
    expect(acc.result()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(snapshot[1][0]).toBe(2); // result() is a copy
  });

  it('rejects probabilities of the wrong size', () => {
    expect(() => new ConfusionAccumulator(3).updateFromProbabilities([0, 1], [0.5, 0.5, 0.2, 0.8])).toThrow(/2 x 3/);
  });
});
