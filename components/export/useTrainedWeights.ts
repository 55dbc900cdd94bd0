'use client';

import { useEffect, useState } from 'react';
import type { TrainedArtifacts } from '@/engine/export';
import { useAppStoreApi } from '../store/StoreProvider';

/** The trained weights of a run, as the worker answered (or has not yet). */
export type WeightsFetch =
  | { runId: string; state: 'loading' }
  | { runId: string; state: 'ready'; artifacts: TrainedArtifacts }
  | { runId: string; state: 'failed'; message: string };

/**
 * Asks the training worker for a run's trained weights (through the training slice) while `runId` is set, and
 * keeps the answer while the dialog stays open. Null when no run is asked for.
 */
export function useTrainedWeights(runId: string | null): WeightsFetch | null {
  const api = useAppStoreApi();
  const [answer, setAnswer] = useState<WeightsFetch | null>(null);

  useEffect(() => {
    if (!runId) return;
    let live = true;
    api
      .getState()
      .requestTrainedWeights(runId)
      .then(
        (artifacts) => live && setAnswer({ runId, state: 'ready', artifacts }),
        (error: unknown) => live && setAnswer({ runId, state: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
  }, [api, runId]);

  if (!runId) return null;
  return answer?.runId === runId ? answer : { runId, state: 'loading' };
}
