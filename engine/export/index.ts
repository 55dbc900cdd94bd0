import type { TaskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';
import { identifierStem } from './identifiers';
import { exportKeras } from './keras';
import { planExport, type ExportPlan } from './plan';
import { exportPytorch } from './pytorch';
import { readmeSource, type WeightsOrigin } from './readme';
import { exportTfjs } from './tfjs';
import { EXPORT_TARGETS, type ExportTarget } from './types';
import { decodeArtifacts, matchWeights, type TrainedArtifacts } from './weights';
import { zipFiles, type ExportFile } from './zip';

/**
 * Exporters: a Convas graph as runnable PyTorch, Keras or TensorFlow.js code, with trained weights.
 * One printer per target, each a record keyed by the NodeType union (pytorch/layers.ts, keras/layers.ts,
 * tfjs/layers.ts), over one shared plan (plan.ts: validated graph, topological order, safe identifiers).
 */

export interface ExportOptions {
  /**
   * The trained model as tfjs saves it (model.save(tf.io.withSaveHandler(...)) or model.json + weights.bin
   * read back). Without it the code is exported alone and starts untrained.
   */
  weights?: TrainedArtifacts;
  /** The task of an imported dataset, which the built-in task table does not know. */
  task?: TaskInfo;
  /** Whose weights `weights` are, for the README: a run in Convas (default) or an imported model's. */
  weightsOrigin?: WeightsOrigin;
}

export interface ExportResult {
  /** Paths relative to the export folder: code, README.md, and weights when given. */
  files: ExportFile[];
  plan: ExportPlan;
}

/** What one target writes. */
const TARGETS = {
  pytorch: (plan, artifacts) => exportPytorch(plan, artifacts && matchWeights(plan, decodeArtifacts(artifacts))),
  keras: (plan, artifacts) => exportKeras(plan, artifacts && matchWeights(plan, decodeArtifacts(artifacts))),
  tfjs: (plan, artifacts) => {
    // Checked even though the artefacts are copied as they are: they must belong to this graph.
    if (artifacts) matchWeights(plan, decodeArtifacts(artifacts));
    return exportTfjs(plan, artifacts);
  },
} satisfies Record<ExportTarget, (plan: ExportPlan, artifacts?: TrainedArtifacts) => ExportFile[]>;

/**
 * The files of one export. Throws ExportError (plan.ts) when the graph has errors, and an Error when the
 * weights do not belong to the graph.
 *
 * @example exportGraph(doc, 'pytorch').files.map((f) => f.path) // ['model.py', 'train.py', 'README.md']
 */
export function exportGraph(doc: GraphDocument, target: ExportTarget, options: ExportOptions = {}): ExportResult {
  if (!EXPORT_TARGETS.includes(target)) throw new Error(`Unknown export target "${String(target)}".`);
  const plan = planExport(doc, options.task);
  const files = TARGETS[target](plan, options.weights);
  files.push({ path: 'README.md', content: readmeSource(plan, target, Boolean(options.weights), options.weightsOrigin) });
  return { files, plan };
}

/** The export as a .zip (code deflated, weights stored), for the download button. */
export function exportZip(doc: GraphDocument, target: ExportTarget, options: ExportOptions = {}): Uint8Array {
  return zipFiles(exportGraph(doc, target, options).files);
}

/** A file name for the download: `first_cnn-pytorch.zip`. */
export function exportFileName(doc: GraphDocument, target: ExportTarget): string {
  return `${identifierStem(doc.name ?? '') || 'convas_model'}-${target}.zip`;
}

export { EXPORT_TARGETS, type ExportTarget } from './types';
export { ExportError, planExport, type ExportPlan, type PlanNode } from './plan';
export type { ExportFile } from './zip';
export type { TrainedArtifacts } from './weights';
export type { WeightsOrigin } from './readme';
