import type { SkippedFile } from '../report';
import { fileItem } from './fileItem';
import { baseOf, naturalCompare, under } from './paths';
import type { Plan, PlanItem, ScanContext } from './types';

/** Credit line for the LGG segmentation dataset. */
export const LGG_CREDIT =
  'LGG MRI segmentation (kaggle_3m): Buda M, Saha A, Mazurowski MA. Association of genomic subtypes of lower-grade ' +
  'gliomas with shape features automatically extracted by a deep learning algorithm. Comput Biol Med 109 (2019). ' +
  'Images from TCGA-LGG via The Cancer Imaging Archive (TCIA data usage policy).';

/**
 * Mask classes. The masks mark FLAIR abnormality of lower-grade gliomas, so foreground is 'glioma', which is
 * also class 1 of the brain-mri-segment task: the 0/1 masks need no remapping for that task.
 */
export const LGG_CLASSES = ['background', 'glioma'] as const;

/** Stored channel order of the images (the dataset's README): pre-contrast, FLAIR, post-contrast. */
export const LGG_FLAIR_CHANNEL = 1;

const TIFF = /\.tiff?$/i;
const MASK = /_mask\.tiff?$/i;

/**
 * LGG kaggle_3m as downloaded: `<root>/<patient>/<patient>_<n>.tif` (256x256, 3 x uint8) with
 * `<patient>_<n>_mask.tif` (256x256, 1 x uint8, 0 or 255). Images are paired with masks by name within a
 * folder; an image without a mask or a mask without an image is skipped with the reason. The group is the
 * patient folder, so a patient's slices never straddle splits. Other files (data.csv, README.md) are ignored.
 */
export async function scanLggKaggle3m(ctx: ScanContext, root: string): Promise<Plan> {
  const skipped: SkippedFile[] = [];
  const tiffs = ctx.entries.filter((e) => under(root, e.path) !== undefined && TIFF.test(e.path)).map((e) => e.path);
  const masks = new Map<string, string>();
  for (const p of tiffs) if (MASK.test(p)) masks.set(p.replace(MASK, '').toLowerCase(), p);
  const paired = new Set<string>();
  const items: PlanItem[] = [];
  for (const p of tiffs) {
    if (MASK.test(p)) continue;
    const key = p.replace(TIFF, '').toLowerCase();
    const mask = masks.get(key);
    if (!mask) {
      skipped.push({ file: p, reason: `no mask (expected ${baseOf(p).replace(TIFF, '_mask.tif')} beside it)` });
      continue;
    }
    paired.add(key);
    const rel = under(root, p) ?? p;
    // The patient is the folder under the root; a file straight in the root is grouped by its name's prefix.
    const group = rel.includes('/') ? rel.split('/')[0] : baseOf(p).replace(/_\d+\.tiff?$/i, '');
    items.push(fileItem(ctx, p, { label: 0, group }, mask));
  }
  for (const [key, mask] of masks) if (!paired.has(key)) skipped.push({ file: mask, reason: 'mask without an image (no matching .tif without _mask)' });
  items.sort((a, b) => naturalCompare(a.id, b.id));
  skipped.sort((a, b) => naturalCompare(a.file, b.file));
  return {
    format: 'lgg-kaggle3m',
    title: 'LGG MRI segmentation (kaggle_3m patient folders, TIFF images + masks)',
    root,
    kind: 'segmentation',
    classes: [...LGG_CLASSES],
    items,
    skipped,
    missingIds: [],
    duplicates: 0,
    groupBy: 'patient folder',
    notes: [
      `Images hold 3 channels (pre-contrast, FLAIR, post-contrast); a 1-channel input takes the FLAIR channel (index ${LGG_FLAIR_CHANNEL}). Masks 0/255 are read as 0/1 (1 = glioma).`,
      'Image label: glioma when its mask has any foreground pixel, background when the mask is empty.',
    ],
    credit: LGG_CREDIT,
    grayChannel: LGG_FLAIR_CHANNEL,
  };
}
