import type { GraphDocument, NodeType, Params } from '@/graph/types';
import type { WeightRole } from '../export/layout';
import type { NamedTensor } from '../export/tensor';

/**
 * The model formats Convas reads. Each importer turns its file into the same intermediate form
 * ({@link SourceModel}), and one builder (build.ts) turns that into a graph document with weights.
 */
export const MODEL_FORMATS = ['tfjs-layers', 'keras-json', 'keras-v3', 'keras-h5', 'onnx'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Human names of the formats, for messages and the import summary. */
export const FORMAT_LABELS: Record<ModelFormat, string> = {
  'tfjs-layers': 'TensorFlow.js Layers model',
  'keras-json': 'Keras architecture JSON',
  'keras-v3': 'Keras v3 .keras file',
  'keras-h5': 'Keras HDF5 (.h5) file',
  onnx: 'ONNX model',
};

/**
 * One layer of the source model, already mapped: `node` is the catalog node it becomes, or undefined with
 * `unsupported` saying why (the import lists it by name and type; it is bridged, never silently dropped).
 * Weights are in Keras layout (engine/export/layout.ts), keyed by role.
 */
export interface SourceLayer {
  /** The layer's name in the source (becomes the node name). */
  name: string;
  /** The source's type name: a Keras class name (`Conv2D`) or an ONNX op (`Conv`). */
  sourceType: string;
  node?: { type: NodeType; params: Params };
  unsupported?: string;
  /**
   * Why the layer is left out although nothing is lost: it acts only in training (augmentation, noise), or
   * Convas' data pipeline does its work (Rescaling 1/255). Bridged like an unsupported layer, listed apart.
   */
  omitted?: string;
  /** Names of the layers feeding this one, in call order (Add/Concatenate inputs). */
  inputs: string[];
  weights: Partial<Record<WeightRole, NamedTensor>>;
}

/** A source model in the importers' common form: layers in topological order, one input, one output. */
export interface SourceModel {
  format: ModelFormat;
  name?: string;
  layers: SourceLayer[];
  /** Name of the layer whose output is the model's output. */
  output: string;
  /** Things the reader noticed that change nothing structural (e.g. quantised weights were expanded). */
  notes: string[];
}

/** A layer that did not come along, by name and type, with the reason. */
export interface UnsupportedLayer {
  name: string;
  type: string;
  reason: string;
}

/** What an import gives: the graph, its weights, and an honest account of what came along. */
export interface ImportedModel {
  format: ModelFormat;
  doc: GraphDocument;
  /**
   * Weights by node, Keras layout, each named `<node id>/<role>` (`imp3/kernel`; imported nodes' ids start with 'imp'): the training worker starts
   * from them (engine/import/applyWeights.ts) and the CLI writes them as a tfjs model folder.
   */
  weights: NamedTensor[];
  summary: ImportSummary;
}

/** The import dialog's and the CLI's account of an import. */
export interface ImportSummary {
  format: ModelFormat;
  /** Layers of the source, and how many became nodes. */
  layers: number;
  imported: number;
  unsupported: UnsupportedLayer[];
  /** Layers left out that change nothing when the model predicts (augmentation, Rescaling 1/255), with why. */
  omitted: UnsupportedLayer[];
  /** Weighted nodes that got their weights, and those that start untrained (with why, in `notes`). */
  weighted: number;
  withWeights: number;
  /** Parameters (numbers) read from the file. */
  parameters: number;
  /** Messages worth reading: head changes, task choice, bridged layers, expanded quantisation. */
  notes: string[];
}

/** A file Convas cannot read as a model: the message says which file and why, in words for users. */
export class ModelImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}
