import { catalogEntry, defaultParams } from '../catalog';
import type { GraphDocument, GraphEdge, GraphNode, NodeType, Params, ParamValue } from '../types';
import { freshEdgeId, freshNodeId, freshNodeName } from '../ids';

/**
 * Graph edits the editor's actions are made of. Pure: each takes a document and returns a new one (unchanged
 * nodes and edges are shared), so undo is a stack of documents and every edit is testable without a browser.
 * They edit structure only; shapes and issues are derived afterwards by graph/shapes and graph/validate.
 */

/** Horizontal step between a node and the one added after it (card width plus a gap), px at zoom 1. */
export const CHAIN_STEP = 288;

/** Why a connection is refused, or which edges it replaces (a single-input port keeps only its newest link). */
export type ConnectionCheck = { ok: true; replaces: string[] } | { ok: false; reason: string };

/** True when `to` can be reached from `from` by following edges (so an edge to -> from would close a cycle). */
export function reaches(graph: { edges: readonly GraphEdge[] }, from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}

/**
 * Whether `source -> target` may be added. Refused: a node into itself, a duplicate edge, a cycle, a source
 * with no output (Output) and a target with no inputs (Input). A full single-input target is not refused:
 * like ComfyUI, the new link replaces the old one (`replaces`).
 */
export function checkConnection(doc: GraphDocument, source: string, target: string): ConnectionCheck {
  const from = doc.nodes.find((n) => n.id === source);
  const to = doc.nodes.find((n) => n.id === target);
  if (!from || !to) return { ok: false, reason: 'That node no longer exists.' };
  if (source === target) return { ok: false, reason: `${from.name} cannot feed into itself.` };
  if (!catalogEntry(from.type).hasOutput) {
    return { ok: false, reason: `${from.name} is the end of the network: it has no output to connect.` };
  }
  const accepts = catalogEntry(to.type).inputs;
  if (accepts.max === 0) return { ok: false, reason: `${to.name} is where data enters: it takes no inputs.` };
  if (doc.edges.some((e) => e.source === source && e.target === target)) {
    return { ok: false, reason: `${from.name} is already connected to ${to.name}.` };
  }
  if (reaches(doc, target, source)) {
    return {
      ok: false,
      reason: `Connecting ${from.name} to ${to.name} would make a loop: ${to.name} already feeds into ${from.name}.`,
    };
  }
  const existing = doc.edges.filter((e) => e.target === target);
  const overflow = existing.length + 1 - accepts.max;
  return { ok: true, replaces: overflow > 0 ? existing.slice(0, overflow).map((e) => e.id) : [] };
}

/** Add the edge `source -> target` if allowed (replacing a full single input). */
export function connectNodes(
  doc: GraphDocument,
  source: string,
  target: string,
): { doc: GraphDocument; check: ConnectionCheck; edgeId?: string } {
  const check = checkConnection(doc, source, target);
  if (!check.ok) return { doc, check };
  const edgeId = freshEdgeId(doc);
  const edges = doc.edges.filter((e) => !check.replaces.includes(e.id));
  return { doc: { ...doc, edges: [...edges, { id: edgeId, source, target }] }, check, edgeId };
}

/** A new node of `type` with default params and a fresh id and name. */
export function makeNode(doc: GraphDocument, type: NodeType, position: { x: number; y: number }): GraphNode {
  return {
    id: freshNodeId(doc),
    type,
    name: freshNodeName(doc, type),
    params: defaultParams(type),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}

/** Add a node of `type` at `position` (top-left corner, flow coordinates). */
export function addNodeAt(
  doc: GraphDocument,
  type: NodeType,
  position: { x: number; y: number },
): { doc: GraphDocument; id: string } {
  const node = makeNode(doc, type, position);
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id: node.id };
}

/** Move the nodes that `from` feeds (directly or not) right by `dx`, so an inserted node has room. */
function shiftDownstream(doc: GraphDocument, from: string, minX: number, dx: number): GraphDocument {
  const moved = new Set<string>();
  for (const n of doc.nodes) if (n.id !== from && reaches(doc, from, n.id) && n.position.x >= minX) moved.add(n.id);
  if (moved.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (moved.has(n.id) ? { ...n, position: { x: n.position.x + dx, y: n.position.y } } : n)),
  };
}

/**
 * Add a node of `type` right after `anchor` and connect it. When the anchor feeds exactly one node, the new
 * node is spliced in between (Input -> Output, add Conv2D: Input -> Conv2D -> Output) and the nodes
 * downstream move right to make room; a branching anchor just gains one more output; an anchor that fed
 * nothing also hands the new node a loose Output (see feedLooseOutput).
 */
export function addNodeAfter(doc: GraphDocument, anchorId: string, type: NodeType): { doc: GraphDocument; id: string } {
  const anchor = doc.nodes.find((n) => n.id === anchorId);
  if (!anchor) throw new Error(`addNodeAfter: no node ${anchorId}`);
  const entry = catalogEntry(type);
  const anchorHasOutput = catalogEntry(anchor.type).hasOutput;
  const outgoing = doc.edges.filter((e) => e.source === anchorId);
  const splice = anchorHasOutput && entry.inputs.max > 0 && entry.hasOutput && outgoing.length === 1;
  const position = anchorHasOutput
    ? { x: anchor.position.x + CHAIN_STEP, y: anchor.position.y }
    : { x: anchor.position.x, y: anchor.position.y + 140 };
  let next = doc;
  if (splice) next = shiftDownstream(next, anchorId, position.x, CHAIN_STEP);
  const added = addNodeAt(next, type, position);
  next = added.doc;
  if (splice) {
    // Rewire in place, so the spliced node keeps the old edge's slot in a multi-input target's input order.
    const old = outgoing[0];
    const outId = freshEdgeId(next);
    const edges = next.edges.map((e) => (e.id === old.id ? { id: outId, source: added.id, target: old.target } : e));
    const inId = freshEdgeId({ ...next, edges });
    next = { ...next, edges: [...edges, { id: inId, source: anchorId, target: added.id }] };
  } else if (anchorHasOutput && entry.inputs.max > 0) {
    next = connectNodes(next, anchorId, added.id).doc;
    next = feedLooseOutput(next, anchorId, added.id);
  }
  return { doc: next, id: added.id };
}

/**
 * When a chain grows from a node that fed nothing and the graph's Output has no input yet (an empty graph:
 * Input and Output only), the new node feeds the Output, so clicking layers builds a whole network
 * Input -> ... -> Output without drawing a single edge. The Output moves right if the chain reached it.
 */
function feedLooseOutput(doc: GraphDocument, anchorId: string, addedId: string): GraphDocument {
  const added = doc.nodes.find((n) => n.id === addedId);
  if (!added || !catalogEntry(added.type).hasOutput) return doc;
  if (doc.edges.some((e) => e.source === anchorId && e.target !== addedId)) return doc;
  const outputs = doc.nodes.filter((n) => n.type === 'Output');
  if (outputs.length !== 1 || doc.edges.some((e) => e.target === outputs[0].id)) return doc;
  const output = outputs[0];
  const r = connectNodes(doc, addedId, output.id);
  if (!r.check.ok) return doc;
  const minX = added.position.x + CHAIN_STEP;
  if (output.position.x >= minX) return r.doc;
  return moveNodes(r.doc, new Map([[output.id, { x: minX, y: added.position.y }]]));
}

/**
 * Insert a node of `type` in front of `nodeId`: its incoming edges go into the new node, which feeds it.
 * What a fix such as "insert Flatten before Dense" does. The new node sits left of the target, which
 * (with everything downstream) moves right to make room.
 */
export function insertBefore(
  doc: GraphDocument,
  nodeId: string,
  type: NodeType,
  params?: Params,
): { doc: GraphDocument; id: string } {
  const target = doc.nodes.find((n) => n.id === nodeId);
  if (!target) throw new Error(`insertBefore: no node ${nodeId}`);
  let next: GraphDocument = {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.id === nodeId || reaches(doc, nodeId, n.id) ? { ...n, position: { x: n.position.x + CHAIN_STEP, y: n.position.y } } : n,
    ),
  };
  const made = makeNode(next, type, target.position);
  const node = params ? { ...made, params: { ...made.params, ...params } } : made;
  next = {
    ...next,
    nodes: [...next.nodes, node],
    edges: [
      ...next.edges.map((e) => (e.target === nodeId ? { ...e, target: node.id } : e)),
      { id: freshEdgeId(next), source: node.id, target: nodeId },
    ],
  };
  return { doc: next, id: node.id };
}

/** Remove nodes (with their edges) and edges. */
export function removeItems(doc: GraphDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): GraphDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Set one param of one node (the caller has checked the value against the catalog spec). */
export function setNodeParam(doc: GraphDocument, nodeId: string, key: string, value: ParamValue): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, [key]: value } } : n)),
  };
}

/** Freeze a node (training leaves its weights as they are) or make it trainable again (the field is dropped). */
export function setNodeFrozen(doc: GraphDocument, nodeId: string, frozen: boolean): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { frozen: _was, ...rest } = n;
      return frozen ? { ...rest, frozen: true } : rest;
    }),
  };
}

/** Rename a node; names are unique in a graph, so a taken or empty name is refused with a message. */
export function renameNode(doc: GraphDocument, nodeId: string, name: string): { doc: GraphDocument } | { error: string } {
  const trimmed = name.trim();
  if (trimmed === '') return { error: 'A node needs a name.' };
  if (doc.nodes.some((n) => n.id !== nodeId && n.name === trimmed)) return { error: `Another node is already called ${trimmed}.` };
  return { doc: { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, name: trimmed } : n)) } };
}

/** Set node positions (top-left, flow coordinates). */
export function moveNodes(doc: GraphDocument, positions: ReadonlyMap<string, { x: number; y: number }>): GraphDocument {
  if (positions.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = positions.get(n.id);
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
  };
}

/** The selected nodes and the edges between them: what duplicate and copy take. */
export function fragmentOf(doc: GraphDocument, nodeIds: Iterable<string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const ids = new Set(nodeIds);
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}
