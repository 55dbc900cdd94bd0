import { inferShapes } from '../shapes';
import type { Graph, TaskRef } from '../types';

/** Horizontal gap between cards in a row, and vertical gap between rows (px at zoom 1). */
const COLUMN_GAP = 56;
const ROW_GAP = 72;
/** Gap between a level's encoder part and its decoder part, where the skip connection runs (px). */
const SKIP_GAP = 120;

/**
 * A U-Net laid out as a U: one row per resolution (the input's size at the top, the bottleneck at the
 * bottom), the encoder on the left of each row descending to the bottleneck, the decoder on the right
 * climbing back to the Output, so each skip connection runs straight across its row. Rows read left to right.
 *
 * Returns null when the graph is not an encoder-decoder with skips: it needs image nodes at three or more
 * resolutions, a decoder (nodes after the deepest level back at a finer one) and at least one edge from an
 * encoder node straight to a decoder node.
 */
export function uLayout(
  graph: Graph,
  task: TaskRef,
  sizeOf: (id: string) => { width: number; height: number },
): Map<string, { x: number; y: number }> | null {
  const report = inferShapes(graph, task);
  const inputNode = graph.nodes.find((n) => n.type === 'Input');
  const input = inputNode ? report.nodes[inputNode.id]?.shape : null;
  if (!inputNode || !input || input.length !== 4 || !input[1]) return null;
  const top = input[1];
  // Level: how many halvings below the input's height (image nodes only; 1-D nodes follow their input).
  const level = new Map<string, number>();
  for (const id of report.order) {
    const s = report.nodes[id]?.shape;
    if (s && s.length === 4 && s[1]) level.set(id, Math.max(0, Math.round(Math.log2(top / s[1]))));
    else {
      const from = report.inputs[id]?.[0];
      if (from !== undefined && level.has(from)) level.set(id, level.get(from)!);
    }
  }
  if (level.size !== graph.nodes.length) return null;
  const deepest = Math.max(...level.values());
  if (deepest < 2) return null;

  // Encoder: everything up to the first node at the deepest level (in topological order); decoder: after.
  const firstDeep = report.order.findIndex((id) => level.get(id) === deepest);
  const lastDeep = report.order.findLastIndex((id) => level.get(id) === deepest);
  const encoder = new Set(report.order.slice(0, firstDeep));
  const bottom = report.order.slice(firstDeep, lastDeep + 1);
  const decoder = report.order.slice(lastDeep + 1);
  if (decoder.length === 0 || !decoder.some((id) => level.get(id)! < deepest)) return null;
  const decoderSet = new Set(decoder);
  if (!graph.edges.some((e) => encoder.has(e.source) && decoderSet.has(e.target))) return null;
  if (bottom.some((id) => level.get(id) !== deepest)) return null;

  const rowOf = (ids: readonly string[], l: number) => ids.filter((id) => level.get(id) === l);
  const width = (ids: readonly string[]) => ids.reduce((w, id) => w + sizeOf(id).width, 0) + Math.max(0, ids.length - 1) * COLUMN_GAP;
  const rowHeight = Math.max(...graph.nodes.map((n) => sizeOf(n.id).height)) + ROW_GAP;
  const encoderOrder = report.order.slice(0, firstDeep);
  const out = new Map<string, { x: number; y: number }>();
  const place = (ids: readonly string[], x0: number, y: number) => {
    let x = x0;
    for (const id of ids) {
      out.set(id, { x: Math.round(x), y: Math.round(y) });
      x += sizeOf(id).width + COLUMN_GAP;
    }
  };
  // The axis of the U: encoder rows end SKIP_GAP / 2 before it, decoder rows start SKIP_GAP / 2 after it.
  const axis = Math.max(0, ...Array.from({ length: deepest }, (_, l) => width(rowOf(encoderOrder, l)))) + SKIP_GAP / 2;
  for (let l = 0; l < deepest; l++) {
    const enc = rowOf(encoderOrder, l);
    place(enc, axis - SKIP_GAP / 2 - width(enc), l * rowHeight);
    place(rowOf(decoder, l), axis + SKIP_GAP / 2, l * rowHeight);
  }
  place(bottom, axis - width(bottom) / 2, deepest * rowHeight);
  // Nodes of the decoder at the deepest level (none in a plain U-Net) go after the bottleneck.
  const extra = decoder.filter((id) => level.get(id) === deepest);
  if (extra.length) place(extra, axis + width(bottom) / 2 + COLUMN_GAP, deepest * rowHeight);
  return out.size === graph.nodes.length ? out : null;
}
