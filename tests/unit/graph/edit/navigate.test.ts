import { describe, expect, it } from 'vitest';
import { neighbourAlong, type GraphDirection } from '@/graph/edit';
import type { Graph } from '@/graph/types';
import { chain, graphOf } from '../build';

/** Places nodes at [x, y] so the top-to-bottom order of branches is known. */
function placed(graph: Graph, at: Record<string, [number, number]>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: at[n.id][0], y: at[n.id][1] } })) };
}

//        ┌-> relu (y 0) --┐
// in -> conv              add -> out
//        └-> pool (y 200) ┘
const branching = placed(
  graphOf(
    [['in', 'Input'], ['conv', 'Conv2D'], ['pool', 'MaxPooling2D'], ['relu', 'Activation'], ['add', 'Add'], ['out', 'Output']],
    [['in', 'conv'], ['conv', 'pool'], ['conv', 'relu'], ['relu', 'add'], ['pool', 'add'], ['add', 'out']],
  ),
  { in: [0, 100], conv: [300, 100], relu: [600, 0], pool: [600, 200], add: [900, 100], out: [1200, 100] },
);
const straight = chain([['in', 'Input'], ['conv', 'Conv2D'], ['out', 'Output']]);

describe('neighbourAlong', () => {
  it.each<[Graph, string, GraphDirection, string | null]>([
    // A chain: next/previous follow the edges, and up/down follow the chain too (there is no branch).
    [straight, 'in', 'next', 'conv'],
    [straight, 'conv', 'next', 'out'],
    [straight, 'out', 'next', null],
    [straight, 'out', 'previous', 'conv'],
    [straight, 'in', 'previous', null],
    [straight, 'conv', 'sibling-down', 'out'],
    [straight, 'conv', 'sibling-up', 'in'],
    // A fork: next goes to the upper branch (relu, y 0), whatever the edge order in the document.
    [branching, 'conv', 'next', 'relu'],
    [branching, 'relu', 'sibling-down', 'pool'],
    [branching, 'pool', 'sibling-up', 'relu'],
    // Past the last branch, down carries on along the edges; above the first, up goes back.
    [branching, 'pool', 'sibling-down', 'add'],
    [branching, 'relu', 'sibling-up', 'conv'],
    // A join: previous goes to the upper input.
    [branching, 'add', 'previous', 'relu'],
    [branching, 'add', 'next', 'out'],
  ])('case %#', (graph, from, direction, expected) => {
    expect(neighbourAlong(graph, from, direction)).toBe(expected);
  });

  it('returns null for a node that is not in the graph', () => {
    expect(neighbourAlong(straight, 'nope', 'next')).toBeNull();
  });
});
