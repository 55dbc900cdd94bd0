import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDataset, GENERATED_TASKS } from '../../../../../engine/datasets/generate';
import { TASKS } from '../../../../../graph/tasks';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('generateDataset', () => {
  it.each(GENERATED_TASKS)('%s: the same seed gives the same bytes, another seed other bytes', (task) => {
    const a = generateDataset(task, { count: 6, seed: 11 });
    const b = generateDataset(task, { count: 6, seed: 11 });
    const c = generateDataset(task, { count: 6, seed: 12 });
    expect(digest(a.images)).toBe(digest(b.images));
    expect(a.labels).toEqual(b.labels);
    expect(a.groups).toEqual(b.groups);
    expect(digest(a.images)).not.toBe(digest(c.images));
    if (a.masks) {
      expect(digest(a.masks)).toBe(digest(b.masks as Uint8Array));
    }
  });

  // Golden digests (first 16 hex digits of sha256 over images then masks) of 4 images at seed 1: the
  // promise that a seed means the same data on every machine and in every version. Changing a generator
  // on purpose changes these; update them in the same commit and say so.
  it.each<[string, string]>([
    ['skin-lesions', '803392bda9e95a15'],
    ['brain-mri-classify', '6ce7a44419634230'],
    ['brain-mri-segment', '188b33ae7fdf5ebd'],
    ['random-classify', 'cdf50a801be63006'],
    ['random-segment', 'aaa2e68da42d75a8'],
  ])('%s: seed 1 still gives the bytes it always gave', (task, golden) => {
    const ds = generateDataset(task, { count: 4, seed: 1 });
    const hash = createHash('sha256').update(ds.images).update(ds.masks ?? new Uint8Array()).digest('hex');
    expect(hash.slice(0, 16)).toBe(golden);
  });

  it.each(GENERATED_TASKS)('%s: shapes, kinds and metadata follow graph/tasks.ts', (task) => {
    const info = TASKS[task];
    const ds = generateDataset(task, { count: 5 });
    const [h, w, c] = info.input;
    expect([ds.height, ds.width, ds.channels]).toEqual([h, w, c]);
    expect(ds.kind).toBe(info.kind);
    expect(ds.classes).toEqual([...info.classes]);
    expect(ds.images.length).toBe(5 * h * w * c);
    expect(ds.labels.length).toBe(5);
    expect(ds.groups).toHaveLength(5);
    expect(new Set(ds.ids).size).toBe(5);
    expect(ds.source).toBe('generated');
    expect(ds.credit.length).toBeGreaterThan(20);
    expect(ds.masks?.length).toBe(info.kind === 'segmentation' ? 5 * h * w : undefined);
    expect(ds.providedSplit).toBeUndefined();
  });

  it('honours the size range and rejects bad options', () => {
    expect(generateDataset('skin-lesions', { count: 1, size: 28 }).width).toBe(28);
    expect(generateDataset('brain-mri-classify', { count: 1, size: 32 }).height).toBe(32);
    expect(() => generateDataset('skin-lesions', { count: 1, size: 27 })).toThrow(/28\.\.224/);
    expect(() => generateDataset('brain-mri-segment', { count: 1, size: 300 })).toThrow(/32\.\.256/);
    expect(() => generateDataset('skin-lesions', { count: 0 })).toThrow(/count/);
    expect(() => generateDataset('skin-lesions', { count: 2.5 })).toThrow(/count/);
    expect(() => generateDataset('nope', { count: 1 })).toThrow(/No generator/);
  });

  it('reports progress up to the total, in order', () => {
    const calls: [number, number, string][] = [];
    generateDataset('random-classify', { count: 450, onProgress: (d, t, p) => calls.push([d, t, p]) });
    expect(calls.map((c) => c[0])).toEqual([200, 400, 450]);
    expect(calls.every((c) => c[1] === 450 && c[2].length > 0)).toBe(true);
    const mri: number[] = [];
    generateDataset('brain-mri-classify', { count: 60, size: 32, onProgress: (d) => mri.push(d) });
    expect(mri).toEqual([50, 60]);
  });
});
