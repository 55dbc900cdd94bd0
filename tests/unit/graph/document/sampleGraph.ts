import type { Graph, GraphEdge, GraphNode, NodeType, Params } from '@/graph/types';

/**
 * Test graphs for the document tests (not a test file itself). Params are plausible catalog values, but
 * the document layer does not check them, so these tests do not depend on the catalog.
 */

const layers: [NodeType, string, Params][] = [
  ['Input', 'input', { height: 64, width: 64, channels: 3 }],
  ['Conv2D', 'conv2d', { filters: 16, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true }],
  ['BatchNormalization', 'batch_normalization', {}],
  ['Activation', 'activation', { activation: 'relu' }],
  ['Conv2D', 'conv2d_1', { filters: 16, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true }],
  ['Activation', 'activation_1', { activation: 'relu' }],
  ['MaxPooling2D', 'max_pooling2d', { poolSize: 2, strides: 2, padding: 'valid' }],
  ['Conv2D', 'conv2d_2', { filters: 32, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true }],
  ['BatchNormalization', 'batch_normalization_1', {}],
  ['Activation', 'activation_2', { activation: 'relu' }],
  ['Conv2D', 'conv2d_3', { filters: 32, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true }],
  ['Activation', 'activation_3', { activation: 'relu' }],
  ['MaxPooling2D', 'max_pooling2d_1', { poolSize: 2, strides: 2, padding: 'valid' }],
  ['Conv2D', 'conv2d_4', { filters: 64, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 2, useBias: true }],
  ['Activation', 'activation_4', { activation: 'relu' }],
  ['GlobalAveragePooling2D', 'global_average_pooling2d', {}],
  ['Dropout', 'dropout', { rate: 0.25 }],
  ['Dense', 'dense', { units: 64 }],
  ['Activation', 'activation_5', { activation: 'relu' }],
  ['Output', 'output', {}],
];

/** A 20-node chain CNN for the skin-lesion task, laid out top to bottom, with one fractional position. */
export function sampleGraph(): Graph {
  const nodes: GraphNode[] = layers.map(([type, name, params], i) => ({
    id: `n${i + 1}`,
    type,
    name,
    params: { ...params },
    position: { x: i === 3 ? 12.375 : 0, y: i * 90 },
  }));
  const edges: GraphEdge[] = nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: nodes[i].id, target: n.id }));
  return { nodes, edges };
}
