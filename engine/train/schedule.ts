/**
 * The learning rate of each optimisation step (graph/types.ts LearningRateSchedule). The exported train.py
 * (engine/export/pytorch/trainPy.ts `learning_rate_at`) computes the same numbers.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LearningRateSchedule } from '../../graph/types';

/** Where a step sits in the run: `step` counts from 0 over all epochs. */
export interface ScheduleClock {
  step: number;
  stepsPerEpoch: number;
  totalSteps: number;
}

/**
 * Warm-up steps of the cosine schedule: one epoch, but at most a tenth of the run (and at least one step), so a
 * short run still spends most of its steps decaying. Warm-up keeps Adam's first, noisy moment estimates from
 * taking full-size steps, which with BatchNorm's fresh statistics is when a run most often jumps away.
 */
export function warmupSteps(stepsPerEpoch: number, totalSteps: number): number {
  return Math.max(1, Math.min(stepsPerEpoch, Math.floor(totalSteps / 10)));
}

/**
 * `peak` times the schedule's factor at this step. Cosine: (step + 1) / W during the W warm-up steps, then
 * 0.5 (1 + cos(pi (step - W) / (T - W))), which falls from 1 to just above 0 at the last step.
 *
 * @example learningRateAt(0.001, 'cosine', { step: 0, stepsPerEpoch: 10, totalSteps: 100 }) // 0.0001
 */
export function learningRateAt(peak: number, schedule: LearningRateSchedule, clock: ScheduleClock): number {
  if (schedule === 'constant') return peak;
  const { step, stepsPerEpoch, totalSteps } = clock;
  const warm = warmupSteps(stepsPerEpoch, totalSteps);
  if (step < warm) return (peak * (step + 1)) / warm;
  const progress = Math.min(1, (step - warm) / Math.max(1, totalSteps - warm));
  return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/**
 * Sets the learning rate of a tfjs optimizer before its next step. SGD and momentum keep it as a scalar that
 * `setLearningRate` replaces; Adam reads its `learningRate` field on every step and has no setter.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as tf.Optimizer & { setLearningRate?: (lr: number) => void; learningRate?: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
