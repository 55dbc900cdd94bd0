'use client';

import type { SamplePrediction } from '@/engine/protocol';
import { diceCaption } from './galleryView';
import { maskColourCss, maskPixels } from '../ui/overlay';
import { SampleCanvas } from '../ui/SampleCanvas';

/**
 * Validation (or test) slices: the image, the true mask and the predicted mask tinted over it, with the
 * image's Dice. A slice without tumour has no Dice (MONAI's rule: an empty true mask is left out of the
 * mean rather than counted as 0 or 1), and is marked so.
 */
export function SegmentationGallery({ samples, classNames, source, emptyText = 'Slices with their predicted masks appear after the first epoch.' }: { samples: readonly SamplePrediction[]; classNames: readonly string[]; source: string; emptyText?: string }) {
  if (samples.length === 0) return <p className="text-xs text-slate-500">{emptyText}</p>;
  const foreground = classNames.slice(1);
  return (
    <div data-testid="segmentation-gallery">
      <div className="mb-2 flex flex-wrap items-center gap-3 text-[11px] text-slate-500">
        <span>
          {samples.length} slices from the {source} split: image, true mask, predicted mask.
        </span>
        {foreground.map((name, i) => (
          <span key={name} className="inline-flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: maskColourCss(i + 1) }} aria-hidden />
            {name}
          </span>
        ))}
      </div>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-2">
        {samples.map((s) => {
          const caption = diceCaption(s, maskPixels(s.predictedMask));
          return (
            <li key={s.index} className="rounded-md border border-slate-200 bg-white p-1.5" data-testid="overlay-sample" data-empty={caption.empty}>
              <div className="flex gap-1">
                <SampleCanvas sample={s} size={64} label={`${s.id}: image`} />
                <SampleCanvas sample={s} mask={s.trueMask} size={64} label={`${s.id}: true mask`} />
                <SampleCanvas sample={s} mask={s.predictedMask} size={64} label={`${s.id}: predicted mask`} />
              </div>
              <div className="mt-1 flex items-center justify-between text-[11px]">
                <span className="truncate font-mono text-slate-500">{s.id}</span>
                <span
                  className={`font-mono font-medium ${caption.empty ? 'text-slate-500 italic' : 'text-slate-800'}`}
                  title={caption.empty ? 'No tumour in the true mask: Dice is undefined here and left out of the mean (MONAI ignore_empty).' : 'Dice = 2|X and Y| / (|X| + |Y|) for this slice'}
                  data-testid="overlay-dice"
                >
                  {caption.text}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
