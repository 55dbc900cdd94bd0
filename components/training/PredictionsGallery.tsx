'use client';

import type { SamplePrediction } from '@/engine/protocol';
import type { CellRef } from '../store/training/types';
import { classificationCaption, filterSamples, galleryHeading } from './galleryView';
import { SampleCanvas } from '../ui/SampleCanvas';

export interface PredictionsGalleryProps {
  samples: readonly SamplePrediction[];
  classNames: readonly string[];
  /** The confusion-matrix cell chosen, or null for all samples. */
  cell: CellRef | null;
  onClearCell: () => void;
  mistakesOnly: boolean;
  onMistakesOnlyChange: (v: boolean) => void;
  /** "validation, epoch 3" or "test". */
  source: string;
  /** What to say while there are no samples. */
  emptyText?: string;
}

/**
 * Sample images with the predicted class, its confidence and the true class; wrong answers are framed in
 * red. Filtered to one confusion-matrix cell when one is chosen (click a cell, see those images).
 */
export function PredictionsGallery({ samples, classNames, cell, onClearCell, mistakesOnly, onMistakesOnlyChange, source, emptyText = 'Sample predictions appear after the first epoch.' }: PredictionsGalleryProps) {
  const filter = { cell, mistakesOnly };
  const shown = filterSamples(samples, filter);
  return (
    <div data-testid="predictions-gallery" data-shown={shown.length}>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-xs">
        <span className="font-medium text-slate-700" data-testid="gallery-heading">
          {galleryHeading(filter, shown.length, samples.length, classNames)}
        </span>
        <span className="text-slate-500">from the {source} split</span>
        {cell ? (
          <button type="button" className="btn px-2 py-0.5 text-xs" onClick={onClearCell} data-testid="gallery-clear-cell">
            Show all
          </button>
        ) : (
          <label className="flex items-center gap-1 text-slate-600">
            <input type="checkbox" checked={mistakesOnly} onChange={(e) => onMistakesOnlyChange(e.target.checked)} className="accent-indigo-600" data-testid="gallery-mistakes" />
            mistakes only
          </label>
        )}
      </div>
      {samples.length === 0 ? (
        <p className="text-xs text-slate-500">{emptyText}</p>
      ) : shown.length === 0 ? (
        <p className="text-xs text-slate-500">
          None of the {samples.length} sample images falls in this cell. The matrix counts every image of the split; the gallery holds a sample of them.
        </p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(5.5rem,1fr))] gap-2">
          {shown.map((s) => {
            const c = classificationCaption(s, classNames);
            return (
              <li key={s.index} className={`rounded-md p-1 ring-2 ${c.correct ? 'ring-emerald-200' : 'ring-red-300'}`} data-testid="prediction" data-correct={c.correct}>
                <SampleCanvas sample={s} size={80} label={`${s.id}: predicted ${c.predicted}, ${c.truth}`} />
                <div className={`mt-0.5 truncate font-mono text-[11px] font-medium ${c.correct ? 'text-emerald-700' : 'text-red-700'}`}>{c.predicted}</div>
                <div className="truncate font-mono text-[10px] text-slate-500">{c.truth}</div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
