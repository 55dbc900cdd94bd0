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
 */
export function buildDeeperNetworksLesson(): Lesson {
  const document = onBrainMri(buildVgg());
  document.name = 'Lesson 2: VGG vs ResNet';
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
