/**
 * Whether the next run makes too few weight updates to learn, before it starts. Epochs count passes over
 * the data, so the same "15 epochs" is 765 updates on 1200 generated images and 60 on three real patients:
 * the Small U-Net trained on 3 LGG patients for 15 epochs (60 updates) scored a test Dice of 0, 0.13, 0.38
 * and 0.68 on the held-out fourth; with 60 epochs (240 updates) 0.72 and 0.74 where it had scored 0 and 0.13.
 * A run that short ends predicting the commonest class, or no tumour at all, and looks like a broken model.
 * Pure (no React).
 */

/**
 * Fewer updates than this and a run is called short. A floor, not a target: the First CNN's defaults make 510,
 * the Small U-Net's 765; at 60 the U-Net had not learned, at 240 it had.
 */
export const MIN_UPDATES = 200;

export interface ShortRun {
  /** Weight updates the run would make in all. */
  updates: number;
  /** Batches per epoch (the last one may be partial, as the training loop makes it). */
  perEpoch: number;
  epochs: number;
  /** The fewest epochs that reach MIN_UPDATES. */
  suggestedEpochs: number;
}

/** The run's update count when it is short (null when it is long enough or there is nothing to train on). */
export function shortRun(train: number, batchSize: number, epochs: number): ShortRun | null {
  if (train <= 0 || batchSize <= 0 || epochs <= 0) return null;
  const perEpoch = Math.ceil(train / batchSize);
  const updates = perEpoch * epochs;
  if (updates >= MIN_UPDATES) return null;
  return { updates, perEpoch, epochs, suggestedEpochs: Math.ceil(MIN_UPDATES / perEpoch) };
}
