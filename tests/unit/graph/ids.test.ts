import { describe, expect, it } from 'vitest';
import { defaultNodeName, freshEdgeId, freshNodeId, freshNodeName, MAX_NAME_LENGTH, remapIds, uniqueId, uniqueName } from '@/graph/ids';
import { NODE_TYPES, type Graph, type GraphNode, type NodeType } from '@/graph/types';

const node = (id: string, name: string, type: NodeType = 'Conv2D'): GraphNode => ({
  id,
  type,
  name,
  params: { filters: 8 },
  position: { x: 10, y: 20 },
});

describe('uniqueId', () => {
  it.each([
    ['e', [], 'e1'],
    ['e', ['e1', 'e2'], 'e3'],
    ['e', ['e2'], 'e1'],
    ['n', new Set(['n1', 'n2', 'n4']), 'n3'],
    ['conv2d_', ['conv2d_1'], 'conv2d_2'],
  ] as const)('uniqueId(%j, %j) = %j', (prefix, taken, expected) => {
    expect(uniqueId(prefix, taken)).toBe(expected);
  });
});

describe('uniqueName', () => {
  it.each([
    ['conv2d', [], 'conv2d'],
    ['conv2d', ['conv2d'], 'conv2d_1'],
    ['conv2d', ['conv2d', 'conv2d_1', 'conv2d_2'], 'conv2d_3'],
    // A pasted conv2d_1 continues the series instead of becoming conv2d_1_1.
    ['conv2d_1', ['conv2d', 'conv2d_1'], 'conv2d_2'],
    ['conv2d_1', ['conv2d_2'], 'conv2d_1'],
    ['  dense  ', ['dense'], 'dense_1'],
    ['', [], 'node'],
    ['_5', ['_5'], '_5_1'],
  ] as const)('uniqueName(%j, %j) = %j', (base, taken, expected) => {
    expect(uniqueName(base, taken)).toBe(expected);
  });

  it('keeps results within MAX_NAME_LENGTH', () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH);
    const name = uniqueName(long, [long]);
    expect(name).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('_1')).toBe(true);
    expect(uniqueName('y'.repeat(MAX_NAME_LENGTH + 20), [])).toHaveLength(MAX_NAME_LENGTH);
  });
});

describe('defaultNodeName', () => {
  it.each([
    ['Input', 'input'],
    ['Conv2D', 'conv2d'],
    ['Conv2DTranspose', 'conv2d_transpose'],
    ['MaxPooling2D', 'max_pooling2d'],
    ['GlobalAveragePooling2D', 'global_average_pooling2d'],
    ['BatchNormalization', 'batch_normalization'],
    ['UpSampling2D', 'up_sampling2d'],
    ['ZeroPadding2D', 'zero_padding2d'],
  ] as const)('%s -> %s (the Keras default layer name)', (type, expected) => {
    expect(defaultNodeName(type)).toBe(expected);
  });

  it('gives every node type a distinct lower-case identifier', () => {
    const names = NODE_TYPES.map(defaultNodeName);
    expect(new Set(names).size).toBe(NODE_TYPES.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});

describe('remapIds', () => {
  const target: Graph = {
    nodes: [node('n1', 'conv2d'), node('n2', 'conv2d_1')],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  };

  it('renames clashing ids and names, keeps free ones, rewires edges, drops edges leaving the selection', () => {
    const copied: Graph = {
      nodes: [node('n1', 'conv2d'), node('n7', 'dense', 'Dense')],
      edges: [
        { id: 'e1', source: 'n1', target: 'n7' },
        { id: 'e9', source: 'n7', target: 'n1' },
        { id: 'e5', source: 'n0', target: 'n1' }, // n0 was not copied
      ],
    };
    const r = remapIds(copied, target);
    expect(r.graph.nodes.map((n) => [n.id, n.name])).toEqual([
      ['n3', 'conv2d_2'],
      ['n7', 'dense'],
    ]);
    expect(r.graph.edges).toEqual([
      { id: 'e2', source: 'n3', target: 'n7' },
      { id: 'e9', source: 'n7', target: 'n3' },
    ]);
    expect([...r.nodeIds]).toEqual([
      ['n1', 'n3'],
      ['n7', 'n7'],
    ]);
    expect(r.droppedEdges).toBe(1);
  });

  it('pasting the same graph twice never clashes, and does not mutate its input', () => {
    const copied: Graph = structuredClone(target);
    const first = remapIds(copied, target);
    const merged: Graph = { nodes: [...target.nodes, ...first.graph.nodes], edges: [...target.edges, ...first.graph.edges] };
    const second = remapIds(copied, merged);
    const all: Graph = { nodes: [...merged.nodes, ...second.graph.nodes], edges: [...merged.edges, ...second.graph.edges] };
    expect(new Set(all.nodes.map((n) => n.id)).size).toBe(6);
    expect(new Set(all.nodes.map((n) => n.name)).size).toBe(6);
    expect(new Set(all.edges.map((e) => e.id)).size).toBe(3);
    expect(copied).toEqual(target);
    second.graph.nodes[0].position.x = 999;
    expect(copied.nodes[0].position.x).toBe(10);
  });

  it('accepts explicit taken sets', () => {
    const r = remapIds({ nodes: [node('a', 'x')], edges: [] }, { nodeIds: ['a'], edgeIds: [], names: [] });
    expect(r.graph.nodes[0]).toMatchObject({ id: 'a1', name: 'x' });
  });
});

describe('fresh ids and names for a graph', () => {
  const graph = {
    nodes: [
      { id: 'n1', type: 'Conv2D' as const, name: 'conv2d', params: {}, position: { x: 0, y: 0 } },
      { id: 'n3', type: 'Conv2D' as const, name: 'conv2d_1', params: {}, position: { x: 0, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n3' }],
  };

  it('takes the first free n<k>, e<k> and Keras-style name', () => {
    expect(freshNodeId(graph)).toBe('n2');
    expect(freshEdgeId(graph)).toBe('e2');
    expect(freshNodeName(graph, 'Conv2D')).toBe('conv2d_2');
    expect(freshNodeName(graph, 'Dense')).toBe('dense');
    expect(freshNodeName(graph, 'Dense', 'conv2d')).toBe('conv2d_2');
  });
});
