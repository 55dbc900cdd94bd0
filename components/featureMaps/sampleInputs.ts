/**
 * A few generated images of the current task at the graph's Input size: shown to the user (uint8) and fed to
 * the trained model (float32 in 0..1, as engine/datasets/batches.ts scales them).
 */
import { catalogueEntry } from '@/engine/datasets/catalogue';
import { generateDataset } from '@/engine/datasets/generate';
import { fitDataset } from '@/engine/train/data';
import type { SampleImage } from '../ui/overlay';

export interface SampleInput {
  display: SampleImage;
  input: Float32Array;
}

/**
 * `n` images of task `taskId` fitted to `[height, width, channels]`; empty for tasks without a generator
 * (imported data). A fixed seed other than training's, so they play the part of unseen images.
 */
export function sampleInputs(taskId: string, height: number, width: number, channels: number, n = 4): SampleInput[] {
  const entry = catalogueEntry(taskId);
  if (!entry) return [];
  const size = Math.min(entry.sizeRange[1], Math.max(entry.sizeRange[0], Math.max(height, width)));
  let ds;
  try {
    ds = fitDataset(generateDataset(taskId, { count: n, size, seed: 9001 }), height, width, channels);
  } catch {
    return [];
  }
  const px = height * width * channels;
  const out: SampleInput[] = [];
  for (let i = 0; i < Math.min(n, ds.count); i++) {
    const image = ds.images.slice(i * px, (i + 1) * px);
    out.push({ display: { image, width, height, channels }, input: Float32Array.from(image, (v) => v / 255) });
  }
  return out;
}
