import { catalogEntry, checkParams, withDefaults } from './catalog';
import { elements, isImage } from './catalog/shared';
import type { CatalogEntry, InferContext, ParamCounts, ShapeError } from './catalog/types';
import { makeIssue } from './issues';
import { headClasses, taskInfo, type TaskInfo } from './tasks';
import type { Graph, GraphNode, Shape, TaskRef } from './types';

/** Receptive field of one output pixel, in input pixels: `size` (r) and `jump` (j, input pixels per output step). */
export interface FieldInfo {
  /** r, rounded up to whole input pixels (an upsampled map can have a fractional r). */
  size: number;
  /** j: 1 at the Input, times the stride at each downsampling, divided by the factor at each upsampling. */
  jump: number;
}

/** What shape inference says about one node. Numbers are per image. */
export interface NodeShape {
  /** Output shape, `[null, H, W, C]` or `[null, N]`; null when it failed here or upstream, or the node is unreachable. */
  shape: Shape | null;
  params: ParamCounts;
  /** null for vectors (no spatial meaning) and failed nodes. */
  field: FieldInfo | null;
  /** Multiply-adds per image (weighted layers: convolutions, Dense, the head's projection, BatchNorm's scale). */
  macs: number;
  /** Numbers in the output per image (x4 bytes in float32). */
  activationElements: number;
  /** This node's own problem; a node downstream of a failure has shape null and no error. */
  error?: ShapeError & { message: string };
}

export interface ShapeTotals {
  trainable: number;
  nonTrainable: number;
  macs: number;
  activationElements: number;
}

/** The result of `inferShapes`. */
export interface ShapeReport {
  /** Per node id (first node of a duplicated id only). Every node of the graph has an entry. */
  nodes: Record<string, NodeShape>;
  /** Topological order (Kahn; ties in node order) of the nodes outside cycles and not downstream of one. */
  order: string[];
  /** Ids of the nodes that lie on a cycle. */
  cycle: string[];
  /** Each node's input node ids in edge order (edges to or from missing nodes, or out of an Output, dropped). */
  inputs: Record<string, string[]>;
  totals: ShapeTotals;
  /** The context given to the catalog; null when the task is unknown (Output shapes are then null). */
  context: InferContext | null;
}

const NO_COUNTS: ParamCounts = { trainable: 0, nonTrainable: 0 };

function empty(): NodeShape {
  return { shape: null, params: NO_COUNTS, field: null, macs: 0, activationElements: 0 };
}

function withMessage(error: ShapeError, nodeId: string): ShapeError & { message: string } {
  return { ...error, message: makeIssue(error.code, nodeId, error.params).message };
}

/** The shape of the first Input node, when its params are valid. */
function firstInputShape(nodes: readonly GraphNode[]): Shape | null {
  const node = nodes.find((n) => n.type === 'Input');
  if (!node) return null;
  const params = withDefaults('Input', node.params);
  if (checkParams(catalogEntry('Input'), params)) return null;
  const r = catalogEntry('Input').inferShape([], params, { headClasses: 0, taskKind: 'classification', inputShape: null });
  return r.ok ? r.shape : null;
}

/** Nodes on cycles among `rest` (indices): Tarjan's strongly connected components, iteratively. */
function cycleNodes(rest: number[], outs: number[][], n: number): Set<number> {
  const inRest = new Uint8Array(n);
  for (const i of rest) inRest[i] = 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result = new Set<number>();
  let counter = 0;
  for (const root of rest) {
    if (index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const frame = work[work.length - 1];
      const v = frame[0];
      const next = outs[v];
      if (frame[1] < next.length) {
        const w = next[frame[1]++];
        if (!inRest[w]) continue;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1][0]] = Math.min(low[work[work.length - 1][0]], low[v]);
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || outs[v].includes(v)) for (const c of comp) result.add(c);
      }
    }
  }
  return result;
}

/**
 * Infers every node's output shape, parameter counts, receptive field, multiply-adds and activation size,
 * in topological order. Never throws for user mistakes: a node's own problem lands in its `error`, and
 * nodes after it get shape null. `info` overrides the task lookup (imported datasets).
 *
 * Receptive field: r = 1, j = 1 at the Input; a windowed layer gives r += d(k-1) j and j *= s
 * (DESIGN.md section 3). Where branches merge (Add, Concatenate) the output takes the largest r and j of its
 * inputs: the region an output pixel may depend on is the union of its inputs' regions, whose size is the
 * largest of them when the branches are centred on the same pixel.
 *
 * Example: Input 5x5x1 -> Conv2D 3x3 valid gives the Conv2D shape [null, 3, 3, 16], field { size: 3, jump: 1 }.
 */
export function inferShapes(graph: Graph, task: TaskRef, info?: TaskInfo): ShapeReport {
  const nodes: GraphNode[] = [];
  const indexOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (indexOf.has(node.id)) continue;
    indexOf.set(node.id, nodes.length);
    nodes.push(node);
  }
  const n = nodes.length;
  const entries: (CatalogEntry | undefined)[] = nodes.map((node) => catalogEntry(node.type));
  const ins: number[][] = nodes.map(() => []);
  const outs: number[][] = nodes.map(() => []);
  const indegree = new Int32Array(n);
  for (const edge of graph.edges) {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    if (s === undefined || t === undefined) continue;
    if (entries[s] && !entries[s].hasOutput) continue;
    ins[t].push(s);
    outs[s].push(t);
    indegree[t]++;
  }

  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let head = 0; head < order.length; head++) {
    for (const t of outs[order[head]]) if (--indegree[t] === 0) order.push(t);
  }

  const known = info ?? taskInfo(task.id);
  const inputShape = firstInputShape(nodes);
  const context: InferContext | null = known
    ? { headClasses: headClasses(known, task.maskMode), taskKind: known.kind, inputShape }
    : null;
  const ctx: InferContext = context ?? { headClasses: 0, taskKind: 'classification', inputShape };

  // Keyed by user-chosen node ids: no prototype, so an id like "__proto__" is an ordinary key.
  const report: Record<string, NodeShape> = Object.create(null);
  const shapes: (Shape | null)[] = new Array(n).fill(null);
  const fieldR = new Float64Array(n);
  const fieldJ = new Float64Array(n);
  const hasField = new Uint8Array(n);
  const totals: ShapeTotals = { trainable: 0, nonTrainable: 0, macs: 0, activationElements: 0 };

  for (const i of order) {
    const node = nodes[i];
    const out = empty();
    report[node.id] = out;
    const entry = entries[i];
    if (!entry) {
      out.error = withMessage({ ok: false, code: 'unknown-type', params: { type: String(node.type) } }, node.id);
      continue;
    }
    const params = withDefaults(entry.type, node.params ?? {});
    const count = ins[i].length;
    if (count < entry.inputs.min || count > entry.inputs.max) {
      out.error = withMessage(
        { ok: false, code: 'wrong-input-count', params: { type: entry.type, min: entry.inputs.min, max: entry.inputs.max, got: count } },
        node.id,
      );
      continue;
    }
    const paramError = checkParams(entry, params);
    if (paramError) {
      out.error = withMessage(paramError, node.id);
      continue;
    }
    const inputs: Shape[] = [];
    for (const s of ins[i]) {
      const shape = shapes[s];
      if (!shape) break;
      inputs.push(shape);
    }
    if (inputs.length < count) continue;
    if (entry.type === 'Output' && !context) continue;
    const result = entry.inferShape(inputs, params, ctx);
    if (!result.ok) {
      out.error = withMessage(result, node.id);
      continue;
    }
    const shape = result.shape;
    shapes[i] = shape;
    out.shape = shape;
    const counts = entry.paramCount(inputs, params, shape, ctx);
    // A frozen node's weights are not trained: they count as non-trainable, as tfjs and Keras count them.
    out.params = node.frozen ? { trainable: 0, nonTrainable: counts.trainable + counts.nonTrainable } : counts;
    out.macs = entry.macs(inputs, params, shape, ctx);
    out.activationElements = elements(shape);
    totals.trainable += out.params.trainable;
    totals.nonTrainable += out.params.nonTrainable;
    totals.macs += out.macs;
    totals.activationElements += out.activationElements;

    if (!isImage(shape)) continue;
    let r = 1;
    let j = 1;
    if (count > 0) {
      let any = false;
      r = 0;
      j = 0;
      for (const s of ins[i]) {
        if (!hasField[s]) continue;
        any = true;
        if (fieldR[s] > r) r = fieldR[s];
        if (fieldJ[s] > j) j = fieldJ[s];
      }
      if (!any) continue;
      const step = entry.fieldStep?.(params);
      if (step) {
        r += step.dilation * (step.kernel - 1) * j;
        j *= step.stride;
      }
    }
    fieldR[i] = r;
    fieldJ[i] = j;
    hasField[i] = 1;
    out.field = { size: Math.ceil(r - 1e-9), jump: j };
  }

  const rest: number[] = [];
  for (let i = 0; i < n; i++) {
    if (indegree[i] > 0) {
      rest.push(i);
      report[nodes[i].id] = empty();
    }
  }
  const cyc = rest.length ? cycleNodes(rest, outs, n) : new Set<number>();

  const inputs: Record<string, string[]> = Object.create(null);
  for (let i = 0; i < n; i++) inputs[nodes[i].id] = ins[i].map((s) => nodes[s].id);
  return {
    nodes: report,
    order: order.map((i) => nodes[i].id),
    cycle: rest.filter((i) => cyc.has(i)).map((i) => nodes[i].id),
    inputs,
    totals,
    context,
  };
}
