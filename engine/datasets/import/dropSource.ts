import { type BlobFile, type FileLike, type FileSource, fileListSource } from './source';

/**
 * The parts of a dropped item's `FileSystemEntry` (from `DataTransferItem.webkitGetAsEntry()`) this module
 * uses, kept structural so engine/ compiles and tests run without a DOM.
 */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  /** '/folder/sub/name.jpg' for entries of a dropped folder. */
  fullPath: string;
  file?(success: (file: BlobFile) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

/** All entries of a directory: readEntries hands them out in batches (100 in Chrome) until an empty one. */
async function readAll(dir: DroppedEntry): Promise<DroppedEntry[]> {
  const reader = dir.createReader?.();
  if (!reader) return [];
  const all: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/**
 * A source over what the user dropped: files and whole folders, walked recursively. Paths are the
 * entries' full paths ('/HAM10000/HAM10000_images_part_1/ISIC_0024306.jpg' -> without the leading '/').
 * A folder that cannot be listed is left out (the import then reports what it did not find).
 * Example: droppedEntriesSource([...event.dataTransfer.items].map((i) => i.webkitGetAsEntry()).filter(Boolean))
 */
export async function droppedEntriesSource(entries: readonly DroppedEntry[], label = 'dropped files'): Promise<FileSource> {
  const files: FileLike[] = [];
  const visit = async (entry: DroppedEntry): Promise<void> => {
    if (entry.isFile && entry.file) {
      const getFile = entry.file.bind(entry);
      const file = () => new Promise<BlobFile>((resolve, reject) => getFile(resolve, reject));
      files.push({ path: entry.fullPath || entry.name, read: async () => new Uint8Array(await (await file()).arrayBuffer()) });
    } else if (entry.isDirectory) {
      const children = await readAll(entry).catch(() => [] as DroppedEntry[]);
      for (const child of children) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return fileListSource(files, label);
}

/**
 * The files of what the user dropped, walked recursively, as `{path, file}` handles (no bytes read): what
 * the import worker is sent, since dropped entries themselves cannot leave the page. A file that cannot be
 * opened is left out, like a folder that cannot be listed.
 */
export async function droppedFiles(entries: readonly DroppedEntry[]): Promise<{ path: string; file: BlobFile }[]> {
  const out: { path: string; file: BlobFile }[] = [];
  const visit = async (entry: DroppedEntry): Promise<void> => {
    if (entry.isFile && entry.file) {
      const getFile = entry.file.bind(entry);
      const file = await new Promise<BlobFile>((resolve, reject) => getFile(resolve, reject)).catch(() => undefined);
      if (file) out.push({ path: (entry.fullPath || entry.name).replace(/^\/+/, ''), file });
    } else if (entry.isDirectory) {
      const children = await readAll(entry).catch(() => [] as DroppedEntry[]);
      for (const child of children) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return out;
}
