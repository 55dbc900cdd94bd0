// MobileNet blocks: a TensorFlow.js model exported from Convas.
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

export const MODEL_NAME = 'MobileNet blocks';
export const TASK = 'classification';
/** [height, width, channels]; pixel values in [0, 1]. */
export const INPUT_SHAPE = [16, 16, 1];
export const CLASSES = ['a', 'b', 'c'];
export const TRAINING = {
  epochs: 1,
  batchSize: 8,
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

/** The model, untrained: [N, 16, 16, 1] -> 3. */
export function buildModel() {
  const input_ = tf.input({ shape: [16, 16, 1], name: 'input' }); // 16x16x1
  const conv2d = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'conv2d' }).apply(input_); // 8x8x4
  const batch_normalization = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.001, name: 'batch_normalization' }).apply(conv2d); // 8x8x4
  const activation = tf.layers.reLU({ maxValue: 6, name: 'activation' }).apply(batch_normalization); // 8x8x4
  const depthwise_conv2d = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: 'depthwise_conv2d' }).apply(activation); // 8x8x4
  const batch_normalization_1 = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.001, name: 'batch_normalization_1' }).apply(depthwise_conv2d); // 8x8x4
  const leaky_re_lu = tf.layers.leakyReLU({ alpha: 0.1, name: 'leaky_re_lu' }).apply(batch_normalization_1); // 8x8x4
  const conv2d_1 = tf.layers.conv2d({ filters: 6, kernelSize: 1, padding: 'same', activation: 'relu', name: 'conv2d_1' }).apply(leaky_re_lu); // 8x8x6
  const depthwise_conv2d_1 = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu', name: 'depthwise_conv2d_1' }).apply(conv2d_1); // 4x4x12
  const separable_conv2d = tf.layers.separableConv2d({ filters: 8, kernelSize: 3, name: 'separable_conv2d' }).apply(depthwise_conv2d_1); // 2x2x8
  const activation_1 = tf.layers.activation({ activation: 'elu', name: 'activation_1' }).apply(separable_conv2d); // 2x2x8
  const separable_conv2d_1 = tf.layers.separableConv2d({ filters: 5, kernelSize: 2, padding: 'same', depthMultiplier: 2, useBias: false, name: 'separable_conv2d_1' }).apply(activation_1); // 2x2x5
  const global_average_pooling2d = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }).apply(separable_conv2d_1); // 5
  const output = tf.layers.dense({ units: 3, activation: 'softmax', name: 'output' }).apply(global_average_pooling2d); // 3
  return tf.model({ inputs: input_, outputs: output, name: 'convas_model' });
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
