import { describe, expect, it } from 'vitest';
import { type DroppedEntry, droppedEntriesSource } from '../../../../../engine/datasets/import/dropSource';

/** A fake dropped tree whose directory readers hand out entries two at a time, as browsers batch them. */
function fileEntry(fullPath: string, text: string): DroppedEntry {
  const name = fullPath.split('/').pop() ?? '';
  const bytes = new TextEncoder().encode(text);
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok) => ok({ name, size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer }),
  };
}
function dirEntry(fullPath: string, children: DroppedEntry[], failing = false): DroppedEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop() ?? '',
    fullPath,
    createReader: () => {
      let next = 0;
      return {
        readEntries: (ok, fail) => {
          if (failing) return fail?.(new Error('NotReadableError'));
          ok(children.slice(next, next + 2));
          next += 2;
        },
      };
    },
  };
}

describe('droppedEntriesSource', () => {
  it('walks dropped folders through every batch of entries, keeping full paths', async () => {
    const glioma = ['a', 'b', 'c', 'd', 'e'].map((n) => fileEntry(`/mri/Training/glioma/${n}.jpg`, n));
    const tree = dirEntry('/mri', [dirEntry('/mri/Training', [dirEntry('/mri/Training/glioma', glioma)]), fileEntry('/mri/readme.txt', 'hi')]);
    const source = await droppedEntriesSource([tree, fileEntry('/loose.csv', 'x'), dirEntry('/locked', [], true)]);
    expect((await source.list()).map((e) => e.path)).toEqual([
      'loose.csv',
      'mri/Training/glioma/a.jpg',
      'mri/Training/glioma/b.jpg',
      'mri/Training/glioma/c.jpg',
      'mri/Training/glioma/d.jpg',
      'mri/Training/glioma/e.jpg',
      'mri/readme.txt',
    ]);
    expect(new TextDecoder().decode(await source.read('mri/Training/glioma/e.jpg'))).toBe('e');
  });
});
