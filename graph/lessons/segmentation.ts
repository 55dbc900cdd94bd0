import type { Lesson } from '../lesson';
import { buildUnet } from '../templates/unet';

/**
 * Lesson 3: segmentation with a U-Net, judged by Dice. Structure edits are allowed so participants can
 * remove a skip connection and see the Dice drop.
 *
 * The lesson trains the Small U-Net template without its BatchNorm layers (ReLU convolutions), as the template
 * does: binary cross-entropy + soft Dice over the batch, from the head's logits, batches of 16 at lr 0.002,
 * 15 epochs. The goal is a mean Dice of 0.65 on validation.
 * Measured with `npm run bench -- --only lessons` (1200 generated images, 64x64, seed 42, wasm in Node):
 * validation Dice 0.62 at epoch 10, 0.65 at 11 and 0.69 at 15 (with data seeds 1-3: 0.79-0.81 at 15, test
 * 0.76-0.80). With BCE alone the network leans to "no tumour" (tumours are about 1% of the pixels): pixel
 * accuracy stays near 0.99 while Dice lags, the point the lesson makes.
 * Before the losses worked on logits, BCE + Dice settled on "no tumour anywhere" for good (Dice 0.000 for 15
 * epochs: the sigmoid saturated and the clipped log passed no gradient back).
 */
export function buildSegmentationLesson(): Lesson {
  // Without BatchNorm: with it, BCE alone also learns the masks quickly (test Dice 0.87 on the generated
  // data), and the lean towards "no tumour" this lesson shows would not appear.
  const document = buildUnet({ batchNorm: false });
  document.name = 'Lesson 3: U-Net';
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Segmentation with U-Net and Dice',
    instructions: [
      'A U-Net outputs a mask, one value per pixel: tumour or not. Dice = 2 x overlap / (predicted area + true area), so a network that predicts no tumour at all scores 0 even though most pixels are right.',
      '- Train it (binary cross-entropy + Dice, as set), then compare predicted masks with the true ones.',
      '- Switch the loss to binary cross-entropy alone and train again. Tumours cover about 1% of the pixels: what happens to pixel accuracy and to Dice?',
      '- Back on BCE + Dice, delete one Concatenate (a skip) and reconnect the path. What happens to the edges of the masks and to Dice?',
      'A run with the same settings repeats exactly, so change something (the learning rate, the filters) rather than training again.',
    ].join('\n'),
    document,
    locks: {
      editable: ['training.learningRate', 'training.epochs', 'training.segmentationLoss', 'training.diceMode', 'Conv2D.filters', 'Conv2DTranspose.filters'],
      hidden: ['settings.optimizer'],
      allowStructureEdits: true,
    },
    goal: { metric: 'meanDice', op: '>=', value: 0.65, split: 'validation' },
  };
}
