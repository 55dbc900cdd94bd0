import { describe, expect, it } from 'vitest';
import { createOptimizer, inverseFrequencyWeights } from '@/engine/compile';

describe('inverseFrequencyWeights', () => {
  it.each([
    // labels, classes, expected: w_c = N / (K' n_c)
    [[0, 0, 0, 1], 2, [4 / 6, 2]],
    [[0, 1, 2], 3, [1, 1, 1]],
    // class 1 absent: K' = 2, weight 0
    [[0, 0, 2, 2], 3, [1, 0, 1]],
  ] as [number[], number, number[]][])('%j over %i classes', (labels, classes, expected) => {
    const w = inverseFrequencyWeights(labels, classes);
    w.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    // normalised: the weight averaged over the samples is 1
    expect(labels.reduce((s, l) => s + w[l], 0) / labels.length).toBeCloseTo(1, 10);
  });
});

describe('createOptimizer', () => {
  it.each([
    [{ optimizer: 'adam', learningRate: 0.01, momentum: 0.9 }, 'Adam', 0.01],
    [{ optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 }, 'Momentum', 0.1],
    [{ optimizer: 'sgd', learningRate: 0.1, momentum: 0 }, 'SGD', 0.1],
  ] as const)('%j -> %s', (settings, className, lr) => {
    const opt = createOptimizer(settings);
    expect(opt.getClassName()).toBe(className);
    expect(opt.getConfig().learningRate).toBe(lr);
    if (className === 'Momentum') expect(opt.getConfig().momentum).toBe(0.9);
    opt.dispose();
  });
});
