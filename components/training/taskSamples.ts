/**
 * What the task picker shows for a bundled task: a few generated sample images per class (small, so the
 * dialog opens quickly) and the class counts of the real dataset the generator follows.
 */
import { catalogueEntry } from '@/engine/datasets/catalogue';
import { galleryIndices } from '@/engine/datasets/gallery';
import { generateDataset } from '@/engine/datasets/generate';
import type { SampleImage } from '../ui/overlay';

/** One thumbnail: the image, its mask for segmentation, and its class. */
export interface TaskThumb extends SampleImage {
  classIndex: number;
  mask: Uint8Array | null;
}

/** A class with its count in the real dataset and its share. */
export interface ClassCount {
  name: string;
  fullName: string;
  count: number;
  share: number;
}

/** The tasks offered in the picker, in order (the random test tasks are left out). */
export const PICKER_TASKS = ['skin-lesions', 'brain-mri-classify', 'brain-mri-segment'] as const;

/**
 * Up to `perClass` generated thumbnails per class at the task's smallest comfortable size (28-32 px).
 * About 0.2-0.5 s of work per task; call it off the first paint.
 */
export function taskThumbnails(taskId: string, perClass = 1, count = 100): TaskThumb[] {
  const entry = catalogueEntry(taskId);
  if (!entry) return [];
  const size = Math.max(entry.sizeRange[0], 32);
  const ds = generateDataset(taskId, { count, size, seed: 7, maskMode: 'multiclass' });
  const px = ds.width * ds.height;
  const out: TaskThumb[] = [];
  galleryIndices(ds, perClass).forEach((indices, classIndex) => {
    for (const i of indices) {
      out.push({
        classIndex,
        image: ds.images.subarray(i * px * ds.channels, (i + 1) * px * ds.channels),
        width: ds.width,
        height: ds.height,
        channels: ds.channels,
        mask: ds.masks ? ds.masks.subarray(i * px, (i + 1) * px) : null,
      });
    }
  });
  return out;
}

/** The real dataset's class counts and shares, in label order. */
export function classCounts(taskId: string): ClassCount[] {
  const entry = catalogueEntry(taskId);
  if (!entry) return [];
  const total = entry.frequencies.reduce((a, b) => a + b, 0);
  return entry.classes.map((c, k) => ({ name: c.name, fullName: c.fullName, count: entry.frequencies[k], share: total ? entry.frequencies[k] / total : 0 }));
}
