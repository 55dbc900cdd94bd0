import { inputParamsForTask } from '../catalog';
import { createDocument } from '../document';
import { TASKS } from '../tasks';
import type { GraphDocument } from '../types';
import { TemplateBuilder } from './builder';

/**
 * A small U-Net on brain MRI segmentation (64x64x1, binary mask). Encoder: two 3x3 convolutions per level
 * (8, 16 filters), each Conv2D -> BatchNorm -> ReLU, and 2x2 max pools; bottleneck 32 filters at 16x16;
 * decoder: Conv2DTranspose 2x2 stride 2, Concatenate with the encoder level of the same size (the skip), two
 * Conv-BatchNorm-ReLU units. Output: a 1x1 convolution and sigmoid at 64x64. Laid out as a U: each level one
 * row lower.
 *
 * Trains with binary cross-entropy + soft Dice over the batch (nnU-Net's default), both from the head's logits,
 * with batches of 16 at learning rate 0.002 for 15 epochs, at a constant rate (the warm-up + cosine schedule
 * left it still improving at epoch 15).
 *
 * BatchNorm, as in Buda et al.'s U-Net for the LGG scans and nnU-Net's (instance) normalisation, measured with
 * the engine on wasm:
 * - generated MRI (1200 images, 15 epochs): validation Dice 0.66 / 0.41 / 0.72 after epoch 1 at seeds 1 / 2 / 3
 *   and test Dice 0.87 / 0.80 / 0.88, against 0.00 / 0.00 after epoch 1 and test 0.81 / 0.77 (seeds 1 / 2)
 *   without BatchNorm;
 * - real LGG scans (../shared/realdata, 3 patients for training and the 4th for testing, each of the four
 *   ways round, 5 seeds, 40 epochs): every run trained (final training loss 0.17-0.36). Without BatchNorm one
 *   run in 20 lost its start (training loss 0.92 at epoch 5, then 1.05 until the end: "no tumour anywhere",
 *   with 18 of the bottleneck's 32 ReLUs dead); leaky ReLUs (slope 0.01) did not prevent that, and half the
 *   learning rate learned no better (mean test Dice 0.49, one run at 0.67 training loss after 40 epochs). The
 *   held-out patients' mean test Dice is about the same either way (0.50 and 0.58 in two sweeps with
 *   BatchNorm, float rounding apart; 0.49 without), but not patient by patient: TCGA_CS_6669 0.45 -> 0.19-0.26,
 *   TCGA_FG_7634 0.60 -> 0.78-0.79. Four patients are too few to tell the recipes apart on real scans.
 * `batchNorm: false` gives the same U-Net with plain ReLU convolutions (lesson 3, where BCE's lean towards "no
 * tumour" is the point, and BatchNorm's quicker start hides it: BCE alone reached a test Dice of 0.87 with it).
 * Batches of 32 at 0.001 gave half the steps and a Dice of 0 for four epochs; the old probability-clipped losses
 * settled on "no tumour anywhere" for good (Dice 0.000 for 15 epochs).
 */
export function buildUnet(options: { batchNorm?: boolean } = {}): GraphDocument {
  const batchNorm = options.batchNorm ?? true;
  const b = new TemplateBuilder();
  const input = b.add('Input', inputParamsForTask(TASKS['brain-mri-segment']), [], 0, 0);
  let col = 1;
  // Conv2D -> BatchNorm -> ReLU, or (without BatchNorm) one ReLU Conv2D.
  const unit = (x: string, filters: number, row: number) => {
    if (!batchNorm) return b.add('Conv2D', { filters, kernelSize: 3, padding: 'same', activation: 'relu' }, [x], col++, row);
    const out = b.addConvBnRelu(x, { filters }, col, row);
    col += 3;
    return out;
  };
  const skips: string[] = [];
  let x = input;
  [8, 16].forEach((filters, level) => {
    x = unit(unit(x, filters, level), filters, level);
    skips.push(x);
    x = b.add('MaxPooling2D', { poolSize: 2 }, [x], col++, level + 1);
  });
  x = unit(unit(x, 32, 2), 32, 2);
  [16, 8].forEach((filters, i) => {
    const level = 1 - i;
    x = b.add('Conv2DTranspose', { filters, kernelSize: 2, strides: 2, padding: 'same' }, [x], col++, level);
    x = b.add('Concatenate', {}, [x, skips[level]], col++, level);
    x = unit(unit(x, filters, level), filters, level);
  });
  b.add('Output', { head: 'segmentation', projection: true }, [x], col, 0);
  return createDocument(b.graph(), { id: 'brain-mri-segment', maskMode: 'binary' }, { segmentationLoss: 'bce+dice', diceMode: 'batch', schedule: 'constant', epochs: 15, batchSize: 16, learningRate: 0.002 }, 'Small U-Net');
}
