import * as hdf5 from 'jsfive';
import type { NamedTensor } from '../../export/tensor';
import { MODEL_BUDGET, parameterBudgetError } from '../budget';
import { parseModelJson } from '../tfjs';
import { ModelImportError, type ModelFormat, type SourceModel } from '../types';
import { mapKerasLayer } from './layers';
import { kerasSourceModel } from './model';
import { readKerasTopology } from './topology';

/**
 * Keras HDF5 files, read with jsfive (pure JavaScript, so the same code runs in the browser, a worker and
 * Node): legacy `model.save('x.h5')` files (model_config attribute + model_weights groups with layer_names and
 * weight_names) and the model.weights.h5 of a Keras 3 .keras archive (layers/<name>/vars/<i>).
 */

type Node = hdf5.Group | hdf5.Dataset;
const isGroup = (n: Node | null): n is hdf5.Group => Boolean(n && Array.isArray((n as hdf5.Group).keys));

/** An attribute as text (HDF5 fixed-length strings come padded with NULs). */
function text(v: unknown): string {
  if (typeof v === 'string') return v.replace(/\0+$/, '');
  if (v instanceof Uint8Array) return new TextDecoder().decode(v).replace(/\0+$/, '');
  return String(v ?? '');
}
function texts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [text(v)];
  return Array.from(v as ArrayLike<unknown>).map(text).filter((s) => s !== '');
}

/** Opens HDF5 bytes, or says the file is not one. */
export function openH5(bytes: Uint8Array, file: string): hdf5.File {
  try {
    return new hdf5.File(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, file);
  } catch (error) {
    throw new ModelImportError(`${file} is not a readable HDF5 file (${error instanceof Error ? error.message : String(error)}); is it cut short?`);
  }
}

/** Datasets' values as float32, checked against the parameter budget from their shapes before any is read. */
function readTensors(list: { name: string; dataset: hdf5.Dataset }[], file: string): NamedTensor[] {
  const total = list.reduce((a, { dataset }) => a + dataset.shape.reduce((x, y) => x * y, 1), 0);
  const tooMany = parameterBudgetError(total);
  if (tooMany) throw new ModelImportError(tooMany);
  return list.map(({ name, dataset }) => {
    const dtype = String(dataset.dtype);
    if (!/^[<>]?f[248]$/.test(dtype)) throw new ModelImportError(`Weight "${name}" in ${file} is stored as ${dtype}; Convas reads float weights.`);
    const values = dataset.value;
    const count = dataset.shape.reduce((x, y) => x * y, 1);
    if (!values || values.length !== count) throw new ModelImportError(`Weight "${name}" in ${file} holds ${values?.length ?? 0} values where its shape [${dataset.shape.join(', ')}] needs ${count}: the file is damaged.`);
    return { name, shape: [...dataset.shape], data: Float32Array.from(values) };
  });
}

/**
 * Runs a read of an HDF5 file; errors jsfive raises deep in a damaged file (a TypeError, a DataView out of
 * bounds) become one clear message naming the file.
 */
function guarded<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ModelImportError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModelImportError(`${file} is a damaged HDF5 file (${detail.slice(0, 120)}); save the model again.`);
  }
}

/** A legacy Keras .h5 (`model.save('x.h5')`): its config and the weights of each layer. */
export function readLegacyH5(bytes: Uint8Array, file: string): SourceModel {
  return guarded(file, () => readLegacy(bytes, file));
}

function readLegacy(bytes: Uint8Array, file: string): SourceModel {
  const f = openH5(bytes, file);
  const config = text(f.attrs.model_config);
  if (!config) {
    const weightsOnly = texts(f.attrs.layer_names).length > 0;
    throw new ModelImportError(
      weightsOnly
        ? `${file} holds weights only (model.save_weights). Import it together with the model's architecture .json (model.to_json()) in one folder or selection, or import the model saved whole (model.save).`
        : `${file} is an HDF5 file without a Keras model_config: it is not a Keras model.`,
    );
  }
  const topology = readKerasTopology(parseModelJson(config, file));
  return kerasSourceModel(topology, 'keras-h5', layerWeights(f, file));
}

/** True when HDF5 bytes are a Keras 2 `save_weights` file (layer_names at the root, no model_config). */
export function isWeightsOnlyH5(bytes: Uint8Array, file: string): boolean {
  return guarded(file, () => {
    const f = openH5(bytes, file);
    return !text(f.attrs.model_config) && texts(f.attrs.layer_names).length > 0;
  });
}

/**
 * The classic Keras 2 pair: an architecture .json (model.to_json()) and the weights of model.save_weights()
 * in an .h5 beside it (fer.json + fer.h5). Read as one model with its weights.
 */
export function readKerasPair(json: Uint8Array, jsonFile: string, weights: Uint8Array, weightsFile: string): SourceModel {
  const topology = readKerasTopology(parseModelJson(new TextDecoder().decode(json), jsonFile));
  let byLayer = guarded(weightsFile, () => layerWeights(openH5(weights, weightsFile), weightsFile));
  const notes = [`The weights come from ${weightsFile}, beside ${jsonFile}.`];
  // Keras numbers layer names per session (dense_4 in the .json, dense_2 in the weights saved in another
  // run); its load_weights() matches an .h5 by order, not by name. So does Convas when the names disagree.
  const weighted = topology.layers.filter((l) => {
    const m = mapKerasLayer(l);
    return m.ok && m.roles.length > 0;
  });
  const stored = [...byLayer.keys()];
  const unnamed = weighted.filter((l) => !byLayer.has(l.name));
  if (unnamed.length && stored.length === weighted.length) {
    byLayer = new Map(weighted.map((l, i) => [l.name, byLayer.get(stored[i]) as NamedTensor[]]));
    notes.push(`The layer names in ${weightsFile} differ from ${jsonFile}'s ("${stored[weighted.indexOf(unnamed[0])]}" for "${unnamed[0].name}"): the weights were matched in order, as Keras' load_weights() does.`);
  }
  const model = kerasSourceModel(topology, 'keras-json', byLayer);
  model.notes.unshift(...notes);
  return model;
}

/** A Keras 2 HDF5 file's weights by layer: the model_weights group of model.save(), or the root of save_weights(). */
function layerWeights(f: hdf5.File, file: string): Map<string, NamedTensor[]> {
  // jsfive throws for a missing member, so ask first: save_weights() files keep the layers at the root.
  const group = f.keys.includes('model_weights') ? f.get('model_weights') : null;
  const root = isGroup(group) ? group : f;
  const names = texts(root.attrs.layer_names);
  if (names.length > MODEL_BUDGET.maxGraphNodes) throw new ModelImportError(`${file} lists ${names.length} layers, more than Convas reads.`);
  const found: { layer: string; name: string; dataset: hdf5.Dataset }[] = [];
  for (const layer of names) {
    const lg = root.get(layer);
    if (!isGroup(lg)) continue;
    for (const wn of texts(lg.attrs.weight_names)) {
      const d = lg.get(wn);
      if (d && !isGroup(d)) found.push({ layer, name: wn, dataset: d });
    }
  }
  const tensors = readTensors(found, file);
  const byLayer = new Map<string, NamedTensor[]>();
  const add = (layer: string, t: NamedTensor) => byLayer.set(layer, [...(byLayer.get(layer) ?? []), t]);
  found.forEach((entry, i) => {
    add(entry.layer, tensors[i]);
    // A nested model's group holds its layers' weights as `<inner layer>/kernel:0`: also file them under
    // the inner layer, which the topology inlines.
    const inner = entry.name.split('/').at(-2);
    if (inner && inner !== entry.layer) add(inner, tensors[i]);
  });
  return byLayer;
}

/** Keras 3 model.weights.h5: every `<...>/<layer>/vars` group's datasets 0, 1, ... in order, by layer name. */
export function readKeras3Weights(bytes: Uint8Array, file: string): Map<string, NamedTensor[]> {
  return guarded(file, () => readVars(bytes, file));
}

function readVars(bytes: Uint8Array, file: string): Map<string, NamedTensor[]> {
  const f = openH5(bytes, file);
  const found: { layer: string; name: string; dataset: hdf5.Dataset }[] = [];
  let visited = 0;
  const walk = (g: hdf5.Group, path: string[]) => {
    if (++visited > MODEL_BUDGET.maxGraphNodes) throw new ModelImportError(`${file} has more groups than Convas reads.`);
    for (const key of g.keys) {
      if (path.length === 0 && key === 'optimizer') continue;
      const child = g.get(key);
      if (!isGroup(child)) continue;
      if (key === 'vars') {
        const layer = path.at(-1);
        if (!layer) continue;
        const order = child.keys.filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
        for (const k of order) {
          const d = child.get(k);
          if (d && !isGroup(d)) found.push({ layer, name: `${layer}/vars/${k}`, dataset: d });
        }
      } else if (path.length < 16) walk(child, [...path, key]);
    }
  };
  walk(f, []);
  const tensors = readTensors(found, file);
  const byLayer = new Map<string, NamedTensor[]>();
  found.forEach((entry, i) => byLayer.set(entry.layer, [...(byLayer.get(entry.layer) ?? []), tensors[i]]));
  return byLayer;
}

/** A Keras 3 .keras archive's config.json and model.weights.h5, already read from the zip. */
export function readKerasV3(config: Uint8Array, weights: Uint8Array | undefined, file: string, format: ModelFormat = 'keras-v3'): SourceModel {
  const topology = readKerasTopology(parseModelJson(new TextDecoder().decode(config), `${file}: config.json`));
  const byLayer = weights ? readKeras3Weights(weights, `${file}: model.weights.h5`) : new Map<string, NamedTensor[]>();
  const model = kerasSourceModel(topology, format, byLayer);
  if (!weights) model.notes.unshift(`${file} has no model.weights.h5: the graph starts untrained.`);
  return model;
}
