/**
 * The export test table: the fixture documents (tests/fixtures/graphs) plus three graphs written for the
 * exporters' hard cases (reference.ts builds the tfjs model of each). No tfjs here, so tests that only print
 * code stay light. Not a test file.
 */
import { readFileSync } from 'node:fs';
import { defaultParams } from '@/graph/catalog';
import { createDocument, parseDocument } from '@/graph/document';
import type { TaskInfo } from '@/graph/tasks';
import type { GraphDocument, NodeType, Params, TaskRef } from '@/graph/types';

export const FIXTURE_NAMES = ['first-cnn', 'resnet-add', 'unet-concat', 'stride2-same-even', 'dropout-batchnorm', 'all-layers', 'mobilenet-blocks'] as const;

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
  '',
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
