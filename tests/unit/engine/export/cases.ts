/**
 * The export test table: the fixture documents (tests/fixtures/graphs) plus three graphs written for the
 * exporters' hard cases, and a seeded tfjs reference for each (engine/compile's model with random weights and
 * non-trivial BatchNorm statistics, its output on a fixed input, and its saved artefacts). Not a test file.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import type { TrainedArtifacts } from '@/engine/export';
import { defaultParams } from '@/graph/catalog';
import { createDocument, parseDocument } from '@/graph/document';
import type { TaskInfo } from '@/graph/tasks';
import type { GraphDocument, NodeType, Params, TaskRef } from '@/graph/types';

export const FIXTURE_NAMES = ['first-cnn', 'resnet-add', 'unet-concat', 'stride2-same-even', 'dropout-batchnorm', 'all-layers'] as const;

export function fixture(name: string): GraphDocument {
  const r = parseDocument(readFileSync(`tests/fixtures/graphs/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`fixture ${name}: ${JSON.stringify(r)}`);
  return r.doc;
}

type Spec = [id: string, type: NodeType, params?: Params, name?: string];

function doc(title: string, task: TaskRef, nodes: Spec[], edges: [string, string][]): GraphDocument {
  return createDocument(
    {
      nodes: nodes.map(([id, type, params, name]) => ({
        id,
        type,
        name: name ?? id,
        params: { ...defaultParams(type), ...params },
        position: { x: 0, y: 0 },
      })),
      edges: edges.map(([source, target], i) => ({ id: `e${i + 1}`, source, target })),
    },
    task,
    { epochs: 1, batchSize: 4 },
    title,
  );
}

function chainEdges(ids: string[]): [string, string][] {
  return ids.slice(1).map((id, i) => [ids[i], id]);
}

/**
 * Windows on odd, non-square sizes (15x12): asymmetric 'same' padding in Conv2D (H only), max pooling (-inf
 * border) and average pooling (border not counted); dilation; bilinear upsampling by 3; a Dense without bias;
 * concatenated vectors; BatchNorm1d; an Output without projection.
 */
export function windowsDoc(): GraphDocument {
  const nodes: Spec[] = [
    ['input', 'Input', { height: 15, width: 12, channels: 1 }],
    ['conv_a', 'Conv2D', { filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }],
    ['pool_max', 'MaxPooling2D', { poolSize: 2, strides: 1, padding: 'same' }],
    ['pool_avg', 'AveragePooling2D', { poolSize: 3, strides: 2, padding: 'same' }],
    ['pad', 'ZeroPadding2D', { padding: 2 }],
    ['conv_dilated', 'Conv2D', { filters: 3, kernelSize: 3, padding: 'valid', dilationRate: 2, activation: 'elu' }],
    ['leaky', 'Activation', { activation: 'leakyRelu' }],
    ['up', 'UpSampling2D', { size: 3, interpolation: 'bilinear' }],
    ['conv_even', 'Conv2D', { filters: 4, kernelSize: 2, padding: 'same', activation: 'gelu' }],
    ['gmax', 'GlobalMaxPooling2D'],
    ['flat', 'Flatten'],
    ['dense_nobias', 'Dense', { units: 4, useBias: false, activation: 'sigmoid' }],
    ['cat', 'Concatenate'],
    ['bn', 'BatchNormalization', { momentum: 0.9, epsilon: 0.01 }],
    ['tanh', 'Activation', { activation: 'tanh' }],
    ['scores', 'Dense', { units: 3, activation: 'linear' }],
    ['probs', 'Activation', { activation: 'softmax' }],
    ['head', 'Output', { head: 'classification', projection: false }],
  ];
  const edges: [string, string][] = [
    ...chainEdges(['input', 'conv_a', 'pool_max', 'pool_avg', 'pad', 'conv_dilated', 'leaky', 'up', 'conv_even', 'gmax']),
    ['conv_even', 'flat'],
    ['flat', 'dense_nobias'],
    ['gmax', 'cat'],
    ['dense_nobias', 'cat'],
    ...chainEdges(['cat', 'bn', 'tanh', 'scores', 'probs', 'head']),
  ];
  return doc('Odd windows', { id: 'random-classify' }, nodes, edges);
}

/**
 * Transposed convolutions in every TensorFlow case: 'same' with an odd crop (k3 s2, k2 s1), k < s (output
 * padding), 'valid'; a stride-2 'same' conv on an even size; an Add skip; a multi-class segmentation head.
 */
export function transposeDoc(): GraphDocument {
  const nodes: Spec[] = [
    ['input', 'Input', { height: 16, width: 16, channels: 1 }],
    ['down', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }],
    ['up_k3s2', 'Conv2DTranspose', { filters: 4, kernelSize: 3, strides: 2, padding: 'same' }],
    ['up_k1s2', 'Conv2DTranspose', { filters: 3, kernelSize: 1, strides: 2, padding: 'same' }],
    ['pool', 'MaxPooling2D', { poolSize: 2, padding: 'valid' }],
    ['up_k2s1', 'Conv2DTranspose', { filters: 3, kernelSize: 2, strides: 1, padding: 'same', activation: 'relu' }],
    ['up_valid', 'Conv2DTranspose', { filters: 2, kernelSize: 3, strides: 2, padding: 'valid', useBias: false }],
    ['pool_back', 'MaxPooling2D', { poolSize: 3, strides: 2, padding: 'valid' }],
    ['bn', 'BatchNormalization', { momentum: 0.9 }],
    ['near', 'UpSampling2D', { size: 2, interpolation: 'nearest' }],
    ['avg', 'AveragePooling2D', { poolSize: 2, padding: 'valid' }],
    ['sum', 'Add'],
    ['linear', 'Activation', { activation: 'linear' }],
    ['mask', 'Output', { head: 'segmentation', projection: true }],
  ];
  const edges: [string, string][] = [
    ...chainEdges(['input', 'down', 'up_k3s2', 'up_k1s2', 'pool', 'up_k2s1', 'up_valid', 'pool_back', 'bn', 'near', 'avg']),
    ['avg', 'sum'],
    ['bn', 'sum'],
    ...chainEdges(['sum', 'linear', 'mask']),
  ];
  return doc('Transposed convolutions', { id: 'random-segment', maskMode: 'multiclass' }, nodes, edges);
}

/** Names that try to break out of identifiers, strings and comments, or to shadow what the code needs. */
export const HOSTILE_NAMES = [
  'x"); import os; #',
  "a'\nimport os\nb = '",
  '__init__',
  'class',
  ' ',
  'Ünïcödé 名前',
  'forward',
  'train',
  '*/ alert(1) /*',
  'self',
  'line\u2028break\\',
  'Conv',
] as const;

/**
 * A small CNN whose node names, title and class names are all hostile, on an imported task (so the class
 * names come from the options, not the built-in table).
 */
export function hostileDoc(): { doc: GraphDocument; task: TaskInfo } {
  const types: [NodeType, Params][] = [
    ['Input', { height: 8, width: 8, channels: 2 }],
    ['Conv2D', { filters: 3, kernelSize: 3, activation: 'relu' }],
    ['BatchNormalization', {}],
    ['Conv2D', { filters: 3, kernelSize: 3, strides: 2 }],
    ['Activation', { activation: 'relu' }],
    ['Conv2D', { filters: 3, kernelSize: 1 }],
    ['Add', {}],
    ['Dropout', { rate: 0.3 }],
    ['Flatten', {}],
    ['Dense', { units: 5, activation: 'relu' }],
    ['Dense', { units: 4 }],
    ['Output', { head: 'classification' }],
  ];
  const nodes: Spec[] = types.map(([type, params], i) => [`h${i}`, type, params, HOSTILE_NAMES[i]]);
  const edges: [string, string][] = [
    ...chainEdges(['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']),
    ['h4', 'h6'],
    ...chainEdges(['h6', 'h7', 'h8', 'h9', 'h10', 'h11']),
  ];
  const task: TaskInfo = {
    id: 'imported-hostile',
    title: 'hostile',
    kind: 'classification',
    classes: ['"""', "'); rm -rf /; ('", 'new\nline', '\\'],
    input: [8, 8, 2],
    sizeRange: [4, 64],
  };
  return { doc: doc('"""; import os; """ */ <script>', { id: task.id }, nodes, edges), task };
}

/** Every case of the table: a name, a document and (imported task) its TaskInfo. */
export interface ExportCase {
  name: string;
  doc: GraphDocument;
  task?: TaskInfo;
}

export function exportCases(): ExportCase[] {
  const hostile = hostileDoc();
  return [
    ...FIXTURE_NAMES.map((name) => ({ name, doc: fixture(name) })),
    { name: 'odd-windows', doc: windowsDoc() },
    { name: 'transposed', doc: transposeDoc() },
    { name: 'hostile-names', doc: hostile.doc, task: hostile.task },
  ];
}

/** A tiny seeded generator (mulberry32): the same weights and inputs on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference: what the tfjs model computes, and what it saves. */
export interface Reference {
  /** NHWC input, batch 2, values in [0, 1]. */
  input: { shape: number[]; data: Float32Array };
  /** Model output: [2, classes] or [2, H, W, classes]. */
  output: { shape: number[]; data: Float32Array };
  artifacts: TrainedArtifacts;
  /** Parameters of the tfjs model (trainable + non-trainable). */
  params: number;
  layerNames: string[];
}

/**
 * Compiles the case with engine/compile, sets seeded weights (kernels scaled by 1/sqrt(fan-in); BatchNorm
 * gamma 0.5..1.5, beta and moving mean -0.5..0.5, moving variance 0.5..2, so inference-mode BatchNorm does
 * real work), predicts on a seeded input and saves the artefacts. Disposes everything it made.
 */
export async function reference(c: ExportCase, seed = 1): Promise<Reference> {
  const compiled = compileGraph(c.doc, { info: c.task });
  if (!compiled.ok) throw new Error(`${c.name}: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const model = compiled.model;
  const random = rng(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const role = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
    const fanIn = shape.length > 1 ? size / shape[shape.length - 1] : 1;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      data[i] =
        role === 'gamma' ? uniform(0.5, 1.5)
        : role === 'moving_variance' ? uniform(0.5, 2)
        : role === 'kernel' ? uniform(-1, 1) * Math.sqrt(3 / fanIn)
        : uniform(-0.5, 0.5);
    }
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
  const [h, w, ch] = compiled.inputShape;
  const inputData = new Float32Array(2 * h * w * ch).map(() => random());
  const x = tf.tensor4d(inputData, [2, h, w, ch]);
  const y = model.predict(x) as tf.Tensor;
  const output = { shape: y.shape, data: (await y.data()) as Float32Array };
  tf.dispose([x, y]);
  let artifacts: TrainedArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const params = model.countParams();
  const layerNames = model.layers.map((l) => l.name);
  model.dispose();
  if (!artifacts) throw new Error('model.save gave no artefacts');
  return { input: { shape: [2, h, w, ch], data: inputData }, output, artifacts, params, layerNames };
}
