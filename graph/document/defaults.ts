import { MAX_NAME_LENGTH } from '../ids';
import { CURRENT_VERSION } from './migrations';
import type { Graph, GraphDocument, TaskRef, TrainingSettings } from '../types';

/**
 * Training settings of a new graph, and the values that fill fields an older file lacks.
 * Epochs and batch size suit a first run on the small bundled datasets in a browser.
 */
export const DEFAULT_TRAINING: Readonly<TrainingSettings> = Object.freeze({
  epochs: 5,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
  momentum: 0.9,
  classWeights: true,
  augment: true,
  validationFraction: 0.15,
  seed: 42,
  backend: 'auto',
  segmentationLoss: 'bce+dice',
  diceMode: 'batch',
  // Measured on the First CNN (1200 images, 10 epochs, seeds 1-3): test balanced accuracy 0.55/0.83/0.84 with
  // the decay against 0.47/0.47/0.74 at a constant rate, whose last epochs jump between minority classes.
  schedule: 'cosine',
});

/**
 * Images generated per run for a bundled task when nothing else is asked for: the app's training panel
 * starts with it and `convas train` uses it, so the command line trains on what the app shows. 1200 gives a
 * first run enough steps to learn every skin class (measured: with 600 the First CNN barely left "always nv")
 * and a validation split of about 140 images, and an epoch of the First CNN still takes seconds on wasm.
 */
export const DEFAULT_DATA_SIZE = 1200;

/**
 * What a document may hold. Loading rejects anything bigger, so a stray or hostile file cannot freeze the tab.
 * Text sizes are in UTF-16 code units (string length), which for JSON is close to bytes.
 */
export const DOCUMENT_LIMITS = Object.freeze({
  /** Text longer than this is rejected before JSON parsing (5 MB). */
  maxChars: 5_000_000,
  maxNodes: 2000,
  maxEdges: 4000,
  /** Node and edge ids. */
  maxIdLength: 100,
  /** Node names (the card label). */
  maxNameLength: MAX_NAME_LENGTH,
  /** The document's title. */
  maxTitleLength: 200,
  maxTaskIdLength: 200,
  /** Parameters per node, length of a parameter's name, and of a text parameter value. */
  maxParams: 64,
  maxParamKeyLength: 64,
  maxParamTextLength: 200,
});

/**
 * A document of the current version for a graph and task; training settings not given come from
 * DEFAULT_TRAINING (undefined entries in `training` count as not given). A blank `name` means no name
 * (documents reject blank names). Nodes and edges are used as they are, not copied.
 *
 * @example createDocument({nodes, edges}, {id: 'skin-lesions'}, {epochs: 10}, 'First CNN')
 */
export function createDocument(
  graph: Graph,
  task: TaskRef,
  training: Partial<TrainingSettings> = {},
  name?: string,
): GraphDocument {
  const given = Object.fromEntries(Object.entries(training).filter(([, v]) => v !== undefined));
  return {
    format: 'convas-graph',
    version: CURRENT_VERSION,
    ...(name === undefined || name.trim() === '' ? {} : { name }),
    nodes: graph.nodes,
    edges: graph.edges,
    task: { ...task },
    training: { ...DEFAULT_TRAINING, ...given },
  };
}
