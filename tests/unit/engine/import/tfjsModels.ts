/**
 * Small tfjs Layers models saved as tfjs writes them (model.json + weight shards), with random weights
 * (BatchNormalization's moving statistics too), for the importer tests. Shared by the tfjs import tests,
 * the round-trip test and the fuzz suite.
 */
import * as tf from '@tensorflow/tfjs';
import type { FileLike } from '@/engine/datasets/import/source';

export interface SavedModel {
  json: Record<string, unknown>;
  /** Shard files by name. */
  shards: Map<string, Uint8Array>;
  artifacts: tf.io.ModelArtifacts;
}

/** Every weight of the model set to seeded random values (variances positive). */
export function randomiseWeights(model: tf.LayersModel, seed: number): void {
  let k = 0;
  for (const layer of model.layers) {
    const values = layer.getWeights().map((w, i) => {
      const name = layer.weights[i].name;
      const positive = name.includes('variance');
      return tf.tidy(() => {
        const r = tf.randomUniform(w.shape, positive ? 0.5 : -0.5, positive ? 1.5 : 0.5, 'float32', seed + k++);
        return r;
      });
    });
    if (values.length) layer.setWeights(values);
    tf.dispose(values);
  }
}

/** Saves a model as model.json + `shards` files of roughly equal size, like tfjs' converter does. */
export async function saveModel(model: tf.LayersModel, shards = 2): Promise<SavedModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts as tf.io.ModelArtifacts;
  const data = new Uint8Array(a.weightData as ArrayBuffer);
  const per = Math.ceil(data.length / shards / 4) * 4;
  const files = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let i = 0; i < shards; i++) {
    const name = `group1-shard${i + 1}of${shards}.bin`;
    paths.push(name);
    files.set(name, data.slice(i * per, Math.min(data.length, (i + 1) * per)));
  }
  const json = {
    modelTopology: a.modelTopology,
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    weightsManifest: [{ paths, weights: a.weightSpecs }],
  };
  return { json, shards: files, artifacts: a };
}

/** The saved model as dropped files (model.json first), under `folder`. */
export function asFiles(saved: SavedModel, folder = 'model'): FileLike[] {
  const text = new TextEncoder().encode(JSON.stringify(saved.json));
  const files: FileLike[] = [{ path: `${folder}/model.json`, size: text.length, read: async () => text }];
  for (const [name, bytes] of saved.shards) files.push({ path: `${folder}/${name}`, size: bytes.length, read: async () => bytes });
  return files;
}

/** A functional classifier: conv+BN+ReLU, a residual Add, a Concatenate, pooling, dense head with softmax. */
export function functionalClassifier(classes = 7, channels = 3): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, channels], name: 'image' });
  const c1 = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false, name: 'conv1' }).apply(input) as tf.SymbolicTensor;
  const b1 = tf.layers.batchNormalization({ name: 'bn1' }).apply(c1) as tf.SymbolicTensor;
  const r1 = tf.layers.activation({ activation: 'relu', name: 'relu1' }).apply(b1) as tf.SymbolicTensor;
  const c2 = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2' }).apply(r1) as tf.SymbolicTensor;
  const add = tf.layers.add({ name: 'residual' }).apply([r1, c2]) as tf.SymbolicTensor;
  const p = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(add) as tf.SymbolicTensor;
  const c3 = tf.layers.conv2d({ filters: 4, kernelSize: 1, name: 'squeeze' }).apply(p) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([p, c3]) as tf.SymbolicTensor;
  const c4 = tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'valid', activation: 'elu', name: 'down' }).apply(cat) as tf.SymbolicTensor;
  const g = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(c4) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: classes, activation: 'softmax', name: 'classifier' }).apply(g) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'functional_classifier' });
}

/** A Sequential classifier: conv, avg pool, flatten, dense, dropout, dense logits + a softmax layer. */
export function sequentialClassifier(classes = 4): tf.Sequential {
  const m = tf.sequential({ name: 'seq' });
  m.add(tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'tanh', name: 'c1' }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, name: 'avg' }));
  m.add(tf.layers.zeroPadding2d({ padding: 1, name: 'pad' }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dense({ units: 16, activation: 'relu', name: 'fc1' }));
  m.add(tf.layers.dropout({ rate: 0.3, name: 'drop' }));
  m.add(tf.layers.dense({ units: classes, name: 'logits' }));
  m.add(tf.layers.activation({ activation: 'softmax', name: 'prob' }));
  return m;
}

/** A small segmenter: conv, strided conv, transposed conv, upsampling, concatenation, 1x1 sigmoid head. */
export function segmenter(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 1], name: 'x' });
  const e1 = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'enc1' }).apply(input) as tf.SymbolicTensor;
  const d = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'down' }).apply(e1) as tf.SymbolicTensor;
  const u1 = tf.layers.conv2dTranspose({ filters: 4, kernelSize: 2, strides: 2, padding: 'same', name: 'up' }).apply(d) as tf.SymbolicTensor;
  const u2 = tf.layers.upSampling2d({ size: [2, 2], name: 'up_nn' }).apply(tf.layers.maxPooling2d({ poolSize: 2, name: 'mp' }).apply(e1) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'skip' }).apply([e1, u1, u2]) as tf.SymbolicTensor;
  const head = tf.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid', name: 'mask' }).apply(cat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: head, name: 'segmenter' });
}

/**
 * MobileNet-style blocks in stock tfjs: a stem with ReLU6 (ReLU maxValue 6), a strided depthwise with
 * multiplier 2, a separable conv with multiplier 2 (which stock tfjs saves without its depth_multiplier), a
 * pointwise conv with a LeakyReLU(0.1), a softmax head.
 */
export function mobileBlocks(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'image' });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'stem' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6, name: 'relu6' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu', name: 'dw' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'valid', depthMultiplier: 2, activation: 'relu', name: 'sep' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 1, name: 'pw' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.leakyReLU({ alpha: 0.1, name: 'leaky' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 7, activation: 'softmax', name: 'classifier' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'mobile_blocks' });
}

/**
 * Keras MobileNet v1's head at toy size: pooled features reshaped to a 1x1 image, Dropout, a 1x1 Conv2D as
 * the 7-way classifier, a Reshape back to a vector and a softmax.
 */
export function onePixelHeadClassifier(): tf.LayersModel {
  const input = tf.input({ shape: [12, 12, 3], name: 'img' });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', name: 'features' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [1, 1, 8], name: 'reshape_1' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.001, name: 'dropout' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 7, kernelSize: 1, padding: 'same', name: 'conv_preds' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [7], name: 'reshape_2' }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: 'softmax', name: 'act_softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'mobilenet_head' });
}
