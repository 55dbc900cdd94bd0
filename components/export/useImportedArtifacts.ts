'use client';

import { useEffect, useState } from 'react';
import type { ImportedArtifacts } from '@/engine/protocol';
import type { GraphDocument } from '@/graph/types';
import { useAppStoreApi } from '../store/StoreProvider';
import type { ImportedWeights } from '../store/modelImportSlice';

/** The imported weights prepared for export by the training worker (or not yet). */
export type ImportedFetch =
  | { state: 'loading' }
  | { state: 'ready'; result: ImportedArtifacts }
  | { state: 'failed'; message: string };

/**
 * Asks the training worker to put the imported weights into a fresh model of `doc` while `active`, and keeps
 * the answer for this document and these weights. Null when not active.
 */
export function useImportedArtifacts(active: boolean, doc: GraphDocument, weights: ImportedWeights | null): ImportedFetch | null {
  const api = useAppStoreApi();
  const [answer, setAnswer] = useState<{ doc: GraphDocument; weights: ImportedWeights | null; fetch: ImportedFetch } | null>(null);

  useEffect(() => {
    if (!active) return;
    let live = true;
    api
      .getState()
      .requestImportedArtifacts()
      .then(
        (result) => live && setAnswer({ doc, weights, fetch: { state: 'ready', result } }),
        (error: unknown) => live && setAnswer({ doc, weights, fetch: { state: 'failed', message: error instanceof Error ? error.message : String(error) } }),
      );
    return () => {
      live = false;
    };
  }, [api, active, doc, weights]);

  if (!active) return null;
  return answer && answer.doc === doc && answer.weights === weights ? answer.fetch : { state: 'loading' };
}
