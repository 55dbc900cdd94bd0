/**
 * One optimisation step and batched inference for a compiled graph. A custom step (optimizer.minimize in
 * tf.tidy) rather than model.fit: the loop decides the batches, passes class weights, reads the loss to catch
 * NaN, and nothing outlives the step but what it returns.
 */
import * as tf from '@tensorflow/tfjs';
import { headActivation, type CompiledGraph } from '../compile';
import { applyAdam, usesFlatAdam } from './flatAdam';

/** The model's trainable tf.Variables (BatchNorm's moving statistics are not among them). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Options of {@link trainStep}. */
export interface StepOptions {
  /** Per-class loss weights `[K]` (classification). */
  classWeights?: tf.Tensor1D;
  /** The variables to train; default the model's trainable ones (pass them when stepping often). */
  vars?: tf.Variable[];
  /** Also return the batch's predictions (training mode), e.g. for training metrics. */
  keepPredictions?: boolean;
}

/** The loss (a scalar) and, when asked, the predictions; the caller disposes both. */
export interface StepResult {
  loss: tf.Scalar;
  predictions?: tf.Tensor;
}

/**
 * Runs one training step on a batch (`x` `[B, H, W, C]`, `y` the head's targets) and returns the batch
 * loss before the update. Dropout and BatchNorm run in training mode; BatchNorm's moving statistics are
 * updated.
 *
 * @example const { loss } = trainStep(compiled, optimizer, x, y); console.log(loss.dataSync()[0]); loss.dispose();
 */
export function trainStep(
  compiled: Pick<CompiledGraph, 'model' | 'loss' | 'logits' | 'head'>,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
  options: StepOptions = {},
): StepResult {
  let predictions: tf.Tensor | undefined;
  const vars = options.vars ?? trainableVariables(compiled.model);
  const cost = () => {
    // The loss works on logits (engine/compile/losses.ts); predictions are the head's probabilities.
    const logits = compiled.logits(x, true);
    if (options.keepPredictions) predictions = tf.keep(headActivation(compiled.head, logits));
    return compiled.loss(y, logits, options.classWeights) as tf.Scalar;
  };
  let loss: tf.Scalar;
  if (usesFlatAdam(optimizer)) {
    // Adam in one loop per variable (./flatAdam.ts: the same bits as optimizer.minimize, far fewer ops).
    const { value, grads } = tf.tidy(() => optimizer.computeGradients(cost, vars));
    try {
      applyAdam(
        optimizer,
        vars,
        vars.map((v) => grads[v.name] ?? null),
      );
    } finally {
      tf.dispose(Object.values(grads));
    }
    loss = value;
  } else {
    loss = tf.tidy(() => optimizer.minimize(cost, true, vars) as tf.Scalar);
  }
  return predictions ? { loss, predictions } : { loss };
}

/**
 * The head's logits and probabilities for `x` in inference mode (Dropout off, BatchNorm's moving statistics);
 * the caller disposes both. The probabilities equal `predict(compiled.model, x)`.
 */
export function predictWithLogits(compiled: Pick<CompiledGraph, 'logits' | 'head'>, x: tf.Tensor): { logits: tf.Tensor; probs: tf.Tensor } {
  const logits = tf.tidy(() => compiled.logits(x, false));
  return { logits, probs: tf.tidy(() => headActivation(compiled.head, logits)) };
}

/** The model's predictions for `x` in inference mode (Dropout off, BatchNorm's moving statistics). */
export function predict(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
}
