'use client';

import { useEffect, useRef } from 'react';
import type { SmallDataQuestion } from './useStartTraining';

/**
 * Asked before training when a held-out split would be too small to trust: what it would hold, and the
 * choices: merge validation and test into one larger validation split (no untouched test set then), train
 * as it is, or go back and add images. Escape goes back.
 */
export function SmallDataDialog({ question, onAnswer }: { question: SmallDataQuestion; onAnswer: (choice: 'merge' | 'train' | 'cancel') => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { sizes } = question;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onKeyDown={(e) => e.key === 'Escape' && onAnswer('cancel')}>
      <div role="dialog" aria-modal="true" aria-labelledby="small-data-title" className="w-full max-w-lg rounded-xl bg-white p-5 shadow-2xl" data-testid="small-data-dialog">
        <h2 id="small-data-title" className="text-base font-semibold text-slate-900">
          Too few images to trust the figures
        </h2>
        <p className="mt-2 text-sm text-slate-700" data-testid="small-data-sizes">
          This run would split the images {sizes.train} train · {sizes.validation} validation · {sizes.test} test.
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm leading-relaxed text-slate-600" data-testid="small-data-problems">
          {question.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm leading-relaxed text-slate-600">
          Add images if you can. Otherwise merging validation and test gives one larger validation split (about {sizes.validation + sizes.test} images), at the cost of an untouched test set.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" className="btn" onClick={() => onAnswer('cancel')} data-testid="small-data-cancel">
            Back
          </button>
          <button type="button" className="btn" onClick={() => onAnswer('train')} data-testid="small-data-train">
            Train as it is
          </button>
          {question.canMerge && (
            <button ref={first} type="button" className="btn btn-primary" onClick={() => onAnswer('merge')} data-testid="small-data-merge">
              Merge validation and test, then train
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
