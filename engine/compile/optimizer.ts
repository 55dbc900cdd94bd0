/**
 * Optimisers from the training settings.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../graph/types';

/**
 * Adam, or SGD with momentum (plain SGD when momentum is 0), at the settings' learning rate.
 * Example: createOptimizer({ optimizer: 'sgd', learningRate: 0.01, momentum: 0.9 }) -> tf.train.momentum(0.01, 0.9).
 * The caller disposes it (its slot variables live as long as it does).
 */
export function createOptimizer(settings: Pick<TrainingSettings, 'optimizer' | 'learningRate' | 'momentum'>): tf.Optimizer {
  if (settings.optimizer === 'sgd') {
    return settings.momentum > 0 ? tf.train.momentum(settings.learningRate, settings.momentum) : tf.train.sgd(settings.learningRate);
  }
  return tf.train.adam(settings.learningRate);
}

/**
 * Disposes an optimizer and everything it holds. tfjs 4.22's MomentumOptimizer.dispose forgets the learning-rate
 * scalar `c` that its SGD parent keeps (one tensor per run, and one per rate change under a schedule).
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const rate = (optimizer as tf.Optimizer & { c?: tf.Tensor }).c;
  if (rate && !rate.isDisposed) rate.dispose();
}

/**
 * Inverse-frequency class weights, normalised so that the weights averaged over the samples are 1:
 * w_c = N / (K' n_c) for the K' classes present, 0 for absent ones (scikit-learn's 'balanced').
 * Example: labels [0, 0, 0, 1] with 2 classes -> [4/6, 4/2] = [0.667, 2].
 */
export function inverseFrequencyWeights(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? labels.length / (present * c) : 0));
}
