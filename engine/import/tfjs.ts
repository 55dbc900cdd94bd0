import type { NamedTensor } from '../export/tensor';
import { MODEL_BUDGET, parameterBudgetError } from './budget';
import { readKerasTopology } from './keras/topology';
import { kerasSourceModel } from './keras/model';
import { decodeNumbers, STORED_BYTES, type StoredNumber } from './numbers';
import { ModelImportError, type SourceModel } from './types';

/**
 * TensorFlow.js Layers models: model.json (a Keras topology under `modelTopology`, and a `weightsManifest`
 * of shard files) and its binary shards. Shards are named relative to model.json and may not leave its
 * folder. Float32 weights are read as they are; uint8/uint16/float16-quantised ones are expanded to float32.
 */

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}
interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

/** Reads a file next to model.json; `path` is already checked to stay in the model's folder. */
export type ShardReader = (path: string, index: number, total: number) => Promise<Uint8Array>;

/** Parses JSON text within the budget, with a message that names the file. */
export function parseModelJson(text: string, file: string): unknown {
  if (text.length > MODEL_BUDGET.maxJsonChars) throw new ModelImportError(`${file} is ${Math.round(text.length / 2 ** 20)} MB of JSON, more than the ${MODEL_BUDGET.maxJsonChars / 2 ** 20} MB a model description may take.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelImportError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); is the file cut short?`);
  }
}

/**
 * A shard path from the manifest, made relative to the model's folder: no absolute paths, URLs, '..' or
 * control characters, so a hostile model.json cannot read other files. Throws with the reason.
 * Example: shardPath('group1-shard1of2.bin') -> 'group1-shard1of2.bin'; shardPath('../secret') throws
 */
export function shardPath(path: unknown): string {
  const shown = JSON.stringify(String(path).slice(0, 80));
  // eslint-disable-next-line no-control-regex -- refusing control characters in file names is the point
  if (typeof path !== 'string' || path === '' || /[\u0000-\u001f]/.test(path)) throw new ModelImportError(`The weights manifest names a file ${shown}, which is not a file name.`);
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || parts.includes('..') || parts.length === 0) {
    throw new ModelImportError(`The weights manifest names ${shown}, outside the model's folder; weight files must sit beside model.json.`);
  }
  return parts.join('/');
}

function manifestOf(json: Record<string, unknown>): ManifestGroup[] {
  const m = json.weightsManifest;
  if (m === undefined) return [];
  if (!Array.isArray(m)) throw new ModelImportError('model.json\'s weightsManifest is not a list.');
  return m.map((g, i) => {
    if (typeof g !== 'object' || g === null || !Array.isArray(g.paths) || !Array.isArray(g.weights)) throw new ModelImportError(`Weight group ${i + 1} of model.json has no paths or weights list.`);
    return g as ManifestGroup;
  });
}

function storedType(entry: ManifestEntry): StoredNumber {
  const q = entry.quantization?.dtype;
  if (q === 'uint8' || q === 'uint16' || q === 'float16') return q;
  if (q !== undefined) throw new ModelImportError(`Weight "${entry.name}" uses quantisation ${JSON.stringify(q)}, which Convas cannot read.`);
  if (entry.dtype === 'float32' || entry.dtype === 'int32') return entry.dtype;
  throw new ModelImportError(`Weight "${entry.name}" is ${JSON.stringify(entry.dtype)}; Convas reads float32 weights (and tfjs' quantised ones).`);
}

/**
 * Reads a tfjs Layers model: `json` is model.json's parsed content, `readShard` gives a shard's bytes.
 * Returns the common form; throws ModelImportError for graph models, bad manifests and short shards.
 */
export async function readTfjsModel(json: unknown, readShard: ShardReader): Promise<SourceModel> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelImportError('model.json does not hold a JSON object.');
  const j = json as Record<string, unknown>;
  if (j.format === 'graph-model' || (typeof j.modelTopology === 'object' && j.modelTopology !== null && 'node' in j.modelTopology)) {
    throw new ModelImportError('This is a TensorFlow.js graph model (a converted SavedModel): it holds operations, not layers, so it cannot become a Convas graph. Convert the Keras model with --output_format tfjs_layers_model instead.');
  }
  if (!j.modelTopology) throw new ModelImportError('model.json has no modelTopology: it is not a TensorFlow.js Layers model.');
  const topology = readKerasTopology(j.modelTopology);
  const groups = manifestOf(j);
  const shardCount = groups.reduce((a, g) => a + g.paths.length, 0);
  if (shardCount > MODEL_BUDGET.maxShards) throw new ModelImportError(`The weights manifest lists ${shardCount} files, more than the ${MODEL_BUDGET.maxShards} Convas reads.`);
  const declared = groups.reduce((a, g) => a + g.weights.reduce((b, w) => b + (Array.isArray(w.shape) ? w.shape.reduce((x: number, y: number) => x * y, 1) : 0), 0), 0);
  const tooMany = parameterBudgetError(declared);
  if (tooMany) throw new ModelImportError(tooMany);
  const notes: string[] = [];
  const byLayer = new Map<string, NamedTensor[]>();
  let quantised = 0;
  let shardIndex = 0;
  for (const group of groups) {
    const parts: Uint8Array[] = [];
    for (const p of group.paths) parts.push(await readShard(shardPath(p), shardIndex++, shardCount));
    const total = parts.reduce((a, b) => a + b.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    let offset = 0;
    for (const entry of group.weights) {
      if (typeof entry?.name !== 'string' || !Array.isArray(entry.shape) || entry.shape.some((d) => !Number.isInteger(d) || d < 0)) {
        throw new ModelImportError(`A weight of model.json's manifest has no valid name or shape (${JSON.stringify(entry).slice(0, 80)}).`);
      }
      const type = storedType(entry);
      if (entry.quantization) quantised++;
      const count = entry.shape.reduce((x, y) => x * y, 1);
      const size = count * STORED_BYTES[type];
      if (offset + size > bytes.length) {
        throw new ModelImportError(`The weight files are shorter than model.json says: "${entry.name}" needs bytes ${offset}-${offset + size} of ${bytes.length} (${group.paths.join(', ')}). Is a shard missing or cut short?`);
      }
      const data = decodeNumbers(bytes, offset, count, type, entry.quantization);
      offset += size;
      const slash = entry.name.lastIndexOf('/');
      const layer = slash < 0 ? entry.name : entry.name.slice(0, slash);
      const list = byLayer.get(layer) ?? [];
      list.push({ name: entry.name, shape: [...entry.shape], data });
      byLayer.set(layer, list);
    }
    if (offset !== bytes.length) notes.push(`The weight files of ${group.paths.join(', ')} hold ${bytes.length - offset} bytes more than the manifest lists; they were ignored.`);
  }
  if (quantised) notes.push(`${quantised} quantised weights were expanded to float32 (outputs match the quantised model, not the original).`);
  // Weight names may carry a scope before the layer name (`model/conv2d/kernel`): also index by the last segment.
  for (const [layer, list] of [...byLayer]) {
    const tail = layer.slice(layer.lastIndexOf('/') + 1);
    if (tail !== layer && !byLayer.has(tail)) byLayer.set(tail, list);
  }
  const model = kerasSourceModel(topology, 'tfjs-layers', byLayer);
  model.notes.unshift(...notes);
  return model;
}
