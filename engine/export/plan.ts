import { withDefaults } from '@/graph/catalog';
import type { ParamCounts } from '@/graph/catalog/types';
import { defaultNodeName } from '@/graph/ids';
import { inferShapes } from '@/graph/shapes';
import { headClasses, taskInfo, type TaskInfo } from '@/graph/tasks';
import type { GraphDocument, NodeType, Params, Shape, TaskKind, TrainingSettings } from '@/graph/types';
import { validate } from '@/graph/validate';
import { layerNames } from '../compile/names';
import { assignNames, commentText } from './identifiers';

/** One node as every exporter sees it: params with defaults, shapes known, names assigned. */
export interface PlanNode {
  id: string;
  type: NodeType;
  /** The user's label (untrusted text: escape before showing it in code). */
  name: string;
  params: Params;
  /**
   * `layer`: the tfjs/Keras layer name, exactly as engine/compile names it (so weight names match);
   * `code`: a Python/JS identifier for the PyTorch attribute, state-dict prefix and tensor variable.
   */
  names: { layer: string; code: string };
  /** Nodes feeding this one, in edge order (the order of Add/Concatenate inputs). */
  inputs: PlanNode[];
  /** Their output shapes, NHWC with batch null. */
  inputShapes: Shape[];
  /** This node's output shape, NHWC with batch null. */
  shape: Shape;
  counts: ParamCounts;
  /** Frozen in Convas and holding weights: exported as not trainable (GraphNode.frozen). */
  frozen: boolean;
}

/** What the exporters generate code from: a valid graph, in topological order, ready to print. */
export interface ExportPlan {
  /** The document's title or "Convas model" (untrusted text). */
  title: string;
  /** Nodes on a path from the Input to the Output, in topological order (Input first, Output last). */
  nodes: PlanNode[];
  input: PlanNode;
  output: PlanNode;
  task: {
    id: string;
    kind: TaskKind;
    /** Outputs of the head per image or pixel (1 for binary masks). */
    headClasses: number;
    /** Names of the head's outputs (classification: the classes; binary masks: the foreground). */
    classes: string[];
  };
  training: TrainingSettings;
  /** Parameter totals of the exported nodes (BatchNorm moving statistics are the non-trainable ones). */
  totals: ParamCounts;
}

/** The graph cannot be exported; `issues` holds validation's messages, one per problem. */
export class ExportError extends Error {
  constructor(readonly issues: string[]) {
    super(`This graph cannot be exported until its errors are fixed:\n- ${issues.join('\n- ')}`);
    this.name = 'ExportError';
  }
}

/**
 * Checks a document and lays it out for the exporters. Throws ExportError listing validation's errors when
 * the graph is not valid (an exporter must never print code for a graph that does not compile). `info`
 * describes an imported dataset's task that the built-in table does not know.
 */
export function planExport(doc: GraphDocument, info?: TaskInfo): ExportPlan {
  const task = info ?? taskInfo(doc.task.id);
  const report = inferShapes(doc, doc.task, task);
  const errors = validate(doc, doc.task, report, task).filter((i) => i.severity === 'error');
  if (errors.length || !task) throw new ExportError(errors.length ? errors.map((e) => e.message) : ['Unknown task.']);

  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const outputNode = doc.nodes.find((n) => n.type === 'Output');
  if (!outputNode) throw new ExportError(['The graph has no Output node.']);
  // Validation guarantees every node lies on an Input -> Output path; keep only those anyway.
  const needed = new Set<string>([outputNode.id]);
  for (let i = report.order.length - 1; i >= 0; i--) {
    const id = report.order[i];
    if (needed.has(id)) for (const src of report.inputs[id] ?? []) needed.add(src);
  }
  const order = report.order.filter((id) => needed.has(id));
  const tfjsNames = layerNames(doc.nodes);
  const codeNames = assignNames(
    order.map((id) => {
      const node = byId.get(id);
      return { name: node?.name ?? '', fallback: node ? defaultNodeName(node.type) : 'layer' };
    }),
  );
  const planned = new Map<string, PlanNode>();
  const nodes: PlanNode[] = order.map((id, i) => {
    const node = byId.get(id);
    const shape = report.nodes[id]?.shape;
    if (!node || !shape) throw new ExportError([`Node "${id}" has no shape.`]);
    const inputs = (report.inputs[id] ?? []).map((src) => planned.get(src) as PlanNode);
    const p: PlanNode = {
      id,
      type: node.type,
      name: node.name,
      params: withDefaults(node.type, node.params),
      names: { layer: tfjsNames.get(id) ?? codeNames[i], code: codeNames[i] },
      inputs,
      inputShapes: inputs.map((n) => n.shape),
      shape,
      counts: report.nodes[id].params,
      frozen: node.frozen === true && report.nodes[id].params.trainable + report.nodes[id].params.nonTrainable > 0,
    };
    planned.set(id, p);
    return p;
  });
  const input = nodes[0];
  const output = nodes[nodes.length - 1];
  if (input.type !== 'Input' || output.type !== 'Output') throw new ExportError(['The graph must run from one Input to one Output.']);

  const k = headClasses(task, doc.task.maskMode);
  // A binary mask head has one output, the foreground: the second class of a two-class task, else "foreground".
  const binary = task.classes.length === 2 ? task.classes[1] : 'foreground';
  const classes = task.kind === 'segmentation' && k === 1 ? [binary] : [...task.classes];
  const totals = nodes.reduce(
    (t, n) => ({ trainable: t.trainable + n.counts.trainable, nonTrainable: t.nonTrainable + n.counts.nonTrainable }),
    { trainable: 0, nonTrainable: 0 },
  );
  return {
    title: doc.name ?? 'Convas model',
    nodes,
    input,
    output,
    task: { id: task.id, kind: task.kind, headClasses: k, classes },
    training: doc.training,
    totals,
  };
}

/** `[H, W, C]` of an image shape (the caller knows it is one). */
export function hwc(shape: Shape): [number, number, number] {
  return [shape[1] ?? 0, shape[2] ?? 0, shape[3] ?? 0];
}

/** True for a `[null, H, W, C]` shape. */
export function isImageShape(shape: Shape): boolean {
  return shape.length === 4;
}

/**
 * The end-of-line comment of a layer in the Keras and TensorFlow.js sources: its shape without batch
 * (`32x32x16`), plus the node's own name where the layer name had to differ from it.
 */
export function layerShapeNote(node: PlanNode): string {
  const dims = node.shape.slice(1).join('x');
  return node.name === node.names.layer ? dims : `${dims}, node "${commentText(node.name, 60)}"`;
}
