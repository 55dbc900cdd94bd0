import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../../../engine/datasets/types';
import { decodeImage } from '../../../../../../engine/datasets/import/decode/decode';
import { brainClassOf, splitOf } from '../../../../../../engine/datasets/import/formats/brainTumorMri';
import { importDataset } from '../../../../../../engine/datasets/import/importDataset';
import { nodeDirSource } from '../../../../../../engine/datasets/import/nodeSource';
import type { InspectReport } from '../../../../../../engine/datasets/import/report';
import { fileListSource } from '../../../../../../engine/datasets/import/source';
import { BRAIN_DIR, HAS_REAL_DATA, realBytes, realFile } from '../realdata';

describe('Brain Tumor MRI folder names', () => {
  it.each([
    ['glioma', 0],
    ['Meningioma', 1],
    ['notumor', 2],
    ['no_tumor', 2],
    ['pituitary_tumor', 3],
    ['glioma_tumor', 0],
    ['tumor', undefined],
    ['yes', undefined],
  ])('brainClassOf(%j) -> %s', (folder, index) => expect(brainClassOf(folder)).toBe(index));
  it.each([
    ['Training', 'train'],
    ['testing', 'test'],
    ['Validation', undefined],
  ])('splitOf(%j) -> %s', (folder, split) => expect(splitOf(folder)).toBe(split));
});

describe.skipIf(!HAS_REAL_DATA)('Brain Tumor MRI as downloaded', () => {
  let dataset: Dataset;
  let report: InspectReport;
  beforeAll(async () => {
    ({ dataset, report } = await importDataset(nodeDirSource(BRAIN_DIR), { size: 32, channels: 3 }));
  });

  it('takes classes from the folders and the provided split from Training/Testing', () => {
    expect(report.format).toBe('brain-tumor-mri');
    expect(report.splits).toEqual({
      train: { images: 6, classes: [{ name: 'glioma', count: 2 }, { name: 'meningioma', count: 1 }, { name: 'notumor', count: 1 }, { name: 'pituitary', count: 2 }] },
      test: { images: 4, classes: [{ name: 'glioma', count: 1 }, { name: 'meningioma', count: 1 }, { name: 'notumor', count: 1 }, { name: 'pituitary', count: 1 }] },
    });
    for (let i = 0; i < dataset.count; i++) {
      const [split, folder] = dataset.ids[i].split('/');
      expect(dataset.classes[dataset.labels[i]]).toBe(folder);
      expect(dataset.providedSplit?.[i]).toBe(split === 'Training' ? 'train' : 'test');
    }
    expect([report.groups, report.groupBy]).toEqual([10, 'image']);
  });

  it('decodes RGB and grayscale JPEGs of every size', () => {
    expect(report.modes).toEqual([
      { mode: 'JPEG RGB', count: 9 },
      { mode: 'JPEG gray', count: 1 },
    ]);
    expect(report.sizes.map((s) => `${s.width}x${s.height}`).sort()).toEqual(['225x225', '236x236', '256x256', '455x500', '512x512']);
    // The grayscale file, asked for as RGB, has three equal channels.
    const k = dataset.ids.indexOf('Training/glioma/Tr-gl_0121.jpg');
    const img = dataset.images.subarray(k * 32 * 32 * 3, (k + 1) * 32 * 32 * 3);
    for (let p = 0; p < 32 * 32; p++) expect(img[p * 3]).toBe(img[p * 3 + 2]);
    expect(Math.max(...img)).toBeGreaterThan(100); // a brain, not a black frame
  });

  it('defaults to the brain-mri-classify task input: 64x64 gray', async () => {
    const source = fileListSource([realFile('brain_mri_cls/Training/notumor/Tr-no_0010.jpg', 'Training/notumor/a.jpg')]);
    const { dataset: d } = await importDataset(source);
    expect([d.taskId, d.width, d.height, d.channels, d.images.length]).toEqual(['brain-mri-classify', 64, 64, 1, 4096]);
  });

  it('decodes a PNG named .jpg by its content, and notes it', async () => {
    // Make a real PNG from a real slice, as some files of the dataset are.
    const slice = decodeImage(await realBytes('brain_mri_cls/Training/notumor/Tr-no_0010.jpg'));
    const png = new PNG({ width: slice.width, height: slice.height });
    for (let p = 0; p < slice.width * slice.height; p++)
      png.data.set([slice.data[p * 3], slice.data[p * 3 + 1], slice.data[p * 3 + 2], 255], p * 4);
    const pngBytes = new Uint8Array(PNG.sync.write(png, { colorType: 0 }));
    const source = fileListSource([
      { path: 'Training/notumor/Tr-no_9999.jpg', read: async () => pngBytes },
      realFile('brain_mri_cls/Training/notumor/Tr-no_0010.jpg', 'Training/notumor/Tr-no_0010.jpg'),
    ]);
    const { dataset: d, report: r } = await importDataset(source, { size: 32, channels: 1 });
    expect(r.modes.map((m) => `${m.mode}: ${m.count}`).sort()).toEqual(['JPEG RGB: 1', 'PNG gray: 1']);
    expect(r.notes.join(' ')).toMatch(/1 files hold a different format than their extension says \(e.g. Training\/notumor\/Tr-no_9999.jpg is PNG\)/);
    // Same pixels either way (the JPEG's R = G = B, so luminance is that value, up to rounding).
    const a = d.images.subarray(0, 1024);
    const b = d.images.subarray(1024, 2048);
    expect(d.ids).toEqual(['Training/notumor/Tr-no_0010.jpg', 'Training/notumor/Tr-no_9999.jpg']);
    let worst = 0;
    for (let i = 0; i < 1024; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('skips files outside class folders with the reason', async () => {
    const source = fileListSource([
      realFile('brain_mri_cls/Testing/glioma/Te-gl_0010.jpg', 'archive/Testing/glioma_tumor/a.jpg'),
      realFile('brain_mri_cls/Testing/glioma/Te-gl_0010.jpg', 'archive/Testing/b.jpg'),
      realFile('brain_mri_cls/Testing/glioma/Te-gl_0010.jpg', 'archive/Testing/other/c.jpg'),
    ]);
    const { dataset: d, report: r } = await importDataset(source, { size: 32 });
    expect(d.ids).toEqual(['archive/Testing/glioma_tumor/a.jpg']);
    expect(r.skipped).toEqual([
      { file: 'archive/Testing/b.jpg', reason: 'not inside a class folder (glioma/, meningioma/, notumor/, pituitary/)' },
      { file: 'archive/Testing/other/c.jpg', reason: 'folder "other" is not a class (glioma, meningioma, notumor, pituitary)' },
    ]);
  });
});
