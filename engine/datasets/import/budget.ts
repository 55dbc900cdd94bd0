/**
 * One decode budget for every importer: what a single file may cost before it is read. Each limit is
 * checked from headers and declared sizes before the memory is spent, and a file over budget is skipped
 * with its reason (the import goes on). Everything follows from the pixel limit: an image of at most
 * `maxPixels` pixels needs at most so many inflated bytes, so many TIFF directories, so much jpeg-js memory.
 */

const MiB = 1024 * 1024;
/** Largest image accepted, in pixels (50 megapixels): bigger files are skipped instead of exhausting memory. */
const maxPixels = 50_000_000;

export const DECODE_BUDGET = Object.freeze({
  maxPixels,
  /** Image directories (pages, sub-IFDs, EXIF/GPS directories) one TIFF may hold; only the first page is used. */
  maxTiffIfds: 64,
  /**
   * Bytes one file may have (a file in a folder, or a .zip entry once inflated): the raw bytes of the largest
   * image the pixel limit allows (4 samples of 16 bits), which also covers the largest hmnist CSV (about 90 MB).
   */
  maxFileBytes: Math.ceil((maxPixels * 8) / MiB) * MiB,
  /** Bytes of the imported dataset's pixels (images and masks at the chosen size): what a tab can hold. */
  maxDatasetBytes: 2048 * MiB,
  /** Bytes all entries of one .zip may inflate to together (they are inflated one at a time). */
  maxZipTotalBytes: 64 * 1024 * MiB,
  /** An entry inflating to more than `zipRatioGraceBytes` may be at most this many times its compressed size. */
  maxZipRatio: 100,
  /** Small entries (an all-black mask compresses 500:1) are exempt from the ratio check. */
  zipRatioGraceBytes: 4 * MiB,
});

/**
 * jpeg-js's own memory accounting for one image (its `maxMemoryUsageInMB`), in MB: 256 bytes per 8x8 block of
 * every component (MCU padding included), a line buffer per component and the RGB output, plus 4 MB for tables.
 * Example: jpegMemoryMB(600, 450, [[2, 2], [1, 1], [1, 1]]) -> about 5
 */
export function jpegMemoryMB(width: number, height: number, sampling: readonly (readonly [number, number])[]): number {
  const maxH = Math.max(1, ...sampling.map(([h]) => h));
  const maxV = Math.max(1, ...sampling.map(([, v]) => v));
  const mcusPerLine = Math.ceil(width / 8 / maxH);
  const mcusPerColumn = Math.ceil(height / 8 / maxV);
  // The RGB output, and getData's own buffer of up to 4 components.
  let bytes = width * height * 7;
  for (const [h, v] of sampling) {
    bytes += mcusPerLine * h * mcusPerColumn * v * 256;
    bytes += mcusPerLine * maxH * 8 * mcusPerColumn * maxV * 8;
  }
  return Math.ceil(bytes / MiB) + 4;
}

/**
 * The reason a file of `size` bytes is over budget, or null. Sources call it before reading a file.
 * Example: fileSizeError(500 * 2 ** 20) -> 'the file is 500 MB, more than the 382 MB one file may take'
 */
export function fileSizeError(size: number): string | null {
  if (size <= DECODE_BUDGET.maxFileBytes) return null;
  return `the file is ${Math.round(size / MiB)} MB, more than the ${Math.round(DECODE_BUDGET.maxFileBytes / MiB)} MB one file may take`;
}
