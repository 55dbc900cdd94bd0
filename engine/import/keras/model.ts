import type { WeightRole } from '../../export/layout';
import type { NamedTensor } from '../../export/tensor';
import { ModelImportError, type ModelFormat, type SourceLayer, type SourceModel } from '../types';
import { mapKerasLayer, mapResizing } from './layers';
import { asDenseKernel, asDenseLayer, planOnePixelHead, resolveAlias } from './onePixelHead';
import type { KerasTopology } from './topology';

/**
 * A Keras topology and its weights -> the importers' common form. Weights come grouped by layer name (tfjs
 * manifests, .h5 groups); within a layer they are matched by role (`.../kernel`, `.../kernel:0`) or, where a
 * file names them by position only (Keras 3's `vars/0`), taken in Keras order.
 */

/** Default side for an input whose height or width the model leaves open (`None`). */
export const OPEN_INPUT_SIDE = 64;

function roleOf(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.replace(/:\d+$/, '');
}

/** The tensors of a layer assigned to its roles; a missing or extra tensor is reported in `notes`. */
function assign(layer: string, roles: WeightRole[], tensors: NamedTensor[] | undefined, notes: string[]): Partial<Record<WeightRole, NamedTensor>> {
  const out: Partial<Record<WeightRole, NamedTensor>> = {};
  if (!roles.length) return out;
  if (!tensors?.length) {
    notes.push(`No weights found for layer "${layer}": it starts untrained.`);
    return out;
  }
  const byRole = new Map(tensors.map((t) => [roleOf(t.name), t]));
  const named = roles.every((r) => byRole.has(r));
  roles.forEach((role, i) => {
    const t = named ? byRole.get(role) : tensors[i];
    if (t) out[role] = t;
  });
  if (!named && tensors.length !== roles.length) {
    notes.push(`Layer "${layer}" has ${tensors.length} weights where ${roles.length} (${roles.join(', ')}) were expected: it starts untrained.`);
    return {};
  }
  return out;
}

/**
 * The common form of a Keras model. `weights` maps layer names to their tensors (any order); pass an empty
 * map for an architecture-only file (Keras JSON).
 */
export function kerasSourceModel(topology: KerasTopology, format: ModelFormat, weights: ReadonlyMap<string, NamedTensor[]>): SourceModel {
  const notes: string[] = [];
  const layers: SourceLayer[] = [];
  if (topology.outputs.length > 1) notes.push(`The model has ${topology.outputs.length} outputs (${topology.outputs.slice(0, 6).join(', ')}${topology.outputs.length > 6 ? ', ...' : ''}); Convas graphs have one, so the last, "${topology.output}", is the Output and the others are left out.`);
  const hasInput = topology.layers.some((l) => l.className === 'InputLayer');
  let shape = topology.inputShape;
  // MNIST-style models read flat or 2-D images and Reshape them to (H, W, C) first: Convas reads the image
  // as (H, W, C) directly (the same numbers in the same order), and the Reshape goes.
  const first = topology.layers.find((l) => l.className !== 'InputLayer');
  const target = first?.className === 'Reshape' && Array.isArray(first.config.target_shape) ? (first.config.target_shape as unknown[]) : undefined;
  const skip = new Set<string>();
  if (first && target?.length === 3 && target.every((d) => typeof d === 'number' && d > 0) && shape && shape.every((d) => typeof d === 'number')) {
    const count = (list: readonly unknown[]) => list.reduce((a: number, b) => a * Number(b), 1);
    if (shape.length !== 3 && count(shape) === count(target)) {
      notes.push(`The model reads ${shape.join('x')} values and reshapes them to ${target.join('x')} in "${first.name}"; Convas reads the ${target.join('x')} image directly.`);
      shape = target as number[];
      skip.add(first.name);
    }
  }
  if (!shape || shape.length !== 3) {
    const said = shape ? `[${shape.map((d) => d ?? 'None').join(', ')}]` : 'no shape';
    throw new ModelImportError(`The model's input has ${said}; Convas imports models that read images (height, width, channels).`);
  }
  const [h, w, c] = shape;
  if (c === null) throw new ModelImportError('The model leaves its number of input channels open; Convas needs it fixed (1 for grey, 3 for colour).');
  if (h === null || w === null) notes.push(`The model accepts any image size; the Input is set to ${OPEN_INPUT_SIDE}x${OPEN_INPUT_SIDE} (change it in the inspector).`);
  const inputParams = { height: h ?? OPEN_INPUT_SIDE, width: w ?? OPEN_INPUT_SIDE, channels: c };
  if (!hasInput) layers.push({ name: 'input', sourceType: 'InputLayer', node: { type: 'Input', params: inputParams }, inputs: [], weights: {} });
  const skipped = (name: string) => (skip.has(name) ? (topology.layers.find((l) => l.name === name)?.inputs[0] ?? (hasInput ? name : 'input')) : name);
  const head = planOnePixelHead(topology.layers);
  if (head.dense.size > 0) {
    const convs = [...head.dense].map((n) => `"${n}"`).join(', ');
    notes.push(`The head keeps the pooled features as a 1x1 image and classifies them with a 1x1 convolution (${convs}): read as a Dense layer with the same weights, and the reshapes around it left out.`);
  }
  topology.layers.forEach((l, i) => {
    if (head.alias.has(l.name)) return;
    if (skip.has(l.name) && hasInput) return;
    if (skip.has(l.name)) {
      // Sequential without an InputLayer: the Reshape was the first layer; its consumers read the Input.
      return;
    }
    const inputs = (!hasInput && i === 0 ? ['input'] : l.inputs).map((n) => resolveAlias(n, head.alias)).map(skipped).map((n) => (skip.has(n) ? 'input' : n));
    const asRead = head.dense.has(l.name) ? asDenseLayer(l) : head.keepdims.has(l.name) ? { ...l, config: { ...l.config, keepdims: false } } : l;
    const mapped = l.className === 'Resizing' && l.calls <= 1 ? mapResizing(l.config, inputParams.height, inputParams.width) : mapKerasLayer(asRead);
    if (!mapped.ok) {
      layers.push({ name: l.name, sourceType: l.className, ...(mapped.omit ? { omitted: mapped.reason } : { unsupported: mapped.reason }), inputs, weights: {} });
      return;
    }
    const params = mapped.type === 'Input' ? inputParams : mapped.params;
    const assigned = assign(l.name, mapped.roles, head.dense.has(l.name) ? asDenseKernel(weights.get(l.name)) : weights.get(l.name), notes);
    // tfjs saves SeparableConv2D without its depth multiplier; the depthwise kernel [k, k, C, m] still says it.
    const dw = assigned.depthwise_kernel;
    if (mapped.type === 'SeparableConv2D' && dw?.shape.length === 4) mapped.params.depthMultiplier = dw.shape[3];
    layers.push({ name: l.name, sourceType: l.className, node: { type: mapped.type, params }, inputs, weights: assigned });
  });
  return { format, name: topology.name, layers, output: resolveAlias(topology.output, head.alias), notes };
}
