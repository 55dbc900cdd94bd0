import { defaultNodeName, uniqueId, uniqueName } from '@/graph/ids';
import type { Graph, NodeType } from '@/graph/types';

/** A node id not used in `graph`: `n1`, `n2`, ... */
export function freshNodeId(graph: Graph, _type: NodeType): string {
  return uniqueId('n', graph.nodes.map((n) => n.id));
}

/** An edge id not used in `graph`: `e1`, `e2`, ... */
export function freshEdgeId(graph: Graph, _source: string, _target: string): string {
  return uniqueId('e', graph.edges.map((e) => e.id));
}

/** A node name not used in `graph`, Keras style: `conv2d`, `conv2d_1`, ... (or `base`, `base_1`, ...). */
export function freshNodeName(graph: Graph, type: NodeType, base: string = defaultNodeName(type)): string {
  return uniqueName(base, graph.nodes.map((n) => n.name));
}
