import type { Progress } from '../types';
import { type ScanOptions, planSource } from './plan';
import { readPlan } from './read';
import type { InspectReport } from './report';
import type { FileSource } from './source';

/** Options of `inspectSource`. */
export interface InspectOptions extends ScanOptions {
  /** Read image headers only (sizes and modes) instead of decoding every image: much faster, misses broken pixel data. */
  quick?: boolean;
  onProgress?: Progress;
}

/**
 * Recognises the dataset in a source and reads it without keeping pixels: format, classes and counts per
 * class and split, groups, image sizes and modes, and every skipped file with its reason.
 * Throws ImportError when no single known layout is found.
 * Example: (await inspectSource(nodeDirSource('../shared/realdata/brain_mri_cls'))).splits?.test.images -> 4
 */
export async function inspectSource(source: FileSource, opts: InspectOptions = {}): Promise<InspectReport> {
  const plan = await planSource(source, opts);
  return readPlan(plan, source.label, { quick: opts.quick, onProgress: opts.onProgress });
}
