import { zipSync } from 'fflate';
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../../../../engine/datasets/import/importDataset';
import { inspectSource } from '../../../../../engine/datasets/import/inspect';
import { nodeDirSource } from '../../../../../engine/datasets/import/nodeSource';
import { fileListSource, zipSource } from '../../../../../engine/datasets/import/source';
import { BRAIN_DIR, HAS_REAL_DATA, LGG_DIR, REAL_DATA, textFile } from './realdata';

const PATIENT = 'TCGA_CS_4941_19960909';

describe.skipIf(!HAS_REAL_DATA)('a damaged copy of the real samples (made in a temp dir)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'convas-import-'));
    await cp(BRAIN_DIR, join(dir, 'brain'), { recursive: true });
    await cp(LGG_DIR, join(dir, 'lgg'), { recursive: true });
    // Brain: one JPEG cut in half, one with its header overwritten by zeros, one empty file.
    const half = join(dir, 'brain/Training/glioma/Tr-gl_0010.jpg');
    await truncate(half, Math.floor((await readFile(half)).length / 2));
    const garbled = join(dir, 'brain/Testing/meningioma/Te-me_0010.jpg');
    const bytes = await readFile(garbled);
    bytes.fill(0, 0, 64);
    await writeFile(garbled, bytes);
    await writeFile(join(dir, 'brain/Training/pituitary/empty.jpg'), new Uint8Array(0));
    // LGG: one image cut short, one mask cut short.
    const img = join(dir, `lgg/kaggle_3m/${PATIENT}/${PATIENT}_12.tif`);
    await truncate(img, 100_000);
    await truncate(join(dir, `lgg/kaggle_3m/${PATIENT}/${PATIENT}_14_mask.tif`), 1000);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('skips each broken JPEG with its reason and imports the rest', async () => {
    const { dataset, report } = await importDataset(nodeDirSource(join(dir, 'brain')), { size: 32 });
    expect(report.skipped.map((s) => s.file)).toEqual(['Testing/meningioma/Te-me_0010.jpg', 'Training/glioma/Tr-gl_0010.jpg', 'Training/pituitary/empty.jpg']);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['Testing/meningioma/Te-me_0010.jpg']).toBe('not a JPEG, PNG or TIFF image (unrecognised first bytes)');
    expect(reasons['Training/glioma/Tr-gl_0010.jpg']).toMatch(/^JPEG is truncated/);
    expect(reasons['Training/pituitary/empty.jpg']).toBe('file is empty');
    expect(dataset.count).toBe(8);
    expect(report.images).toBe(8);
    expect(dataset.ids).not.toContain('Training/glioma/Tr-gl_0010.jpg');
  });

  it('skips a truncated TIFF image and a slice whose mask is truncated', async () => {
    const { dataset, report } = await importDataset(nodeDirSource(join(dir, 'lgg')), { size: 32 });
    expect(dataset.ids).toEqual([`kaggle_3m/${PATIENT}/${PATIENT}_1.tif`]);
    expect(report.skipped).toEqual([
      { file: `kaggle_3m/${PATIENT}/${PATIENT}_12.tif`, reason: 'TIFF is truncated (its image directory lies past the end of the file)' },
      { file: `kaggle_3m/${PATIENT}/${PATIENT}_14.tif`, reason: 'its mask cannot be used: TIFF is truncated (its image directory lies past the end of the file)' },
    ]);
  });

  it('a quick inspection reads headers only, so a JPEG cut after its headers passes, and says so', async () => {
    const report = await inspectSource(nodeDirSource(join(dir, 'brain')), { quick: true });
    expect(report.decoded).toBe(false);
    expect(report.skipped.map((s) => s.file)).toEqual(['Testing/meningioma/Te-me_0010.jpg', 'Training/pituitary/empty.jpg']);
    expect(report.notes.join(' ')).toMatch(/only image headers were read/);
  });
});

describe.skipIf(!HAS_REAL_DATA)('a .zip of the samples reads the same as the folder', () => {
  async function zipOf(root: string, prefix: string): Promise<Uint8Array> {
    const files: Record<string, Uint8Array> = {};
    const source = nodeDirSource(root);
    for (const { path } of await source.list()) files[`${prefix}/${path}`] = await source.read(path);
    files['__MACOSX/._junk'] = new Uint8Array(3);
    return zipSync(files);
  }

  it.each([
    ['Brain Tumor MRI', BRAIN_DIR, 'brain_mri_cls'],
    ['LGG kaggle_3m', LGG_DIR, 'brain_mri_seg'],
  ])('%s', async (_name, root, prefix) => {
    const fromDir = await importDataset(nodeDirSource(root), { size: 32 });
    const fromZip = await importDataset(zipSource(await zipOf(root, prefix), `${prefix}.zip`), { size: 32 });
    expect(fromZip.dataset.ids).toEqual(fromDir.dataset.ids.map((id) => `${prefix}/${id}`));
    expect(fromZip.dataset.images).toEqual(fromDir.dataset.images);
    expect(fromZip.dataset.labels).toEqual(fromDir.dataset.labels);
    expect(fromZip.dataset.masks).toEqual(fromDir.dataset.masks);
    expect(fromZip.dataset.providedSplit).toEqual(fromDir.dataset.providedSplit);
    expect({ ...fromZip.report, source: '', root: '' }).toEqual({ ...fromDir.report, source: '', root: '' });
    expect(fromZip.report.root).toBe(prefix === 'brain_mri_seg' ? 'brain_mri_seg/kaggle_3m' : 'brain_mri_cls');
  });
});

describe('importDataset refuses what it cannot import', () => {
  it('fails when not one image can be read, quoting the reasons', async () => {
    const source = fileListSource([textFile('Training/glioma/a.jpg', 'not an image'), textFile('Training/glioma/b.jpg', '')]);
    await expect(importDataset(source)).rejects.toThrow(/No image of selected files could be read \(Training\/glioma\/a.jpg: not a JPEG, PNG or TIFF image.*; Training\/glioma\/b.jpg: file is empty\)/);
  });
  it.each([
    [{ taskId: 'brain-mri-classify', size: 16 }, /takes sizes 32 to 256; 16 was asked for/],
    [{ taskId: 'skin-lesions' }, /Task skin-lesions has no class glioma/],
    [{ taskId: 'brain-mri-segment' }, /brain-tumor-mri is classification data; task brain-mri-segment is segmentation/],
    [{ taskId: 'my-import', size: 2000 }, /Image size 2000 is not a whole number from 1 to 1024/],
  ])('%j', async (opts, reason) => {
    const source = fileListSource([textFile('Training/glioma/a.jpg', 'x')]);
    await expect(importDataset(source, opts)).rejects.toThrow(reason);
  });
  it('uses an injected decoder (the browser may decode with createImageBitmap)', async () => {
    const seen: number[] = [];
    const decoder = (bytes: Uint8Array) => {
      seen.push(bytes.length);
      return { width: 2, height: 2, channels: 1 as const, data: Uint8Array.of(0, 100, 200, 100), format: 'png' as const, mode: 'gray' };
    };
    const source = fileListSource([textFile('Training/glioma/a.jpg', 'abc')]);
    const { dataset, report } = await importDataset(source, { decoder, size: 32, channels: 1 });
    expect(seen).toEqual([3]);
    expect(report.modes).toEqual([{ mode: 'PNG gray', count: 1 }]);
    expect(dataset.images[0]).toBe(0); // top-left corner of the bilinear enlargement keeps the corner value
  });
  it('reports progress up to the total', async () => {
    const calls: [number, number][] = [];
    await inspectSource(fileListSource([textFile('Training/glioma/a.jpg', 'x'), textFile('Testing/glioma/b.jpg', 'y')]), {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([[0, 2], [1, 2], [2, 2]]);
  });
});

describe('the real-data folder', () => {
  it(`is ${HAS_REAL_DATA ? 'present' : 'ABSENT, so the real-data tests above are skipped'} at ${REAL_DATA}`, () => {
    expect(typeof HAS_REAL_DATA).toBe('boolean');
  });
});
