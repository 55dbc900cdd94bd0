/**
 * The `TRAINING = {...}` dict at the top of the Keras and PyTorch model.py: the document's training settings
 * as Python literals. One printer so the two exports spell every setting the same way.
 */
import type { TrainingSettings } from '@/graph/types';
import { num } from './format';
import { pyString } from './identifiers';

/** The dict's source, `TRAINING = {` to `}`; `augment` adds the augmentation flag (PyTorch's train.py reads it, Keras has no training script). */
export function pythonTrainingDict(t: TrainingSettings, { augment }: { augment: boolean }): string {
  const py = (b: boolean) => (b ? 'True' : 'False');
  return `TRAINING = {
    "epochs": ${t.epochs},
    "batch_size": ${t.batchSize},
    "learning_rate": ${num(t.learningRate)},
    "optimizer": ${pyString(t.optimizer)},
    "momentum": ${num(t.momentum)},
    "class_weights": ${py(t.classWeights)},${augment ? `\n    "augment": ${py(t.augment)},` : ''}
    "validation_fraction": ${num(t.validationFraction)},
    "seed": ${t.seed},
    "segmentation_loss": ${pyString(t.segmentationLoss)},
    "dice_mode": ${pyString(t.diceMode)},
    "schedule": ${pyString(t.schedule)},
}`;
}
