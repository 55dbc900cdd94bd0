/**
 * Whether a run's held-out splits would be too small to trust, before it starts: a validation split of one
 * image reads "100%" from a single answer. Sizes follow the worker's split (engine/datasets/split.ts): the
 * exact split for imported data, the generated data's planned class counts otherwise. Pure (no React).
 */
import { allocate } from '@/engine/datasets/allocate';
import { catalogueEntry } from '@/engine/datasets/catalogue';
import { splitCounts, splitDataset } from '@/engine/datasets/split';
import type { Dataset } from '@/engine/datasets/types';

/** Fewer held-out images than this and one image moves a percentage by 5 points or more. */
export const MIN_HELD_OUT = 20;
/** Fewer images of a class than this and its sensitivity is 0% or 100% from one answer. */
export const MIN_PER_CLASS = 2;
/** The test share the worker uses unless told otherwise (engine/train/train.ts). */
export const DEFAULT_TEST_FRACTION = 0.2;

/** Image counts a run would have, with per-class counts of the held-out splits (null: not known). */
export interface HeldOutSizes {
  train: number;
  validation: number;
  test: number;
  classNames: string[];
  validationPerClass: number[] | null;
  testPerClass: number[] | null;
  /** The data ships its own test split (it cannot be merged with validation). */
  providedTest: boolean;
}

/** The split fractions of a run whose validation and test images are merged into one validation split. */
export function mergedFractions(validationFraction: number): { testFraction: number; validationFraction: number } {
  return { testFraction: 0, validationFraction: DEFAULT_TEST_FRACTION + (1 - DEFAULT_TEST_FRACTION) * validationFraction };
}

/** The sizes of a run on imported data: the worker's own split, computed on the labels and groups. */
export function importedSizes(ds: Dataset, validationFraction: number, seed: number, testFraction = DEFAULT_TEST_FRACTION): HeldOutSizes {
  const splits = splitDataset(ds, { testFraction, validationFraction, seed });
  const counts = splitCounts(ds, splits);
  const perClass = ds.kind === 'classification';
  return {
    train: splits.train.length,
    validation: splits.validation.length,
    test: splits.test.length,
    classNames: counts.classes,
    validationPerClass: perClass ? counts.validation : null,
    testPerClass: perClass ? counts.test : null,
    providedTest: ds.providedSplit !== undefined,
  };
}

/**
 * The sizes of a run on `count` generated images of a bundled task: split totals as the worker carves them
 * (about testFraction of all, then validationFraction of the rest) and class counts by the task's
 * frequencies. Groups make the real split differ by an image or two.
 */
export function generatedSizes(taskId: string, count: number, validationFraction: number, testFraction = DEFAULT_TEST_FRACTION): HeldOutSizes {
  const test = Math.round(testFraction * count);
  const validation = Math.round(validationFraction * (count - test));
  const entry = catalogueEntry(taskId);
  const perClass = entry?.kind === 'classification' ? (n: number) => allocate(entry.frequencies, n) : () => null;
  return {
    train: count - test - validation,
    validation,
    test,
    classNames: entry?.classes.map((c) => c.name) ?? [],
    validationPerClass: perClass(validation),
    testPerClass: perClass(test),
    providedTest: false,
  };
}

/**
 * What is too small, in plain words (empty when nothing is): a held-out split under MIN_HELD_OUT images, or
 * a class with fewer than MIN_PER_CLASS images in one (classes with none at all are named too).
 *
 * @example smallDataProblems({ validation: 1, test: 4, ... }) // ['The validation split would hold 1 image …', …]
 */
export function smallDataProblems(sizes: HeldOutSizes): string[] {
  const out: string[] = [];
  const split = (name: 'validation' | 'test', n: number, perClass: number[] | null) => {
    if (n === 0 && name === 'test') return;
    if (n < MIN_HELD_OUT) {
      out.push(`The ${name} split would hold ${n} image${n === 1 ? '' : 's'} (fewer than ${MIN_HELD_OUT}): one image ${n > 0 ? `moves its accuracy by ${Math.round(100 / Math.max(1, n))} points` : 'is all there is'}.`);
    }
    const few = perClass ? perClass.map((c, k) => ({ c, name: sizes.classNames[k] ?? `class ${k}` })).filter((x) => x.c < MIN_PER_CLASS) : [];
    if (few.length > 0) {
      const list = few.map((x) => `${x.name} (${x.c})`).join(', ');
      out.push(`The ${name} split would hold fewer than ${MIN_PER_CLASS} images of ${list}: a sensitivity from one image or none is 0%, 100% or undefined by chance.`);
    }
  };
  split('validation', sizes.validation, sizes.validationPerClass);
  split('test', sizes.test, sizes.testPerClass);
  return out;
}

/** What the next run would train on, as the store knows it (a subset of the editor state). */
export interface PlannedRun {
  taskId: string;
  validationFraction: number;
  seed: number;
  dataSize: number;
  /** The import for this task, if any. */
  imported: Dataset | null;
  merged: boolean;
}

/** The held-out sizes of the next run (merged splits when `merged`; a provided test split stays). */
export function plannedSizes(p: PlannedRun): HeldOutSizes {
  const canMerge = p.merged && !p.imported?.providedSplit;
  const f = canMerge ? mergedFractions(p.validationFraction) : { testFraction: DEFAULT_TEST_FRACTION, validationFraction: p.validationFraction };
  return p.imported ? importedSizes(p.imported, f.validationFraction, p.seed, f.testFraction) : generatedSizes(p.taskId, p.dataSize, f.validationFraction, f.testFraction);
}
