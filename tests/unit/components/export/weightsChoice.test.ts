import { describe, expect, it } from 'vitest';
import type { WeightsOffer } from '@/components/export/trainedWeights';
import { chosenSource, importedOffer, weightSources } from '@/components/export/weightsChoice';
import { importedWeightsFor, importedWeightsOf } from '@/components/store/modelImportSlice';
import type { RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import type { GraphDocument } from '@/graph/types';

const doc = buildFirstCnn();
const conv = doc.nodes.find((n) => n.type === 'Conv2D');
const dense = doc.nodes.find((n) => n.type === 'Dense' || n.type === 'Output');
if (!conv || !dense) throw new Error('First CNN has a Conv2D and a Dense/Output');
const tensor = (name: string, n: number) => ({ name, shape: [n], data: new Float32Array(n) });
// Weights for two nodes of the graph (conv: kernel and bias; the head: kernel) and one that is gone.
const imported = importedWeightsOf('model.json', doc, [tensor(`${conv.id}/kernel`, 4), tensor(`${conv.id}/bias`, 2), tensor(`${dense.id}/kernel`, 3), tensor('gone/kernel', 1)]);

const trained: WeightsOffer = { kind: 'available', run: {} as RunRecord, summary: 'Run 1: completed, 1 epoch' };
const untrained: WeightsOffer = { kind: 'unavailable', run: null, reason: 'Nothing has been trained in this session.' };

describe('imported weights of a graph', () => {
  it('belong to nodes with the same id and type; a node retyped or removed gets none', () => {
    expect(importedWeightsFor(doc, imported).map((w) => w.name)).toEqual([`${conv.id}/kernel`, `${conv.id}/bias`, `${dense.id}/kernel`]);
    const retyped: GraphDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === conv.id ? { ...n, type: 'SeparableConv2D' as never } : n)) };
    expect(importedWeightsFor(retyped, imported).map((w) => w.name)).toEqual([`${dense.id}/kernel`]);
    expect(importedWeightsFor({ ...doc, nodes: doc.nodes.filter((n) => n.id !== dense.id) }, imported)).toHaveLength(2);
    expect(importedWeightsFor(doc, null)).toEqual([]);
  });

  it('are offered with their file and the number of nodes they fill', () => {
    expect(importedOffer(doc, imported)).toEqual({ kind: 'available', label: 'model.json', nodes: 2 });
    expect(importedOffer({ ...doc, nodes: [] }, imported)).toEqual({ kind: 'unavailable' });
    expect(importedOffer(doc, null)).toEqual({ kind: 'unavailable' });
  });
});

describe('which weights an export takes', () => {
  const offered = importedOffer(doc, imported);
  it.each<[string, WeightsOffer, boolean, string[], string]>([
    ['trained and imported: the run is newer work', trained, true, ['trained', 'imported', 'none'], 'trained'],
    ['imported only (before any training, after a reload)', untrained, true, ['imported', 'none'], 'imported'],
    ['trained only', trained, false, ['trained', 'none'], 'trained'],
    ['neither', untrained, false, ['none'], 'none'],
  ])('%s', (_name, run, hasImported, sources, chosen) => {
    const imports = hasImported ? offered : ({ kind: 'unavailable' } as const);
    expect(weightSources(run, imports)).toEqual(sources);
    expect(chosenSource(null, run, imports)).toBe(chosen);
  });

  it('keeps a pick while it is offered, and falls back to the best one when it is not', () => {
    expect(chosenSource('imported', trained, offered)).toBe('imported');
    expect(chosenSource('none', trained, offered)).toBe('none');
    expect(chosenSource('trained', untrained, offered)).toBe('imported');
  });
});
