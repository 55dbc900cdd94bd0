import type { Graph, GraphNode } from '../types';

/** An arrow key's meaning on the canvas (see {@link neighbourAlong}). */
export type GraphDirection = 'next' | 'previous' | 'sibling-down' | 'sibling-up';

/** Top to bottom, then left to right: the order a reader scans parallel branches in. */
function byPosition(a: GraphNode, b: GraphNode): number {
  return a.position.y - b.position.y || a.position.x - b.position.x;
}

/**
 * The node the keyboard selection moves to from `fromId`, following the edges, or null when there is none
 * (the selection then stays where it is).
 * - 'next': the first node this one feeds (the top-most when it feeds several);
 * - 'previous': the first node feeding this one (the top-most when several join here);
 * - 'sibling-down' / 'sibling-up': the next or previous parallel branch, i.e. another node fed by the same
 *   node, in top-to-bottom order. In a plain chain there is no branch, so they follow the chain instead
 *   (down = next, up = previous): every arrow key then does something sensible.
 *
 * Example, Input -> Conv -> {ReLU, Pool} -> Add: from Conv 'next' is ReLU (drawn above Pool); from ReLU
 * 'sibling-down' is Pool; from Add 'previous' is ReLU.
 */
export function neighbourAlong(doc: Graph, fromId: string, direction: GraphDirection): string | null {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  if (!byId.has(fromId)) return null;
  const nodes = (ids: string[]) => ids.map((id) => byId.get(id)).filter((n): n is GraphNode => !!n).sort(byPosition);
  const successors = (id: string) => nodes(doc.edges.filter((e) => e.source === id).map((e) => e.target));
  const predecessors = (id: string) => nodes(doc.edges.filter((e) => e.target === id).map((e) => e.source));

  if (direction === 'next') return successors(fromId)[0]?.id ?? null;
  if (direction === 'previous') return predecessors(fromId)[0]?.id ?? null;

  const siblings = [...new Map(predecessors(fromId).flatMap((p) => successors(p.id)).map((n) => [n.id, n])).values()].sort(byPosition);
  if (siblings.length > 1) {
    const i = siblings.findIndex((n) => n.id === fromId);
    const j = i + (direction === 'sibling-down' ? 1 : -1);
    if (j >= 0 && j < siblings.length) return siblings[j].id;
  }
  return neighbourAlong(doc, fromId, direction === 'sibling-down' ? 'next' : 'previous');
}
