import { open, readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { fileSizeError } from './budget';
import { type FileSource, type SourceEntry, fileListSource, normalizePath, zipSource } from './source';

/**
 * Node-only sources (node:fs). Only Node code (the CLI, tests) imports this file; the browser build uses
 * source.ts alone.
 */

/**
 * A source over a directory tree. Symbolic links are followed; unreadable sub-directories are left out of
 * the listing rather than failing it (the import reports what it could not read, it never aborts).
 * Example: await nodeDirSource('../shared/realdata/ham10000').list()
 */
export function nodeDirSource(dir: string): FileSource {
  let entries: SourceEntry[] | undefined;
  // Directories already walked, by device and inode, so a symbolic link back up the tree cannot loop.
  const visited = new Set<string>();
  async function walk(folder: string, out: SourceEntry[]): Promise<void> {
    const self = await stat(folder).catch(() => undefined);
    if (!self || visited.has(`${self.dev}:${self.ino}`)) return;
    visited.add(`${self.dev}:${self.ino}`);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(folder, name);
      const info = await stat(full).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) await walk(full, out);
      else if (info.isFile()) out.push({ path: normalizePath(relative(dir, full).split(sep).join('/')), size: info.size });
    }
  }
  return {
    label: dir,
    async list() {
      if (!entries) {
        visited.clear();
        const out: SourceEntry[] = [];
        await walk(dir, out);
        entries = out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      }
      return entries;
    },
    async read(path) {
      const full = join(dir, ...normalizePath(path).split('/'));
      // Over the decode budget: refused before a byte is read.
      const tooBig = fileSizeError((await stat(full)).size);
      if (tooBig) throw new Error(tooBig);
      const bytes = await readFile(full);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/**
 * What the CLI's `<path>` argument may be: a directory, a .zip archive (recognised by its 'PK' signature,
 * read whole into memory) or a single file such as an hmnist CSV (a source holding just that file).
 */
export async function openNodePath(path: string): Promise<FileSource> {
  const info = await stat(path);
  if (info.isDirectory()) return nodeDirSource(path);
  // Only the signature is read now: a single file over the decode budget is then refused before reading.
  const head = new Uint8Array(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const buffer = await readFile(path);
    return zipSource(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), basename(path));
  }
  const read = async () => {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  };
  return fileListSource([{ path: basename(path), size: info.size, read }], basename(path));
}
