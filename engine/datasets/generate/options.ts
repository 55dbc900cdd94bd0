import type { Progress } from '../types';

/** How segmentation masks are stored: 0/1 (tumour or not) or one class index per tumour type. */
export type MaskMode = 'binary' | 'multiclass';

/** Options of generateDataset. */
export interface GenerateOptions {
  /** Number of images. */
  count: number;
  /** Square side in pixels; defaults to the task's input size and must lie in its sizeRange. */
  size?: number;
  /** Seed: the same seed (and options) gives the same bytes. Default 1. */
  seed?: number;
  /** Segmentation masks: 'multiclass' (default: 0 background, then one index per tumour type) or 'binary'. */
  maskMode?: MaskMode;
  /** Called every few images with (done, total, phase), e.g. to post progress from a web worker. */
  onProgress?: Progress;
}
