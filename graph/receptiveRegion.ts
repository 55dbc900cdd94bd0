/**
 * Where on the input image one output cell of a node looks: the receptive field of graph/shapes.ts (size r,
 * jump j) plus the offset of cell (0, 0)'s region, so output cell (row, col) maps to an input rectangle.
 * Pure: shapes come from inferShapes, window params from the catalog.
 */
import { intParam, paddingParam } from './catalog/shared';
import { poolStride } from './catalog/pooling';
import { withDefaults } from './catalog';
import { inferShapes, type ShapeReport } from './shapes';
import type { Graph, GraphNode, NodeType, Params, TaskRef } from './types';

/** The region along one axis: cell i sees input pixels [start + i*jump, start + i*jump + size - 1] (before clipping). */
export interface AxisRegion {
  /** First input pixel of cell 0's region; negative when padding reaches past the border. */
  start: number;
  /** r along this axis, in input pixels. */
  size: number;
  /** j along this axis: input pixels per output step. */
  jump: number;
}

/** One node's mapping from output cells to input pixels. */
export interface NodeRegion {
  rows: AxisRegion;
  cols: AxisRegion;
  /** The node's output height and width (the grid of cells). */
  outHeight: number;
  outWidth: number;
  /** The Input's height and width (the image the rectangles are clipped to). */
  inHeight: number;
  inWidth: number;
}

/** An input rectangle, inclusive bounds in pixels. */
export interface PixelRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The rectangle one output cell sees: clipped to the image, and as it would be without the border. */
export interface CellRegion {
  rect: PixelRect;
  unclipped: PixelRect;
  /** True when padding made the region reach past the image border. */
  clipped: boolean;
}

/** Kernel, stride, dilation and padding of the layers that slide a window; others return null. */
function windowOf(type: NodeType, p: Params): { k: number; s: number; d: number; same: boolean } | null {
  if (type === 'Conv2D') {
    return { k: intParam(p, 'kernelSize', 3), s: intParam(p, 'strides', 1), d: intParam(p, 'dilationRate', 1), same: paddingParam(p) === 'same' };
  }
  // Depthwise convolutions have no dilation (graph/catalog/depthwise.ts).
  if (type === 'DepthwiseConv2D' || type === 'SeparableConv2D') {
    return { k: intParam(p, 'kernelSize', 3), s: intParam(p, 'strides', 1), d: 1, same: paddingParam(p) === 'same' };
  }
  if (type === 'MaxPooling2D' || type === 'AveragePooling2D') {
    return { k: intParam(p, 'poolSize', 2), s: poolStride(p), d: 1, same: paddingParam(p, 'valid') === 'same' };
  }
  return null;
}

/** Layers that keep each pixel where it is (elementwise): the region passes through unchanged. */
const PASS_THROUGH: ReadonlySet<NodeType> = new Set<NodeType>(['Activation', 'BatchNormalization', 'Dropout']);

/** tfjs 'same' padding puts the smaller half of the total padding before the image (top / left). */
function padBefore(inLen: number, outLen: number, k: number, s: number, d: number, same: boolean): number {
  if (!same) return 0;
  const eff = d * (k - 1) + 1;
  return Math.floor(Math.max((outLen - 1) * s + eff - inLen, 0) / 2);
}

function step(a: AxisRegion, inLen: number, outLen: number, w: { k: number; s: number; d: number; same: boolean }): AxisRegion {
  const pad = padBefore(inLen, outLen, w.k, w.s, w.d, w.same);
  return { start: a.start - pad * a.jump, size: a.size + w.d * (w.k - 1) * a.jump, jump: a.jump * w.s };
}

/** The union of branches' regions (Add, Concatenate): from the earliest start to the latest end. */
function union(list: AxisRegion[]): AxisRegion {
  const start = Math.min(...list.map((a) => a.start));
  const end = Math.max(...list.map((a) => a.start + a.size));
  return { start, size: end - start, jump: Math.max(...list.map((a) => a.jump)) };
}

/**
 * Every node's cell-to-input mapping, by node id. null for nodes without an image output (vectors, failed
 * shapes), and for nodes at or after an upsampling (UpSampling2D, Conv2DTranspose): there one output cell
 * covers a fraction of an input step and no single rectangle per cell is meaningful here.
 *
 * Example: Input 28x28 -> Conv2D 3x3 valid -> Conv2D 3x3 valid -> MaxPooling2D 2 -> Conv2D 3x3 valid gives the
 * last node rows = cols = { start: 0, size: 10, jump: 2 }: cell (0, 0) sees pixels 0..9.
 */
export function receptiveRegions(graph: Graph, task: TaskRef, report: ShapeReport = inferShapes(graph, task)): Record<string, NodeRegion | null> {
  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const out: Record<string, NodeRegion | null> = Object.create(null); // node ids as keys: "__proto__" too
  const input = graph.nodes.find((n) => n.type === 'Input');
  const inShape = input ? report.nodes[input.id]?.shape : null;
  for (const id of Object.keys(report.nodes)) out[id] = null;
  if (!input || !inShape || inShape.length !== 4) return out;
  const inHeight = inShape[1] as number;
  const inWidth = inShape[2] as number;

  for (const id of report.order) {
    const node = byId.get(id) as GraphNode;
    const shape = report.nodes[id]?.shape;
    if (!shape || shape.length !== 4) continue;
    const outHeight = shape[1] as number;
    const outWidth = shape[2] as number;
    const base = { outHeight, outWidth, inHeight, inWidth };
    if (node.type === 'Input') {
      if (id !== input.id) continue;
      out[id] = { ...base, rows: { start: 0, size: 1, jump: 1 }, cols: { start: 0, size: 1, jump: 1 } };
      continue;
    }
    const sources = (report.inputs[id] ?? []).map((s) => out[s]);
    if (sources.length === 0 || sources.some((s) => !s)) continue;
    const ins = sources as NodeRegion[];
    const params = withDefaults(node.type, node.params ?? {});
    const w = windowOf(node.type, params);
    if (w) {
      const src = ins[0];
      out[id] = { ...base, rows: step(src.rows, src.outHeight, outHeight, w), cols: step(src.cols, src.outWidth, outWidth, w) };
    } else if (node.type === 'ZeroPadding2D') {
      const pad = intParam(params, 'padding', 1);
      const src = ins[0];
      out[id] = {
        ...base,
        rows: { ...src.rows, start: src.rows.start - pad * src.rows.jump },
        cols: { ...src.cols, start: src.cols.start - pad * src.cols.jump },
      };
    } else if (PASS_THROUGH.has(node.type)) {
      out[id] = { ...ins[0], ...base };
    } else if (node.type === 'Add' || node.type === 'Concatenate') {
      out[id] = { ...base, rows: union(ins.map((r) => r.rows)), cols: union(ins.map((r) => r.cols)) };
    }
    // Upsampling and anything else: null (see above).
  }
  return out;
}

/**
 * The input rectangle output cell (row, col) of a node sees, clipped to the image.
 * Example: rows = cols = { start: -1, size: 3, jump: 1 } (a 3x3 'same' conv), cell (0, 0) ->
 * rect { top: 0, left: 0, bottom: 1, right: 1 }, unclipped top/left -1, clipped true.
 */
export function cellRegion(region: NodeRegion, row: number, col: number): CellRegion {
  const top = region.rows.start + row * region.rows.jump;
  const left = region.cols.start + col * region.cols.jump;
  const unclipped = { top, left, bottom: top + region.rows.size - 1, right: left + region.cols.size - 1 };
  const rect = {
    top: Math.max(0, unclipped.top),
    left: Math.max(0, unclipped.left),
    bottom: Math.min(region.inHeight - 1, unclipped.bottom),
    right: Math.min(region.inWidth - 1, unclipped.right),
  };
  const clipped = rect.top !== unclipped.top || rect.left !== unclipped.left || rect.bottom !== unclipped.bottom || rect.right !== unclipped.right;
  return { rect, unclipped, clipped };
}
