'use client';

import { useMemo } from 'react';
import { useAppStore } from '../store/StoreProvider';
import { plannedSizes, type HeldOutSizes } from '../store/training/smallData';

/** The split sizes the next run would have (the notices above the results read them before Train). */
export function usePlannedSizes(): HeldOutSizes {
  const taskId = useAppStore((s) => s.doc.task.id);
  const imported = useAppStore((s) => (s.importedData && s.importedData.info.id === s.doc.task.id ? s.importedData.dataset : null));
  const validationFraction = useAppStore((s) => s.doc.training.validationFraction);
  const seed = useAppStore((s) => s.doc.training.seed);
  const dataSize = useAppStore((s) => s.training.dataSize);
  const merged = useAppStore((s) => s.training.mergeHeldOut);
  return useMemo(() => plannedSizes({ taskId, imported, validationFraction, seed, dataSize, merged }), [taskId, imported, validationFraction, seed, dataSize, merged]);
}
