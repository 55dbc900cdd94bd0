import { TASKS, type TaskId } from '../../../graph/tasks';
import type { Dataset } from '../types';
import { generateMri } from './mri';
import type { GenerateOptions } from './options';
import { generateRandom } from './random';
import { generateSkin } from './skin';

export type { GenerateOptions, MaskMode } from './options';

/** Task ids that have a generator (all bundled tasks of graph/tasks.ts). */
export const GENERATED_TASKS = Object.keys(TASKS) as TaskId[];

/**
 * Generate a bundled task's dataset, deterministically from the seed: the same task id and options give
 * the same bytes. Pure and synchronous; `onProgress` is called every few images, so a web worker can run
 * it and post progress messages (`onProgress: (done, total, phase) => postMessage({...})`).
 *
 * Example: generateDataset('skin-lesions', { count: 2000, size: 64, seed: 7 }) -> 2000 RGB 64x64 images,
 * about 1,340 of them nv, in lesions of 1-4 views.
 *
 * Throws for an unknown task, a count that is not a whole number >= 1, or a size outside the task's range.
 */
export function generateDataset(taskId: string, options: GenerateOptions): Dataset {
  if (!(taskId in TASKS)) throw new Error(`No generator for task "${taskId}". Known tasks: ${GENERATED_TASKS.join(', ')}.`);
  const task = TASKS[taskId as TaskId];
  const size = options.size ?? task.input[0];
  const [lo, hi] = task.sizeRange;
  if (!Number.isInteger(size) || size < lo || size > hi) {
    throw new Error(`Image size ${size} is outside ${lo}..${hi} pixels for "${taskId}".`);
  }
  if (!Number.isInteger(options.count) || options.count < 1) {
    throw new Error(`Image count must be a whole number of at least 1, got ${options.count}.`);
  }
  const opts = { ...options, size, seed: options.seed ?? 1 };
  switch (task.id) {
    case 'skin-lesions':
      return generateSkin(opts);
    case 'brain-mri-classify':
    case 'brain-mri-segment':
      return generateMri(task.id, opts);
    case 'random-classify':
    case 'random-segment':
      return generateRandom(task.id, opts);
  }
}
