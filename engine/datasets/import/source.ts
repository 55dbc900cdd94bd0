import { fileSizeError } from './budget';
import { type ZipEntry, readZipDirectory, readZipEntry } from './zip';

/**
 * Where an importer reads files from. The same importers run on a Node directory (nodeSource.ts), a browser
 * folder picker or dropped folder (`fileListSource`/`blobListSource`) and a .zip (`zipSource`).
 * Paths are relative, '/'-separated, without a leading './' or '/'.
 */
export interface FileSource {
  /** Every regular file under the source, sorted by path. `size` is in bytes. */
  list(): Promise<SourceEntry[]>;
  /** The bytes of one listed file; rejects when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
  /** What to call the source in messages: the directory or zip name. */
  readonly label: string;
}

/** One file of a source. */
export interface SourceEntry {
  path: string;
  size: number;
}

/**
 * A path made comparable across sources: backslashes become '/', './' and leading '/' are dropped.
 * Example: normalizePath('.\\a\\b.jpg') -> 'a/b.jpg'
 */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/**
 * Files that operating systems and archivers leave behind and that are never data: macOS resource forks
 * (`__MACOSX/`, `._name`), `.DS_Store`, `Thumbs.db`, `desktop.ini`, and any hidden file or folder.
 * Importers drop them silently instead of listing them as skipped images.
 */
export function isJunkPath(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1].toLowerCase();
  if (base === 'thumbs.db' || base === 'desktop.ini') return true;
  return parts.some((part) => part.startsWith('.') || part === '__MACOSX');
}

function sortEntries(entries: SourceEntry[]): SourceEntry[] {
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file the browser hands over (a `File` from a picker or a drop) or anything shaped like one. */
export interface FileLike {
  /** Relative path (or name) of the file. */
  path: string;
  size?: number;
  read(): Promise<Uint8Array>;
}

/**
 * A source over files already in hand: the browser's folder picker, a dropped folder walked by the UI,
 * or test fixtures. Duplicate paths keep the last file.
 * Example: fileListSource([{ path: 'Training/glioma/a.jpg', read: async () => bytes }])
 */
export function fileListSource(files: readonly FileLike[], label = 'selected files'): FileSource {
  const byPath = new Map<string, FileLike>();
  for (const f of files) byPath.set(normalizePath(f.path), f);
  return {
    label,
    async list() {
      return sortEntries([...byPath].map(([path, f]) => ({ path, size: f.size ?? 0 })));
    },
    async read(path) {
      const file = byPath.get(normalizePath(path));
      if (!file) throw new Error(`No file "${path}" in ${label}.`);
      // Over the decode budget: refused before a byte is read.
      const tooBig = file.size === undefined ? null : fileSizeError(file.size);
      if (tooBig) throw new Error(tooBig);
      return file.read();
    },
  };
}

/**
 * The structural part of a DOM `File` the importers need (kept structural so engine/ compiles without the
 * DOM and runs in Node 20, whose `File` also fits).
 */
export interface BlobFile {
  name: string;
  /** Set by `<input type="file" webkitdirectory>`: 'folder/sub/name.jpg'. */
  webkitRelativePath?: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A source over a browser folder-picker `FileList` (or `File[]`): paths come from `webkitRelativePath`,
 * falling back to the bare name for single files.
 */
export function blobListSource(files: ArrayLike<BlobFile>, label = 'selected folder'): FileSource {
  const list: FileLike[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    list.push({
      path: f.webkitRelativePath || f.name,
      size: f.size,
      read: async () => new Uint8Array(await f.arrayBuffer()),
    });
  }
  return fileListSource(list, label);
}

/**
 * A source over the bytes of a .zip archive. Listing reads only the central directory; each `read` inflates
 * that one entry, within the decode budget (zip.ts): an entry that declares too much, expands suspiciously
 * or inflates past what it declared is refused with its reason, and the import skips it and goes on.
 * Memory is the archive plus the entry being read. Junk entries (`__MACOSX/`...) are never inflated.
 * Rejects on list if the bytes are not a zip, on read if an entry cannot be read.
 */
export function zipSource(bytes: Uint8Array, label = 'zip archive'): FileSource {
  let byPath: Map<string, ZipEntry> | undefined;
  const budget = { inflated: 0 };
  const directory = (): Map<string, ZipEntry> => {
    if (!byPath) {
      byPath = new Map();
      for (const entry of readZipDirectory(bytes)) if (!entry.name.endsWith('/')) byPath.set(normalizePath(entry.name), entry);
    }
    return byPath;
  };
  return {
    label,
    async list() {
      return sortEntries([...directory()].map(([path, e]) => ({ path, size: e.size })));
    },
    async read(path) {
      const key = normalizePath(path);
      const entry = isJunkPath(key) ? undefined : directory().get(key);
      if (!entry) throw new Error(`No file "${path}" in ${label}.`);
      return readZipEntry(bytes, entry, budget);
    },
  };
}
