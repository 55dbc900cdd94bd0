import dagre from '@dagrejs/dagre';
import type { Graph, GraphDocument, TaskRef } from '../types';
import { blockEnds } from './blocks';
import { uLayout } from './uLayout';

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
/** With a readable band width, up to this many bands (a long VGG in rows of three cards). */
const MAX_READABLE_BANDS = 8;
/** A cut may carry at most this many edges back to the left (a residual unit's output feeds two). */
const MAX_CUT_EDGES = 2;
/** A band break that splits a block costs this factor of the fold's scale. */
const SPLIT_BLOCK_PENALTY = 0.7;
/** Above this many possible cuts the search (all subsets of up to MAX_BANDS - 1 cuts) is skipped. */
const MAX_CUTS_SEARCHED = 24;
/** Every band but the last must be at least this share of the longest one. */
const MIN_BAND_SHARE = 0.6;

/**
 * The view a layout should fit: its width / height, and optionally the widest band that reads at the
 * smallest readable zoom (px at zoom 1: the view's free width divided by that zoom). A plain number is
 * just the aspect.
 */
export type FitView = number | { aspect: number; maxBandWidth?: number };

/** The aspect and band limit of a FitView (undefined: no view, never fold). */
export function fitViewParts(view: FitView | undefined): { aspect?: number; maxBandWidth?: number } {
  if (view === undefined) return {};
  return typeof view === 'number' ? { aspect: view } : view;
}

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
  /**
   * Nodes that end a block (a pooling or strided layer, a residual unit's output): folds prefer to start a
   * band after them, so conv-relu-pool stays on one line.
   */
  blockEnds?: ReadonlySet<string>;
  /**
   * The widest band that stays readable in the view (px at zoom 1). With it, a fold whose bands all fit this
   * width wins over any that needs sideways panning at the readable zoom (taller is fine: people scroll
   * down, like text). Without it, or when no fold fits, the largest fitted scale wins.
   */
  maxBandWidth?: number;
  /**
   * The graph's task: with it, an encoder-decoder with skip connections (a U-Net) is laid out as a U, one
   * row per resolution (see uLayout.ts), instead of a strip of twenty columns.
   */
  task?: TaskRef;
}

/**
 * Lay the graph out left to right with dagre (inputs on the left, the head on the right), so a residual or
 * U-Net graph reads like its diagram; long chains fold into bands (see ArrangeOptions.aspect). Returns the
 * new top-left position of every node in whole pixels.
 */
export function arrangePositions(graph: Graph, options: ArrangeOptions = {}): Map<string, { x: number; y: number }> {
  const sizes = options.sizes ?? new Map();
  const sizeOf = (id: string) => sizes.get(id) ?? DEFAULT_NODE_SIZE;
  const u = options.task ? uLayout(graph, options.task, sizeOf) : null;
  if (u) return u;
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
  const folded = options.aspect ? fold(graph, laid, sizeOf, options.aspect, options.blockEnds ?? new Set(), options.maxBandWidth) : laid;
  const out = new Map<string, { x: number; y: number }>();
  for (const [id, p] of folded) out.set(id, { x: Math.round(p.x), y: Math.round(p.y) });
  return out;
}

/**
 * Fold a left-to-right layout into bands of whole columns (a column is the set of nodes sharing one x),
 * choosing the band count whose bounding box fits a view of the given aspect at the largest scale.
 * A band may only end where the graph narrows to one node: every edge crossing the cut (at most two) leaves
 * that node, the last of its band (a chain's link, the output of a residual unit). So a fold never cuts
 * through a branch or an inception module, and a U-Net, whose skips span the whole graph, stays in one piece.
 */
function fold(
  graph: Graph,
  laid: Map<string, { x: number; y: number }>,
  sizeOf: (id: string) => { width: number; height: number },
  aspect: number,
  blockEnds: ReadonlySet<string>,
  maxBandWidth?: number,
): Map<string, { x: number; y: number }> {
  if (graph.nodes.length === 0) return laid;
  const colX = (id: string) => Math.round(laid.get(id)!.x);
  const columns = [...new Set(graph.nodes.map((n) => colX(n.id)))].sort((a, b) => a - b);
  const colOf = new Map(graph.nodes.map((n) => [n.id, columns.indexOf(colX(n.id))]));
  const edges = graph.edges.filter((e) => colOf.has(e.source) && colOf.has(e.target));

  // Cut after column c is allowed when the edges crossing it all leave one node, which sits in column c alone.
  const cuts: number[] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const crossing = edges.filter((e) => colOf.get(e.source)! <= c && colOf.get(e.target)! > c);
    const sources = new Set(crossing.map((e) => e.source));
    const inColumn = graph.nodes.filter((n) => colOf.get(n.id) === c);
    if (crossing.length <= MAX_CUT_EDGES && sources.size === 1 && inColumn.length === 1 && sources.has(inColumn[0].id)) cuts.push(c);
  }
  if (cuts.length === 0) return laid;

  const top = Math.min(...graph.nodes.map((n) => laid.get(n.id)!.y));
  const height = Math.max(...graph.nodes.map((n) => laid.get(n.id)!.y + sizeOf(n.id).height)) - top;
  const rightOf = columns.map((_, c) =>
    Math.max(...graph.nodes.filter((n) => colOf.get(n.id) === c).map((n) => laid.get(n.id)!.x + sizeOf(n.id).width)),
  );
  const right = (c: number) => rightOf[c];
  // Cuts are only allowed after a column holding one node; whether that node ends a block.
  const endsBlock = new Set(cuts.filter((c) => graph.nodes.some((n) => colOf.get(n.id) === c && blockEnds.has(n.id))));

  const widths = (starts: number[]) => starts.map((start, i) => right((starts[i + 1] ?? columns.length) - 1) - columns[start]);
  /** Relative scale at which the folded box fits the view: min(aspect / width, 1 / height). */
  const scale = (starts: number[]) => {
    const h = starts.length * height + (starts.length - 1) * BAND_GAP;
    return Math.min(aspect / Math.max(...widths(starts)), 1 / h);
  };
  /** Bands of similar length read as one text; a stub band before a long one does not (the last may be short). */
  const balanced = (starts: number[]) => {
    const w = widths(starts);
    return w.slice(0, -1).every((x) => x >= Math.max(...w) * MIN_BAND_SHARE);
  };
  /** A fold is worth its scale, less for every band that does not end a block (conv-relu-pool, a residual unit). */
  const score = (starts: number[]) => {
    const split = starts.slice(1).filter((start) => !endsBlock.has(start - 1)).length;
    return scale(starts) * SPLIT_BLOCK_PENALTY ** split;
  };

  /** Greedy line-wrap of the columns into bands no wider than `limit` where the cuts allow. */
  const wrap = (limit: number): number[] => {
    const starts = [0];
    let lastCut = -1;
    let lastBlockCut = -1;
    for (let c = 0; c < columns.length; c++) {
      const start = starts[starts.length - 1];
      if (c > start && right(c) - columns[start] > limit && lastCut >= start) {
        const half = columns[start] + (right(lastCut) - columns[start]) / 2;
        const at = lastBlockCut >= start && right(lastBlockCut) >= half ? lastBlockCut : lastCut;
        starts.push(at + 1);
        lastCut = lastBlockCut = -1;
        c = at;
        continue;
      }
      if (cuts.includes(c)) {
        lastCut = c;
        if (endsBlock.has(c)) lastBlockCut = c;
      }
    }
    return starts;
  };

  // Every way to choose up to MAX_BANDS - 1 of the allowed cuts (a CNN has at most a few dozen). With a
  // readable band width, folds whose bands fit it come first (fewest bands, then score).
  const fits = (starts: number[]) => maxBandWidth !== undefined && Math.max(...widths(starts)) <= maxBandWidth;
  const maxBands = maxBandWidth !== undefined ? MAX_READABLE_BANDS : MAX_BANDS;
  let best = [0];
  let bestFits = fits(best);
  let bestScore = scale(best) * FOLD_GAIN;
  const visit = (starts: number[], from: number) => {
    if (starts.length > 1 && balanced(starts)) {
      const f = fits(starts);
      const sc = score(starts);
      if ((f && !bestFits) || (f === bestFits && sc > bestScore)) {
        best = [...starts];
        bestScore = sc;
        bestFits = f;
      }
    }
    if (starts.length >= maxBands) return;
    for (let i = from; i < cuts.length; i++) visit([...starts, cuts[i] + 1], i + 1);
  };
  if (cuts.length <= MAX_CUTS_SEARCHED && !bestFits) visit([0], 0);
  // Too many cuts to search (a 26-layer VGG), or none of the searched folds fits: wrap like text, each band
  // as wide as fits, broken after a block end when one lies in the band's second half.
  if (maxBandWidth !== undefined && !bestFits) {
    const wrapped = wrap(maxBandWidth);
    if (wrapped.length > 1) best = wrapped;
  }
  if (best.length === 1) return laid;
  const out = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const p = laid.get(node.id)!;
    const col = colOf.get(node.id)!;
    let band = 0;
    while (band + 1 < best.length && best[band + 1] <= col) band++;
    out.set(node.id, { x: p.x - columns[best[band]] + columns[0], y: p.y + band * (height + BAND_GAP) });
  }
  return out;
}

/** True when {@link arrangePositions} with this aspect would fold the graph into bands. */
export function wouldFold(graph: Graph, view: FitView, blockEnds?: ReadonlySet<string>): boolean {
  const plain = arrangePositions(graph);
  const folded = arrangePositions(graph, { ...fitViewParts(view), blockEnds });
  return graph.nodes.some((n) => plain.get(n.id)?.y !== folded.get(n.id)?.y);
}

/** A document with its nodes arranged (see {@link arrangePositions}); used for templates as they are opened. */
export function arrangeDocument(doc: GraphDocument, view?: FitView): GraphDocument {
  const positions = arrangePositions(doc, { ...fitViewParts(view), blockEnds: blockEnds(doc), task: doc.task });
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
