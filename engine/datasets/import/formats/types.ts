import type { ImageDecoder } from '../decode/types';
import type { DatasetFormat, SkippedFile } from '../report';
import type { FileSource, SourceEntry } from '../source';

/** An image as a plan item delivers it: decoded pixels plus where they came from. */
export interface LoadedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** 'jpeg', 'png', 'tiff' (by content) or 'csv' (hmnist pixel rows). */
  format: string;
  mode: string;
}

/** One image the layout promises, before it is read. */
export interface PlanItem {
  /** Source path (or 'file.csv#row'), shown in galleries and skip reports. */
  id: string;
  /** Class index into `Plan.classes`. Segmentation: set from the mask once it is read. */
  label: number;
  group: string;
  split?: 'train' | 'test';
  /** Decodes the pixels; throws with the reason to report. */
  load(): Promise<LoadedImage>;
  /** Reads only the header (size and mode); absent when loading is as cheap (CSV rows). */
  probe?(): Promise<{ width: number; height: number; mode: string; format: string }>;
  /** Segmentation: decodes the mask (any channel count; nonzero = foreground). */
  loadMask?(): Promise<LoadedImage>;
}

/** What a format's scanner makes of a source: the items to read, and what it already had to leave out. */
export interface Plan {
  format: DatasetFormat;
  title: string;
  root: string;
  kind: 'classification' | 'segmentation';
  classes: string[];
  items: PlanItem[];
  skipped: SkippedFile[];
  missingIds: string[];
  duplicates: number;
  groupBy: string;
  notes: string[];
  credit: string;
  /** Which stored channel a 1-channel input takes instead of luminance (LGG: 1, FLAIR). */
  grayChannel?: 0 | 1 | 2;
}

/** What every scanner gets. */
export interface ScanContext {
  source: FileSource;
  /** The source's files, junk removed. */
  entries: SourceEntry[];
  decode: ImageDecoder;
  /** The wanted input, so a scanner can pick among variants (hmnist 8x8 vs 28x28). */
  want: { size?: number; channels?: 1 | 3 };
}
