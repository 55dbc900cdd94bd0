'use client';

import { useAppStore } from '../store/StoreProvider';
import { trainingAnnouncement } from './announce';
import { useShownRun } from './ResultViews';

/**
 * A visually hidden polite live region that tells screen-reader users how training goes: when it starts,
 * each epoch's validation figures, and the final result (see trainingAnnouncement: never per batch).
 */
export function TrainingAnnouncer() {
  const status = useAppStore((s) => s.training.status);
  const run = useShownRun();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="training-announcer">
      {trainingAnnouncement(status, run)}
    </div>
  );
}
