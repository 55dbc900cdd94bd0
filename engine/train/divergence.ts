/**
 * The message shown when the loss stops being a finite number: nearly always a learning rate too high
 * for the model (the weights overshoot, grow and overflow), so the message names it and suggests a value.
 */
import type { OptimizerName } from '../../graph/types';

/** A learning rate to suggest after divergence: the optimiser's usual default, or a tenth when already below. */
export function suggestedLearningRate(lr: number, optimizer: OptimizerName): number {
  const usual = optimizer === 'sgd' ? 0.01 : 0.001;
  return lr > usual ? usual : Number((lr / 10).toPrecision(2));
}

/**
 * Message and hint for a NaN or infinite loss.
 * Example: divergenceMessage(NaN, 1, 3, 100, 'adam').message ===
 *   'Loss became NaN at epoch 1, batch 3. The learning rate 100 is probably too high; try 0.001.'
 */
export function divergenceMessage(
  loss: number,
  epoch: number,
  batch: number,
  lr: number,
  optimizer: OptimizerName,
): { message: string; hint: string } {
  const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
  const next = suggestedLearningRate(lr, optimizer);
  return {
    message: `Loss became ${what} at epoch ${epoch}, batch ${batch}. The learning rate ${lr} is probably too high; try ${next}.`,
    hint:
      `Set the learning rate to ${next} and train again. If the loss still blows up, add BatchNormalization ` +
      'after the convolutions, or check the data for broken images.',
  };
}

/** Batches averaged when watching for a loss that climbs far above where it started. */
export const RISING_WINDOW = 10;
/** How many times the first batch's loss the recent mean must reach to count as blowing up. */
export const RISING_FACTOR = 4;

/**
 * Watches batch losses for the softer sign of a too-high learning rate: the loss climbing far above its
 * starting value while staying finite (probabilities are clipped before the logarithm, so a saturated
 * wrong prediction costs about 16 rather than infinity). Returns a warning once, then null.
 */
export class RisingLossWatch {
  private first: number | undefined;
  private readonly recent: number[] = [];
  private warned = false;

  constructor(
    private readonly lr: number,
    private readonly optimizer: OptimizerName,
  ) {}

  /** Adds a batch loss; returns the warning the first time the recent mean exceeds RISING_FACTOR x the first. */
  add(loss: number): string | null {
    this.first ??= loss;
    this.recent.push(loss);
    if (this.recent.length > RISING_WINDOW) this.recent.shift();
    if (this.warned || this.recent.length < RISING_WINDOW) return null;
    const mean = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    if (!(mean > RISING_FACTOR * this.first)) return null;
    this.warned = true;
    return (
      `Loss rose from ${this.first.toFixed(2)} to ${mean.toFixed(2)} (mean of the last ${RISING_WINDOW} batches): ` +
      `the learning rate ${this.lr} is probably too high; try ${suggestedLearningRate(this.lr, this.optimizer)}.`
    );
  }
}
