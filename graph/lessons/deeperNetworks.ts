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
 * The goal (balanced accuracy 0.6 on validation; 4 classes, so chance is 0.25) is within reach of the
 * starting graph: measured with `npm run bench -- --only lessons` and `convas train` (600 generated images,
 * as the app makes by default, 64x64, seed 42, wasm in Node, lr 0.001, batch 32; about 2.3 s an epoch on
 * one free core), the best validation balanced accuracy of epochs 1-5 was 0.50-0.58 in six runs (never
 * 0.6); 0.6 was first reached at epoch 6, 7, 8, 9 and 9 in five longer runs, which ended at 0.67-0.77 after
 * 12 epochs (best 0.90 in a 20-epoch run). Dropout is not seeded, so runs differ; hence 12 epochs (about
 * 30 s of training), so that an unlucky run still gets there. The ResNet-style variant (a 1x1 Conv2D shortcut
 * and an Add around each block's two convolutions, scripts/bench/lessons.ts) did worse here: its best in
 * 10-12 epochs was 0.51-0.62 over five runs, two of which reached 0.6 (at epochs 6 and 12).
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
    goal: { metric: 'balancedAccuracy', op: '>=', value: 0.6, split: 'validation' },
  };
}
