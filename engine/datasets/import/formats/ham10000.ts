import { parseCsvRecords } from '../csv';
import type { SkippedFile } from '../report';
import { fileItem } from './fileItem';
import { IMAGE_EXTENSIONS, baseOf, dirOf, naturalCompare, stem, under } from './paths';
import type { Plan, PlanItem, ScanContext } from './types';

/** HAM10000's diagnosis codes (`dx`), in the skin-lesions task's label order. */
export const HAM_CLASSES = ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'] as const;

/** Credit line for HAM10000 data (shown beside imported images). */
export const HAM_CREDIT =
  'HAM10000: Tschandl P, Rosendahl C, Kittler H. The HAM10000 dataset, a large collection of multi-source dermatoscopic ' +
  'images of common pigmented skin lesions. Sci Data 5, 180161 (2018). CC BY-NC-SA 4.0.';

/** The metadata file that marks the HAM10000 layout (any case, `.csv` optional). */
export const HAM_METADATA = /^HAM10000_metadata(\.csv)?$/i;
const ISIC_ID = /^ISIC_\d+$/i;

/**
 * HAM10000 as downloaded: `HAM10000_metadata.csv` (lesion_id,image_id,dx,...) next to the images, which may sit
 * in `HAM10000_images_part_1/` + `_part_2/`, in one flat folder, or in class folders (`akiec/`, `bcc/`...).
 * With the metadata, labels come from `dx` and groups from `lesion_id` (a lesion's images never straddle
 * splits); class folders alone give labels but no lesion ids. Metadata rows without an image are `missing`;
 * images without a row are skipped; a second copy of an image id (the Kaggle download ships
 * `ham10000_images_part_1/` beside `HAM10000_images_part_1/`) is counted as a duplicate and ignored.
 */
export async function scanHam10000(ctx: ScanContext, root: string, metadataPath: string | undefined): Promise<Plan> {
  const skipped: SkippedFile[] = [];
  const notes: string[] = [];
  const classIndex = new Map<string, number>(HAM_CLASSES.map((c, i) => [c, i]));

  // image_id -> { dx index, lesion_id } from the metadata, when there is one.
  const rows = new Map<string, { label: number; lesion: string; imageId: string }>();
  if (metadataPath) {
    const text = new TextDecoder().decode(await ctx.source.read(metadataPath));
    const { header, records, problems } = parseCsvRecords(text);
    for (const p of problems) notes.push(`${baseOf(metadataPath)}: ${p}`);
    for (const col of ['image_id', 'dx', 'lesion_id'])
      if (!header.includes(col)) throw new Error(`${metadataPath} has no "${col}" column (header: ${header.join(',')})`);
    for (const { line, values } of records) {
      const where = `${metadataPath} line ${line + 1}`;
      const imageId = values.image_id.trim();
      const dx = values.dx.trim().toLowerCase();
      const label = classIndex.get(dx);
      if (!imageId) skipped.push({ file: where, reason: 'row has an empty image_id' });
      else if (label === undefined) skipped.push({ file: where, reason: `unknown dx "${values.dx}" (expected one of ${HAM_CLASSES.join(', ')})` });
      else if (rows.has(imageId.toUpperCase())) skipped.push({ file: where, reason: `image_id ${imageId} appears twice; the first row is used` });
      else rows.set(imageId.toUpperCase(), { label, lesion: values.lesion_id.trim() || imageId, imageId });
    }
  }

  // Candidate images: image extensions or ISIC ids under the metadata's folder (or, if none are there,
  // anywhere in the source: some archives keep the CSV in a folder of its own).
  const isCandidate = (path: string) => IMAGE_EXTENSIONS.test(path) || ISIC_ID.test(stem(path));
  let candidates = ctx.entries.filter((e) => under(root, e.path) !== undefined && isCandidate(e.path));
  if (candidates.length === 0 && root !== '') candidates = ctx.entries.filter((e) => isCandidate(e.path));
  const items: PlanItem[] = [];
  const firstCopy = new Map<string, string>();
  let duplicates = 0;
  let duplicateExample = '';
  let folderDisagrees = 0;
  for (const { path } of candidates) {
    const id = stem(path).toUpperCase();
    const seen = firstCopy.get(id);
    if (seen !== undefined) {
      duplicates++;
      duplicateExample ||= `${path} repeats ${seen}`;
      continue;
    }
    firstCopy.set(id, path);
    const folderClass = classIndex.get(baseOf(dirOf(path)).toLowerCase());
    const row = rows.get(id);
    if (metadataPath) {
      if (!row) {
        skipped.push({ file: path, reason: `no row for image_id ${stem(path)} in ${baseOf(metadataPath)}` });
        continue;
      }
      if (folderClass !== undefined && folderClass !== row.label) folderDisagrees++;
      items.push(fileItem(ctx, path, { label: row.label, group: row.lesion }));
    } else if (folderClass !== undefined) {
      items.push(fileItem(ctx, path, { label: folderClass, group: stem(path) }));
    } else {
      skipped.push({ file: path, reason: `no HAM10000_metadata.csv and the folder "${baseOf(dirOf(path))}" is not a class name` });
    }
  }
  items.sort((a, b) => naturalCompare(a.id, b.id));

  const missingIds = [...rows].filter(([key]) => !firstCopy.has(key)).map(([, row]) => row.imageId);
  if (duplicates > 0) notes.push(`${duplicates} extra copies of images already found were ignored (e.g. ${duplicateExample}).`);
  if (folderDisagrees > 0) notes.push(`${folderDisagrees} images sit in a class folder that disagrees with their metadata dx; the metadata was used.`);
  if (!metadataPath)
    notes.push('No HAM10000_metadata.csv: labels come from the class folders and each image is its own group, so images of one lesion may straddle splits.');
  if (missingIds.length > 0) notes.push(`${missingIds.length} metadata rows have no image in the source (counted as missing).`);
  return {
    format: 'ham10000',
    title: metadataPath ? 'HAM10000 (metadata CSV + JPEG images)' : 'HAM10000 (class folders, no metadata)',
    root,
    kind: 'classification',
    classes: [...HAM_CLASSES],
    items,
    skipped,
    missingIds,
    duplicates,
    groupBy: metadataPath ? 'lesion_id' : 'image',
    notes,
    credit: HAM_CREDIT,
  };
}
