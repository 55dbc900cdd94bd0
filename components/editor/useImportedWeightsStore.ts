'use client';

import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';
import { loadImportedWeights, saveImportedWeights, storageErrorMessage, weightsBytes } from './importedWeightsDb';

/** The page's IndexedDB, or null where the browser blocks even the access (some privacy modes throw). */
function pageIndexedDb(): IDBFactory | null {
  try {
    return window.indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps the imported model's weights in this browser next to the autosave: restores them at start (the
 * autosaved graph is already on the canvas; they apply to its nodes by id and type) and stores them again
 * whenever another import is opened. A failure to store says why once and keeps the weights in memory.
 * `enabled` false: a scratch tab that must not overwrite the user's stored weights.
 */
export function useImportedWeightsStore(api: AppStore, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const idb = pageIndexedDb();
    let live = true;
    let restored = false;
    let reported = false;
    // Writes run one after another, so the last import opened is the one left stored.
    let queue: Promise<void> = Promise.resolve();

    const store = (weights: ReturnType<AppStore['getState']>['importedWeights']) => {
      queue = queue.then(async () => {
        try {
          await saveImportedWeights(idb, weights);
          reported = false;
        } catch (error) {
          if (live && !reported && weights) api.getState().notify(storageErrorMessage(error, weightsBytes(weights.weights)), 'error');
          reported = true;
        }
      });
    };

    const unsubscribe = api.subscribe((s, prev) => {
      // Changes before the stored weights were read are stored once the read is done (below).
      if (restored && s.importedWeights !== prev.importedWeights) store(s.importedWeights);
    });

    loadImportedWeights(idb)
      .then(
        (saved) => {
          if (!live) return;
          // An import opened while this was reading is newer than what was stored.
          if (api.getState().importedWeights) store(api.getState().importedWeights);
          else if (saved) api.getState().setImportedWeights(saved);
        },
        (error: unknown) => {
          // Reading fails where storage is unavailable; that is said when there is something to store.
          if (live && api.getState().importedWeights) store(api.getState().importedWeights);
          void error;
        },
      )
      .finally(() => {
        restored = true;
      });

    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, enabled]);
}
