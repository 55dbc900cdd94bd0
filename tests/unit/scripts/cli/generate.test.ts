import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../../engine/datasets/generate';
import { encodePng, run } from '../../../../scripts/cli/generate';
import { capture, scratchDirs } from './harness';

const scratch = scratchDirs('convas-generate-');

describe('convas generate', () => {
  it('writes PNG images, masks, labels.csv and a gallery that match the generated dataset', async () => {
    const dir = await scratch();
    const { io, out } = capture();
    const code = await run(['--task', 'brain-mri-segment', '--count', '6', '--size', '32', '--seed', '3', '--out', dir], io);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/not photographs or scans of real patients/);
    const ds = generateDataset('brain-mri-segment', { count: 6, size: 32, seed: 3 });
    const csv = (await readFile(join(dir, 'labels.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('file,label,class,group,mask');
    expect(csv).toHaveLength(7);
    const [file, label, cls, group, mask] = csv[1].split(',');
    expect([label, cls, group]).toEqual([String(ds.labels[0]), ds.classes[ds.labels[0]], ds.groups[0]]);
    // The PNG holds the dataset's bytes exactly (grey: R = G = B).
    const png = PNG.sync.read(await readFile(join(dir, file)));
    expect([png.width, png.height]).toEqual([32, 32]);
    for (let p = 0; p < 32 * 32; p++) expect(png.data[p * 4]).toBe(ds.images[p]);
    // Masks are spread over 0..255: multiclass with 4 classes -> class * 85.
    const m = PNG.sync.read(await readFile(join(dir, mask)));
    for (let p = 0; p < 32 * 32; p++) expect(m.data[p * 4]).toBe(ds.masks![p] * 85);
    expect((await readdir(join(dir, 'images'))).length).toBe(6);
    const gallery = PNG.sync.read(await readFile(join(dir, 'gallery.png')));
    expect(gallery.width).toBeGreaterThanOrEqual(32);
  });

  it('writes RGB skin images without masks', async () => {
    const dir = await scratch();
    const code = await run(['--task', 'skin-lesions', '--count', '3', '--size', '28', '--out', dir], capture().io);
    expect(code).toBe(0);
    const csv = (await readFile(join(dir, 'labels.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('file,label,class,group');
    const png = PNG.sync.read(await readFile(join(dir, csv[1].split(',')[0])));
    expect(png.width).toBe(28);
  });

  it.each([
    [['--out', 'x'], /--task/],
    [['--task', 'skin-lesions'], /--out/],
    [['--task', 'nope', '--out', 'x'], /Unknown task/],
    [['--task', 'skin-lesions', '--out', 'x', '--size', '500'], /28\.\.224/],
    [['--task', 'brain-mri-segment', '--out', 'x', '--mask-mode', 'soft'], /mask-mode/],
    [['--task', 'skin-lesions', '--out', 'x', '--count', 'many'], /--count wants a number/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const { io, err } = capture();
    expect(await run(argv, io)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });
});

describe('encodePng', () => {
  it('round-trips RGB pixels', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = PNG.sync.read(encodePng(2, 2, 3, rgb));
    expect([...png.data]).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255]);
  });
});
