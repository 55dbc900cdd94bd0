import type { RunRecord } from '../store/training/runs';

/**
 * Why a run's validation views stay empty although it trained: its split left no validation images (a small
 * imported set split by patient can: 4 LGG patients give 3 train, 0 validation, 1 test). Without this the
 * views kept saying their figures "fill in after the first epoch" after the run had finished. Null when the
 * run has validation images, or has not split yet (then the views' own "after the first epoch" holds).
 * `what` names the missing figures: "confusion matrix", "Dice per class".
 */
export function noValidationText(run: Pick<RunRecord, 'splits' | 'status'> | null, what: string): string | null {
  const splits = run?.splits;
  if (!splits || splits.validation > 0) return null;
  const test = splits.test === 0 ? '' : run.status === 'running' ? ' The Test tab shows the test split once training ends.' : " The Test tab has the test split's figures.";
  return (
    `This run has no validation images (${splits.train} train · 0 validation · ${splits.test} test), so no ${what}.${test} ` +
    'More images, or validation and test merged where the notice above offers it, give the next run a validation split.'
  );
}
