import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../../../engine/datasets/types';
import { HAM_CLASSES } from '../../../../../../engine/datasets/import/formats/ham10000';
import { importDataset } from '../../../../../../engine/datasets/import/importDataset';
import { nodeDirSource } from '../../../../../../engine/datasets/import/nodeSource';
import { planSource } from '../../../../../../engine/datasets/import/plan';
import type { InspectReport } from '../../../../../../engine/datasets/import/report';
import { fileListSource } from '../../../../../../engine/datasets/import/source';
import { HAM_DIR, HAS_REAL_DATA, realFile, textFile } from '../realdata';

/** The sample metadata, read with a plain split (it has no quoted fields): image_id -> { dx, lesion }. */
async function metadata(): Promise<{ header: string; rows: Map<string, { dx: string; lesion: string; line: string }> }> {
  const lines = (await readFile(join(HAM_DIR, 'HAM10000_metadata.csv'), 'utf8')).trim().split(/\r?\n/);
  const rows = new Map<string, { dx: string; lesion: string; line: string }>();
  for (const line of lines.slice(1)) {
    const [lesion, image, dx] = line.split(',');
    rows.set(image, { dx, lesion, line });
  }
  return { header: lines[0], rows };
}

describe.skipIf(!HAS_REAL_DATA)('HAM10000 as downloaded (metadata + image part folders)', () => {
  let dataset: Dataset;
  let report: InspectReport;
  let meta: Awaited<ReturnType<typeof metadata>>;
  beforeAll(async () => {
    meta = await metadata();
    ({ dataset, report } = await importDataset(nodeDirSource(HAM_DIR), { size: 32, channels: 3 }));
  });

  it('joins every image to its metadata row: class from dx, group from lesion_id', () => {
    expect(report.format).toBe('ham10000');
    expect(dataset.count).toBe(14);
    expect(dataset.count).toBe(meta.rows.size);
    for (let i = 0; i < dataset.count; i++) {
      const imageId = dataset.ids[i].replace(/^.*\/(ISIC_\d+)\.jpg$/, '$1');
      const row = meta.rows.get(imageId);
      expect(row, dataset.ids[i]).toBeDefined();
      expect(dataset.classes[dataset.labels[i]]).toBe(row?.dx);
      expect(dataset.groups[i]).toBe(row?.lesion);
    }
    expect(dataset.ids.filter((id) => id.includes('HAM10000_images_part_2/')).length).toBe(3);
  });

  it('reports classes, lesions, sizes and modes, with nothing missing or skipped', () => {
    expect(report.classes).toEqual(HAM_CLASSES.map((name) => ({ name, count: 2 })));
    expect([report.groups, report.groupBy, report.missing, report.skipped.length, report.splits]).toEqual([14, 'lesion_id', 0, 0, null]);
    expect(report.sizes).toEqual([{ width: 600, height: 450, count: 14 }]);
    expect(report.modes).toEqual([{ mode: 'JPEG RGB', count: 14 }]);
    expect(report.notes.join(' ')).toMatch(/hmnist_8_8_L.csv/);
  });

  it('makes a skin-lesions dataset of 32x32 RGB uint8 images that are not blank', () => {
    expect([dataset.taskId, dataset.kind, dataset.width, dataset.height, dataset.channels, dataset.source]).toEqual(['skin-lesions', 'classification', 32, 32, 3, 'ham10000']);
    expect(dataset.images.length).toBe(14 * 32 * 32 * 3);
    expect(dataset.credit).toMatch(/Tschandl.*CC BY-NC-SA 4.0/);
    expect(dataset.providedSplit).toBeUndefined();
    for (let i = 0; i < dataset.count; i++) {
      const img = dataset.images.subarray(i * 3072, (i + 1) * 3072);
      const mean = img.reduce((s, v) => s + v, 0) / img.length;
      expect(mean).toBeGreaterThan(40); // dermatoscopy photos are mostly skin tones
      expect(Math.max(...img) - Math.min(...img)).toBeGreaterThan(50); // a lesion on skin, not a flat field
    }
  });
});

describe.skipIf(!HAS_REAL_DATA)('HAM10000 in other layouts (real files, rearranged in memory)', () => {
  const ids = ['ISIC_0026468', 'ISIC_0027825', 'ISIC_0024412', 'ISIC_0030021']; // akiec, bcc, bkl, df
  const partOf = (id: string) => (id === 'ISIC_0030021' ? 'HAM10000_images_part_2' : 'HAM10000_images_part_1');
  const real = (id: string, as: string) => realFile(`ham10000/${partOf(id)}/${id}.jpg`, as);

  it('reads a flat image folder, counts rows without an image as missing and skips images without a row', async () => {
    const { header, rows } = await metadata();
    const csv = [header, ...ids.slice(0, 3).map((id) => rows.get(id)?.line), 'HAM_9999999,ISIC_9999999,nv,histo,,male,back', 'HAM_9999998,ISIC_9999998,mel,histo,40.0,female,'].join('\r\n');
    const source = fileListSource([textFile('HAM10000_metadata.csv', csv), ...ids.map((id) => real(id, `all_images/${id}.jpg`))]);
    const plan = await planSource(source);
    expect(plan.items.map((i) => [i.id, plan.classes[i.label]])).toEqual([
      ['all_images/ISIC_0024412.jpg', 'bkl'],
      ['all_images/ISIC_0026468.jpg', 'akiec'],
      ['all_images/ISIC_0027825.jpg', 'bcc'],
    ]);
    expect(plan.missingIds).toEqual(['ISIC_9999999', 'ISIC_9999998']);
    expect(plan.skipped).toEqual([{ file: 'all_images/ISIC_0030021.jpg', reason: 'no row for image_id ISIC_0030021 in HAM10000_metadata.csv' }]);
  });

  it('reads class folders without metadata, each image its own group', async () => {
    const source = fileListSource([real('ISIC_0026468', 'skin/akiec/ISIC_0026468.jpg'), real('ISIC_0027825', 'skin/bcc/ISIC_0027825.jpg'), real('ISIC_0024412', 'skin/notes/ISIC_0024412.jpg')]);
    const plan = await planSource(source);
    expect([plan.format, plan.groupBy, plan.root]).toEqual(['ham10000', 'image', 'skin']);
    expect(plan.items.map((i) => [plan.classes[i.label], i.group])).toEqual([
      ['akiec', 'ISIC_0026468'],
      ['bcc', 'ISIC_0027825'],
    ]);
    expect(plan.skipped).toEqual([{ file: 'skin/notes/ISIC_0024412.jpg', reason: 'no HAM10000_metadata.csv and the folder "notes" is not a class name' }]);
    expect(plan.notes.join(' ')).toMatch(/each image is its own group/);
  });

  it('ignores the second copy of each image (the Kaggle download ships the part folders twice)', async () => {
    const { header, rows } = await metadata();
    const csv = [header, rows.get('ISIC_0026468')?.line].join('\n');
    const source = fileListSource([
      textFile('HAM10000_metadata.csv', csv),
      real('ISIC_0026468', 'HAM10000_images_part_1/ISIC_0026468.jpg'),
      real('ISIC_0026468', 'ham10000_images_part_1/ISIC_0026468.jpg'),
    ]);
    const plan = await planSource(source);
    expect([plan.items.length, plan.duplicates, plan.skipped.length]).toEqual([1, 1, 0]);
    expect(plan.items[0].id).toBe('HAM10000_images_part_1/ISIC_0026468.jpg');
  });
});

describe('HAM10000 metadata problems (synthetic)', () => {
  it('skips rows with an unknown dx, an empty image_id or a repeated image_id, with the line number', async () => {
    const csv = 'lesion_id,image_id,dx\nHAM_1,ISIC_1,nv\nHAM_2,ISIC_2,melanoma\nHAM_3,,nv\nHAM_4,ISIC_1,mel\n';
    const plan = await planSource(fileListSource([textFile('HAM10000_metadata.csv', csv)]));
    expect(plan.skipped).toEqual([
      { file: 'HAM10000_metadata.csv line 3', reason: 'unknown dx "melanoma" (expected one of akiec, bcc, bkl, df, mel, nv, vasc)' },
      { file: 'HAM10000_metadata.csv line 4', reason: 'row has an empty image_id' },
      { file: 'HAM10000_metadata.csv line 5', reason: 'image_id ISIC_1 appears twice; the first row is used' },
    ]);
    expect(plan.missingIds).toEqual(['ISIC_1']);
  });
  it('refuses metadata without the columns it needs', async () => {
    await expect(planSource(fileListSource([textFile('HAM10000_metadata.csv', 'image,diagnosis\nISIC_1,nv\n')]))).rejects.toThrow(/has no "image_id" column/);
  });
});
