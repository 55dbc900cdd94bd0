import type { Lesson } from '../lesson';
import { buildFirstCnn } from '../templates/firstCnn';

/**
 * Lesson 1: a first CNN on skin lesions and reading its confusion matrix. Only the learning rate, the number
 * of filters and class weighting can change, so the room compares like with like. 7 classes, so chance
 * balanced accuracy is 0.14; always answering "nv" gets accuracy 0.67.
 *
 * The lesson starts from the First CNN template without its class weights, so the first run shows the trap
 * the lesson is about: the network learns the common types well and answers "nv" for many rare ones. The goal,
 * 0.7 balanced accuracy on validation, asks for the fix the instructions suggest. Measured with the engine on
 * wasm in Node (1200 generated images, seed 42, batches of 16, 10 epochs; best validation balanced accuracy):
 * without class weights 0.63 (accuracy 0.86), with class weights 0.73 (first over 0.7 at epoch 9; 0.84 by
 * epoch 11 in a 15-epoch run). lr 0.003 and above kill the Dense layer's ReLUs under class weights (the loss
 * sits at ln 7): a flat curve worth seeing once. See `npm run bench -- --only lessons`.
 */
export function buildFirstCnnLesson(): Lesson {
  const document = buildFirstCnn();
  document.name = 'Lesson 1: first CNN';
  document.training = { ...document.training, classWeights: false };
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Your first CNN: skin lesions',
    instructions: [
      'Train the network as it is, then read its confusion matrix: rows are what the network said, columns the true lesion types (Transpose swaps them).',
      '- Which types does it mix up? Are melanomas (mel) missed as moles (nv)?',
      '- Turn on class weights, so mistakes on rare types cost more, and train again. What happens to accuracy, and to balanced accuracy? Which cells of the matrix changed?',
      '- Change the learning rate (try 0.01, then 0.0001) or the number of filters and train again. Watch the loss curve: does it fall, crawl or stay flat?',
      'Balanced accuracy averages the recall of each class, so always guessing "nv" (the commonest) scores only 1/7.',
    ].join('\n'),
    document,
    locks: {
      editable: ['training.learningRate', 'training.classWeights', 'Conv2D.filters'],
      hidden: ['palette', 'export', 'settings.optimizer'],
      allowStructureEdits: false,
    },
    goal: { metric: 'balancedAccuracy', op: '>=', value: 0.7, split: 'validation' },
    dataSize: 1200,
  };
}
