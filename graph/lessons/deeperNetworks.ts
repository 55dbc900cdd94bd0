import { inputParamsForTask } from '../catalog';
import type { Lesson } from '../lesson';
import { TASKS } from '../tasks';
import type { GraphDocument } from '../types';
import { buildVgg } from '../templates/vgg';

/** A template retargeted to brain MRI classification: the Input takes the task's size and channels. */
function onBrainMri(doc: GraphDocument): GraphDocument {
  const input = inputParamsForTask(TASKS['brain-mri-classify']);
  return {
    ...doc,
    task: { id: 'brain-mri-classify' },
    nodes: doc.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, ...input } } : n)),
  };
}

/**
 * Lesson 2: deeper networks. Participants start from a small VGG on brain MRI tumour types and may change
 * the structure, e.g. add residual shortcuts (Add) to make it ResNet-style, and compare the two.
 *
 * The goal is balanced accuracy 0.8 on validation (4 classes, so chance is 0.25). Measured with
 * `npm run bench -- --only lessons` (1200 generated images, 64x64, seed 42, wasm in Node; the Small VGG with
 * BatchNorm, class weights, lr 0.001, batch 32): the VGG reached 0.82 at epoch 5 and 0.87-0.89 at epochs
 * 7-12 (one dip to 0.70); the ResNet-style variant (a 1x1 Conv2D shortcut and an Add around each block's
 * convolutions, scripts/bench/lessons.ts) reached 0.80 at epoch 5 and 0.88-0.91 at epochs 6-10. Dropout is
 * not seeded, so runs differ a little; 12 epochs leave an unlucky run time to get there.
 */
export function buildDeeperNetworksLesson(): Lesson {
  const document = onBrainMri(buildVgg());
  document.name = 'Lesson 2: VGG vs ResNet';
  document.training = { ...document.training, epochs: 12 };
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Deeper networks: VGG-style vs ResNet-style',
    instructions: [
      'This is a small VGG: blocks of 3x3 convolutions, each block doubling the filters as pooling halves the size. Train it once and note its balanced accuracy.',
      '- Make it ResNet-style: route a block\'s input around its two convolutions into an Add (use a 1x1 Conv2D on the shortcut when the filters change).',
      '- Add a block to go deeper. Which trains faster? Which generalises better?',
    ].join('\n'),
    document,
    locks: {
      editable: [
        'training.learningRate',
        'training.epochs',
        'Conv2D.filters',
        'Conv2D.kernelSize',
        'Conv2D.activation',
        'Dense.units',
        'Dropout.rate',
      ],
      hidden: ['settings.optimizer'],
      allowStructureEdits: true,
    },
    goal: { metric: 'balancedAccuracy', op: '>=', value: 0.8, split: 'validation' },
  };
}
