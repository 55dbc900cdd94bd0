import type { Lesson } from '../lesson';
import { buildUnet } from '../templates/unet';

/**
 * Lesson 3: segmentation with a U-Net, judged by Dice. Structure edits are allowed so participants can
 * remove a skip connection and see the Dice drop.
 */
export function buildSegmentationLesson(): Lesson {
  const document = buildUnet();
  document.name = 'Lesson 3: U-Net';
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Segmentation with U-Net and Dice',
    instructions: [
      'A U-Net outputs a mask, one value per pixel: tumour or not. Dice = 2 x overlap / (predicted area + true area), so a network that predicts no tumour at all scores 0 even though most pixels are right.',
      '- Train it, then compare predicted masks with the true ones.',
      '- Delete one Concatenate (a skip) and reconnect the path. What happens to the edges of the masks and to Dice?',
      '- Try the Dice loss instead of binary cross-entropy in the training settings.',
    ].join('\n'),
    document,
    locks: {
      editable: ['training.learningRate', 'training.epochs', 'training.segmentationLoss', 'Conv2D.filters', 'Conv2DTranspose.filters'],
      hidden: ['settings.optimizer'],
      allowStructureEdits: true,
    },
    goal: { metric: 'meanDice', op: '>=', value: 0.5, split: 'validation' },
  };
}
