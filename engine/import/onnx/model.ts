import { CATALOG, withDefaults } from '@/graph/catalog';
import type { NodeType, Params, Shape } from '@/graph/types';
import type { WeightRole } from '../../export/layout';
import { transpose, type NamedTensor } from '../../export/tensor';
import { MODEL_BUDGET, parameterBudgetError } from '../budget';
import { ModelImportError, type SourceLayer, type SourceModel } from '../types';
import { decodeOnnx, int, type OnnxAttribute, type OnnxModel, type OnnxNode } from './proto';
import { chwRowsToHwc, tensorValues } from './tensors';
import { foldNode } from './fold';

/**
 * ONNX conv nets (as torch.onnx.export writes them) -> the importers' common form. ONNX is NCHW, Convas NHWC:
 * kernels are transposed to Keras layout, Concat/Softmax axes are read as channel axes, and a Dense layer fed
 * by a Flatten of a (C, H, W) image gets its kernel rows reordered to (H, W, C). Padding becomes 'same' where
 * that is exactly what the pads do, else an explicit ZeroPadding2D before a 'valid' layer. Shape computations
 * (Shape -> Gather -> Concat -> Reshape) are followed as such, not as layers.
 */

/** What a tensor of the ONNX graph is for Convas. */
type Value =
  | {
      kind: 'data';
      layer: string;
      shape: Shape;
      /** A flatten of a (C, H, W) image: the next Dense reorders its kernel rows. */
      chw?: [number, number, number];
      /** ONNX holds it as (N, C, 1, 1): a later Flatten or Reshape to (N, C) changes nothing. */
      pooled?: boolean;
      /** Permuted to (N, H, W, C) in the ONNX graph (before a flatten in Convas' own order). */
      nhwc?: boolean;
      /** An uneven zero border [top, left, bottom, right] not yet applied: the next conv or pool may be TF 'same'. */
      pendingPad?: [number, number, number, number];
    }
  | { kind: 'const'; tensor: NamedTensor }
  | { kind: 'shape' };

const FUSABLE = new Set(['relu', 'sigmoid', 'tanh', 'elu']);

function attrs(node: OnnxNode): Map<string, OnnxAttribute> {
  return new Map(node.attribute.map((a) => [a.name, a]));
}
const ints = (a: OnnxAttribute | undefined) => (a ? a.ints.map(int) : undefined);
const str = (a: OnnxAttribute | undefined) => (a ? new TextDecoder().decode(a.s) : undefined);
const num = (a: OnnxAttribute | undefined, fallback: number) => (a ? (a.type === 2 ? int(a.i) : a.f) : fallback);

/** A readable layer name from an ONNX node: '/features/conv1/Conv' -> 'conv1'; 'Conv_0' stays. */
export function onnxLayerName(node: OnnxNode, index: number): string {
  const parts = node.name.split('/').filter(Boolean);
  if (parts.length >= 2 && parts.at(-1)?.replace(/_\d+$/, '') === node.opType) return parts.at(-2) as string;
  return parts.join('.') || node.output[0] || `${node.opType}_${index}`;
}

/** All equal: the value, else undefined. */
function same(list: readonly number[] | undefined, fallback: number): number | undefined {
  if (!list || list.length === 0) return fallback;
  return list.every((v) => v === list[0]) ? list[0] : undefined;
}

interface Emitted {
  layers: SourceLayer[];
  values: Map<string, Value>;
  consumers: Map<string, number>;
  notes: string[];
  taken: Set<string>;
}

/** Output shape of a catalog node for the given input shapes, or the error's code. */
function inferred(type: NodeType, params: Params, inputs: Shape[]): { shape: Shape } | { error: string } {
  const r = CATALOG[type].inferShape(inputs, withDefaults(type, params), { headClasses: 1, taskKind: 'classification', inputShape: null });
  return r.ok ? { shape: r.shape } : { error: `${r.code} ${JSON.stringify(r.params)}` };
}

/**
 * Reads an .onnx file's bytes. Throws ModelImportError for files that are not ONNX models, models with
 * several inputs or outputs, weights outside the file, and models over MODEL_BUDGET.
 */
export function readOnnxModel(bytes: Uint8Array, file: string): SourceModel {
  let model: OnnxModel;
  try {
    model = decodeOnnx(bytes);
  } catch (error) {
    throw new ModelImportError(`${file} is not a readable ONNX model (${error instanceof Error ? error.message : String(error)}); is it cut short?`);
  }
  const g = model.graph;
  if (!g || g.node.length === 0) throw new ModelImportError(`${file} holds no ONNX graph: it is not an ONNX model, or it is empty.`);
  if (g.node.length > MODEL_BUDGET.maxGraphNodes) throw new ModelImportError(`${file} has ${g.node.length} operations, more than the ${MODEL_BUDGET.maxGraphNodes} Convas reads.`);
  const opset = int(model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 13);
  const declared = g.initializer.reduce((a, t) => a + t.dims.map(int).reduce((x, y) => x * y, 1), 0);
  const tooMany = parameterBudgetError(declared);
  if (tooMany) throw new ModelImportError(tooMany);

  const inits = new Map(g.initializer.map((t) => [t.name, t]));
  const inputs = g.input.filter((i) => !inits.has(i.name));
  if (inputs.length !== 1) throw new ModelImportError(`The ONNX model has ${inputs.length} inputs; Convas graphs read one image.`);
  if (g.output.length !== 1) {
    const names = g.output.slice(0, 4).map((o) => `"${o.name.slice(0, 40)}"`).join(', ') + (g.output.length > 4 ? ', ...' : '');
    throw new ModelImportError(`The ONNX model has ${g.output.length} outputs (${names}); Convas graphs have one Output. Export the model with the one output you want to keep.`);
  }
  const dims = inputs[0].type?.tensorType?.shape?.dim.map((d) => (d.dimParam ? null : int(d.dimValue) || null)) ?? [];
  if (dims.length !== 4) throw new ModelImportError(`The ONNX model's input has shape [${dims.map((d) => d ?? '?').join(', ')}]; Convas imports models that read images (batch, channels, height, width).`);
  const [, c, h, w] = dims;
  if (c === null || h === null || w === null) throw new ModelImportError('The ONNX model leaves its input channels, height or width open; export it with a fixed image size.');

  const e: Emitted = { layers: [], values: new Map(), consumers: new Map(), notes: [], taken: new Set() };
  for (const n of g.node) for (const i of n.input) e.consumers.set(i, (e.consumers.get(i) ?? 0) + 1);
  const inputName = 'input';
  e.layers.push({ name: inputName, sourceType: 'Input', node: { type: 'Input', params: { height: h, width: w, channels: c } }, inputs: [], weights: {} });
  e.values.set(inputs[0].name, { kind: 'data', layer: inputName, shape: [null, h, w, c] });

  const constant = (name: string | undefined): NamedTensor | undefined => {
    if (!name) return undefined;
    const v = e.values.get(name);
    if (v?.kind === 'const') return v.tensor;
    const t = inits.get(name);
    if (!t) return undefined;
    const tensor = tensorValues(t);
    e.values.set(name, { kind: 'const', tensor });
    return tensor;
  };

  g.node.forEach((node, index) => readNode(node, index, e, constant, opset));

  const out = e.values.get(g.output[0].name);
  if (!out || out.kind !== 'data') throw new ModelImportError('The ONNX model\'s output is not computed from its input image.');
  return { format: 'onnx', name: g.name || undefined, layers: e.layers, output: out.layer, notes: e.notes };
}

function readNode(node: OnnxNode, index: number, e: Emitted, constant: (n: string | undefined) => NamedTensor | undefined, opset: number): void {
  const a = attrs(node);
  const op = node.opType;
  const name0 = onnxLayerName(node, index);
  let name = name0;
  for (let k = 2; e.taken.has(name); k++) name = `${name0}_${k}`;
  const outName = node.output[0];
  const data = node.input.map((i) => e.values.get(i)).filter((v): v is Extract<Value, { kind: 'data' }> => v?.kind === 'data');
  const x = data[0];

  // Constants and shape arithmetic: never layers.
  if (op === 'Constant') {
    const t = a.get('value')?.t;
    if (t) e.values.set(outName, { kind: 'const', tensor: tensorValues(t) });
    return;
  }
  if (op === 'Shape' && x) {
    // NCHW dims of the tensor, batch 1 (shape arithmetic only ever keeps the batch as it is).
    const s = x.shape as number[];
    const dims = s.length === 4 ? [1, s[3], s[1], s[2]] : [1, ...s.slice(1)];
    e.values.set(outName, { kind: 'const', tensor: { name: outName, shape: [dims.length], data: Float32Array.from(dims) } });
    return;
  }
  if (!x) {
    // Computed from shapes and constants alone: folded when small and simple, else a shape computation.
    const folded = foldNode(node, (n) => constant(n));
    e.values.set(outName, folded ? { kind: 'const', tensor: { name: outName, ...folded } } : { kind: 'shape' });
    return;
  }
  const alias = (v: Value): void => void e.values.set(outName, v);
  const emit = (type: NodeType, params: Params, weights: Partial<Record<WeightRole, NamedTensor>> = {}, inputs = data, extra: Partial<Extract<Value, { kind: 'data' }>> = {}): void => {
    const shapes = inputs.map((v) => v.shape);
    const r = inferred(type, params, shapes);
    if ('error' in r) {
      unsupported(`does not fit Convas' ${type} (${r.error})`);
      return;
    }
    e.taken.add(name);
    e.layers.push({ name, sourceType: op, node: { type, params }, inputs: inputs.map((v) => v.layer), weights });
    alias({ kind: 'data', layer: name, shape: r.shape, ...extra });
  };
  const unsupported = (reason: string): void => {
    e.taken.add(name);
    e.layers.push({ name, sourceType: op, unsupported: reason, inputs: data.map((v) => v.layer), weights: {} });
    alias({ kind: 'data', layer: name, shape: x.shape });
  };
  /** A ZeroPadding2D layer before a 'valid' one, named after it; returns the padded value. */
  const padFirst = (p: number): Extract<Value, { kind: 'data' }> => {
    const padName = `${name}_pad`;
    const r = inferred('ZeroPadding2D', { padding: p }, [x.shape]);
    const shape = 'shape' in r ? r.shape : x.shape;
    e.taken.add(padName);
    e.layers.push({ name: padName, sourceType: `${op} pads`, node: { type: 'ZeroPadding2D', params: { padding: p } }, inputs: [x.layer], weights: {} });
    return { kind: 'data', layer: padName, shape };
  };
  /** Whether a layer's output is never negative (a ReLU, ReLU6, sigmoid or softmax, alone or folded into a layer). */
  const nonNegative = (layer: string): boolean => {
    const made = e.layers.find((l) => l.name === layer);
    const act = made?.node?.params.activation;
    return typeof act === 'string' && ['relu', 'relu6', 'sigmoid', 'softmax'].includes(act);
  };
  const image = x.shape.length === 4;
  const padAware = op === 'Conv' || op === 'MaxPool' || op === 'AveragePool';
  if (data.some((v) => v.pendingPad) && !padAware) return unsupported('reads an uneven zero border (a Pad that is not TensorFlow\'s \'same\' padding of a convolution or pooling)');
  const layoutAware = op === 'Flatten' || op === 'Reshape' || op === 'Transpose';
  if (data.some((v) => v.nhwc) && !layoutAware) return unsupported('reads a tensor transposed to (N, H, W, C)');
  /** TF 'same' pads [top, left, bottom, right] of a window k, stride s, dilation d over an H x W input. */
  const samePads = (k: number, s: number, d: number): number[] => {
    const axis = (n: number) => {
      const total = Math.max((Math.ceil(n / s) - 1) * s + d * (k - 1) + 1 - n, 0);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    };
    const [t, b] = axis(x.shape[1] as number);
    const [l, r] = axis(x.shape[2] as number);
    return [t, l, b, r];
  };
  const isSame = (k: number, s: number, d: number) => Boolean(x.pendingPad && samePads(k, s, d).every((v, i) => v === x.pendingPad?.[i]));

  switch (op) {
    case 'Identity':
    case 'Cast':
      return alias(x);
    case 'Transpose': {
      const perm = ints(a.get('perm'))?.join(',');
      if (image && !x.nhwc && perm === '0,2,3,1') return alias({ ...x, nhwc: true });
      if (image && x.nhwc && perm === '0,3,1,2') return alias({ ...x, nhwc: false });
      return unsupported(`transposes axes (${perm ?? 'reversed'})`);
    }
    case 'Dropout': {
      const ratio = constant(node.input[1])?.data[0] ?? num(a.get('ratio'), 0.5);
      return emit('Dropout', { rate: Math.min(0.95, ratio) });
    }
    case 'Conv':
    case 'ConvTranspose': {
      const W = constant(node.input[1]);
      if (!W || W.shape.length !== 4) return unsupported('its weights are not a constant 4-D tensor');
      const group = num(a.get('group'), 1);
      const channels = x.shape[3] as number;
      // A Conv with one group per input channel and one input per group is a depthwise convolution.
      const depthwise = op === 'Conv' && group !== 1 && group === channels && W.shape[1] === 1 && W.shape[0] % channels === 0;
      if (group !== 1 && !depthwise) return unsupported(`grouped convolution (group ${group}): Convas has Conv2D (one group) and DepthwiseConv2D (one group per channel)`);
      const k = same(ints(a.get('kernel_shape')) ?? W.shape.slice(2), 1);
      const s = same(ints(a.get('strides')), 1);
      const d = same(ints(a.get('dilations')), 1);
      const pads = ints(a.get('pads')) ?? [0, 0, 0, 0];
      const p = same(pads, 0);
      const autoPad = str(a.get('auto_pad')) || 'NOTSET';
      if (k === undefined || s === undefined || d === undefined) return unsupported('non-square kernel, strides or dilation');
      if (depthwise && d !== 1) return unsupported(`dilated depthwise convolution (dilation ${d}): Convas' DepthwiseConv2D has none`);
      const B = constant(node.input[2]);
      // [out, in, kh, kw] (Conv) or [in, out, kh, kw] (ConvTranspose) -> Keras [kh, kw, in, out] / [kh, kw, out, in];
      // depthwise [C*m, 1, kh, kw] -> [kh, kw, C*m, 1], read as Keras' depthwise_kernel [kh, kw, C, m].
      const hwio = transpose(W, [2, 3, 1, 0]);
      const m = W.shape[0] / channels;
      const kernel = depthwise ? { name: 'depthwise_kernel', shape: [k, k, channels, m], data: transpose(W, [2, 3, 0, 1]).data } : { name: 'kernel', ...hwio };
      const weights: Partial<Record<WeightRole, NamedTensor>> = { [depthwise ? 'depthwise_kernel' : 'kernel']: kernel, ...(B ? { bias: B } : {}) };
      const filters = op === 'Conv' ? W.shape[0] : W.shape[1];
      const base = { filters, kernelSize: k, strides: s, useBias: Boolean(B), activation: 'linear' };
      /** The Conv2D, or the DepthwiseConv2D, with a padding mode, reading `from`. */
      const conv = (padding: 'same' | 'valid', from = data): void =>
        depthwise
          ? emit('DepthwiseConv2D', { kernelSize: k, strides: s, depthMultiplier: m, useBias: Boolean(B), activation: 'linear', padding }, weights, from)
          : emit('Conv2D', { ...base, padding, dilationRate: d }, weights, from);
      if (op === 'ConvTranspose') {
        if (d !== 1) return unsupported('dilated transposed convolution');
        const extra = ints(a.get('output_padding')) ?? [];
        if (extra.some((v) => v !== 0)) {
          // PyTorch crops `pads` before and `pads - output_padding` after the full output; TensorFlow's 'same'
          // crops floor((k-s)/2) before and the rest after, and 'valid' crops nothing: never the same rows.
          const total = Math.max(0, (k ?? 1) - (s ?? 1));
          const before = Math.floor(total / 2);
          const p0 = p ?? pads[0];
          return unsupported(`output_padding ${extra.join('x')} with pads ${p0}: PyTorch crops ${p0} row(s) before and ${p0 - (extra[0] ?? 0)} after the full output, where TensorFlow's 'same' crops ${before} and ${total - before} (and 'valid' none), so no Conv2DTranspose of Convas gives the same rows`);
        }
        if (autoPad === 'NOTSET' && p === undefined) return unsupported(`uneven pads [${pads.join(', ')}]`);
        const padding = autoPad === 'SAME_UPPER' || (p !== undefined && p > 0 && 2 * p === k - s) ? 'same' : p === 0 && k >= s ? 'valid' : undefined;
        if (!padding) return unsupported(`pads ${p} with kernel ${k} and stride ${s} (Convas' Conv2DTranspose pads 'same' or 'valid')`);
        return emit('Conv2DTranspose', { ...base, padding }, weights);
      }
      if (x.pendingPad) {
        if (p !== 0 || !isSame(k, s, d)) return unsupported(`an uneven zero border [${x.pendingPad.join(', ')}] before it that is not TensorFlow's 'same' padding`);
        return conv('same', [{ ...x, pendingPad: undefined }]);
      }
      if (autoPad === 'SAME_UPPER') return conv('same');
      if (autoPad === 'VALID' || p === 0) return conv('valid');
      if (p === undefined || autoPad !== 'NOTSET') return unsupported(`uneven pads [${pads.join(', ')}]${autoPad !== 'NOTSET' ? ` (${autoPad})` : ''}`);
      // 'same' pads d(k-1)/2 on each side at stride 1; at stride 2 tfjs pads after, not before, so pads stay explicit.
      if (s === 1 && 2 * p === d * (k - 1)) return conv('same');
      return conv('valid', [padFirst(p)]);
    }
    case 'MaxPool':
    case 'AveragePool': {
      const k = same(ints(a.get('kernel_shape')), 1);
      const s = same(ints(a.get('strides')), 1);
      const pads = ints(a.get('pads')) ?? [0, 0, 0, 0];
      const p = same(pads, 0);
      if (k === undefined || s === undefined) return unsupported('non-square pooling window or strides');
      if ((ints(a.get('dilations')) ?? []).some((v) => v !== 1)) return unsupported('dilated pooling');
      const type = op === 'MaxPool' ? 'MaxPooling2D' : 'AveragePooling2D';
      const n = x.shape[1] as number;
      if (num(a.get('ceil_mode'), 0) === 1 && (n + 2 * (p ?? 0) - k) % s !== 0) return unsupported('ceil_mode rounds the output size up here; Convas pools round down');
      const strides = s === k ? 0 : s;
      if (x.pendingPad) {
        if (p !== 0 || !isSame(k, s, 1) || op !== 'MaxPool') return unsupported(`an uneven border [${x.pendingPad.join(', ')}] before it that is not TensorFlow's 'same' padding`);
        return emit(type, { poolSize: k, strides, padding: 'same' }, {}, [{ ...x, pendingPad: undefined }]);
      }
      if (p === 0) return emit(type, { poolSize: k, strides, padding: 'valid' });
      // tfjs 'same' pooling leaves the padding out of the max and the average (ONNX count_include_pad 0). It
      // pads floor(total/2) before: the same windows as PyTorch's symmetric pads when that is p and the
      // output sizes agree (always at stride 1; at stride 2 only for odd sizes).
      const tfBefore = (size: number) => Math.floor(Math.max((Math.ceil(size / s) - 1) * s + k - size, 0) / 2);
      const agrees = (size: number) => p !== undefined && Math.floor((size + 2 * p - k) / s) + 1 === Math.ceil(size / s) && tfBefore(size) === p;
      const sides = [x.shape[1] as number, x.shape[2] as number];
      if (sides.every(agrees) && (op === 'MaxPool' || num(a.get('count_include_pad'), 0) === 0)) return emit(type, { poolSize: k, strides, padding: 'same' });
      // After a ReLU (ResNet's stem) the input is >= 0, so a zero border never wins a max: an explicit
      // ZeroPadding2D + 'valid' pooling takes PyTorch's windows exactly, at any size.
      if (op === 'MaxPool' && p !== undefined && p < k && nonNegative(x.layer)) {
        emit(type, { poolSize: k, strides, padding: 'valid' }, {}, [padFirst(p)]);
        // Said only when the pooling fitted (else emit listed it as unsupported, with why).
        if (e.layers.at(-1)?.node) e.notes.push(`"${name}" pads ${p} on each side, which TensorFlow's 'same' does not match here; it was imported as a zero border and 'valid' pooling, the same result because its input (after a ReLU) is never negative.`);
        return;
      }
      if (p !== undefined && sides.every((n2) => Math.floor((n2 + 2 * p - k) / s) + 1 === Math.ceil(n2 / s))) {
        return unsupported(`pads ${p} on each side with a ${k}x${k} window and stride ${s}: at ${sides[0]}x${sides[1]} TensorFlow's 'same' pads ${tfBefore(sides[0])} before and ${Math.max((Math.ceil(sides[0] / s) - 1) * s + k - sides[0], 0) - tfBefore(sides[0])} after, so its windows sit a pixel away from PyTorch's${op === 'AveragePool' && num(a.get('count_include_pad'), 0) !== 0 ? ' (and PyTorch counts the padding in the average)' : ''}`);
      }
      return unsupported(`pads [${pads.join(', ')}] with a ${k}x${k} window and stride ${s}${op === 'AveragePool' && num(a.get('count_include_pad'), 0) !== 0 ? ', counting the padding in the average' : ''}`);
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return emit(op === 'GlobalAveragePool' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D', {}, {}, data, { pooled: true });
    case 'ReduceMean':
    case 'ReduceMax': {
      const axes = ints(a.get('axes')) ?? Array.from(constant(node.input[1])?.data ?? []);
      const type = op === 'ReduceMean' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D';
      if (image && axes.length === 2 && axes.every((ax) => ax === 2 || ax === 3 || ax === -1 || ax === -2)) return emit(type, {}, {}, data, { pooled: num(a.get('keepdims'), 1) === 1 });
      return unsupported(`${op === 'ReduceMean' ? 'mean' : 'maximum'} over axes [${axes.join(', ')}]`);
    }
    case 'Flatten':
    case 'Reshape': {
      if (!image || x.pooled) return alias({ ...x, pooled: false, nhwc: false });
      const target = op === 'Reshape' ? constant(node.input[1]) : undefined;
      const axis = op === 'Flatten' ? num(a.get('axis'), 1) : 1;
      const flat = op === 'Flatten' ? axis === 1 : !target || (target.data.length === 2 && (target.data[1] === -1 || target.data[1] === (x.shape[1] as number) * (x.shape[2] as number) * (x.shape[3] as number)));
      if (!flat) return unsupported(`reshapes an image to [${target ? Array.from(target.data).join(', ') : '?'}]`);
      if (op === 'Reshape' && !target) e.notes.push(`"${name}" reshapes to a computed shape; it was read as a flatten to (batch, features).`);
      const [, hh, ww, cc] = x.shape as number[];
      // Flattened after a permute to (H, W, C): already Convas' order, the Dense keeps its rows.
      return emit('Flatten', {}, {}, [{ ...x, nhwc: false }], x.nhwc ? {} : { chw: [cc, hh, ww] });
    }
    case 'Gemm':
    case 'MatMul': {
      const B = constant(node.input[1]);
      if (!B || B.shape.length !== 2) return unsupported('its weights are not a constant matrix');
      if (image) return unsupported('a matrix product on an image (Convas\' Dense reads a flat vector)');
      if (op === 'Gemm' && (num(a.get('transA'), 0) !== 0 || num(a.get('alpha'), 1) !== 1 || num(a.get('beta'), 1) !== 1)) return unsupported('Gemm with transA, alpha or beta');
      const transB = op === 'Gemm' && num(a.get('transB'), 0) === 1;
      let kernel: NamedTensor = { name: 'kernel', ...(transB ? transpose(B, [1, 0]) : { shape: [...B.shape], data: B.data }) };
      // After a bridged (unsupported) layer the flattened size can differ from the kernel's rows: the Dense is
      // kept, and its weights, which then do not fit, are left out by the builder with a note.
      if (x.chw && x.chw[0] * x.chw[1] * x.chw[2] === kernel.shape[0]) kernel = chwRowsToHwc(kernel, ...x.chw);
      const units = kernel.shape[1];
      const C = op === 'Gemm' ? constant(node.input[2]) : undefined;
      if (C && C.data.length !== units) return unsupported(`bias of ${C.data.length} values for ${units} units`);
      return emit('Dense', { units, useBias: Boolean(C), activation: 'linear' }, C ? { kernel, bias: { ...C, name: 'bias', shape: [units] } } : { kernel });
    }
    case 'Add': {
      const bias = constant(node.input.find((i) => e.values.get(i)?.kind !== 'data'));
      if (data.length === 2) return emit('Add', {});
      // MatMul + Add(bias): the bias of the Dense layer just made.
      const last = e.layers.at(-1);
      if (bias && last?.node?.type === 'Dense' && last.name === x.layer && !last.node.params.useBias && bias.data.length === Number(last.node.params.units)) {
        last.node.params.useBias = true;
        last.weights.bias = { name: 'bias', shape: [bias.data.length], data: bias.data };
        return alias(x);
      }
      return unsupported('adds a constant');
    }
    case 'Concat': {
      const axis = num(a.get('axis'), 1);
      const rank = x.shape.length;
      if (data.length !== node.input.length) return unsupported('concatenates constants');
      if (axis === 1 || axis === 1 - rank) return emit('Concatenate', {});
      return unsupported(`concatenates along axis ${axis}, not the channels`);
    }
    case 'BatchNormalization': {
      const [scale, bias, mean, variance] = node.input.slice(1, 5).map((i) => constant(i));
      if (!scale || !bias || !mean || !variance) return unsupported('its statistics are not constants');
      const r = (role: WeightRole, t: NamedTensor) => ({ name: role, shape: [t.data.length], data: t.data });
      // Exported with training=TrainingMode.TRAINING: the node normalises by batch statistics and also
      // outputs the updated running ones. A model is imported to predict, so its running statistics are used.
      const trainingNote = 'The model was exported in training mode (torch.onnx.export training=TRAINING): its BatchNormalization layers are imported as for prediction (model.eval()), with their running statistics.';
      if ((num(a.get('training_mode'), 0) === 1 || node.output.filter(Boolean).length > 1) && !e.notes.includes(trainingNote)) e.notes.push(trainingNote);
      return emit('BatchNormalization', { momentum: Math.min(0.9999, num(a.get('momentum'), 0.9)), epsilon: num(a.get('epsilon'), 1e-5) }, { gamma: r('gamma', scale), beta: r('beta', bias), moving_mean: r('moving_mean', mean), moving_variance: r('moving_variance', variance) });
    }
    case 'Clip': {
      // PyTorch's ReLU6 (and F.hardtanh(0, 6)) export as Clip(0, 6); bounds are inputs from opset 11, attributes before.
      const lo = constant(node.input[1])?.data[0] ?? (a.has('min') ? num(a.get('min'), 0) : -Infinity);
      const hi = constant(node.input[2])?.data[0] ?? (a.has('max') ? num(a.get('max'), 0) : Infinity);
      if (lo === 0 && hi === 6) return emit('Activation', { activation: 'relu6' });
      if (lo === 0 && hi === Infinity) return emit('Activation', { activation: 'relu' });
      return unsupported(`clips to [${lo}, ${hi}] (Convas has relu, [0, inf), and relu6, [0, 6])`);
    }
    case 'LeakyRelu': {
      const alpha = num(a.get('alpha'), 0.01);
      // Slope 0.3 is the Activation node's leakyRelu (what Convas exports); others are LeakyReLU nodes.
      if (Math.abs(alpha - 0.3) > 1e-6) return emit('LeakyReLU', { alpha: Number(alpha.toPrecision(6)) });
      return emit('Activation', { activation: 'leakyRelu' });
    }
    case 'Elu':
    case 'Relu':
    case 'Sigmoid':
    case 'Tanh':
    case 'Softmax': {
      // tfjs' ELU layer runs alpha 1 only (4.22 throws "not supported yet" for others).
      if (op === 'Elu' && Math.abs(num(a.get('alpha'), 1) - 1) > 1e-6) return unsupported(`ELU alpha ${num(a.get('alpha'), 1)} (tfjs, and so Convas, runs ELU with alpha 1 only)`);
      let act = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh', Elu: 'elu', Softmax: 'softmax' }[op] as string;
      if (op === 'Softmax') {
        const axis = num(a.get('axis'), opset >= 13 ? -1 : 1);
        const channels = image ? axis === 1 || axis === -3 : axis === 1 || axis === -1;
        if (!channels) return unsupported(`softmax over axis ${axis}, not the channels`);
        act = 'softmax';
      }
      // Fold into the layer just made when nothing else reads its output (a Conv + ReLU is one Conv2D relu card).
      const last = e.layers.at(-1);
      const fusable = last?.node && ['Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D', 'Dense'].includes(last.node.type) && last.node.params.activation === 'linear';
      if (fusable && last.name === x.layer && FUSABLE.has(act) && e.consumers.get(node.input[0]) === 1) {
        (last.node as { params: Params }).params.activation = act;
        return alias(x);
      }
      return emit('Activation', { activation: act });
    }
    case 'Upsample':
    case 'Resize': {
      const scales = constant(op === 'Upsample' ? node.input[1] : node.input[2]) ?? undefined;
      const sizes = op === 'Resize' ? constant(node.input[3]) : undefined;
      let factor: number | undefined;
      if (scales && scales.data.length === 4) factor = scales.data[2] === scales.data[3] ? scales.data[2] : undefined;
      else if (sizes && sizes.data.length === 4 && image) factor = sizes.data[2] / (x.shape[1] as number) === sizes.data[3] / (x.shape[2] as number) ? sizes.data[2] / (x.shape[1] as number) : undefined;
      if (!factor || !Number.isInteger(factor)) return unsupported('a resize by a factor that is not a whole number, or differs per axis');
      const mode = str(a.get('mode')) || 'nearest';
      const transform = str(a.get('coordinate_transformation_mode')) || (op === 'Upsample' ? 'asymmetric' : 'half_pixel');
      if (mode === 'nearest' && (transform === 'asymmetric' || op === 'Upsample') && (str(a.get('nearest_mode')) || 'round_prefer_floor') !== 'ceil') {
        return emit('UpSampling2D', { size: factor, interpolation: 'nearest' });
      }
      if ((mode === 'linear' || mode === 'bilinear') && transform === 'asymmetric') return emit('UpSampling2D', { size: factor, interpolation: 'bilinear' });
      return unsupported(`${mode} resize with ${transform} coordinates (Convas' UpSampling2D matches nearest, or bilinear with align_corners=False and asymmetric coordinates)`);
    }
    case 'Pad': {
      const pads = ints(a.get('pads')) ?? Array.from(constant(node.input[1])?.data ?? []);
      if (pads.length === 0) return unsupported('its pads are computed at run time in a way Convas cannot follow');
      const mode = str(a.get('mode')) || 'constant';
      const value = constant(node.input[2])?.data[0] ?? num(a.get('value'), 0);
      if (pads.length !== 8 || pads[0] || pads[1] || pads[4] || pads[5]) return unsupported(`pads [${pads.join(', ')}]`);
      const p = same([pads[2], pads[3], pads[6], pads[7]], 0);
      if (p === 0) return alias(x);
      if (mode !== 'constant' || (value !== 0 && value !== -Infinity)) return unsupported(`${mode} padding with value ${value}`);
      // Uneven (TensorFlow's 'same' puts the odd pixel after): left for the conv or max pool that reads it.
      // A -inf border is max pooling's 'same' padding, which only a max pool may read.
      if (p === undefined || value === -Infinity) return alias({ ...x, pendingPad: [pads[2], pads[3], pads[6], pads[7]] });
      return emit('ZeroPadding2D', { padding: p });
    }
    default:
      return unsupported(`Convas has no equivalent of the ONNX ${op} operation`);
  }
}
