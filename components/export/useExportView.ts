'use client';

import { useEffect, useState } from 'react';
import type { ExportTarget, TrainedArtifacts, WeightsOrigin } from '@/engine/export';
import type { TaskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';
import { runExport, type ExportView } from './exportView';

/** Views already generated for one document, weights and task, by target. */
interface ViewCache {
  doc: GraphDocument;
  weights: TrainedArtifacts | null;
  task: TaskInfo | undefined;
  views: Partial<Record<ExportTarget, ExportView>>;
}

/**
 * The export of `target`, generated after the dialog has painted (a timer from an effect, never in a click
 * handler), so opening the dialog or switching tabs answers at once even for a large graph. Returns null while
 * generating. Targets already generated for the same document, weights and task come back without waiting.
 * `weights` pending (undefined) waits for them; `origin` says whose they are (the README tells).
 */
export function useExportView(
  doc: GraphDocument,
  target: ExportTarget,
  weights: TrainedArtifacts | null | undefined,
  task: TaskInfo | undefined,
  origin: WeightsOrigin = 'trained',
): ExportView | null {
  const [cache, setCache] = useState<ViewCache | null>(null);
  const fresh = cache && cache.doc === doc && cache.weights === (weights ?? null) && cache.task === task ? cache : null;
  const view = fresh?.views[target] ?? null;
  const waiting = weights === undefined;

  useEffect(() => {
    if (view || waiting) return;
    const timer = setTimeout(() => {
      const w = weights ?? null;
      const next = runExport(doc, target, { ...(w ? { weights: w, weightsOrigin: origin } : {}), ...(task ? { task } : {}) });
      setCache((c) =>
        c && c.doc === doc && c.weights === w && c.task === task
          ? { ...c, views: { ...c.views, [target]: next } }
          : { doc, weights: w, task, views: { [target]: next } },
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [view, waiting, doc, target, weights, task, origin]);

  return view;
}
