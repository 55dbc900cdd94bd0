import { describe, expect, it } from 'vitest';
import { describeChanges, runName } from '@/components/store/training/runNaming';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import type { GraphDocument } from '@/graph/types';

const base = buildFirstCnn();
const withTraining = (d: GraphDocument, patch: Partial<GraphDocument['training']>): GraphDocument => ({ ...d, training: { ...d.training, ...patch } });
const conv = (d: GraphDocument) => d.nodes.find((n) => n.type === 'Conv2D')!;

describe('runName', () => {
  it('names the first run after the graph', () => {
    expect(runName(null, base)).toBe('First CNN');
  });

  it.each([
    [{ learningRate: 0.01 }, 'lr 0.001 -> 0.01'],
    [{ batchSize: 64, epochs: 20 }, 'batch 16 -> 64, epochs 10 -> 20'],
    [{ augment: false }, 'augmentation on -> off'],
    [{ optimizer: 'sgd' as const }, 'optimiser adam -> sgd'],
    [{ momentum: 0.5 }, 'same setup'], // momentum only matters for SGD
  ])('settings %o -> %s', (patch, name) => {
    expect(runName(base, withTraining(base, patch))).toBe(name);
  });

  it('names an added layer by type and name', () => {
    const c = conv(base);
    const added = { ...c, id: 'new1', name: 'conv2d_9' };
    expect(runName(base, { ...base, nodes: [...base.nodes, added] })).toBe('+ Conv2D conv2d_9');
  });

  it('names a removed layer and a changed parameter', () => {
    const c = conv(base);
    const dense = base.nodes.find((n) => n.type === 'Dense')!;
    const next: GraphDocument = {
      ...base,
      nodes: base.nodes.filter((n) => n.id !== dense.id).map((n) => (n.id === c.id ? { ...n, params: { ...n.params, filters: 16 } } : n)),
    };
    expect(describeChanges(base, next)).toEqual([`- Dense ${dense.name}`, `${c.name} filters 8 -> 16`]);
  });

  it('reports rewiring when only edges changed', () => {
    expect(describeChanges(base, { ...base, edges: base.edges.slice(1) })).toEqual(['rewired']);
  });

  it('shortens long lists of changes', () => {
    const next = withTraining(base, { learningRate: 0.01, batchSize: 8, epochs: 2, seed: 1, augment: false });
    expect(runName(base, next)).toBe('lr 0.001 -> 0.01, batch 16 -> 8, epochs 10 -> 2 +2 more');
  });
});
