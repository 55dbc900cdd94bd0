'use client';

import { useMemo, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { smallDataProblems, type HeldOutSizes } from '../store/training/smallData';

/**
 * Warns before a run that its validation or test split would be too small to trust (under 20 images, or
 * under 2 of a class: smallData.ts), with the split it would make, and offers to merge validation and test
 * into one larger validation split. Shown above the results whenever the next run would be small, so it is
 * in view before Train is pressed; it never blocks training (a workshop room must not be stopped by a dialog).
 */
export function SmallDataNotice({ sizes }: { sizes: HeldOutSizes }) {
  const api = useAppStoreApi();
  const merged = useAppStore((s) => s.training.mergeHeldOut);
  const [details, setDetails] = useState(false);
  const problems = useMemo(() => smallDataProblems(sizes), [sizes]);
  if (problems.length === 0 && !merged) return null;
  const canMerge = !sizes.providedTest;
  return (
    <div
      className={`rounded-md px-2 py-1 text-[11px] ring-1 ${problems.length ? 'bg-amber-50 text-amber-950 ring-amber-200' : 'bg-sky-50 text-sky-950 ring-sky-200'}`}
      role="note"
      data-testid="small-data-warning"
      data-validation={sizes.validation}
      data-test={sizes.test}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-semibold">{problems.length ? 'Too few images to trust the figures:' : 'Validation and test are merged:'}</span>
        <span data-testid="small-data-sizes">
          the next run splits {sizes.train} train · {sizes.validation} validation · {sizes.test} test images.
        </span>
        {problems.length > 0 && (
          <button type="button" className="underline underline-offset-2" onClick={() => setDetails(!details)} aria-expanded={details} data-testid="small-data-details">
            {details ? 'Less' : 'Why'}
          </button>
        )}
        {canMerge && (
          <button
            type="button"
            className="ml-auto rounded bg-white px-1.5 py-0.5 font-medium ring-1 ring-current/30 hover:bg-white/70"
            onClick={() => api.getState().setMergeHeldOut(!merged)}
            aria-pressed={merged}
            title={merged ? 'Keep a separate test split again' : 'One larger validation split from the validation and test images; no untouched test split'}
            data-testid="small-data-merge"
          >
            {merged ? 'Keep a separate test split' : 'Merge validation and test'}
          </button>
        )}
      </div>
      {details && (
        <ul className="mt-1 list-disc space-y-0.5 pl-4" data-testid="small-data-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
          <li>Import or generate more images if you can{canMerge ? '; merging gives one larger validation split, at the cost of an untouched test split' : ''}.</li>
        </ul>
      )}
    </div>
  );
}
