import { writeNpz } from '../npz';
import type { ExportPlan } from '../plan';
import type { NamedTensor } from '../tensor';
import type { NodeWeights } from '../weights';
import type { ExportFile } from '../zip';
import { kerasModelSource } from './model';

/**
 * The arrays of weights.npz: `<layer>/<i>` is the layer's i-th weight in Keras order (kernel, bias; gamma,
 * beta, moving mean, moving variance), in Keras layout, which is tfjs' layout too.
 */
export function kerasArrays(plan: ExportPlan, weights: NodeWeights): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const node of plan.nodes) {
    (weights.get(node.id) ?? []).forEach((t, i) => out.push({ name: `${node.names.layer}/${i}`, shape: t.shape, data: t.data }));
  }
  return out;
}

/** model.py and, with trained weights, weights.npz. */
export function exportKeras(plan: ExportPlan, weights?: NodeWeights): ExportFile[] {
  const files: ExportFile[] = [{ path: 'model.py', content: kerasModelSource(plan) }];
  if (weights) files.push({ path: 'weights.npz', content: writeNpz(kerasArrays(plan, weights)) });
  return files;
}
