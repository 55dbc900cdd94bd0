/** The four real dataset layouts the importers read. */
export const DATASET_FORMATS = ['ham10000', 'hmnist-csv', 'brain-tumor-mri', 'lgg-kaggle3m'] as const;
/** One of DATASET_FORMATS. */
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Images per class, in the dataset's class order. */
export interface ClassCount {
  name: string;
  count: number;
}

/** A file (or CSV row) left out, and why, in words a user can act on. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Images and class counts of one provided split. */
export interface SplitCount {
  images: number;
  classes: ClassCount[];
}

/**
 * What `inspectSource` found and `importDataset` read: the shape of `convas data inspect --json`.
 * Keys are always present; those that do not apply to the format are null.
 */
export interface InspectReport {
  format: DatasetFormat;
  /** Human name of the layout, e.g. 'HAM10000 (metadata CSV + JPEG folders)'. */
  title: string;
  /** The source's label (directory or zip name). */
  source: string;
  /** Folder inside the source where the dataset was found ('' for the top). */
  root: string;
  kind: 'classification' | 'segmentation';
  /** Images read (decoded, or header-probed when `decoded` is false). */
  images: number;
  /** Images per class. Segmentation: slices per image label (background = empty mask). */
  classes: ClassCount[];
  /** Segmentation: image/mask pairs read; null for classification. */
  masks: number | null;
  /** Segmentation: masks with no foreground pixel; null for classification. */
  emptyMasks: number | null;
  /** Distinct groups (lesions, patients) among the images read. */
  groups: number;
  /** What a group is: 'lesion_id', 'patient folder', or 'image' when nothing finer is known. */
  groupBy: string;
  /** Per provided split (Brain Tumor MRI's Training/Testing); null when the layout has none. */
  splits: { train: SplitCount; test: SplitCount } | null;
  /** Files or rows left out, each with its reason. */
  skipped: SkippedFile[];
  /** Metadata rows without an image (HAM10000), 0 for other formats. */
  missing: number;
  /** The image ids of those rows. */
  missingIds: string[];
  /** Extra copies of an image already read (the Kaggle HAM10000 download holds each folder twice). */
  duplicates: number;
  /** Original image sizes, most common first. */
  sizes: { width: number; height: number; count: number }[];
  /** Stored formats and colour modes as found by content, e.g. 'JPEG RGB', 'PNG gray', most common first. */
  modes: { mode: string; count: number }[];
  /** Things worth knowing: grouping caveats, ignored copies, files whose content differs from their extension. */
  notes: string[];
  /** False when only headers were read (`quick`): then unreadable pixel data is not detected. */
  decoded: boolean;
}

/** Counts values and returns them most common first (ties in first-seen order). */
export function tally<T>(values: Iterable<T>, key: (v: T) => string): { value: T; count: number }[] {
  const counts = new Map<string, { value: T; count: number }>();
  for (const v of values) {
    const k = key(v);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { value: v, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}
