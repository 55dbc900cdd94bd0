import type { ExportPlan } from '../plan';
import { weightBytes, type TrainedArtifacts } from '../weights';
import type { ExportFile } from '../zip';
import { tfjsModuleSource } from './module';

/**
 * model.json as tfjs' own file handlers write it (`tf.io.browserDownloads`, `file://`): the topology, the
 * training config, and one manifest group whose single path is weights.bin. Netron and tf.loadLayersModel
 * read it.
 */
export function modelJson(artifacts: TrainedArtifacts): string {
  if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('The trained model has no layers-model topology to export.');
  }
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: artifacts.convertedBy ?? null,
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
  };
  return `${JSON.stringify(json)}\n`;
}

/** model.js and, with trained weights, model.json + weights.bin. */
export function exportTfjs(plan: ExportPlan, artifacts?: TrainedArtifacts): ExportFile[] {
  const files: ExportFile[] = [{ path: 'model.js', content: tfjsModuleSource(plan) }];
  if (artifacts) {
    files.push({ path: 'model.json', content: modelJson(artifacts) });
    files.push({ path: 'weights.bin', content: weightBytes(artifacts.weightData) });
  }
  return files;
}
