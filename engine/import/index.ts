import type { FileSource, SourceEntry } from '../datasets/import/source';
import { zipSource } from '../datasets/import/source';
import { isJunkPath } from '../datasets/import/source';
import { buildImport } from './build';
import { MODEL_BUDGET } from './budget';
import { lfsPointerMessage, lfsPointerSize } from './detect';
import { kerasSourceModel } from './keras/model';
import { readKerasTopology } from './keras/topology';
import { parseModelJson, readTfjsModel } from './tfjs';
import { ModelImportError, type ImportedModel, type SourceModel } from './types';

/**
 * Model import: a file, folder, set of dropped files or .zip -> a Convas graph document with weights and a
 * summary of what came along. Pure engine code (no tfjs, no DOM): it runs in the browser, a worker and Node.
 *
 * @example const m = await importModel(nodeDirSource('my_model/')); m.doc; m.weights; m.summary.unsupported
 */

export type { ImportedModel, ImportSummary, UnsupportedLayer, ModelFormat } from './types';
export { FORMAT_LABELS, MODEL_FORMATS, ModelImportError } from './types';
export { MODEL_BUDGET } from './budget';

/** Progress of an import: `done` of `total` steps of the named phase. */
export type ImportProgress = (phase: string, done: number, total: number) => void;

export interface ImportOptions {
  onProgress?: ImportProgress;
  /** The model file's path in the source when the caller knows it (a model.json chosen in a folder). */
  modelFile?: string;
}

const textDecoder = new TextDecoder('utf-8');
const ext = (path: string) => path.slice(path.lastIndexOf('.') + 1).toLowerCase();
const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');

/** Which file of the source holds the model, and in what format it probably is (by name). */
function pickModelFile(entries: SourceEntry[]): SourceEntry {
  const files = entries.filter((e) => !isJunkPath(e.path));
  const byName = (test: (p: string) => boolean) => files.filter((e) => test(e.path.toLowerCase()));
  const candidates = [
    byName((p) => p === 'model.json' || p.endsWith('/model.json')),
    byName((p) => ['onnx', 'keras', 'h5', 'hdf5'].includes(ext(p))),
    byName((p) => ext(p) === 'json'),
  ];
  for (const list of candidates) {
    if (list.length === 1) return list[0];
    if (list.length > 1) {
      // The shallowest one (a folder with a model and its backups keeps the model at the top).
      const depth = (p: string) => p.split('/').length;
      const sorted = [...list].sort((a, b) => depth(a.path) - depth(b.path));
      if (depth(sorted[0].path) < depth(sorted[1].path)) return sorted[0];
      throw new ModelImportError(`Found several models (${list.slice(0, 4).map((e) => e.path).join(', ')}${list.length > 4 ? ', ...' : ''}); import one at a time.`);
    }
  }
  const shown = files.slice(0, 5).map((e) => e.path).join(', ');
  throw new ModelImportError(
    `No model file found${shown ? ` among ${shown}${files.length > 5 ? ', ...' : ''}` : ''}. Convas reads a TensorFlow.js model.json with its weight files, a Keras .keras, .h5 or architecture .json, or an .onnx file.`,
  );
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
/** The HDF5 signature, \x89HDF\r\n\x1a\n, at the start (Keras files have no user block). */
const isHdf5 = (b: Uint8Array) => b.length >= 8 && b[0] === 0x89 && b[1] === 0x48 && b[2] === 0x44 && b[3] === 0x46;
async function zipHas(bytes: Uint8Array, name: string): Promise<boolean> {
  try {
    return (await zipSource(bytes).list()).some((e) => e.path === name);
  } catch {
    return false;
  }
}

/**
 * The file that completes a Keras 2 pair (fer.json + fer.h5 from model.to_json() and model.save_weights()):
 * in the same folder, the one with the same name stem, else the only file there with one of `exts`.
 */
function partnerOf(entries: SourceEntry[], path: string, exts: string[]): SourceEntry | undefined {
  const folder = dirOf(path);
  const stem = (p: string) => p.slice(folder.length, p.lastIndexOf('.')).toLowerCase();
  const near = entries.filter((e) => !isJunkPath(e.path) && dirOf(e.path) === folder && e.path !== path && exts.includes(ext(e.path)));
  return near.find((e) => stem(e.path) === stem(path)) ?? (near.length === 1 ? near[0] : undefined);
}

/** A Keras 3 archive's files at the top of an unpacked source (metadata.json is optional), or undefined. */
function unpackedKeras(entries: SourceEntry[]): { config: string; weights: string } | undefined {
  const paths = new Set(entries.filter((e) => !isJunkPath(e.path)).map((e) => e.path));
  for (const dir of new Set([...paths].map(dirOf))) {
    if (dir.split('/').length > 2) continue; // the top, or one folder down (a zip of the unpacked folder)
    if (paths.has(`${dir}config.json`) && paths.has(`${dir}model.weights.h5`)) return { config: `${dir}config.json`, weights: `${dir}model.weights.h5` };
  }
  return undefined;
}

/** Reads the model in a source into the importers' common form. */
async function readSource(source: FileSource, progress: ImportProgress, modelFile?: string): Promise<SourceModel> {
  const entries = await source.list();
  const chosen = modelFile === undefined ? undefined : entries.find((e) => e.path === modelFile);
  if (modelFile !== undefined && !chosen) throw new ModelImportError(`No file "${modelFile}" in ${source.label}.`);
  // A .keras archive already unpacked (the CLI opens any zip as a folder; a user may unzip one): its
  // config.json and model.weights.h5 side by side are one Keras 3 model, not a weights-only .h5.
  const unpacked = chosen ? undefined : unpackedKeras(entries);
  if (unpacked) {
    progress('Reading the Keras archive', 0, 1);
    const { readKerasV3 } = await import('./keras/h5');
    return readKerasV3(await source.read(unpacked.config), await source.read(unpacked.weights), source.label);
  }
  const file = chosen ?? pickModelFile(entries);
  if (file.size > MODEL_BUDGET.maxFileBytes) throw new ModelImportError(`${file.path} is ${Math.round(file.size / 2 ** 20)} MB, more than the ${Math.round(MODEL_BUDGET.maxFileBytes / 2 ** 20)} MB one model file may take.`);
  progress('Reading the model', 0, 1);
  const bytes = await source.read(file.path);
  const kind = ext(file.path);
  const lfs = lfsPointerSize(bytes);
  if (lfs !== null) throw new ModelImportError(lfsPointerMessage(file.path, lfs));
  // Keras 2.13+ and TF 2.12 may write a legacy HDF5 file under a .keras name: the signature decides.
  if (isHdf5(bytes)) {
    progress('Reading the HDF5 file', 0, 1);
    // jsfive is loaded only when an HDF5 model is imported.
    const { isWeightsOnlyH5, readKerasPair, readLegacyH5 } = await import('./keras/h5');
    const json = isWeightsOnlyH5(bytes, file.path) ? partnerOf(entries, file.path, ['json']) : undefined;
    if (json) return readKerasPair(await source.read(json.path), json.path, bytes, file.path);
    return readLegacyH5(bytes, file.path);
  }
  if (kind === 'keras' || (isZip(bytes) && kind !== 'zip' && (await zipHas(bytes, 'config.json')))) {
    progress('Reading the Keras archive', 0, 1);
    const zip = zipSource(bytes, file.path);
    const names = (await zip.list()).map((e) => e.path);
    if (!names.includes('config.json')) throw new ModelImportError(`${file.path} has no config.json: it is not a Keras 3 .keras archive.`);
    const { readKerasV3 } = await import('./keras/h5');
    return readKerasV3(await zip.read('config.json'), names.includes('model.weights.h5') ? await zip.read('model.weights.h5') : undefined, file.path);
  }
  if (kind === 'zip' || isZip(bytes)) return readSource(zipSource(bytes, file.path), progress);
  if (kind === 'h5' || kind === 'hdf5') {
    const { readLegacyH5 } = await import('./keras/h5');
    return readLegacyH5(bytes, file.path);
  }
  if (kind === 'json') {
    const json = parseModelJson(textDecoder.decode(bytes), file.path);
    if (typeof json === 'object' && json !== null && 'modelTopology' in json) {
      const folder = dirOf(file.path);
      return readTfjsModel(json, async (path, index, total) => {
        progress('Reading weight files', index, total);
        const full = folder + path;
        if (!entries.some((e) => e.path === full)) throw new ModelImportError(`The weight file "${path}" that model.json lists is missing; drop or choose it together with model.json (or the whole folder).`);
        const shard = await source.read(full);
        const lfsShard = lfsPointerSize(shard);
        if (lfsShard !== null) throw new ModelImportError(lfsPointerMessage(full, lfsShard));
        return shard;
      });
    }
    const weights = partnerOf(entries, file.path, ['h5', 'hdf5']);
    if (weights) {
      const { readKerasPair } = await import('./keras/h5');
      return readKerasPair(bytes, file.path, await source.read(weights.path), weights.path);
    }
    return kerasSourceModel(readKerasTopology(json), 'keras-json', new Map());
  }
  if (kind === 'onnx' || (bytes.length > 2 && bytes[0] === 0x08)) {
    progress('Reading the ONNX graph', 0, 1);
    // protobufjs is loaded only when an ONNX model is imported.
    const { readOnnxModel } = await import('./onnx/model');
    return readOnnxModel(bytes, file.path);
  }
  throw new ModelImportError(`${file.path}: .${kind} models are not supported yet.`);
}

/**
 * Imports the model a source holds. Rejects with ModelImportError (a message for users) for files that are
 * not models, are damaged or cut short, or are over MODEL_BUDGET.
 */
export async function importModel(source: FileSource, options: ImportOptions = {}): Promise<ImportedModel> {
  const progress = options.onProgress ?? (() => undefined);
  let model: SourceModel;
  try {
    model = await readSource(source, progress, options.modelFile);
  } catch (error) {
    if (error instanceof ModelImportError) throw error;
    // Reader errors from the zip and file sources (over budget, damaged) already say what is wrong; anything
    // else is a file shaped in a way no reader expected, said as such rather than as a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    throw new ModelImportError(error instanceof Error && error.name === 'Error' ? message : `The file is damaged or not a model Convas understands (${message}).`);
  }
  progress('Building the graph', 0, 1);
  const imported = buildImport(model);
  progress('Building the graph', 1, 1);
  return imported;
}
