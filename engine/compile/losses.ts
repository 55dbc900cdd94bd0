/**
 * Losses for the task heads, as pure tfjs functions of (targets, predictions). Predictions are
 * probabilities (the head's softmax or sigmoid), so they are clipped to [EPSILON, 1 - EPSILON] before the
 * logarithm, as Keras and tfjs do.
 */
import * as tf from '@tensorflow/tfjs';
import type { SegmentationLoss } from '../../graph/types';
import type { HeadSpec } from './head';

/** Probability clip before log (tfjs' backend epsilon). */
export const EPSILON = 1e-7;
/** Soft Dice smoothing on numerator and denominator (MONAI DiceLoss' smooth_nr/smooth_dr defaults). */
export const DICE_SMOOTH = 1e-5;

/**
 * A loss: targets and predictions of the same shape (one-hot `[B, K]`, masks `[B, H, W, K]`; binary masks
 * K = 1), optional per-class weights `[K]` (classification only), a scalar back. Call inside tf.tidy.
 */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor, classWeights?: tf.Tensor1D) => tf.Scalar;

/**
 * Categorical cross-entropy, averaged over the batch (and pixels): mean_i sum_k -y_ik log p_ik.
 * With class weights w (per class), sample i counts w[class of i]: mean_i w_(y_i) CE_i, as Keras'
 * `class_weight` does (the batch mean, not a weighted mean).
 * Example: y = [[1,0]], p = [[0.8,0.2]] -> -log 0.8 = 0.2231; with w = [2, 1] -> 0.4463.
 */
export function categoricalCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor, classWeights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const axis = yPred.rank - 1;
    const perSample = tf.neg(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(yPred, EPSILON, 1 - EPSILON))), axis));
    if (!classWeights) return tf.mean(perSample) as tf.Scalar;
    const weights = tf.sum(tf.mul(yTrue, classWeights), axis);
    return tf.mean(tf.mul(perSample, weights)) as tf.Scalar;
  });
}

/**
 * Binary cross-entropy averaged over every element: mean -(y log p + (1-y) log(1-p)).
 * Example: y = [1, 0], p = [0.9, 0.2] -> (0.1054 + 0.2231) / 2 = 0.1643.
 */
export function binaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const terms = tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(terms)) as tf.Scalar;
  });
}

/**
 * Soft Dice loss, 1 - mean over images and channels of (2 sum(p y) + s) / (sum p + sum y + s), sums over
 * the pixels of one image and channel, s = DICE_SMOOTH (MONAI DiceLoss with batch=False). An image whose
 * target and prediction are both empty scores Dice 1 (loss 0). Shapes `[B, H, W, K]`.
 * Example: one 1x2x1 image, y = [1, 0], p = [1, 1] -> 1 - (2 + s)/(3 + s) = 0.3333.
 */
export function softDiceLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const axes = [1, 2];
    const inter = tf.sum(tf.mul(yTrue, yPred), axes);
    const total = tf.add(tf.sum(yTrue, axes), tf.sum(yPred, axes));
    const dice = tf.div(tf.add(tf.mul(inter, 2), DICE_SMOOTH), tf.add(total, DICE_SMOOTH));
    return tf.sub(1, tf.mean(dice)) as tf.Scalar;
  });
}

/** A named loss for a head. */
export interface HeadLoss {
  fn: LossFn;
  /** Short description for logs and the UI, e.g. 'binary cross-entropy + soft Dice'. */
  name: string;
}

/**
 * The loss of a head. Classification: categorical cross-entropy (class weights allowed).
 * Segmentation: 'bce' (binary cross-entropy for one sigmoid channel, categorical cross-entropy for a
 * softmax over several), 'dice' (mean soft Dice over the channels) or 'bce+dice' (their sum).
 */
export function lossFor(head: HeadSpec, segmentation: SegmentationLoss): HeadLoss {
  if (head.kind === 'classification') return { fn: categoricalCrossEntropy, name: 'categorical cross-entropy' };
  const binary = head.classes === 1;
  const ce: LossFn = binary ? binaryCrossEntropy : categoricalCrossEntropy;
  const ceName = binary ? 'binary cross-entropy' : 'categorical cross-entropy';
  const diceName = binary ? 'soft Dice' : 'mean soft Dice';
  if (segmentation === 'bce') return { fn: (y, p) => ce(y, p), name: ceName };
  if (segmentation === 'dice') return { fn: softDiceLoss, name: diceName };
  return { fn: (y, p) => tf.tidy(() => tf.add(ce(y, p), softDiceLoss(y, p)) as tf.Scalar), name: `${ceName} + ${diceName}` };
}
