import { CATALOG, checkParams, withDefaults } from '@/graph/catalog';
import { createDocument, DOCUMENT_LIMITS } from '@/graph/document';
import { arrangeDocument } from '@/graph/edit';
import { MAX_NAME_LENGTH, uniqueName } from '@/graph/ids';
import { inferShapes } from '@/graph/shapes';
import type { GraphEdge, GraphNode, Params, Shape } from '@/graph/types';
import { KERAS_WEIGHTS, type WeightRole } from '../export/layout';
import type { PlanNode } from '../export/plan';
import { sizeOf, type NamedTensor } from '../export/tensor';
import { chooseTask } from './head';
import { FORMAT_LABELS, ModelImportError, type ImportedModel, type SourceLayer, type SourceModel, type UnsupportedLayer } from './types';

/**
 * The importers' common form -> a Convas graph document with weights and a summary. Unsupported layers are
 * bridged (their consumers read their input) and listed; the model's last layer becomes the Output head
 * (a Dense, or a 1x1 Conv2D for masks, with its weights, or a plain softmax/sigmoid); the task is chosen
 * from the output; the graph is arranged; weights that do not fit the node's shapes are left out and said.
 */

interface Draft {
  id: string;
  layer: SourceLayer;
  type: GraphNode['type'];
  params: Params;
  inputs: string[];
  weights: Partial<Record<WeightRole, NamedTensor>>;
}

const HEAD_ACTIVATIONS = new Set(['softmax', 'sigmoid', 'linear']);

function nodeName(name: string, taken: Set<string>): string {
  const clean = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  const unique = uniqueName(clean || 'layer', taken);
  taken.add(unique);
  return unique;
}

/** Ones or zeros of a length, as a weight. */
function filled(name: string, n: number, value: number): NamedTensor {
  return { name, shape: [n], data: new Float32Array(n).fill(value) };
}

/** Builds the document, weights and summary of a source model. Throws ModelImportError when nothing usable is left. */
export function buildImport(model: SourceModel): ImportedModel {
  const notes = [...model.notes];
  if (model.layers.length > DOCUMENT_LIMITS.maxNodes) {
    throw new ModelImportError(`The model has ${model.layers.length} layers; a Convas graph holds at most ${DOCUMENT_LIMITS.maxNodes}.`);
  }
  const unsupported: UnsupportedLayer[] = [];
  const omitted: UnsupportedLayer[] = [];
  // Where each source layer's output comes from once unsupported layers are bridged.
  const resolved = new Map<string, string | null>();
  const drafts = new Map<string, Draft>();
  let n = 0;
  for (const layer of model.layers) {
    const inputs = layer.inputs.map((i) => resolved.get(i)).filter((i): i is string => typeof i === 'string');
    // Values the catalog cannot hold (NaN from a damaged file, 2048 filters) are listed, never clamped.
    const bad = layer.node && checkParams(CATALOG[layer.node.type], withDefaults(layer.node.type, layer.node.params));
    if (bad) {
      const p = bad.params;
      layer.unsupported = bad.code === 'param-out-of-range' ? `${String(p.label)} ${String(p.value)} is outside what Convas allows (${String(p.min)} to ${String(p.max)})` : `${String(p.label)} is ${String(p.value)}, not ${String(p.expected)}`;
      layer.node = undefined;
    }
    if (!layer.node && layer.omitted) {
      omitted.push({ name: layer.name, type: layer.sourceType, reason: layer.omitted });
      resolved.set(layer.name, inputs[0] ?? null);
      continue;
    }
    if (!layer.node) {
      unsupported.push({ name: layer.name, type: layer.sourceType, reason: layer.unsupported ?? 'not supported' });
      resolved.set(layer.name, inputs[0] ?? null);
      continue;
    }
    const id = `imp${++n}`;
    drafts.set(id, { id, layer, type: layer.node.type, params: { ...layer.node.params }, inputs, weights: { ...layer.weights } });
    resolved.set(layer.name, id);
  }
  // Layers left out on purpose are listed by summary.omitted (the dialog and the CLI show them), not in the notes.
  if (unsupported.length) {
    notes.push(`${unsupported.length} layer${unsupported.length === 1 ? '' : 's'} could not be imported and ${unsupported.length === 1 ? 'is' : 'are'} bridged (the next layer reads ${unsupported.length === 1 ? 'its' : 'their'} input): outputs differ from the source until ${unsupported.length === 1 ? 'it is' : 'they are'} rebuilt.`);
  }
  const input = [...drafts.values()].find((d) => d.type === 'Input');
  if (!input) throw new ModelImportError('The model has no input layer Convas can read.');
  const last = resolved.get(model.output);
  if (!last || last === input.id) throw new ModelImportError('None of the model\'s layers between its input and its output could be imported.');

  // --- The head: fold the last Dense / 1x1 Conv2D (and a final softmax or sigmoid) into the Output node.
  const consumers = (id: string) => [...drafts.values()].filter((d) => d.inputs.includes(id)).length;
  let tail = drafts.get(last) as Draft;
  let headActivation = 'linear';
  let folded = false;
  // A final softmax/sigmoid layer that folds into a plain Output gives the Output its name.
  let outputName = 'output';
  if (tail.type === 'Activation' && HEAD_ACTIVATIONS.has(String(tail.params.activation)) && tail.inputs.length === 1) {
    headActivation = String(tail.params.activation);
    folded = true;
    outputName = tail.layer.name;
    drafts.delete(tail.id);
    tail = drafts.get(tail.inputs[0]) as Draft;
  } else if ((tail.type === 'Dense' || tail.type === 'Conv2D') && HEAD_ACTIVATIONS.has(String(tail.params.activation))) {
    headActivation = String(tail.params.activation);
  }
  const isProjection =
    consumers(tail.id) === 0 &&
    // A final softmax layer folds only onto a projection without its own activation.
    (!folded || tail.params.activation === 'linear') &&
    (tail.type === 'Dense' || (tail.type === 'Conv2D' && tail.params.kernelSize === 1 && tail.params.strides === 1 && tail.params.dilationRate === 1));

  // Shapes of the body, to know the head's kind and size.
  const channels = Number(input.params.channels);
  const bodyNodes = (): GraphNode[] => [...drafts.values()].map((d) => ({ id: d.id, type: d.type, name: d.id, params: withDefaults(d.type, d.params), position: { x: 0, y: 0 } }));
  const bodyEdges = (): GraphEdge[] => [...drafts.values()].flatMap((d) => d.inputs.map((src, k) => ({ id: `${d.id}-${k}`, source: src, target: d.id })));
  const bodyShapes = inferShapes({ nodes: bodyNodes(), edges: bodyEdges() }, { id: 'random-classify' });
  const headInput = isProjection ? tail.inputs[0] : tail.id;
  const before: Shape | null = headInput ? bodyShapes.nodes[headInput]?.shape ?? null : null;
  const tailShape = bodyShapes.nodes[tail.id]?.shape ?? null;
  const segmentation = (tailShape?.length ?? before?.length) === 4;
  const outputs = isProjection ? Number(tail.type === 'Dense' ? tail.params.units : tail.params.filters) : Number(tailShape?.at(-1) ?? 0);
  const choice = chooseTask(segmentation ? 'segmentation' : 'classification', outputs, channels);

  let outputId: string;
  let projection: boolean;
  let headWeights: Partial<Record<WeightRole, NamedTensor>> = {};
  if (isProjection) {
    outputId = tail.id;
    projection = true;
    headWeights = tail.weights;
    drafts.set(tail.id, { ...tail, type: 'Output', params: {}, weights: {} });
  } else {
    if (HEAD_ACTIVATIONS.has(String(tail.params.activation)) && (tail.type === 'Dense' || tail.type === 'Conv2D')) tail.params.activation = 'linear';
    outputId = `imp${++n}`;
    projection = !choice.exact;
    drafts.set(outputId, { id: outputId, layer: { name: 'output', sourceType: 'Output', inputs: [], weights: {} }, type: 'Output', params: {}, inputs: [tail.id], weights: {} });
  }
  const output = drafts.get(outputId) as Draft;
  output.params = { head: choice.info.kind, projection };
  const taskName = `"${choice.info.title}"${choice.task.maskMode === 'multiclass' ? ' (multi-class masks)' : ''}`;
  if (choice.exact) {
    notes.push(`The model's ${outputs} output${outputs === 1 ? '' : 's'} ${segmentation ? 'per pixel' : 'per image'} fit the task ${taskName}.`);
    if (headActivation !== choice.activation) {
      notes.push(
        headActivation === 'linear'
          ? `The model ends in raw scores (logits); Convas' Output applies ${choice.activation} to them, so the outputs are probabilities with the same ranking.`
          : `The model ends in ${headActivation}; Convas' Output for this task applies ${choice.activation}.`,
      );
    }
    if (isProjection) {
      const size = tail.type === 'Dense' ? before?.[1] ?? 0 : before?.at(-1) ?? 0;
      const kernel = headWeights.kernel;
      if (kernel) {
        const shape = tail.type === 'Dense' ? [Number(size), outputs] : [1, 1, Number(size), outputs];
        output.weights = { kernel: { ...kernel, shape }, bias: headWeights.bias ?? filled('bias', outputs, 0) };
      }
    }
  } else {
    notes.push(
      `No bundled task has ${outputs} output${outputs === 1 ? '' : 's'} ${segmentation ? 'per pixel' : 'per image'}: the graph is set to ${taskName} with a new, untrained ${choice.classes}-way head${isProjection ? ` in place of "${tail.layer.name}"` : ''}. Fine-tune it on that task.`,
    );
  }

  // --- Nodes, edges, weights.
  const taken = new Set<string>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const d of drafts.values()) {
    nodes.push({ id: d.id, type: d.type, name: nodeName(d.type === 'Output' && !isProjection ? outputName : d.layer.name, taken), params: withDefaults(d.type, d.params), position: { x: 0, y: 0 } });
    d.inputs.forEach((src) => edges.push({ id: `e${edges.length + 1}`, source: src, target: d.id }));
  }
  let doc = createDocument({ nodes, edges }, choice.task, {}, model.name ? model.name.slice(0, 200) : undefined);
  const report = inferShapes(doc, doc.task, choice.info);
  const weights: NamedTensor[] = [];
  let weighted = 0;
  let withWeights = 0;
  let parameters = 0;
  for (const node of doc.nodes) {
    const shape = report.nodes[node.id]?.shape;
    const inputShapes = (report.inputs[node.id] ?? []).map((src) => report.nodes[src]?.shape);
    if (!shape || inputShapes.some((s) => !s)) continue;
    const plan = { id: node.id, type: node.type, params: node.params, shape, inputShapes } as unknown as PlanNode;
    const specs = KERAS_WEIGHTS[node.type](plan);
    if (!specs.length) continue;
    weighted++;
    const given = (drafts.get(node.id) as Draft).weights;
    if (!Object.keys(given).length) continue;
    const out: NamedTensor[] = [];
    for (const spec of specs) {
      let t = given[spec.role];
      if (!t && node.type === 'BatchNormalization' && (spec.role === 'gamma' || spec.role === 'beta')) t = filled(spec.role, spec.shape[0], spec.role === 'gamma' ? 1 : 0);
      if (!t || t.data.length !== sizeOf(spec.shape)) break;
      out.push({ name: `${node.id}/${spec.role}`, shape: spec.shape, data: t.data });
    }
    if (out.length !== specs.length) {
      notes.push(`The weights of "${node.name}" do not fit its shapes here (${specs.map((s) => `${s.role} [${s.shape.join(', ')}]`).join(', ')}): it starts untrained.`);
      continue;
    }
    withWeights++;
    parameters += out.reduce((a, t) => a + t.data.length, 0);
    weights.push(...out);
  }
  doc = arrangeDocument(doc);
  return {
    format: model.format,
    doc,
    weights,
    summary: {
      format: model.format,
      layers: model.layers.length,
      imported: model.layers.length - unsupported.length - omitted.length,
      unsupported,
      omitted,
      weighted,
      withWeights,
      parameters,
      notes: [`Read as ${/^[AEIOU]/.test(FORMAT_LABELS[model.format]) ? 'an' : 'a'} ${FORMAT_LABELS[model.format]}.`, ...notes],
    },
  };
}
