/**
 * Losses for the task heads, as pure tfjs functions of (targets, logits). They take the head's logits (its
 * values before the softmax or sigmoid), never its probabilities: cross-entropy from logits has the gradient
 * p - y however far the head saturates, while a log of probabilities clipped at 1e-7 has a gradient of exactly
 * 0 once a sigmoid or softmax saturates, which is how a U-Net settles on "no tumour anywhere" for good.
 * The model's output stays probabilities (for display and export); only training goes through the logits.
 * engine/export/pytorch/trainPy.ts mirrors every function here under the same names.
 */
import * as tf from '@tensorflow/tfjs';
import type { DiceMode, SegmentationLoss } from '../../graph/types';
import type { HeadSpec } from './head';

/** Soft Dice smoothing on numerator and denominator (MONAI DiceLoss' smooth_nr/smooth_dr and nnU-Net's smooth). */
export const DICE_SMOOTH = 1e-5;

/**
 * A loss: targets and logits of the same shape (one-hot `[B, K]`, masks `[B, H, W, K]`; binary masks K = 1),
 * optional per-class weights `[K]` (classification only), a scalar back. Call inside tf.tidy.
 */
export type LossFn = (yTrue: tf.Tensor, logits: tf.Tensor, classWeights?: tf.Tensor1D) => tf.Scalar;

/**
 * Softmax cross-entropy from logits, averaged over the batch (and pixels): mean_i -sum_k y_ik log softmax(z_i)_k.
 * With class weights w (per class), sample i counts w[class of i]: mean_i w_(y_i) CE_i, as Keras'
 * `class_weight` does (the batch mean, not a weighted mean).
 * Example: y = [[1,0]], z = [[ln 0.8, ln 0.2]] -> -ln 0.8 = 0.2231; with w = [2, 1] -> 0.4463.
 * For z = [[0, 100]], y = [[1, 0]] it is 100 with gradient [-1, 1] (a probability clip would give 16.1 and 0).
 */
export function softmaxCrossEntropy(yTrue: tf.Tensor, logits: tf.Tensor, classWeights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const axis = logits.rank - 1;
    const perSample = tf.neg(tf.sum(tf.mul(yTrue, tf.logSoftmax(logits, axis)), axis));
    if (!classWeights) return tf.mean(perSample) as tf.Scalar;
    const weights = tf.sum(tf.mul(yTrue, classWeights), axis);
    return tf.mean(tf.mul(perSample, weights)) as tf.Scalar;
  });
}

/**
 * Sigmoid (binary) cross-entropy from logits, averaged over every element, in the stable form
 * max(z, 0) - z y + log(1 + exp(-|z|)) (PyTorch's BCEWithLogitsLoss).
 * Example: y = [1, 0], z = [ln 9, ln 0.25] (p = 0.9, 0.2) -> (0.1054 + 0.2231) / 2 = 0.1643.
 */
export function sigmoidCrossEntropy(yTrue: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const terms = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, yTrue)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.mean(terms) as tf.Scalar;
  });
}

/** Which channels of `[B, H, W, K]` Dice scores: all of a one-channel (sigmoid) mask, all but background otherwise. */
function foreground(t: tf.Tensor): tf.Tensor {
  const k = t.shape[3] as number;
  return k === 1 ? t : tf.slice(t, [0, 0, 0, 1], [-1, -1, -1, k - 1]);
}

/**
 * Soft Dice loss on probabilities `p` and targets `[B, H, W, K]`, over the foreground channels (a one-channel
 * mask, or channels 1..K-1 of a softmax, as nnU-Net leaves out the background).
 * - `'batch'`: one Dice per channel with the sums taken over the whole batch (MONAI DiceLoss(batch=True),
 *   nnU-Net's batch Dice): 1 - mean_c (2 sum(p y) + s) / (sum p + sum y + s). Empty images only add their
 *   false positives, so "predict nothing" never scores well while any image in the batch has a tumour.
 * - `'image'`: one Dice per image and channel, averaged over the pairs whose target is not empty (MONAI's
 *   `ignore_empty` rule of DiceMetric). An empty target has no Dice to learn; the cross-entropy term teaches it
 *   "nothing here". A batch with no foreground at all gives 0.
 * s = DICE_SMOOTH. Example: one 1x2x1 image, y = [1, 0], p = [1, 1] -> 1 - (2 + s)/(3 + s) = 0.3333 (both modes).
 */
export function softDiceLoss(yTrue: tf.Tensor, probs: tf.Tensor, mode: DiceMode = 'batch'): tf.Scalar {
  return tf.tidy(() => {
    const y = foreground(yTrue);
    const p = foreground(probs);
    const axes = mode === 'batch' ? [0, 1, 2] : [1, 2];
    const inter = tf.sum(tf.mul(y, p), axes);
    const truth = tf.sum(y, axes);
    const dice = tf.div(tf.add(tf.mul(inter, 2), DICE_SMOOTH), tf.add(tf.add(truth, tf.sum(p, axes)), DICE_SMOOTH));
    if (mode === 'batch') return tf.sub(1, tf.mean(dice)) as tf.Scalar;
    const counted = tf.cast(tf.greater(truth, 0), 'float32');
    const n = tf.sum(counted);
    // Mean of 1 - Dice over the counted pairs; 0 / max(n, 1) = 0 when none is counted.
    return tf.div(tf.sum(tf.mul(tf.sub(1, dice), counted)), tf.maximum(n, 1)) as tf.Scalar;
  });
}

/** The head's probabilities from its logits: softmax over the last axis, or a sigmoid for one channel. */
export function headActivation(head: Pick<HeadSpec, 'activation'>, logits: tf.Tensor): tf.Tensor {
  return head.activation === 'sigmoid' ? tf.sigmoid(logits) : tf.softmax(logits);
}

/** A named loss for a head. */
export interface HeadLoss {
  fn: LossFn;
  /** Short description for logs and the UI, e.g. 'binary cross-entropy + soft Dice (batch)'. */
  name: string;
}

/** Which loss and Dice form a head trains with (a document's training settings). */
export interface LossChoice {
  segmentationLoss: SegmentationLoss;
  diceMode: DiceMode;
}

/**
 * The loss of a head, on logits. Classification: softmax cross-entropy (class weights allowed).
 * Segmentation: 'bce' (sigmoid cross-entropy for one channel, softmax cross-entropy over several), 'dice'
 * (soft Dice over the foreground, batch or per-image form) or 'bce+dice' (their sum, nnU-Net's default).
 */
export function lossFor(head: HeadSpec, choice: LossChoice): HeadLoss {
  if (head.kind === 'classification') return { fn: softmaxCrossEntropy, name: 'categorical cross-entropy' };
  const binary = head.classes === 1;
  const ce: LossFn = binary ? (y, z) => sigmoidCrossEntropy(y, z) : (y, z) => softmaxCrossEntropy(y, z);
  const ceName = binary ? 'binary cross-entropy' : 'categorical cross-entropy';
  const diceName = `${binary ? 'soft Dice' : 'mean soft Dice'} (${choice.diceMode === 'batch' ? 'over the batch' : 'per image'})`;
  const dice: LossFn = (y, z) => tf.tidy(() => softDiceLoss(y, headActivation(head, z), choice.diceMode));
  if (choice.segmentationLoss === 'bce') return { fn: ce, name: ceName };
  if (choice.segmentationLoss === 'dice') return { fn: dice, name: diceName };
  return { fn: (y, z) => tf.tidy(() => tf.add(ce(y, z), dice(y, z)) as tf.Scalar), name: `${ceName} + ${diceName}` };
}
