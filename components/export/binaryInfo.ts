import { unzipSync } from 'fflate';
import type { ExportFile } from '@/engine/export';

/** One tensor of a weights file: its name in that file, element type and shape. */
export interface TensorEntry {
  name: string;
  dtype: string;
  shape: number[];
}

/** What the dialog shows for a binary file instead of its bytes. */
export interface BinaryInfo {
  /** What the file is and which code reads it. */
  description: string;
  /** The tensors it holds, in file order; empty when the format is not one of the export's. */
  tensors: TensorEntry[];
}

const decoder = new TextDecoder();

/** safetensors: an 8-byte little-endian header length, a JSON header `{name: {dtype, shape, data_offsets}}`, the data. */
function safetensorsEntries(bytes: Uint8Array): TensorEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  const header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + length))) as Record<string, { dtype?: string; shape?: number[] }>;
  return Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, t]) => ({ name, dtype: t.dtype ?? '?', shape: t.shape ?? [] }));
}

/** .npz: a zip of .npy files, each with a Python-dict header `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. */
function npzEntries(bytes: Uint8Array): TensorEntry[] {
  return Object.entries(unzipSync(bytes)).map(([path, npy]) => {
    const headerLength = npy[8] | (npy[9] << 8);
    const header = decoder.decode(npy.subarray(10, 10 + headerLength));
    const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
    const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1] ?? '?';
    return {
      name: path.replace(/\.npy$/, ''),
      dtype: descr === '<f4' ? 'float32' : descr,
      shape: shape.split(',').map((s) => s.trim()).filter(Boolean).map(Number),
    };
  });
}

/** weights.bin has no header: its tensors are listed in model.json's weights manifest. */
function manifestEntries(files: readonly ExportFile[]): TensorEntry[] {
  const json = files.find((f) => f.path === 'model.json')?.content;
  if (typeof json !== 'string') return [];
  const parsed = JSON.parse(json) as { weightsManifest?: { weights?: { name: string; dtype?: string; shape?: number[] }[] }[] };
  return (parsed.weightsManifest ?? []).flatMap((g) => g.weights ?? []).map((w) => ({ name: w.name, dtype: w.dtype ?? 'float32', shape: w.shape ?? [] }));
}

const FORMATS: { ext: string; description: string; read: (bytes: Uint8Array, files: readonly ExportFile[]) => TensorEntry[] }[] = [
  {
    ext: '.safetensors',
    description: 'The trained weights in PyTorch layouts (safetensors). build_model() in model.py loads them when the file sits beside it.',
    read: (bytes) => safetensorsEntries(bytes),
  },
  {
    ext: '.npz',
    description: 'The trained weights as numpy arrays in Keras order. load_weights() in model.py reads them.',
    read: (bytes) => npzEntries(bytes),
  },
  {
    ext: '.bin',
    description: "The trained weights' bytes for TensorFlow.js, described by model.json. loadTrainedModel() in model.js loads both.",
    read: (_bytes, files) => manifestEntries(files),
  },
];

/**
 * What a binary export file holds, read from its own header (or model.json for weights.bin). A file that
 * cannot be read gets a description and no tensors rather than an error.
 */
export function binaryInfo(file: ExportFile, files: readonly ExportFile[]): BinaryInfo {
  const format = FORMATS.find((f) => file.path.endsWith(f.ext));
  if (!format || typeof file.content === 'string') return { description: 'A binary file.', tensors: [] };
  try {
    return { description: format.description, tensors: format.read(file.content, files) };
  } catch {
    return { description: format.description, tensors: [] };
  }
}
