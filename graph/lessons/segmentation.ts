import type { Lesson } from '../lesson';
import { buildUnet } from '../templates/unet';

/**
 * Lesson 3: segmentation with a U-Net, judged by Dice. Structure edits are allowed so participants can
 * remove a skip connection and see the Dice drop.
 *
 * The lesson starts with the Dice loss and 20 epochs because that is what reaches its goal (mean Dice 0.5
 * on validation). Measured with `npm run bench -- --only lessons` / `convas train` (600 generated images as
 * the app makes by default, 64x64, seed 42, wasm in Node, lr 0.001, batch 32; about 5 s an epoch on one
 * free core, 100 s in all): with the Dice loss, validation Dice was 0.03-0.16 for epochs 1-11, 0.31 at 12,
 * 0.45 at 13, 0.52 at 14, 0.58 at 16 and 0.68-0.69 for epochs 17-20. With the template's default loss, BCE
 * + Dice, Dice stayed 0.000 for 15 epochs, and with BCE alone for 12 (pixel accuracy 0.990): tumours are
 * about 1% of the pixels, and the network settles on "no tumour anywhere", the point the lesson makes about
 * pixel accuracy. The Dice loss run is fragile too: with seeds 1 and 7 (other data and initial weights) it
 * fell to "no tumour" after 4-5 epochs and stayed there; at seed 42 trained on, it fell to 0 at epoch 25
 * and for good at 28; lr 0.01 collapses within 2 epochs and lr 0.0003 only reached 0.14 in 12 epochs. There
 * is no dropout, so a run with these settings repeats exactly.
 * Why it collapses (looked at after 3 epochs of BCE): the decoder's activations grow to the hundreds, so most
 * sigmoid outputs are exactly 0 and pass no gradient back; the loss works on probabilities, not logits.
 */
export function buildSegmentationLesson(): Lesson {
  const document = buildUnet();
  document.name = 'Lesson 3: U-Net';
  document.training = { ...document.training, segmentationLoss: 'dice', epochs: 20 };
  return {
    format: 'convas-lesson',
    version: 1,
    title: 'Segmentation with U-Net and Dice',
    instructions: [
      'A U-Net outputs a mask, one value per pixel: tumour or not. Dice = 2 x overlap / (predicted area + true area), so a network that predicts no tumour at all scores 0 even though most pixels are right.',
      '- Train it (with the Dice loss, as set), then compare predicted masks with the true ones. Dice usually takes off after about 12 epochs.',
      '- Switch the loss to binary cross-entropy and train again. Tumours cover about 1% of the pixels: what happens to pixel accuracy and to Dice?',
      '- Back on the Dice loss, delete one Concatenate (a skip) and reconnect the path. What happens to the edges of the masks and to Dice?',
      'If Dice falls to 0 and stays there, the network has settled on "no tumour anywhere". A run with the same settings repeats exactly, so change something (the learning rate, the filters) rather than training again.',
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
