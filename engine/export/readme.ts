import { commentText } from './identifiers';
import type { ExportPlan } from './plan';
import type { ExportTarget } from './types';

/**
 * A graph's own text (its title) as Markdown shows it literally: commentText's safe ASCII, with Markdown's
 * link, image, emphasis, table and HTML characters backslash-escaped, so a name like `![t](http://x)` is
 * printed, never turned into an image that loads from the network.
 * Example: markdownText('![t](http://x)') -> '\\!\\[t\\]\\(http://x\\)'
 */
export function markdownText(text: string): string {
  return commentText(text).replace(/[\\[\]()!*_|~#<>`{}]/g, '\\$&');
}

function layerTable(plan: ExportPlan): string {
  const rows = plan.nodes.map((n) => {
    const params = n.counts.trainable + n.counts.nonTrainable;
    return `| ${n.names.layer} | ${n.type} | ${n.shape.slice(1).join(' x ')} | ${params} |`;
  });
  return ['| Layer | Type | Output (H x W x C) | Parameters |', '|---|---|---|---|', ...rows].join('\n');
}

function datasetLayout(plan: ExportPlan): string {
  return plan.task.kind === 'classification'
    ? 'one sub-folder per class, named as in `CLASSES` (`DATA_DIR/<class>/<image>.png`)'
    : '`DATA_DIR/images/<name>.png` with its mask `DATA_DIR/masks/<name>.png` (0 = background)';
}

const BODY: Record<ExportTarget, (plan: ExportPlan, weights: boolean, whose: string) => string> = {
  pytorch: (plan, weights, whose) => `## Files
- \`model.py\`: the network as a PyTorch \`nn.Module\`; \`build_model()\` returns it${weights ? ' with the trained weights of `weights.safetensors` loaded' : ''}, \`INPUT_SHAPE\` is (channels, height, width), \`CLASSES\` the output names.
- \`train.py\`: trains it as Convas does: the real dataset layouts the app imports (HAM10000, hmnist CSV, Brain Tumor MRI, LGG kaggle_3m) or a folder of images, the same preprocessing, split, losses, settings and metrics.${weights ? `\n- \`weights.safetensors\`: ${whose}, converted to PyTorch layouts.` : ''}

Needs Python 3.8+ and PyTorch 1.13+. Pillow reads the images when installed; without it only PNG (and hmnist CSV) data can be read: JPEG (HAM10000, Brain Tumor MRI) and TIFF (LGG) need Pillow.

## Run
\`\`\`sh
python model.py                                   # prints the model, its parameter count and output shape
python train.py --data DATA_DIR                   # one CPU or GPU
python train.py --data DATA_DIR --json            # one JSON object per epoch (loss, val_loss, val_accuracy, ...), then the test's
torchrun --nproc_per_node=4 train.py --data DATA_DIR  # several GPUs (DistributedDataParallel)
\`\`\`
\`DATA_DIR\` holds a real dataset as downloaded, what \`convas generate\` writes, or ${datasetLayout(plan)}. Images are brought to
the model's input as Convas imports them (luminance or LGG's FLAIR channel, area-average resize, [0, 1]); the split is
Convas' (same seed, same images: whole patients or lesions, the dataset's own Testing/ as the test set), and so are the
batches, augmentation, losses (on the head's logits; \`--dice batch|image\`) and the reported metrics.
\`train.py --help\` lists the settings you can override; the trained weights go to \`trained.safetensors\`
(\`build_model(weights="trained.safetensors")\` loads them).

\`\`\`python
import torch
from model import build_model, INPUT_SHAPE, CLASSES
model = build_model().eval()
with torch.no_grad():
    probabilities = model(torch.rand(1, *INPUT_SHAPE))
\`\`\`

The PyTorch model computes what the TensorFlow.js model computes (checked to 1e-4 by Convas' tests): tensors
are channels-first, 'same' padding follows TensorFlow (the odd extra pixel goes at the bottom/right), Flatten
reads channels-last so Dense weights carry over, BatchNorm momentum is \`1 - Keras momentum\`.`,
  keras: (plan, weights, whose) => `## Files
- \`model.py\`: \`build_model()\` builds the network with the Keras functional API (TensorFlow 2), same layer names and parameters; \`compile_model()\` sets the document's loss and optimiser; \`load_weights()\` reads \`weights.npz\`.${weights ? `\n- \`weights.npz\`: ${whose} (\`<layer>/<index>\` arrays in Keras order).` : ''}

## Run
\`\`\`python
from model import build_model, compile_model, load_weights, TRAINING
model = compile_model(load_weights(build_model()))
model.fit(images, one_hot_labels, epochs=TRAINING["epochs"], batch_size=TRAINING["batch_size"])
\`\`\`
Images are channels-last (N, ${plan.input.shape.slice(1).join(', ')}) with values in [0, 1]; ${plan.task.kind === 'classification' ? 'labels are one-hot over `CLASSES`' : 'masks have the output\'s shape'}.`,
  tfjs: (_plan, weights) => `## Files
- \`model.js\`: an ES module; \`buildModel()\` builds the network with tf.layers, \`compileModel()\` sets the document's loss and optimiser.${weights ? '\n- `model.json` + `weights.bin`: the trained model in TensorFlow.js\' own format (Netron opens it too); `loadTrainedModel()` loads it.' : ''}

## Run
\`\`\`js
import * as tf from '@tensorflow/tfjs';
import { loadTrainedModel, buildModel, compileModel, INPUT_SHAPE } from './model.js';
const model = ${weights ? "await loadTrainedModel('model.json')" : 'compileModel(buildModel())'};
const probabilities = model.predict(tf.zeros([1, ...INPUT_SHAPE]));
\`\`\`
In Node, load the files with \`tf.io.fromMemory\` (or \`@tensorflow/tfjs-node\`'s \`file://\` handler).`,
};

/** Where exported weights come from: a run in Convas, or an imported model's file as it was read. */
export type WeightsOrigin = 'trained' | 'imported';

/** README.md of an export: what the files are, how to run them, and the model's layers. */
export function readmeSource(plan: ExportPlan, target: ExportTarget, weights: boolean, origin: WeightsOrigin = 'trained'): string {
  const name = { pytorch: 'PyTorch', keras: 'Keras', tfjs: 'TensorFlow.js' }[target];
  const whose = origin === 'imported' ? "the imported model's weights, as read from its file (not trained in Convas)" : 'the weights trained in Convas';
  const included = origin === 'imported' ? "The imported model's weights are included, as read from its file (not trained in Convas)." : 'The trained weights are included.';
  const frozen = plan.nodes.filter((n) => n.frozen).map((n) => `\`${n.names.layer}\``);
  const frozenNote = frozen.length ? `\nFrozen in Convas (training leaves them as they are, and the code marks them so): ${frozen.join(', ')}.` : '';
  return `# ${markdownText(plan.title)} (${name})

Exported from Convas: a ${plan.task.kind} network for ${plan.input.shape.slice(1).join(' x ')} images with ${plan.task.headClasses} output${plan.task.headClasses === 1 ? '' : 's'}${plan.task.kind === 'segmentation' ? ' per pixel' : ''}, ${plan.totals.trainable} trainable and ${plan.totals.nonTrainable} non-trainable parameters.
${weights ? included : 'No trained weights are included: the model starts untrained.'}${frozenNote}

${BODY[target](plan, weights, whose)}

## Layers
${layerTable(plan)}
`;
}
