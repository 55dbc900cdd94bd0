import type { Graph, GraphEdge, GraphNode, NodeType } from './types';

/**
 * Unique ids and names for nodes and edges: what the editor uses when it adds or pastes nodes, and what
 * document migrations use when an old file lacks them. Pure functions; nothing here reads a store.
 */

/** Longest node name Convas keeps (documents reject longer ones). */
export const MAX_NAME_LENGTH = 100;

/** Anything with `has`, or a plain list of strings. */
export type Taken = ReadonlySet<string> | Iterable<string>;

function asSet(taken: Taken): ReadonlySet<string> {
  return taken instanceof Set ? taken : new Set(taken);
}

/**
 * The first of `prefix1`, `prefix2`, ... that is not taken.
 *
 * @example uniqueId('e', ['e1', 'e2']) // 'e3'
 * @example uniqueId('n', []) // 'n1'
 */
export function uniqueId(prefix: string, taken: Taken): string {
  const set = asSet(taken);
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!set.has(id)) return id;
  }
}

/** `conv2d_3` -> `conv2d`: so a pasted `conv2d_3` becomes `conv2d_4`, not `conv2d_3_1`. */
function nameStem(name: string): string {
  const m = /^(.*\S)_\d+$/.exec(name);
  return m ? m[1] : name;
}

/**
 * `base` itself when free, else `stem_1`, `stem_2`, ... (Keras style), where the stem is `base` without a
 * trailing `_<number>`. Results are at most MAX_NAME_LENGTH characters; an empty base becomes `node`.
 *
 * @example uniqueName('conv2d', ['conv2d']) // 'conv2d_1'
 * @example uniqueName('conv2d_1', ['conv2d', 'conv2d_1']) // 'conv2d_2'
 */
export function uniqueName(base: string, taken: Taken): string {
  const set = asSet(taken);
  const trimmed = base.trim().slice(0, MAX_NAME_LENGTH) || 'node';
  if (!set.has(trimmed)) return trimmed;
  const stem = nameStem(trimmed);
  for (let n = 1; ; n++) {
    const suffix = `_${n}`;
    const name = stem.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
    if (!set.has(name)) return name;
  }
}

/**
 * The Keras default layer name for a type, i.e. its class name in snake case (Keras `to_snake_case`).
 *
 * @example defaultNodeName('MaxPooling2D') // 'max_pooling2d'
 * @example defaultNodeName('Conv2DTranspose') // 'conv2d_transpose'
 */
export function defaultNodeName(type: NodeType): string {
  return type
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Ids and names already used where a sub-graph is about to be pasted. */
export interface TakenIds {
  nodeIds: Iterable<string>;
  edgeIds: Iterable<string>;
  names: Iterable<string>;
}

/** The ids and names a graph uses. */
export function takenIn(graph: Graph): TakenIds {
  return {
    nodeIds: graph.nodes.map((n) => n.id),
    edgeIds: graph.edges.map((e) => e.id),
    names: graph.nodes.map((n) => n.name),
  };
}

/** Result of {@link remapIds}: the graph to insert and where each pasted node id went. */
export interface Remapped {
  graph: Graph;
  /** Old node id -> new node id, for every pasted node (equal when the old id was free). */
  nodeIds: Map<string, string>;
  /** Edges left out because an end was not among the pasted nodes. */
  droppedEdges: number;
}

/** `conv12` -> `conv`, `e3` -> `e`, `input` -> `input`: the prefix fresh ids continue from. */
function idPrefix(id: string): string {
  return id.replace(/\d+$/, '') || 'n';
}

/**
 * Prepares a copied sub-graph for pasting into a graph whose ids and names are `taken` (pass the target
 * graph itself, or {@link TakenIds}). Node ids, edge ids and node names that clash with the target get fresh
 * ones; free ones are kept (ids inside `graph` are assumed unique, as a parsed document guarantees). Edges are rewired to the new ids; an edge whose
 * source or target is not in the sub-graph (copied across the selection's border) is dropped.
 * Positions and params are copied unchanged (offsetting the paste is the editor's job). Does not mutate.
 *
 * @example remapIds({nodes: [conv1], edges: []}, graphWithConv1).graph.nodes[0].id // 'conv2' (if free)
 */
export function remapIds(graph: Graph, taken: Graph | TakenIds): Remapped {
  const t = 'nodes' in taken ? takenIn(taken) : taken;
  const nodeIdsTaken = new Set(t.nodeIds);
  const edgeIdsTaken = new Set(t.edgeIds);
  const namesTaken = new Set(t.names);

  const nodeIds = new Map<string, string>();
  const nodes: GraphNode[] = graph.nodes.map((node) => {
    const id = nodeIdsTaken.has(node.id) ? uniqueId(idPrefix(node.id), nodeIdsTaken) : node.id;
    const name = uniqueName(node.name, namesTaken);
    nodeIdsTaken.add(id);
    namesTaken.add(name);
    nodeIds.set(node.id, id);
    return { ...node, id, name, params: { ...node.params }, position: { ...node.position } };
  });

  const edges: GraphEdge[] = [];
  for (const edge of graph.edges) {
    const source = nodeIds.get(edge.source);
    const target = nodeIds.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = edgeIdsTaken.has(edge.id) ? uniqueId(idPrefix(edge.id), edgeIdsTaken) : edge.id;
    edgeIdsTaken.add(id);
    edges.push({ id, source, target });
  }
  return { graph: { nodes, edges }, nodeIds, droppedEdges: graph.edges.length - edges.length };
}

/** A node id not used in `graph`: `n1`, `n2`, ... */
export function freshNodeId(graph: Graph): string {
  return uniqueId('n', graph.nodes.map((n) => n.id));
}

/** An edge id not used in `graph`: `e1`, `e2`, ... */
export function freshEdgeId(graph: Graph): string {
  return uniqueId('e', graph.edges.map((e) => e.id));
}

/** A node name not used in `graph`, Keras style: `conv2d`, `conv2d_1`, ... (or `base`, `base_1`, ...). */
export function freshNodeName(graph: Graph, type: NodeType, base: string = defaultNodeName(type)): string {
  return uniqueName(base, graph.nodes.map((n) => n.name));
}
