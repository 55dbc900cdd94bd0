/**
 * Graph document -> tf.LayersModel through the functional API: validation first (a graph with errors is
 * refused with graph/validate's messages), then one builder per node in topological order, inputs in edge
 * order (so Add and Concatenate see them as drawn), layer names from node names.
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../../graph/catalog';
import type { GraphIssue } from '../../graph/issues';
import { inferShapes, type ShapeReport } from '../../graph/shapes';
import { taskInfo, type TaskInfo } from '../../graph/tasks';
import type { DiceMode, Graph, GraphDocument, GraphNode, SegmentationLoss } from '../../graph/types';
import { validate } from '../../graph/validate';
import { hashSeed } from '../datasets/rng';
import { LAYER_BUILDERS } from './builders';
import { headFor, type HeadSpec } from './head';
import { withSeededDropout } from './dropoutSeeds';
import { headLogits, type HeadParts } from './logits';
import { lossFor, type LossFn } from './losses';
import { layerNames, sanitizeLayerName } from './names';

/** Options of {@link compileGraph}. */
export interface CompileOptions {
  /** Task description for imported datasets (default: graph/tasks.ts lookup of `doc.task.id`). */
  info?: TaskInfo;
  /** Overrides `doc.training.segmentationLoss`. */
  segmentationLoss?: SegmentationLoss;
  /** Overrides `doc.training.diceMode`. */
  diceMode?: DiceMode;
  /**
   * Seeds the kernel initialisers (per node, from this seed and the node id), so the same seed starts
   * from the same weights, and the Dropout masks of the training passes (./dropoutSeeds.ts), so the same
   * seed repeats a run. Unseeded (Math.random) when undefined.
   */
  seed?: number;
  /** A data-parallel replica's own Dropout stream (its slot; default 0, the coordinator's). */
  dropoutStream?: number;
}

/** A compiled graph. The caller owns `model` and disposes it (`model.dispose()` frees its weights). */
export interface CompiledGraph {
  ok: true;
  model: tf.LayersModel;
  head: HeadSpec;
  /** The head's loss on logits (engine/compile/losses.ts); class weights apply to classification only. */
  loss: LossFn;
  /**
   * The head's logits for a batch `x`: the model up to the Output's softmax or sigmoid, sharing the model's
   * weights. Training and the loss go through these; `model` gives the probabilities. Call inside tf.tidy.
   */
  logits: (x: tf.Tensor, training: boolean) => tf.Tensor;
  /** The Output's bias (a projection head's), which training starts at the class prior; null without one. */
  headBias: tf.LayerVariable | null;
  lossName: string;
  /** The Input's [height, width, channels]. */
  inputShape: [number, number, number];
  /** tfjs layer name of every node in the model, by node id (nodes off the Input-Output path are absent). */
  layers: Record<string, string>;
  /** Shape inference the model was built from: its per-node shapes and parameter counts equal the model's. */
  report: ShapeReport;
  /** Validation warnings (errors refuse compilation). */
  warnings: GraphIssue[];
}

/** Compilation refused: the graph's validation errors, each with its message and fix. */
export interface CompileFailure {
  ok: false;
  issues: GraphIssue[];
}

export type CompileResult = CompiledGraph | CompileFailure;

type Compilable = Graph & Pick<GraphDocument, 'task'> & { name?: string; training?: Partial<Pick<GraphDocument['training'], 'segmentationLoss' | 'diceMode'>> };

/** Nodes the Output depends on: only they become layers (others are 'not-connected' warnings). */
function neededNodes(outputId: string, report: ShapeReport): Set<string> {
  const seen = new Set([outputId]);
  const stack = [outputId];
  while (stack.length) {
    for (const src of report.inputs[stack.pop() as string] ?? []) {
      if (!seen.has(src)) {
        seen.add(src);
        stack.push(src);
      }
    }
  }
  return seen;
}

/**
 * Compiles a graph document to a tfjs model on the active backend, with its head and loss.
 * Returns `{ ok: false, issues }` when graph/validate finds errors; never builds a half model.
 *
 * @example
 * const c = compileGraph(doc);
 * if (!c.ok) showIssues(c.issues); else { c.model.predict(x); c.model.dispose(); }
 */
export function compileGraph(doc: Compilable, opts: CompileOptions = {}): CompileResult {
  const info = opts.info ?? taskInfo(doc.task.id);
  const report = inferShapes(doc, doc.task, info);
  const issues = validate(doc, doc.task, report, info);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || !info) return { ok: false, issues: errors };

  const head = headFor(info, doc.task);
  const names = layerNames(doc.nodes);
  const byId = new Map<string, GraphNode>();
  for (const node of doc.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const input = doc.nodes.find((n) => n.type === 'Input') as GraphNode;
  const output = doc.nodes.find((n) => n.type === 'Output') as GraphNode;
  const needed = neededNodes(output.id, report);

  const tensors = new Map<string, tf.SymbolicTensor>();
  const layers: Record<string, string> = Object.create(null); // node ids as keys: "__proto__" too
  for (const id of report.order) {
    if (!needed.has(id)) continue;
    const node = byId.get(id) as GraphNode;
    const name = names.get(id) as string;
    const inputs = (report.inputs[id] ?? []).map((src) => tensors.get(src) as tf.SymbolicTensor);
    const params = withDefaults(node.type, node.params);
    const seed = opts.seed === undefined ? undefined : hashSeed(opts.seed, 'init', id);
    tensors.set(id, LAYER_BUILDERS[node.type]({ inputs, params, name, head, seed }));
    layers[id] = name;
  }

  const model = tf.model({
    name: sanitizeLayerName(doc.name ?? 'convas', 'convas'),
    inputs: tensors.get(input.id) as tf.SymbolicTensor,
    outputs: tensors.get(output.id) as tf.SymbolicTensor,
  });
  // Frozen nodes keep their weights: tfjs leaves a non-trainable layer's weights out of trainableWeights,
  // which is what the training step and the data-parallel replicas differentiate.
  for (const node of doc.nodes) if (node.frozen && layers[node.id]) model.getLayer(layers[node.id]).trainable = false;
  const shape = report.nodes[input.id].shape as readonly number[];
  const loss = lossFor(head, {
    segmentationLoss: opts.segmentationLoss ?? doc.training?.segmentationLoss ?? 'bce+dice',
    diceMode: opts.diceMode ?? doc.training?.diceMode ?? 'batch',
  });
  const parts: HeadParts = {
    input: tensors.get(input.id) as tf.SymbolicTensor,
    beforeHead: tensors.get((report.inputs[output.id] ?? [])[0]) as tf.SymbolicTensor,
    headLayer: model.getLayer(layers[output.id]),
    projection: withDefaults('Output', output.params).projection === true,
  };
  const { logits, headBias } = headLogits(parts);
  return {
    ok: true,
    model,
    head,
    loss: loss.fn,
    lossName: loss.name,
    logits: opts.seed === undefined ? logits : withSeededDropout(logits, model, opts.seed, opts.dropoutStream ?? 0),
    headBias,
    inputShape: [shape[1], shape[2], shape[3]],
    layers,
    report,
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}
