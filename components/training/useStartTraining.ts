'use client';

import { useCallback, useRef, useState } from 'react';
import { useAppStoreApi } from '../store/StoreProvider';
import { activeDataset } from '../store/training/runContext';
import { plannedSizes, smallDataProblems, type HeldOutSizes } from '../store/training/smallData';
import type { AppState } from '../store/types';

/** A pending question about small held-out splits, with what the next run would hold. */
export interface SmallDataQuestion {
  sizes: HeldOutSizes;
  problems: string[];
  /** Merging is possible (the data does not ship its own test split) and not already on. */
  canMerge: boolean;
}

/** What the next run of this state would hold, with its merged alternative. */
function question(s: AppState): SmallDataQuestion | null {
  const imported = s.importedData && s.importedData.info.id === s.doc.task.id ? s.importedData.dataset : null;
  const plan = { taskId: s.doc.task.id, validationFraction: s.doc.training.validationFraction, seed: s.doc.training.seed, dataSize: s.training.dataSize, imported, merged: s.training.mergeHeldOut };
  const sizes = plannedSizes(plan);
  const problems = smallDataProblems(sizes);
  if (problems.length === 0) return null;
  return { sizes, problems, canMerge: !s.training.mergeHeldOut && !sizes.providedTest };
}

/**
 * Train, but first warn when the validation or test split would be too small to trust (smallData.ts): the
 * question is asked once per task, data and image count in a session, then Train goes straight on.
 * Returns `start` (for the button and Ctrl+Enter), the open question and its answers.
 */
export function useStartTraining() {
  const api = useAppStoreApi();
  const [pending, setPending] = useState<SmallDataQuestion | null>(null);
  const answered = useRef(new Set<string>());
  const keyOf = (s: AppState) => `${s.doc.task.id}|${activeDataset(s.doc.task.id, s.importedData).key}|${s.training.dataSize}|${s.doc.training.validationFraction}|${s.training.mergeHeldOut}`;

  const start = useCallback(() => {
    const s = api.getState();
    const q = answered.current.has(keyOf(s)) ? null : question(s);
    if (q) setPending(q);
    else s.startTraining();
  }, [api]);

  const answer = useCallback(
    (choice: 'merge' | 'train' | 'cancel') => {
      setPending(null);
      if (choice === 'cancel') return;
      const s = api.getState();
      if (choice === 'merge') s.setMergeHeldOut(true);
      answered.current.add(keyOf(api.getState()));
      api.getState().startTraining();
    },
    [api],
  );
  return { start, pending, answer };
}
