/**
 * The training settings the panel edits: each numeric field's range and how typed text becomes a value,
 * checked against the same limits the document schema enforces (graph/document/schema.ts), so a value the
 * panel accepts always saves and loads.
 */
import { TRAINING_LIMITS as T } from '@/graph/document';
import type { TrainingSettings } from '@/graph/types';

/** A numeric setting's limits. */
export interface NumberFieldSpec {
  key: 'epochs' | 'batchSize' | 'learningRate' | 'momentum' | 'validationFraction' | 'seed';
  label: string;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** Exclusive lower bound (the learning rate must be above 0). */
  exclusiveMin?: boolean;
  hint: string;
}

/** The numeric settings, in panel order. Limits are the document schema's (graph/document/limits.ts). */
export const NUMBER_FIELDS: Record<NumberFieldSpec['key'], NumberFieldSpec> = {
  epochs: { key: 'epochs', label: 'Epochs', min: T.epochs.min, max: T.epochs.max, integer: true, hint: 'Passes over the training images.' },
  batchSize: { key: 'batchSize', label: 'Batch size', min: T.batchSize.min, max: T.batchSize.max, integer: true, hint: 'Images per weight update. Larger batches are faster per image but need more memory.' },
  learningRate: {
    key: 'learningRate',
    label: 'Learning rate',
    min: T.learningRate.minExclusive,
    max: T.learningRate.max,
    integer: false,
    exclusiveMin: true,
    hint: 'Step size of each update. Adam: try 0.001; SGD: try 0.01. Too high and the loss becomes NaN.',
  },
  momentum: { key: 'momentum', label: 'Momentum', min: T.momentum.min, max: T.momentum.max, integer: false, hint: 'SGD only: how much of the previous step carries into the next (0.9 is usual).' },
  validationFraction: {
    key: 'validationFraction',
    label: 'Validation share',
    min: T.validationFraction.min,
    max: T.validationFraction.max,
    integer: false,
    hint: 'Share of the training images held out to measure progress each epoch (0 to 0.5).',
  },
  seed: { key: 'seed', label: 'Seed', min: T.seed.min, max: T.seed.max, integer: true, hint: 'Same seed, same split, shuffling, augmentation, starting weights and dropout: on the same number of workers, the same run again.' },
};

/** Parses typed text for a field: the value, or a message saying what is allowed. */
export function parseSetting(spec: NumberFieldSpec, text: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, error: `${spec.label} must be a number.` };
  if (spec.integer && !Number.isInteger(value)) return { ok: false, error: `${spec.label} must be a whole number.` };
  const low = spec.exclusiveMin ? value <= spec.min : value < spec.min;
  if (low || value > spec.max) {
    const from = spec.exclusiveMin ? `above ${spec.min}` : `from ${spec.min}`;
    return { ok: false, error: `${spec.label} must be ${from} to ${spec.max}.` };
  }
  return { ok: true, value };
}

/** Settings a field is shown for: momentum only with SGD, the Dice form only with a loss that has Dice. */
export function fieldVisible(key: keyof TrainingSettings, s: TrainingSettings, kind: 'classification' | 'segmentation'): boolean {
  if (key === 'momentum') return s.optimizer === 'sgd';
  if (key === 'classWeights') return kind === 'classification';
  if (key === 'segmentationLoss') return kind === 'segmentation';
  if (key === 'diceMode') return kind === 'segmentation' && s.segmentationLoss !== 'bce';
  return true;
}

/** Learning-rate presets offered as one-click buttons. */
export const LEARNING_RATE_PRESETS = [0.0001, 0.001, 0.01] as const;

/** Generated image counts offered for bundled tasks. */
export const DATA_SIZES = [300, 600, 1200, 2400] as const;
