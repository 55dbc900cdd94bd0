import type { EpochPoint } from '@/components/store/training/runs';

/** A classification epoch with the given validation balanced accuracy (accuracy 0.1 higher) and loss. */
export const epochPoint = (balancedAccuracy: number, valLoss = 1): EpochPoint => ({
  epoch: 1,
  trainLoss: null,
  valLoss,
  accuracy: balancedAccuracy + 0.1,
  balancedAccuracy,
  baselineAccuracy: null,
  meanDice: null,
  dicePerClass: null,
  trainAccuracy: null,
  imagesPerSecond: null,
  seconds: null,
});
