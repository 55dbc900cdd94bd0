/**
 * Which sample predictions the galleries show, and how each is captioned: all of them, only the mistakes,
 * or the images of one confusion-matrix cell (click a cell, see those images).
 */
import type { SamplePrediction } from '@/engine/train/events';
import type { CellRef } from '../store/training/types';
import { formatPercent, formatRatio } from './format';

/** What the predictions gallery shows. */
export interface GalleryFilter {
  /** Only the images of this cell (true class, predicted class). */
  cell: CellRef | null;
  /** Only wrong answers (ignored when a cell is chosen). */
  mistakesOnly: boolean;
}

/** Samples matching the filter, in their order. */
export function filterSamples(samples: readonly SamplePrediction[], filter: GalleryFilter): SamplePrediction[] {
  if (filter.cell) {
    const { trueClass, predictedClass } = filter.cell;
    return samples.filter((s) => s.trueClass === trueClass && s.predictedClass === predictedClass);
  }
  if (filter.mistakesOnly) return samples.filter((s) => s.trueClass !== undefined && s.trueClass !== s.predictedClass);
  return [...samples];
}

/** Caption lines of a classification sample: predicted class with confidence, and the truth. */
export function classificationCaption(s: SamplePrediction, classNames: readonly string[]): { predicted: string; truth: string; correct: boolean } {
  const name = (k: number | undefined) => (k === undefined ? '?' : (classNames[k] ?? String(k)));
  return {
    predicted: `${name(s.predictedClass)} ${formatPercent(s.confidence ?? NaN, 0)}`,
    truth: `true ${name(s.trueClass)}`,
    correct: s.trueClass === s.predictedClass,
  };
}

/** Caption of a segmentation sample: its Dice, or why it has none (MONAI: an empty true mask gives no Dice). */
export function diceCaption(s: Pick<SamplePrediction, 'dice'>, predictedPixels: number): { text: string; empty: boolean } {
  if (s.dice === undefined || Number.isNaN(s.dice)) {
    return { text: predictedPixels === 0 ? 'empty mask: correctly empty' : `empty mask: ${predictedPixels} px predicted`, empty: true };
  }
  return { text: `Dice ${formatRatio(s.dice)}`, empty: false };
}

/** Heading of the gallery for a filter: "Truly nv, predicted mel (3 of 16 samples)". */
export function galleryHeading(filter: GalleryFilter, shown: number, total: number, classNames: readonly string[]): string {
  const of = `${shown} of ${total} sample image${total === 1 ? '' : 's'}`;
  if (filter.cell) {
    const t = classNames[filter.cell.trueClass] ?? String(filter.cell.trueClass);
    const p = classNames[filter.cell.predictedClass] ?? String(filter.cell.predictedClass);
    return `Truly ${t}, predicted ${p} (${of})`;
  }
  return filter.mistakesOnly ? `Mistakes (${of})` : `All samples (${of})`;
}
