import type { SkippedFile } from '../report';
import { fileItem } from './fileItem';
import { naturalCompare, under } from './paths';
import type { Plan, PlanItem, ScanContext } from './types';

/** The Brain Tumor MRI Dataset's classes, in the brain-mri-classify task's label order. */
export const BRAIN_CLASSES = ['glioma', 'meningioma', 'notumor', 'pituitary'] as const;

/** Credit line for the Brain Tumor MRI Dataset. */
export const BRAIN_CREDIT =
  'Brain Tumor MRI Dataset, M. Nickparvar (Kaggle, 2021), a merge of the figshare (Cheng et al.), SARTAJ and Br35H ' +
  'datasets. CC0 1.0 as listed by the publisher.';

/**
 * Class folder name -> class index. Besides the current names, the older SARTAJ layout's `glioma_tumor`,
 * `meningioma_tumor`, `no_tumor` and `pituitary_tumor` are accepted; case is ignored.
 */
export function brainClassOf(folder: string): number | undefined {
  const name = folder.toLowerCase().replace(/[\s-]+/g, '_');
  const alias: Record<string, string> = { no_tumor: 'notumor', no_tumour: 'notumor', notumour: 'notumor' };
  const canonical = alias[name] ?? name.replace(/_tumou?r$/, '');
  const i = BRAIN_CLASSES.indexOf(canonical as (typeof BRAIN_CLASSES)[number]);
  return i < 0 ? undefined : i;
}

/** 'Training' -> 'train', 'Testing' -> 'test' (case ignored), anything else undefined. */
export function splitOf(folder: string): 'train' | 'test' | undefined {
  const f = folder.toLowerCase();
  return f === 'training' ? 'train' : f === 'testing' ? 'test' : undefined;
}

/**
 * Brain Tumor MRI as downloaded: `<root>/Training/<class>/*` and `<root>/Testing/<class>/*`. Every file in a
 * class folder is a candidate image and is decoded by content (some `.jpg` files are PNGs); files elsewhere
 * under Training/ or Testing/ are skipped with the reason. The provided split comes from the folder.
 *
 * Groups: the file names (`Tr-gl_0010.jpg`) carry no patient id and the dataset merges three sources whose
 * patient ids were not kept, so each image is its own group. Several slices of one patient can therefore
 * land on both sides of a split made here; keeping the provided Training/Testing split is the honest choice.
 */
export async function scanBrainTumorMri(ctx: ScanContext, root: string): Promise<Plan> {
  const skipped: SkippedFile[] = [];
  const items: PlanItem[] = [];
  for (const { path } of ctx.entries) {
    const rel = under(root, path);
    if (rel === undefined) continue;
    const parts = rel.split('/');
    const split = splitOf(parts[0]);
    if (!split) continue;
    const label = parts.length >= 3 ? brainClassOf(parts[1]) : undefined;
    if (label === undefined) {
      skipped.push({
        file: path,
        reason: parts.length < 3 ? `not inside a class folder (${BRAIN_CLASSES.join('/, ')}/)` : `folder "${parts[1]}" is not a class (${BRAIN_CLASSES.join(', ')})`,
      });
      continue;
    }
    items.push(fileItem(ctx, path, { label, group: path, split }));
  }
  items.sort((a, b) => naturalCompare(a.id, b.id));
  return {
    format: 'brain-tumor-mri',
    title: 'Brain Tumor MRI Dataset (Training/ and Testing/ class folders)',
    root,
    kind: 'classification',
    classes: [...BRAIN_CLASSES],
    items,
    skipped,
    missingIds: [],
    duplicates: 0,
    groupBy: 'image',
    notes: [
      'File names carry no patient id, so each image is its own group; slices of one patient may sit in both Training ' +
        'and Testing. The provided Training/Testing split is kept.',
    ],
    credit: BRAIN_CREDIT,
  };
}
