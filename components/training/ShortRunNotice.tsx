'use client';

import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import type { HeldOutSizes } from '../store/training/smallData';
import { shortRun } from '@/engine/train/shortRun';
import { useLessonLocks } from '../workshop/LessonLocks';
import { taskInfo } from '@/graph/tasks';

/**
 * Says before a run that it would make too few weight updates to learn (shortRun.ts), with the count and a
 * one-click "Train N epochs" that reaches the minimum. Never blocks: a one-epoch try is a fine thing to do,
 * as long as nobody mistakes its result for what the model can learn. No button where a lesson locks epochs.
 */
export function ShortRunNotice({ sizes }: { sizes: HeldOutSizes }) {
  const api = useAppStoreApi();
  const batchSize = useAppStore((s) => s.doc.training.batchSize);
  const epochs = useAppStore((s) => s.doc.training.epochs);
  const segmentation = useAppStore((s) => taskInfo(s.doc.task.id)?.kind === 'segmentation');
  const locks = useLessonLocks();
  const short = useMemo(() => shortRun(sizes.train, batchSize, epochs), [sizes.train, batchSize, epochs]);
  if (!short) return null;
  const canLengthen = locks.editable('training.epochs');
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-amber-50 px-2 py-1 text-[11px] text-amber-950 ring-1 ring-amber-200" role="note" data-testid="short-run-notice" data-updates={short.updates}>
      <span className="min-w-0 flex-1">
        <span className="font-semibold">Short run:</span> {short.updates} weight update{short.updates === 1 ? '' : 's'} in all ({short.perEpoch} batch{short.perEpoch === 1 ? '' : 'es'} an epoch × {short.epochs} epoch{short.epochs === 1 ? '' : 's'}). Models usually need a few
        hundred to learn; a shorter run tends to predict {segmentation ? 'an empty mask: no tumour anywhere' : 'the commonest class for every image'}.
      </span>
      {canLengthen && (
        <button
          type="button"
          className="shrink-0 rounded bg-white px-1.5 py-0.5 font-medium ring-1 ring-current/30 hover:bg-white/70"
          onClick={() => api.getState().setTraining({ epochs: short.suggestedEpochs })}
          data-testid="short-run-lengthen"
        >
          Train {short.suggestedEpochs} epochs
        </button>
      )}
    </div>
  );
}
