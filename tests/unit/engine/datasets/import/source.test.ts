import { zipSync } from 'fflate';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDirSource, openNodePath } from '../../../../../engine/datasets/import/nodeSource';
import { blobListSource, fileListSource, isJunkPath, normalizePath, zipSource } from '../../../../../engine/datasets/import/source';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('normalizePath and isJunkPath', () => {
  it.each([
    ['a/b.jpg', 'a/b.jpg'],
    ['./a/b.jpg', 'a/b.jpg'],
    ['/a//b.jpg', 'a/b.jpg'],
    ['a\\b\\c.tif', 'a/b/c.tif'],
  ])('normalizePath(%j) -> %j', (input, out) => expect(normalizePath(input)).toBe(out));

  it.each([
    ['__MACOSX/Training/glioma/._a.jpg', true],
    ['Training/glioma/._a.jpg', true],
    ['Training/.DS_Store', true],
    ['x/Thumbs.db', true],
    ['.git/config', true],
    ['Training/glioma/Tr-gl_0010.jpg', false],
    ['kaggle_3m/data.csv', false],
  ])('isJunkPath(%j) -> %s', (path, junk) => expect(isJunkPath(path)).toBe(junk));
});

describe('fileListSource and blobListSource', () => {
  it('lists sorted normalised paths and reads by any spelling of the path', async () => {
    const s = fileListSource([
      { path: 'b/2.txt', size: 1, read: async () => enc('2') },
      { path: '.\\a\\1.txt', size: 1, read: async () => enc('1') },
    ]);
    expect(await s.list()).toEqual([
      { path: 'a/1.txt', size: 1 },
      { path: 'b/2.txt', size: 1 },
    ]);
    expect(dec(await s.read('./a/1.txt'))).toBe('1');
    await expect(s.read('c.txt')).rejects.toThrow(/No file "c.txt"/);
  });

  it('takes browser File objects, using webkitRelativePath when the picker sets it', async () => {
    const files = [
      { name: 'x.jpg', webkitRelativePath: 'Training/glioma/x.jpg', size: 3, arrayBuffer: async () => enc('abc').buffer as ArrayBuffer },
      { name: 'loose.csv', webkitRelativePath: '', size: 1, arrayBuffer: async () => enc('z').buffer as ArrayBuffer },
    ];
    const s = blobListSource(files);
    expect((await s.list()).map((e) => e.path)).toEqual(['Training/glioma/x.jpg', 'loose.csv']);
    expect(dec(await s.read('Training/glioma/x.jpg'))).toBe('abc');
  });
});

describe('zipSource', () => {
  const zip = zipSync({
    'top/Training/glioma/a.jpg': enc('AAA'),
    'top/Training/glioma/': new Uint8Array(0), // directory entry
    'top/readme.md': [enc('# hi'), { level: 0 }], // stored, not deflated
    '__MACOSX/top/._readme.md': enc('junk'),
  });
  it('lists files (not directories) with their uncompressed sizes and reads them', async () => {
    const s = zipSource(zip);
    expect(await s.list()).toEqual([
      { path: '__MACOSX/top/._readme.md', size: 4 },
      { path: 'top/Training/glioma/a.jpg', size: 3 },
      { path: 'top/readme.md', size: 4 },
    ]);
    expect(dec(await s.read('top/Training/glioma/a.jpg'))).toBe('AAA');
    expect(dec(await s.read('top/readme.md'))).toBe('# hi');
    await expect(s.read('__MACOSX/top/._readme.md')).rejects.toThrow(/No file/); // junk is never inflated
  });
  it('rejects bytes that are not a zip', async () => {
    await expect(zipSource(enc('not a zip')).list()).rejects.toThrow();
  });
});

describe('nodeDirSource and openNodePath', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'convas-source-'));
    await mkdir(join(dir, 'Training', 'glioma'), { recursive: true });
    await writeFile(join(dir, 'Training', 'glioma', 'a.jpg'), 'AAA');
    await writeFile(join(dir, 'top.csv'), 'x');
    await writeFile(join(dir, 'bundle.zip'), zipSync({ 'q/r.txt': enc('R') }));
    await symlink(dir, join(dir, 'Training', 'loop')); // a link back up the tree must not be walked forever
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('walks a directory tree into sorted relative paths', async () => {
    const s = nodeDirSource(dir);
    expect(await s.list()).toEqual([
      { path: 'Training/glioma/a.jpg', size: 3 },
      { path: 'bundle.zip', size: expect.any(Number) },
      { path: 'top.csv', size: 1 },
    ]);
    expect(dec(await s.read('Training/glioma/a.jpg'))).toBe('AAA');
  });

  it('opens a folder, a zip (by its PK signature) or a single file', async () => {
    expect((await (await openNodePath(dir)).list()).length).toBe(3);
    const zipped = await openNodePath(join(dir, 'bundle.zip'));
    expect(dec(await zipped.read('q/r.txt'))).toBe('R');
    const single = await openNodePath(join(dir, 'top.csv'));
    expect(await single.list()).toEqual([{ path: 'top.csv', size: 1 }]);
    await expect(openNodePath(join(dir, 'nope'))).rejects.toThrow(/ENOENT/);
  });
});
