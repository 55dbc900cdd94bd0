import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, GraphNode, NodeType } from '@/graph/types';

/** What a React Flow node carries: the graph node it shows (the card reads shapes and issues from the store). */
export type LayerNodeData = { node: GraphNode };
/**
 * A React Flow node of the canvas: a view of one `GraphNode`. Its React Flow type is the layer's NodeType
 * (all drawn by the same card): when an id is reused by a node of another type (a new document loaded),
 * React Flow sees the type change and measures the handles again, which it would not do for a card of the
 * same size.
 */
export type LayerFlowNode = Node<LayerNodeData, NodeType>;
/** A React Flow edge of the canvas: a view of one `GraphEdge`, labelled with the shape it carries. */
export type ShapeFlowEdge = Edge<Record<string, never>, 'shape'>;

/**
 * Rebuild the React Flow nodes from the document, reusing every previous view node whose graph node and
 * selection did not change (React Flow re-renders only nodes whose object changed, so identity matters).
 * Measured sizes and drag state are carried over: React Flow hides nodes it has not measured.
 *
 * @param selection the ids to select; undefined keeps each node's previous selection.
 */
export function syncNodes(
  doc: GraphDocument,
  prev: readonly LayerFlowNode[],
  selection?: ReadonlySet<string>,
): LayerFlowNode[] {
  const prevById = new Map(prev.map((n) => [n.id, n]));
  return doc.nodes.map((g) => {
    const p = prevById.get(g.id);
    const selected = selection ? selection.has(g.id) : (p?.selected ?? false);
    if (p && p.data.node === g && p.selected === selected) return p;
    // The name a screen reader reads when keyboard focus or the arrow keys reach the card.
    const ariaLabel = `${g.type} layer ${g.name}`;
    const view: LayerFlowNode = { id: g.id, type: g.type, position: g.position, data: { node: g }, selected, ariaLabel };
    if (p?.measured) view.measured = p.measured;
    if (p?.dragging) view.dragging = p.dragging;
    return view;
  });
}

/** Rebuild the React Flow edges from the document, keeping the selection of edges that still exist. */
export function syncEdges(
  doc: GraphDocument,
  prev: readonly ShapeFlowEdge[],
  selection?: ReadonlySet<string>,
): ShapeFlowEdge[] {
  const prevById = new Map(prev.map((e) => [e.id, e]));
  return doc.edges.map((g) => {
    const p = prevById.get(g.id);
    const selected = selection ? selection.has(g.id) : (p?.selected ?? false);
    if (p && p.source === g.source && p.target === g.target && p.selected === selected) return p;
    return { id: g.id, type: 'shape', source: g.source, target: g.target, selected, data: {} };
  });
}

/** Ids of the selected view items. */
export function selectedIds(items: readonly { id: string; selected?: boolean }[]): string[] {
  return items.filter((i) => i.selected).map((i) => i.id);
}
