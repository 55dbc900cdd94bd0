import { classificationReport } from '@/engine/metrics';
import type { TrainingStatus } from '../store/training/types';
import type { EpochPoint, PassSummary, RunRecord } from '../store/training/runs';
import { formatLoss, formatPercent, formatRatio, isDefined } from './format';

/** An epoch's headline in words: balanced accuracy (classification) or mean Dice (segmentation), then the loss. */
function epochFigures(e: EpochPoint): string {
  const figures: string[] = [];
  if (isDefined(e.balancedAccuracy)) figures.push(`validation balanced accuracy ${formatPercent(e.balancedAccuracy)}`);
  if (isDefined(e.meanDice)) figures.push(`validation mean Dice ${formatRatio(e.meanDice)}`);
  if (isDefined(e.valLoss)) figures.push(`validation loss ${formatLoss(e.valLoss)}`);
  else if (isDefined(e.trainLoss)) figures.push(`training loss ${formatLoss(e.trainLoss)}`);
  return figures.join(', ');
}

/** The test split's result in words, or '' before it is known. */
function testFigures(test: PassSummary | null): string {
  if (!test) return '';
  const m = test.metrics;
  if (m.kind === 'segmentation') return `Test mean Dice ${formatRatio(m.meanDice)} on ${test.images} images.`;
  const report = classificationReport(m.confusion);
  return `Test balanced accuracy ${formatPercent(report.balancedAccuracy)}, accuracy ${formatPercent(report.accuracy)}, on ${test.images} images.`;
}

/**
 * What the screen-reader live region says about training now: one sentence per epoch and one for the end,
 * never per batch (a polite region that changed every batch would talk over everything else).
 * Returns '' when there is nothing to announce. Same input, same text: the region only speaks on a change.
 *
 * Example: "Epoch 2 of 5: validation balanced accuracy 34.7%, validation loss 1.23."
 */
export function trainingAnnouncement(status: TrainingStatus, run: RunRecord | null): string {
  // The error banner is an alert of its own, with the message and the fix: say only that it failed.
  if (status === 'error') return 'Training failed.';
  if (status === 'starting') return 'Training is starting.';
  if (!run) return '';
  const total = run.settings.epochs;
  const last = run.epochs.at(-1);
  if (status === 'paused') return `Training paused${last ? ` after epoch ${last.epoch} of ${total}` : ''}.`;
  if (status === 'running' || status === 'stopping') {
    return last ? `Epoch ${last.epoch} of ${total}: ${epochFigures(last)}.` : `Training started: ${total} epoch${total === 1 ? '' : 's'} on ${run.backend}.`;
  }
  if (status === 'done') {
    const ended = run.status === 'stopped' ? 'Training stopped' : run.status === 'completed' ? 'Training finished' : 'Training ended';
    const epochs = `${ended} after ${run.epochs.length} epoch${run.epochs.length === 1 ? '' : 's'}`;
    const figures = last ? epochFigures(last) : '';
    return [`${epochs}${figures ? `: ${figures}` : ''}.`, testFigures(run.test)].filter(Boolean).join(' ');
  }
  return '';
}
