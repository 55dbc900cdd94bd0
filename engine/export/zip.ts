import { zipSync, type Zippable } from 'fflate';

/** One file of an export: a path relative to the export's folder and its text or bytes. */
export interface ExportFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * A fixed modification time (2000-01-01 UTC) for every zip entry, so the same export gives the same bytes
 * (golden tests, caches), and no clock reading leaks into the archive.
 */
export const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

/**
 * A .zip of the files. Text is stored UTF-8 and deflated; binary files (weights) are stored as they are,
 * since float noise does not compress and storing keeps them readable by the simplest unzip.
 * `level` overrides both (0 = store everything, what .npz readers expect).
 *
 * @example zipFiles([{ path: 'model.py', content: 'import torch\n' }])
 */
export function zipFiles(files: readonly ExportFile[], level?: 0 | 6): Uint8Array {
  const entries: Zippable = {};
  const encoder = new TextEncoder();
  for (const f of files) {
    if (Object.prototype.hasOwnProperty.call(entries, f.path)) throw new Error(`zip: "${f.path}" appears twice`);
    const text = typeof f.content === 'string';
    const data = text ? encoder.encode(f.content as string) : (f.content as Uint8Array);
    entries[f.path] = [data, { level: level ?? (text ? 6 : 0), mtime: ZIP_TIME }];
  }
  return zipSync(entries);
}
