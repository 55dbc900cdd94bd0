/** Test helpers: build graphs tersely. Not a test file (vitest only collects *.test.ts). */
import { defaultParams } from '@/graph/catalog';
import type { Graph, GraphNode, NodeType, Params } from '@/graph/types';

export type Spec = [id: string, type: NodeType, params?: Params];

/** Nodes with default params overridden by the given ones, and edges [source, target] in the given order. */
export function graphOf(nodes: Spec[], edges: [string, string][]): Graph {
  return {
    nodes: nodes.map(([id, type, params]): GraphNode => ({
      id,
      type,
      name: id,
      params: { ...defaultParams(type), ...params },
      position: { x: 0, y: 0 },
    })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  };
}

/** A straight chain: each node feeds the next. */
export function chain(nodes: Spec[]): Graph {
  return graphOf(nodes, nodes.slice(1).map((n, i) => [nodes[i][0], n[0]]));
}
