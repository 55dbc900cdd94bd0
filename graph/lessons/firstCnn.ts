import type { Lesson } from '../lesson';
import { buildFirstCnn } from '../templates/firstCnn';

/**
 * Lesson 1: a first CNN on skin lesions and reading its confusion matrix. Only the learning rate and the
 * number of filters can change, so the room compares like with like. The goal (balanced accuracy 0.35 on
 * validation; 7 classes, so chance is 0.14) is within reach of the default settings: measured with
 * `convas train` (600 generated images, seed 1, wasm, lr 0.001) validation balanced accuracy was 0.17 for
 * epochs 1-3, 0.33 at 5, 0.35 at 8 and 0.48 at 9, so the lesson trains 10 epochs.
 */
export function buildFirstCnnLesson(): Lesson {
  const document = buildFirstCnn();
  document.name = 'Lesson 1: first CNN';
  document.training = { ...document.training, epochs: 10 };
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Your first CNN: skin lesions',
    instructions: [
      'Train the network as it is, then read its confusion matrix: rows are the true lesion types, columns what the network said.',
      '- Which types does it mix up? Are melanomas (mel) missed as moles (nv)?',
      '- Change the learning rate (try 0.01 and 0.0001) or the number of filters and train again.',
      'Balanced accuracy averages the recall of each class, so always guessing "nv" (the commonest) scores only 1/7.',
    ].join('\n'),
    document,
    locks: {
      editable: ['training.learningRate', 'Conv2D.filters'],
      hidden: ['palette', 'export', 'settings.optimizer'],
      allowStructureEdits: false,
    },
    goal: { metric: 'balancedAccuracy', op: '>=', value: 0.35, split: 'validation' },
  };
}
