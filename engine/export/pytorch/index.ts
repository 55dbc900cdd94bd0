import type { ExportPlan } from '../plan';
import { writeSafetensors } from '../safetensors';
import type { NamedTensor } from '../tensor';
import type { NodeWeights } from '../weights';
import type { ExportFile } from '../zip';
import { TORCH_LAYERS } from './layers';
import { torchModelSource } from './model';
import { TRAIN_PY } from './trainPy';

/**
 * The PyTorch state dict of trained weights: `<layer>.weight`, `<layer>.bias`, BatchNorm's `running_mean` and
 * `running_var`, converted from Keras layout (conv HWIO -> OIHW, dense transposed, transposed-conv kernels
 * [kh, kw, out, in] -> [in, out, kh, kw]).
 */
export function torchStateDict(plan: ExportPlan, weights: NodeWeights): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const node of plan.nodes) {
    const keras = weights.get(node.id);
    if (!keras) continue;
    for (const t of TORCH_LAYERS[node.type].state(node, keras)) out.push({ ...t, name: `${node.names.code}.${t.name}` });
  }
  return out;
}

/** model.py, train.py and, with trained weights, weights.safetensors. */
export function exportPytorch(plan: ExportPlan, weights?: NodeWeights): ExportFile[] {
  const files: ExportFile[] = [
    { path: 'model.py', content: torchModelSource(plan) },
    { path: 'train.py', content: TRAIN_PY },
  ];
  if (weights) {
    files.push({ path: 'weights.safetensors', content: writeSafetensors(torchStateDict(plan, weights), { format: 'pt' }) });
  }
  return files;
}
