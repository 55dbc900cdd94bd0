import { allocate } from '../allocate';
import type { Rng } from '../rng';

/** One image to generate: its class, its group (lesion or patient, numbered in dataset order) and view. */
export interface PlannedImage {
  classIndex: number;
  group: number;
  /** 0-based view (or slice) number within the group. */
  view: number;
}

/** Which images to generate, in dataset order, and each group's class and size. */
export interface Plan {
  images: PlannedImage[];
  groupClass: number[];
  groupSize: number[];
}

/**
 * Plan a dataset: class counts by largest-remainder allocation of `count` over `frequencies` (so 50 images
 * still follow the real proportions), then each class's images cut into groups of 1..viewWeights.length
 * images (weights for 1, 2, 3... views per group; the last group of a class may be cut short), groups
 * shuffled so classes interleave, views of a group adjacent.
 */
export function planImages(frequencies: readonly number[], count: number, viewWeights: readonly number[], rng: Rng): Plan {
  const perClass = allocate(frequencies, count);
  const groups: { cls: number; size: number }[] = [];
  perClass.forEach((n, cls) => {
    let left = n;
    while (left > 0) {
      const size = Math.min(left, 1 + rng.weighted(viewWeights));
      groups.push({ cls, size });
      left -= size;
    }
  });
  rng.shuffle(groups);
  const images: PlannedImage[] = [];
  groups.forEach((g, group) => {
    for (let view = 0; view < g.size; view++) images.push({ classIndex: g.cls, group, view });
  });
  return { images, groupClass: groups.map((g) => g.cls), groupSize: groups.map((g) => g.size) };
}
