/**
 * The in-memory dataset every source produces (generators, importers) and the training loop consumes.
 * Images stay uint8 until batched (10,000 64x64x3 images are 123 MB as uint8, 492 MB as float32);
 * a batch becomes float32 NHWC in [0, 1] (DESIGN.md section 7).
 */
export interface Dataset {
  /** Task id this data is for, e.g. 'skin-lesions', or an import id. */
  taskId: string;
  kind: 'classification' | 'segmentation';
  /** Class names in label order (segmentation: mask classes, background first). */
  classes: string[];
  /** Image height, width, channels. */
  height: number;
  width: number;
  channels: number;
  /** Number of images. */
  count: number;
  /** count * height * width * channels bytes, NHWC, 0..255. */
  images: Uint8Array;
  /** Classification: class index per image. Segmentation: the image's tumour class (0 = none), for stratifying. */
  labels: Int32Array;
  /** Segmentation only: count * height * width class indices (0 = background). */
  masks?: Uint8Array;
  /** Group per image (lesion_id, patient id): images of one group never straddle splits. */
  groups: string[];
  /** Source file or generated id per image, for galleries and skipped-file reports. */
  ids: string[];
  /** Where the data came from: 'generated' or an import format such as 'ham10000'. */
  source: string;
  /** Credit/licence text to show beside the data. */
  credit: string;
  /** Provided split per image when the dataset ships one (Brain Tumor MRI's Training/Testing). */
  providedSplit?: ('train' | 'test')[];
}

/** Index lists into a Dataset. Disjoint; groups never straddle them. */
export interface DatasetSplits {
  train: number[];
  validation: number[];
  test: number[];
}

/** Progress callback: done of total units of work, with a short phase label. */
export type Progress = (done: number, total: number, phase: string) => void;
