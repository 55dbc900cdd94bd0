import { num } from '../format';
import { commentText, jsString } from '../identifiers';
import { hwc, layerShapeNote, type ExportPlan } from '../plan';
import { TFJS_LAYERS } from './layers';

function lossSource(plan: ExportPlan): string {
  if (plan.task.kind === 'classification') return "'categoricalCrossentropy'";
  const ce = plan.task.headClasses === 1 ? "'binaryCrossentropy'" : "'categoricalCrossentropy'";
  switch (plan.training.segmentationLoss) {
    case 'bce':
      return ce;
    case 'dice':
      return '(yTrue, yPred) => softDiceLoss(yTrue, yPred)';
    case 'bce+dice':
      return `(yTrue, yPred) => tf.add(tf.metrics.${plan.task.headClasses === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy'}(yTrue, yPred).mean(), softDiceLoss(yTrue, yPred))`;
  }
}

/**
 * model.js of a TensorFlow.js export: a standalone ES module that builds the graph's model with tf.layers
 * (same layer names and params as Convas compiles), compiles it with the document's optimiser and loss, and
 * loads the trained model saved beside it (model.json + weights.bin).
 */
export function tfjsModuleSource(plan: ExportPlan): string {
  const lines: string[] = [];
  for (const node of plan.nodes) {
    const [factory, entries] = TFJS_LAYERS[node.type].factory(node);
    const config = `{ ${[...entries, `name: ${jsString(node.names.layer)}`, ...(node.frozen ? ['trainable: false'] : [])].join(', ')} }`;
    const inputs = node.inputs.map((i) => i.names.code);
    const apply = node.type === 'Input' ? '' : `.apply(${inputs.length > 1 ? `[${inputs.join(', ')}]` : inputs[0]})`;
    lines.push(`const ${node.names.code} = ${factory}(${config})${apply}; // ${layerShapeNote(node)}`);
  }
  const [h, w, c] = hwc(plan.input.shape);
  const t = plan.training;
  const optimizer =
    t.optimizer === 'adam'
      ? `tf.train.adam(${num(t.learningRate)})`
      : `tf.train.momentum(${num(t.learningRate)}, ${num(t.momentum)})`;
  const metric = plan.task.kind === 'classification' || plan.task.headClasses > 1 ? "'accuracy'" : "'binaryAccuracy'";

  return `// ${commentText(plan.title)}: a TensorFlow.js model exported from Convas.
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

export const MODEL_NAME = ${jsString(plan.title)};
export const TASK = ${jsString(plan.task.kind)};
/** [height, width, channels]; pixel values in [0, 1]. */
export const INPUT_SHAPE = [${h}, ${w}, ${c}];
export const CLASSES = [${plan.task.classes.map(jsString).join(', ')}];
export const TRAINING = {
  epochs: ${t.epochs},
  batchSize: ${t.batchSize},
  learningRate: ${num(t.learningRate)},
  optimizer: ${jsString(t.optimizer)},
  momentum: ${num(t.momentum)},
  classWeights: ${t.classWeights},
  validationFraction: ${num(t.validationFraction)},
  seed: ${t.seed},
  segmentationLoss: ${jsString(t.segmentationLoss)},
  diceMode: ${jsString(t.diceMode)},
  schedule: ${jsString(t.schedule)},
};

/** The model, untrained: [N, ${h}, ${w}, ${c}] -> ${plan.output.shape.slice(1).join('x')}. */
export function buildModel() {
${lines.map((l) => `  ${l}`).join('\n')}
  return tf.model({ inputs: ${plan.input.names.code}, outputs: ${plan.output.names.code}, name: 'convas_model' });
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
 * The learning rate of optimisation step \`step\` (from 0 over the run), Convas' schedules: 'constant', or 'cosine':
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
  model.compile({ optimizer: ${optimizer}, loss: ${lossSource(plan)}, metrics: [${metric}] });
  return model;
}

/**
 * The trained model: a URL of model.json (its weights.bin beside it) or any tf.io handler,
 * e.g. tf.io.fromMemory(...) in Node.
 */
export function loadTrainedModel(source = 'model.json') {
  return tf.loadLayersModel(source);
}
`;
}
