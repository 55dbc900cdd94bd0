import { describe, expect, it } from 'vitest';
import { bestGoalValue, runGoalValue } from '@/components/store/training/lessonGoal';
import type { LessonGoal } from '@/graph/lesson';
import type { EpochPoint, PassSummary } from '@/components/store/training/runs';

const epoch = (balancedAccuracy: number | null, valLoss: number | null, meanDice: number | null = null): EpochPoint => ({
  epoch: 1,
  trainLoss: null,
  valLoss,
  accuracy: null,
  balancedAccuracy,
  baselineAccuracy: null,
  meanDice,
  dicePerClass: null,
  trainAccuracy: null,
  imagesPerSecond: null,
  seconds: null,
});

describe('goal progress', () => {
  const ba: LessonGoal = { metric: 'balancedAccuracy', op: '>=', value: 0.4, split: 'validation' };
  const loss: LessonGoal = { metric: 'valLoss', op: '<=', value: 1, split: 'validation' };

  it('takes the best epoch of a run: highest for >=, lowest for <=', () => {
    const run = { epochs: [epoch(0.2, 1.5), epoch(0.35, 0.9), epoch(null, null), epoch(0.3, 1.1)], test: null };
    expect(runGoalValue(ba, run)).toBe(0.35);
    expect(runGoalValue(loss, run)).toBe(0.9);
  });

  it('computes test accuracy and balanced accuracy from the confusion matrix (rows = truth)', () => {
    // Class 0: 3 of 4 right (0.75); class 1: 1 of 2 (0.5); class 2 has no examples and is left out.
    const test: PassSummary = { loss: 0.7, images: 6, metrics: { kind: 'classification', confusion: [[3, 1, 0], [1, 1, 0], [0, 0, 0]] } };
    const run = { epochs: [], test };
    expect(runGoalValue({ ...ba, split: 'test' }, run)).toBeCloseTo(0.625, 10);
    expect(runGoalValue({ ...ba, metric: 'accuracy', split: 'test' }, run)).toBeCloseTo(4 / 6, 10);
    expect(runGoalValue({ ...loss, split: 'test' }, run)).toBe(0.7);
    expect(runGoalValue({ ...ba, metric: 'meanDice', split: 'test' }, run)).toBeNull();
  });

  it('reads test Dice from a segmentation pass', () => {
    const test: PassSummary = {
      loss: 0.2,
      images: 4,
      metrics: { kind: 'segmentation', dicePerClass: [0.99, 0.61], meanDice: 0.61, counted: [4, 3], pixelAccuracy: 0.97 },
    };
    expect(runGoalValue({ metric: 'meanDice', op: '>=', value: 0.5, split: 'test' }, { epochs: [], test })).toBe(0.61);
  });

  it('takes the best over runs of the lesson task only', () => {
    const runs = [
      { taskId: 'skin-lesions', epochs: [epoch(0.31, null)], test: null },
      { taskId: 'brain-mri-classify', epochs: [epoch(0.9, null)], test: null },
      { taskId: 'skin-lesions', epochs: [epoch(0.44, null)], test: null },
    ];
    expect(bestGoalValue(ba, 'skin-lesions', runs)).toBe(0.44);
    expect(bestGoalValue(ba, 'brain-mri-segment', runs)).toBeNull();
  });
});
