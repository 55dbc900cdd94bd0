import dagre from '@dagrejs/dagre';
import type { Graph, GraphDocument } from '@/graph/types';

/** Card size assumed for nodes React Flow has not measured yet (px at zoom 1). */
export const DEFAULT_NODE_SIZE = { width: 208, height: 84 } as const;

/** Gaps between layers (columns) and between nodes in one column, px at zoom 1. */
const RANK_GAP = 80;
const NODE_GAP = 48;
/** Vertical gap between the bands of a folded layout: room for the edge that returns to the left. */
const BAND_GAP = 64;
/** Folding only when it makes the fitted view at least this much larger (fewer bands read more easily). */
const FOLD_GAIN = 1.25;
const MAX_BANDS = 6;

/** Options of {@link arrangePositions}. */
export interface ArrangeOptions {
  /** Measured card sizes by node id; missing ones use DEFAULT_NODE_SIZE. */
  sizes?: ReadonlyMap<string, { width: number; height: number }>;
  /**
   * Width / height of the view the graph should fit. A long chain (First CNN has 10 layers) laid out in
   * one row would be tiny in the view, so its columns are folded into bands that read left to right and
   * top to bottom, like lines of text, when that makes the fitted graph larger. Omit to never fold.
   */
  aspect?: number;
}

/**
 * Lay the graph out left to right with dagre (inputs on the left, the head on the right), so a residual or
 * U-Net graph reads like its diagram; long chains fold into bands (see ArrangeOptions.aspect). Returns the
 * new top-left position of every node in whole pixels.
 */
export function arrangePositions(graph: Graph, options: ArrangeOptions = {}): Map<string, { x: number; y: number }> {
  const sizes = options.sizes ?? new Map();
  const sizeOf = (id: string) => sizes.get(id) ?? DEFAULT_NODE_SIZE;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...sizeOf(node.id) });
  for (const edge of graph.edges) {
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  }
  dagre.layout(g);

  // Top-left corners (dagre gives centres).
  const laid = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const c = g.node(node.id);
    const s = sizeOf(node.id);
    laid.set(node.id, { x: c.x - s.width / 2, y: c.y - s.height / 2 });
  }
  const folded = options.aspect ? fold(graph, laid, sizeOf, options.aspect) : laid;
  const out = new Map<string, { x: number; y: number }>();
  for (const [id, p] of folded) out.set(id, { x: Math.round(p.x), y: Math.round(p.y) });
  return out;
}

/**
 * Fold a left-to-right layout into bands of whole columns (a column is a set of nodes sharing one x),
 * choosing the band count whose bounding box fits a view of the given aspect at the largest scale.
 */
function fold(
  graph: Graph,
  laid: Map<string, { x: number; y: number }>,
  sizeOf: (id: string) => { width: number; height: number },
  aspect: number,
): Map<string, { x: number; y: number }> {
  if (graph.nodes.length === 0) return laid;
  const columns = [...new Set(graph.nodes.map((n) => Math.round(laid.get(n.id)!.x)))].sort((a, b) => a - b);
  const top = Math.min(...graph.nodes.map((n) => laid.get(n.id)!.y));
  const height = Math.max(...graph.nodes.map((n) => laid.get(n.id)!.y + sizeOf(n.id).height)) - top;
  const widthOf = (from: number, to: number) => {
    const ids = graph.nodes.filter((n) => {
      const x = Math.round(laid.get(n.id)!.x);
      return x >= columns[from] && x <= columns[to];
    });
    return Math.max(...ids.map((n) => laid.get(n.id)!.x + sizeOf(n.id).width)) - columns[from];
  };
  // Relative scale at which a w x h box fits the view: min(aspect / w, 1 / h).
  const scale = (bands: number) => {
    const per = Math.ceil(columns.length / bands);
    let w = 0;
    for (let b = 0; b < bands && b * per < columns.length; b++) w = Math.max(w, widthOf(b * per, Math.min(columns.length, (b + 1) * per) - 1));
    const usedBands = Math.ceil(columns.length / per);
    const h = usedBands * height + (usedBands - 1) * BAND_GAP;
    return Math.min(aspect / w, 1 / h);
  };
  let best = 1;
  for (let k = 2; k <= Math.min(MAX_BANDS, columns.length); k++) if (scale(k) > scale(best) * FOLD_GAIN) best = k;
  if (best === 1) return laid;
  const per = Math.ceil(columns.length / best);
  const out = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const p = laid.get(node.id)!;
    const col = columns.indexOf(Math.round(p.x));
    const band = Math.floor(col / per);
    out.set(node.id, { x: p.x - columns[band * per] + columns[0], y: p.y + band * (height + BAND_GAP) });
  }
  return out;
}

/** A document with its nodes arranged (see {@link arrangePositions}); used for templates as they are opened. */
export function arrangeDocument(doc: GraphDocument, aspect?: number): GraphDocument {
  const positions = arrangePositions(doc, { aspect });
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
