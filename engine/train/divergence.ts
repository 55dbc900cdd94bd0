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
 * How many times a guess's loss (ln K for K classes: uniform probabilities) the recent mean must reach. A
 * network that is confidently wrong this often has been thrown off by its steps, even when its loss jumped
 * in the first few batches and then stayed flat (so it never rose 4x over the first batch).
 */
export const CHANCE_FACTOR = 2;

/**
 * Watches batch losses for the softer sign of a too-high learning rate: the loss climbing far above its
 * starting value while staying finite (probabilities are clipped before the logarithm, so a saturated
 * wrong prediction costs about 16 rather than infinity), or, for classification, staying far above what a
 * uniform guess would cost. Returns a warning once, then null.
 */
export class RisingLossWatch {
  private first: number | undefined;
  private readonly recent: number[] = [];
  private warned = false;

  /** `chanceLoss`: the loss of a uniform guess (ln K for K-class cross-entropy), when there is one. */
  constructor(
    private readonly lr: number,
    private readonly optimizer: OptimizerName,
    private readonly chanceLoss?: number,
  ) {}

  /**
   * Adds a batch loss; returns the warning the first time the recent mean exceeds RISING_FACTOR x the first
   * loss, or CHANCE_FACTOR x the chance loss.
   */
  add(loss: number): string | null {
    this.first ??= loss;
    this.recent.push(loss);
    if (this.recent.length > RISING_WINDOW) this.recent.shift();
    if (this.warned || this.recent.length < RISING_WINDOW) return null;
    const mean = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    const advice = `the learning rate ${this.lr} is probably too high; try ${suggestedLearningRate(this.lr, this.optimizer)}.`;
    if (mean > RISING_FACTOR * this.first) {
      this.warned = true;
      return `Loss rose from ${this.first.toFixed(2)} to ${mean.toFixed(2)} (mean of the last ${RISING_WINDOW} batches): ${advice}`;
    }
    if (this.chanceLoss !== undefined && mean > CHANCE_FACTOR * this.chanceLoss) {
      this.warned = true;
      return (
        `Loss is ${mean.toFixed(2)} (mean of the last ${RISING_WINDOW} batches), more than twice the ` +
        `${this.chanceLoss.toFixed(2)} of a blind guess: ${advice}`
      );
    }
    return null;
  }
}
