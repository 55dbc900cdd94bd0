import { commentText, pyString } from '../identifiers';
import { pyTuple } from '../format';
import { hwc, type ExportPlan, type PlanNode } from '../plan';
import { pythonTrainingDict } from '../pythonTraining';
import { TORCH_HELPERS, type TorchHelper } from './helpers';
import { outputActivation, outputLogits, TORCH_LAYERS } from './layers';

/** The local variable holding the head's logits in `forward` (a reserved name: no node identifier can take it). */
const HEAD_LOGITS = 'head_logits';
import { SAFETENSORS_PY } from './safetensorsPy';

/** The tensor shape as PyTorch holds it, for comments: `(N, 8, 64, 64)` or `(N, 32)`. */
function torchShape(node: PlanNode): string {
  const s = node.shape;
  return s.length === 4 ? `(N, ${s[3]}, ${s[1]}, ${s[2]})` : `(N, ${s.slice(1).join(', ')})`;
}

/** `node "original name"` when the identifier differs from what the user typed, else ''. */
function nameNote(node: PlanNode): string {
  return node.name === node.names.code ? '' : `node "${commentText(node.name, 60)}"`;
}

/** `build_model()` lines that freeze the frozen nodes' modules (the optimiser then skips their parameters). */
function frozenLines(plan: ExportPlan): string {
  return plan.nodes
    .filter((n) => n.frozen)
    .map((n) => `\n    model.${n.names.code}.requires_grad_(False)  # frozen in Convas: training leaves it as it is`)
    .join('');
}

/**
 * The text of model.py: constants, the nn.Module (layers in `__init__`, `forward` in topological order with
 * one named tensor per node), the safetensors reader and `build_model()`.
 */
export function torchModelSource(plan: ExportPlan): string {
  const helpers = new Set<TorchHelper>();
  const init: string[] = [];
  const forward: string[] = [];
  for (const node of plan.nodes) {
    const layer = TORCH_LAYERS[node.type];
    const module = `self.${node.names.code}`;
    const built = layer.module(node);
    const note = nameNote(node);
    if (built) init.push(`self.${node.names.code} = ${built}${note ? `  # ${note}` : ''}`);
    if (node.type === 'Input') continue;
    const ctx = { node, module, inputs: node.inputs.map((i) => i.names.code), useHelper: (h: TorchHelper) => helpers.add(h) };
    if (node === plan.output) {
      // The head's logits are kept apart, so training can take its loss from them (train.py, `logits=True`).
      forward.push(`${HEAD_LOGITS} = ${outputLogits(ctx)}  # ${torchShape(node)}, before the ${plan.task.headClasses === 1 && node.shape.length === 4 ? 'sigmoid' : 'softmax'}`);
      forward.push(`if logits:`, `    return ${HEAD_LOGITS}`);
      forward.push(`${node.names.code} = ${outputActivation(node, HEAD_LOGITS)}  # ${torchShape(node)}${note && !built ? `, ${note}` : ''}`);
      continue;
    }
    const expr = layer.forward(ctx);
    forward.push(`${node.names.code} = ${expr}  # ${torchShape(node)}${note && !built ? `, ${note}` : ''}`);
  }
  forward.push(`return ${plan.output.names.code}`);
  const headModule = plan.output.type === 'Output' && TORCH_LAYERS.Output.module(plan.output) ? pyString(plan.output.names.code) : 'None';

  const [h, w, c] = hwc(plan.input.shape);
  const t = plan.training;
  const head =
    plan.task.kind === 'classification'
      ? `${plan.task.headClasses} class probabilities (softmax)`
      : plan.task.headClasses === 1
        ? 'a foreground probability per pixel (sigmoid), shape (N, 1, H, W)'
        : `${plan.task.headClasses} class probabilities per pixel (softmax over channels)`;
  const helperText = [...helpers].sort().map((name) => `\n\n\n${TORCH_HELPERS[name]}`).join('');
  const inputArg = plan.input.names.code;

  return `"""${commentText(plan.title)}: a PyTorch model exported from Convas.

The network of the Convas graph with the exact semantics of its TensorFlow.js model, channels first
(N, C, H, W): TensorFlow's 'same' padding (the odd extra pixel at the bottom/right), Keras' BatchNorm
epsilon, Flatten in channels-last order so trained Dense weights carry over.
It returns ${head}.

    from model import build_model, INPUT_SHAPE, CLASSES
    model = build_model().eval()  # loads weights.safetensors from this folder when present
    probabilities = model(images)  # images: float32 (N, *INPUT_SHAPE), values in [0, 1]
    logits = model(images, logits=True)  # the same before the head's softmax or sigmoid (train.py's losses use them)
"""
import array
import json
import os
import struct
import sys

import torch
import torch.nn.functional as F
from torch import nn

MODEL_NAME = ${pyString(plan.title)}
TASK = ${pyString(plan.task.kind)}
INPUT_SHAPE = ${pyTuple([String(c), String(h), String(w)])}  # (channels, height, width), values in [0, 1]
CLASSES = ${pyTuple(plan.task.classes.map(pyString))}
${pythonTrainingDict(t, { augment: true })}
HEAD_MODULE = ${headModule}  # the Output's layer, whose bias train.py starts at the class prior (None: no projection)
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")${helperText}


class ConvasModel(nn.Module):
    """${commentText(plan.title)}: (N, ${c}, ${h}, ${w}) -> ${head}."""

    def __init__(self):
        super().__init__()
${init.map((l) => `        ${l}`).join('\n') || '        pass'}

    def forward(self, ${inputArg}, logits=False):
        """Probabilities, or with logits=True the head's values before its softmax or sigmoid."""
${forward.map((l) => `        ${l}`).join('\n')}
${SAFETENSORS_PY}

def build_model(weights=WEIGHTS_FILE):
    """The model, with weights loaded from \`weights\` (a .safetensors file) when that file exists."""
    model = ConvasModel()${frozenLines(plan)}
    if weights and os.path.exists(weights):
        missing, unexpected = model.load_state_dict(load_safetensors(weights), strict=False)
        missing = [k for k in missing if not k.endswith("num_batches_tracked")]
        if missing or unexpected:
            raise RuntimeError(f"{weights} does not fit this model: missing {missing}, unexpected {unexpected}")
    return model


if __name__ == "__main__":
    net = build_model().eval()
    print(net)
    print("parameters:", sum(p.numel() for p in net.parameters()))
    with torch.no_grad():
        print("output shape:", tuple(net(torch.rand(2, *INPUT_SHAPE)).shape))
`;
}
