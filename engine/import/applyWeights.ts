import * as tf from '@tensorflow/tfjs';
import type { CompiledGraph } from '../compile';
import { saveArtifacts } from '../export/artifacts';
import type { TrainedArtifacts } from '../export/weights';
import type { NamedTensor } from '../export/tensor';

/**
 * Imported weights -> a compiled tfjs model. The weights are named `<node id>/<role>` in Keras order
 * (engine/import/types.ts ImportedModel), so they follow the nodes, not the layer names: a node renamed after
 * the import keeps its weights, a node added since starts fresh, and a node whose shape changed is skipped.
 */

/** What {@link applyImportedWeights} did. */
export interface AppliedWeights {
  /** Node ids whose layers now hold the imported weights. */
  applied: string[];
  /** Nodes that had imported weights which no longer fit, with the reason. */
  skipped: { nodeId: string; reason: string }[];
}

/** Groups weights by node id, keeping their order. */
function byNode(weights: readonly NamedTensor[]): Map<string, NamedTensor[]> {
  const out = new Map<string, NamedTensor[]>();
  for (const w of weights) {
    const id = w.name.slice(0, w.name.lastIndexOf('/'));
    const list = out.get(id) ?? [];
    list.push(w);
    out.set(id, list);
  }
  return out;
}

/** Writes the imported weights into the compiled model's layers, node by node, where the shapes fit. */
export function applyImportedWeights(compiled: Pick<CompiledGraph, 'model' | 'layers'>, weights: readonly NamedTensor[]): AppliedWeights {
  const result: AppliedWeights = { applied: [], skipped: [] };
  for (const [nodeId, tensors] of byNode(weights)) {
    const layerName = compiled.layers[nodeId];
    if (!layerName) continue; // the node is gone or off the Input-Output path
    const layer = compiled.model.getLayer(layerName);
    const vars = layer.weights;
    const fits = vars.length === tensors.length && vars.every((v, i) => v.shape.length === tensors[i].shape.length && v.shape.every((d, j) => d === tensors[i].shape[j]));
    if (!fits) {
      result.skipped.push({ nodeId, reason: `the layer now needs ${vars.map((v) => `[${v.shape.join(', ')}]`).join(', ') || 'no weights'}, the imported weights are ${tensors.map((t) => `[${t.shape.join(', ')}]`).join(', ')}` });
      continue;
    }
    const values = tensors.map((t) => tf.tensor(t.data, t.shape, 'float32'));
    layer.setWeights(values);
    tf.dispose(values);
    result.applied.push(nodeId);
  }
  return result;
}

/**
 * The imported model as tfjs saves it (model.json topology, manifest and bytes): what `convas export
 * --weights` and the Export dialog take. Compiles nothing itself; give it a compiled graph of the import.
 */
export async function importedArtifacts(compiled: Pick<CompiledGraph, 'model' | 'layers'>, weights: readonly NamedTensor[]): Promise<TrainedArtifacts> {
  applyImportedWeights(compiled, weights);
  return saveArtifacts(compiled.model);
}
