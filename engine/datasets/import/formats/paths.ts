/** Small helpers for the '/'-separated relative paths of a FileSource. */

/** Folder part of a path: dirOf('a/b/c.jpg') -> 'a/b', dirOf('c.jpg') -> ''. */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Last segment: baseOf('a/b/c.jpg') -> 'c.jpg'. */
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Name without its last extension: stem('ISIC_0024306.jpg') -> 'ISIC_0024306'. */
export function stem(name: string): string {
  const base = baseOf(name);
  const i = base.lastIndexOf('.');
  return i <= 0 ? base : base.slice(0, i);
}

/** Path relative to a root folder ('' = top). */
export function under(root: string, path: string): string | undefined {
  if (root === '') return path;
  return path.startsWith(root + '/') ? path.slice(root.length + 1) : undefined;
}

/** Joins a root and a relative path. */
export function joinPath(root: string, rel: string): string {
  return root === '' ? rel : `${root}/${rel}`;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
/** Natural order ('slice_2' before 'slice_10'), so galleries and reports follow slice numbers. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** File extensions taken as images when a layout leaves the role of a file to its name. */
export const IMAGE_EXTENSIONS = /\.(jpe?g|png|tiff?|bmp|gif|webp)$/i;
