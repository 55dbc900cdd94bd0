// Odd windows: a TensorFlow.js model exported from Convas.
//
// buildModel() builds the graph with tf.layers (images channels-last [N, H, W, C], values in [0, 1]);
// loadTrainedModel() loads the trained weights saved beside this file (model.json + weights.bin).
//
//   import { buildModel, compileModel, loadTrainedModel } from './model.js';
//   const model = await loadTrainedModel('model.json'); // or compileModel(buildModel()) to train anew
//   const probabilities = model.predict(images);
//   // training anew with the document's learning-rate schedule:
//   // model.fit(x, y, { epochs: TRAINING.epochs, batchSize: TRAINING.batchSize, callbacks: [scheduleCallback(model, stepsPerEpoch)] });

import * as tf from '@tensorflow/tfjs';

export const MODEL_NAME = 'Odd windows';
export const TASK = 'classification';
/** [height, width, channels]; pixel values in [0, 1]. */
export const INPUT_SHAPE = [15, 12, 1];
export const CLASSES = ['a', 'b', 'c'];
export const TRAINING = {
  epochs: 1,
  batchSize: 4,
  learningRate: 0.001,
  optimizer: 'adam',
  momentum: 0.9,
  classWeights: true,
  validationFraction: 0.15,
  seed: 42,
  segmentationLoss: 'bce+dice',
  diceMode: 'batch',
  schedule: 'cosine',
};

/** The model, untrained: [N, 15, 12, 1] -> 3. */
export function buildModel() {
  const input_ = tf.input({ shape: [15, 12, 1], name: 'input' }); // 15x12x1
  const conv_a = tf.layers.conv2d({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', name: 'conv_a' }).apply(input_); // 8x6x4
  const pool_max = tf.layers.maxPooling2d({ poolSize: 2, strides: 1, padding: 'same', name: 'pool_max' }).apply(conv_a); // 8x6x4
  const pool_avg = tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'pool_avg' }).apply(pool_max); // 4x3x4
  const pad = tf.layers.zeroPadding2d({ padding: [[2, 2], [2, 2]], name: 'pad' }).apply(pool_avg); // 8x7x4
  const conv_dilated = tf.layers.conv2d({ filters: 3, kernelSize: 3, dilationRate: 2, activation: 'elu', name: 'conv_dilated' }).apply(pad); // 4x3x3
  const leaky = tf.layers.leakyReLU({ alpha: 0.3, name: 'leaky' }).apply(conv_dilated); // 4x3x3
  const up = tf.layers.upSampling2d({ size: [3, 3], interpolation: 'bilinear', name: 'up' }).apply(leaky); // 12x9x3
  const conv_even = tf.layers.conv2d({ filters: 4, kernelSize: 2, padding: 'same', activation: 'gelu', name: 'conv_even' }).apply(up); // 12x9x4
  const gmax = tf.layers.globalMaxPooling2d({ name: 'gmax' }).apply(conv_even); // 4
  const flat = tf.layers.flatten({ name: 'flat' }).apply(conv_even); // 432
  const dense_nobias = tf.layers.dense({ units: 4, useBias: false, activation: 'sigmoid', name: 'dense_nobias' }).apply(flat); // 4
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([gmax, dense_nobias]); // 8
  const bn = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.01, name: 'bn' }).apply(cat); // 8
  const tanh = tf.layers.activation({ activation: 'tanh', name: 'tanh' }).apply(bn); // 8
  const scores = tf.layers.dense({ units: 3, name: 'scores' }).apply(tanh); // 3
  const probs = tf.layers.activation({ activation: 'softmax', name: 'probs' }).apply(scores); // 3
  const head = tf.layers.activation({ activation: 'softmax', name: 'head' }).apply(probs); // 3
  return tf.model({ inputs: input_, outputs: head, name: 'convas_model' });
}

/**
 * Convas' soft Dice loss over the foreground channels (a one-channel mask; channels 1.. of a softmax).
 * mode 'batch': sums over the batch and pixels, 1 - mean over channels of (2 sum(p y) + s) / (sum p + sum y + s);
 * mode 'image': one Dice per image and channel, the mean of 1 - Dice over the pairs whose target is not
 * empty (0 when there is none). s = 1e-5.
 */
export function softDiceLoss(yTrue, yPred, mode = TRAINING.diceMode) {
  return tf.tidy(() => {
    const k = yPred.shape[3];
    const y = k === 1 ? yTrue : tf.slice(yTrue, [0, 0, 0, 1], [-1, -1, -1, k - 1]);
    const p = k === 1 ? yPred : tf.slice(yPred, [0, 0, 0, 1], [-1, -1, -1, k - 1]);
    const axes = mode === 'batch' ? [0, 1, 2] : [1, 2];
    const truth = tf.sum(y, axes);
    const dice = tf.div(tf.add(tf.mul(2, tf.sum(tf.mul(y, p), axes)), 1e-5), tf.add(tf.add(truth, tf.sum(p, axes)), 1e-5));
    if (mode === 'batch') return tf.sub(1, tf.mean(dice));
    const counted = tf.cast(tf.greater(truth, 0), 'float32');
    return tf.div(tf.sum(tf.mul(tf.sub(1, dice), counted)), tf.maximum(tf.sum(counted), 1));
  });
}

/**
 * The learning rate of optimisation step `step` (from 0 over the run), Convas' schedules: 'constant', or 'cosine':
 * a linear warm-up over the first epoch (at most a tenth of the run, at least one step), then half a cosine from
 * the peak towards 0.
 */
export function learningRateAt(step, stepsPerEpoch, totalSteps, peak = TRAINING.learningRate, schedule = TRAINING.schedule) {
  if (schedule === 'constant') return peak;
  const warm = Math.max(1, Math.min(stepsPerEpoch, Math.floor(totalSteps / 10)));
  if (step < warm) return (peak * (step + 1)) / warm;
  const progress = Math.min(1, (step - warm) / Math.max(1, totalSteps - warm));
  return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/**
 * A model.fit callback that sets the compiled model's learning rate before each batch, following
 * TRAINING.schedule over TRAINING.epochs: model.fit(x, y, { ..., callbacks: [scheduleCallback(model, stepsPerEpoch)] }).
 */
export function scheduleCallback(model, stepsPerEpoch) {
  let epoch = 0;
  return new tf.CustomCallback({
    onEpochBegin: async (e) => {
      epoch = e;
    },
    onBatchBegin: async (batch) => {
      const lr = learningRateAt(epoch * stepsPerEpoch + batch, stepsPerEpoch, TRAINING.epochs * stepsPerEpoch);
      const optimizer = model.optimizer;
      if (typeof optimizer.setLearningRate === 'function') optimizer.setLearningRate(lr);
      else optimizer.learningRate = lr;
    },
  });
}

/** Compiles with the Convas document's optimiser, learning rate and loss. */
export function compileModel(model) {
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * The trained model: a URL of model.json (its weights.bin beside it) or any tf.io handler,
 * e.g. tf.io.fromMemory(...) in Node.
 */
export function loadTrainedModel(source = 'model.json') {
  return tf.loadLayersModel(source);
}
