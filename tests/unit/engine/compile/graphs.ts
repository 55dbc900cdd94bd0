/**
 * Tiny graph documents for the compiler and training tests (not a test file). 8x8 inputs, a few filters:
 * they compile and train a step in milliseconds even on the cpu backend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultParams } from '@/graph/catalog';
import { createDocument, parseDocument } from '@/graph/document';
import type { GraphDocument, NodeType, Params, TaskRef, TrainingSettings } from '@/graph/types';

/** [id, type, params overriding the catalog defaults]. */
export type Spec = [id: string, type: NodeType, params?: Params];

/** A document from node specs and edges [source, target] (edge order = merge input order). */
export function docOf(
  task: TaskRef,
  nodes: Spec[],
  edges: [string, string][],
  training: Partial<TrainingSettings> = {},
): GraphDocument {
  return createDocument(
    {
      nodes: nodes.map(([id, type, params]) => ({ id, type, name: id, params: { ...defaultParams(type), ...params }, position: { x: 0, y: 0 } })),
      edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
    },
    task,
    training,
  );
}

/** A chain: each node feeds the next. */
export function chainDoc(task: TaskRef, nodes: Spec[], training: Partial<TrainingSettings> = {}): GraphDocument {
  return docOf(task, nodes, nodes.slice(1).map((n, i) => [nodes[i][0], n[0]]), training);
}

const CLS: TaskRef = { id: 'random-classify' };
const SEG: TaskRef = { id: 'random-segment', maskMode: 'binary' };
const SEG_MULTI: TaskRef = { id: 'random-segment', maskMode: 'multiclass' };
const in8 = { height: 8, width: 8, channels: 1 };

/**
 * Graphs that together use every catalog type and option that changes the built layer (head kinds,
 * projection, interpolation, leakyRelu). Shapes in the comments are per image.
 */
export const TINY_GRAPHS: Record<string, () => GraphDocument> = {
  // 8x8x1 -> conv 4 relu -> BN -> leakyRelu -> maxpool 4x4 -> dropout -> flatten 64 -> dense 8 -> [3]
  'conv-bn-pool-dense': () =>
    chainDoc(CLS, [
      ['in', 'Input', in8],
      ['conv', 'Conv2D', { filters: 4, activation: 'relu' }],
      ['bn', 'BatchNormalization'],
      ['leaky', 'Activation', { activation: 'leakyRelu' }],
      ['pool', 'MaxPooling2D'],
      ['drop', 'Dropout', { rate: 0.25 }],
      ['flat', 'Flatten'],
      ['dense', 'Dense', { units: 8, activation: 'relu' }],
      ['out', 'Output', { head: 'classification' }],
    ]),
  // 8x8x1 -> pad 10x10 -> conv 3 valid d2 6x6x3 -> avgpool 3 s1 same -> GMP 3 -> [3] softmax without projection
  'pad-dilated-avg-gmp': () =>
    chainDoc(CLS, [
      ['in', 'Input', in8],
      ['pad', 'ZeroPadding2D', { padding: 1 }],
      ['conv', 'Conv2D', { filters: 3, padding: 'valid', dilationRate: 2 }],
      ['avg', 'AveragePooling2D', { poolSize: 3, strides: 1, padding: 'same' }],
      ['gmp', 'GlobalMaxPooling2D'],
      ['out', 'Output', { head: 'classification', projection: false }],
    ]),
  // Every Activation function in a row, on 4x4x2 after a strided conv; GAP -> [3].
  activations: () =>
    chainDoc(CLS, [
      ['in', 'Input', in8],
      ['conv', 'Conv2D', { filters: 2, strides: 2 }],
      ['relu', 'Activation', { activation: 'relu' }],
      ['relu6', 'Activation', { activation: 'relu6' }],
      ['elu', 'Activation', { activation: 'elu' }],
      ['gelu', 'Activation', { activation: 'gelu' }],
      ['tanh', 'Activation', { activation: 'tanh' }],
      ['sigmoid', 'Activation', { activation: 'sigmoid' }],
      ['linear', 'Activation', { activation: 'linear' }],
      ['softmax', 'Activation', { activation: 'softmax' }],
      ['gap', 'GlobalAveragePooling2D'],
      ['out', 'Output', { head: 'classification' }],
    ]),
  // MobileNet layers: conv 8x8x4 -> relu6 -> depthwise m2 /2 4x4x8 -> leaky 0.1 -> separable 6 valid 2x2x6 -> GAP -> [3]
  depthwise: () =>
    chainDoc(CLS, [
      ['in', 'Input', in8],
      ['conv', 'Conv2D', { filters: 4 }],
      ['relu6', 'Activation', { activation: 'relu6' }],
      ['dw', 'DepthwiseConv2D', { strides: 2, depthMultiplier: 2 }],
      ['leaky', 'LeakyReLU', { alpha: 0.1 }],
      ['sep', 'SeparableConv2D', { filters: 6, padding: 'valid' }],
      ['gap', 'GlobalAveragePooling2D'],
      ['out', 'Output', { head: 'classification' }],
    ]),
  // Residual: conv a, conv b (from a) -> Add(b, a) -> GAP -> [3]
  add: () =>
    docOf(
      CLS,
      [
        ['in', 'Input', in8],
        ['a', 'Conv2D', { filters: 4, activation: 'relu' }],
        ['b', 'Conv2D', { filters: 4, activation: 'tanh' }],
        ['sum', 'Add'],
        ['gap', 'GlobalAveragePooling2D'],
        ['out', 'Output', { head: 'classification' }],
      ],
      [['in', 'a'], ['a', 'b'], ['b', 'sum'], ['a', 'sum'], ['sum', 'gap'], ['gap', 'out']],
    ),
  // U-Net-like, binary mask: conv 8x8x4 (skip) -> pool 4x4 -> conv 4x4x3 -> up nearest 8x8x3 -> concat(up, skip) 8x8x7 -> conv -> [8,8,1] sigmoid
  concatenate: () =>
    docOf(
      SEG,
      [
        ['in', 'Input', in8],
        ['c1', 'Conv2D', { filters: 4, activation: 'relu' }],
        ['p', 'MaxPooling2D'],
        ['c2', 'Conv2D', { filters: 3, activation: 'relu' }],
        ['up', 'UpSampling2D', { size: 2 }],
        ['cat', 'Concatenate'],
        ['c3', 'Conv2D', { filters: 4, activation: 'relu' }],
        ['out', 'Output', { head: 'segmentation' }],
      ],
      [['in', 'c1'], ['c1', 'p'], ['p', 'c2'], ['c2', 'up'], ['up', 'cat'], ['c1', 'cat'], ['cat', 'c3'], ['c3', 'out']],
    ),
  // Multi-class mask: conv s2 4x4x4 -> (transposed conv x2, bilinear up x2) 8x8x4 each -> Add -> [8,8,2] softmax
  'transpose-bilinear-multiclass': () =>
    docOf(
      SEG_MULTI,
      [
        ['in', 'Input', in8],
        ['down', 'Conv2D', { filters: 4, strides: 2, activation: 'relu' }],
        ['tconv', 'Conv2DTranspose', { filters: 4, kernelSize: 2, strides: 2, activation: 'relu' }],
        ['bi', 'UpSampling2D', { size: 2, interpolation: 'bilinear' }],
        ['sum', 'Add'],
        ['out', 'Output', { head: 'segmentation' }],
      ],
      [['in', 'down'], ['down', 'tconv'], ['down', 'bi'], ['tconv', 'sum'], ['bi', 'sum'], ['sum', 'out']],
    ),
};

const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/graphs/', import.meta.url));

/** The fixture documents of tests/fixtures/graphs/, parsed, by file name without extension. */
export function fixtureDocuments(): Record<string, GraphDocument> {
  const out: Record<string, GraphDocument> = {};
  for (const file of readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = parseDocument(readFileSync(FIXTURE_DIR + file, 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    out[file.replace(/\.json$/, '')] = parsed.doc;
  }
  return out;
}
