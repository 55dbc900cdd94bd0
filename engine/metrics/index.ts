/**
 * Metrics for the training panels: confusion matrix and classification report, Dice for segmentation.
 * Pure functions plus accumulators (`update`, `result`, `reset`).
 */
export * from './confusion';
export * from './classification';
export * from './dice';
export { median, nanMean, ratio } from './ratio';
