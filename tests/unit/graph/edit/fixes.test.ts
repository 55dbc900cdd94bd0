import { describe, expect, it } from 'vitest';
import { emptyDocument, applyFixTo, removeItems } from '@/graph/edit';
import { analyse } from '@/components/store/analysis';
import { templateById } from '@/graph/templates';
import type { GraphDocument } from '@/graph/types';

const nodeOf = (doc: GraphDocument, type: string) => doc.nodes.find((n) => n.type === type)!;

describe('one-click fixes', () => {
  it('adds a missing Output after the one node whose output goes nowhere, and the graph validates', () => {
    const full = templateById('first-cnn')!.build();
    const doc = removeItems(full, [nodeOf(full, 'Output').id]);
    const issue = analyse(doc).issues.find((i) => i.code === 'no-output');
    expect(issue?.fix).toMatchObject({ kind: 'add-node', nodeType: 'Output' });
    const { doc: fixed, select } = applyFixTo(doc, issue!.nodeId, issue!.fix!);
    const output = nodeOf(fixed, 'Output');
    expect(select).toEqual([output.id]);
    expect(fixed.edges.some((e) => e.source === nodeOf(fixed, 'Dense').id && e.target === output.id)).toBe(true);
    // Right of everything else.
    expect(output.position.x).toBeGreaterThan(Math.max(...doc.nodes.map((n) => n.position.x)));
    expect(analyse(fixed).issues).toEqual([]);
  });

  it('adds a missing Input before the one node without an input', () => {
    const full = templateById('first-cnn')!.build();
    const doc = removeItems(full, [nodeOf(full, 'Input').id]);
    const issue = analyse(doc).issues.find((i) => i.code === 'no-input')!;
    const { doc: fixed } = applyFixTo(doc, issue.nodeId, issue.fix!);
    const input = nodeOf(fixed, 'Input');
    expect(fixed.edges.some((e) => e.source === input.id && e.target === nodeOf(fixed, 'Conv2D').id)).toBe(true);
    // The task's 64x64x3 input from the catalog defaults.
    expect(analyse(fixed).report.nodes[input.id].shape).toEqual([null, 64, 64, 3]);
  });

  it('inserts UpSampling2D x2 with its params before a segmentation head that is half the size', () => {
    // Input 64 -> Conv -> MaxPool (32x32) -> Output (segmentation): the mask is 2 times too small.
    let doc = emptyDocument({ id: 'brain-mri-segment' });
    const input = nodeOf(doc, 'Input').id;
    const output = nodeOf(doc, 'Output').id;
    doc = {
      ...doc,
      nodes: [
        ...doc.nodes,
        { id: 'c', type: 'Conv2D', name: 'c', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true, activation: 'relu' }, position: { x: 200, y: 0 } },
        { id: 'p', type: 'MaxPooling2D', name: 'p', params: { poolSize: 2, strides: 0, padding: 'valid' }, position: { x: 400, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: input, target: 'c' },
        { id: 'e2', source: 'c', target: 'p' },
        { id: 'e3', source: 'p', target: output },
      ],
    };
    const issue = analyse(doc).byNode.get(output)![0];
    expect(issue.code).toBe('seg-size-mismatch');
    const { doc: fixed, select } = applyFixTo(doc, output, issue.fix!);
    const up = nodeOf(fixed, 'UpSampling2D');
    expect(select).toEqual([up.id]);
    expect(up.params.size).toBe(2);
    // p -> up -> output, in place of p -> output.
    expect(fixed.edges.map((e) => [e.source, e.target])).toEqual([
      [input, 'c'],
      ['c', 'p'],
      ['p', up.id],
      [up.id, output],
    ]);
    expect(analyse(fixed).report.nodes[output].shape).toEqual([null, 64, 64, 1]);
    expect(analyse(fixed).issues).toEqual([]);
  });

  it('removes the node or edge a fix names', () => {
    const doc = templateById('first-cnn')!.build();
    const dense = nodeOf(doc, 'Dense').id;
    expect(applyFixTo(doc, dense, { kind: 'remove-node', label: 'Delete it' }).doc.nodes.some((n) => n.id === dense)).toBe(false);
    const edge = doc.edges[0].id;
    expect(applyFixTo(doc, null, { kind: 'remove-edge', edgeId: edge, label: 'Delete the edge' }).doc.edges.some((e) => e.id === edge)).toBe(false);
  });
});
