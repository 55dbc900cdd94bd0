import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAM_CLASSES } from '../../../../../../engine/datasets/import/formats/ham10000';
import { HMNIST_LABELS, hmnistShape } from '../../../../../../engine/datasets/import/formats/hmnist';
import { importDataset } from '../../../../../../engine/datasets/import/importDataset';
import { inspectSource } from '../../../../../../engine/datasets/import/inspect';
import { nodeDirSource } from '../../../../../../engine/datasets/import/nodeSource';
import { fileListSource } from '../../../../../../engine/datasets/import/source';
import { HAM_DIR, HAS_REAL_DATA, textFile } from '../realdata';

/** HAM10000 metadata dx counts over all 10015 images (Tschandl et al. 2018; README of ../shared/realdata). */
const HAM_COUNTS: Record<string, number> = { akiec: 327, bcc: 514, bkl: 1099, df: 115, mel: 1113, nv: 6705, vasc: 142 };

describe.skipIf(!HAS_REAL_DATA)('the hmnist label mapping, checked on the full hmnist_8_8_L.csv', () => {
  it('maps labels 0..6 to the dx whose metadata count matches, and no other mapping fits', async () => {
    // Count labels with a plain split, independently of the importer's parser.
    const text = await readFile(join(HAM_DIR, 'hmnist_8_8_L.csv'), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const counts = new Array(7).fill(0);
    for (const line of lines.slice(1)) counts[Number(line.trim().split(',').at(-1))]++;
    expect(lines.length - 1).toBe(10015);
    expect(counts).toEqual([327, 514, 1099, 115, 6705, 142, 1113]);
    // All seven counts differ, so matching counts to dx names admits exactly one mapping: HMNIST_LABELS.
    expect(new Set(Object.values(HAM_COUNTS)).size).toBe(7);
    counts.forEach((n, label) => expect(HAM_COUNTS[HMNIST_LABELS[label]]).toBe(n));
    expect([...HMNIST_LABELS].sort()).toEqual([...HAM_CLASSES]);
  });

  it('agrees image by image: each sample JPEG, shrunk to 8x8 gray, finds its hmnist row, whose label maps to its dx', async () => {
    // A second, independent check of the mapping (and of the resize and luminance matching hmnist's own):
    // an unknown task id lifts the skin-lesions size floor so the JPEGs can be brought to 8x8.
    const { dataset } = await importDataset(nodeDirSource(HAM_DIR), { taskId: 'hmnist-check', size: 8, channels: 1 });
    const text = await readFile(join(HAM_DIR, 'hmnist_8_8_L.csv'), 'utf8');
    const rows = text.trim().split('\n').slice(1).map((l) => l.trim().split(',').map(Number));
    const pixels = Uint8Array.from(rows.flatMap((r) => r.slice(0, 64)));
    expect(dataset.count).toBe(14);
    for (let i = 0; i < dataset.count; i++) {
      const img = dataset.images.subarray(i * 64, (i + 1) * 64);
      const distances: { d: number; row: number }[] = [];
      for (let row = 0; row < rows.length; row++) {
        let sum = 0;
        for (let k = 0; k < 64; k++) sum += (img[k] - pixels[row * 64 + k]) ** 2;
        distances.push({ d: Math.sqrt(sum / 64), row });
      }
      distances.sort((a, b) => a.d - b.d);
      const [best, next] = distances;
      // Measured: best within 1.0..3.5 grey levels (rms), next-best at least 6.2.
      expect(best.d, dataset.ids[i]).toBeLessThan(4.5);
      expect(next.d, dataset.ids[i]).toBeGreaterThan(5);
      expect(HMNIST_LABELS[rows[best.row][64]], dataset.ids[i]).toBe(dataset.classes[dataset.labels[i]]);
    }
  });

  it('imports the file with the task class order and the metadata counts', async () => {
    const { dataset, report } = await importDataset(nodeDirSource(HAM_DIR), { format: 'hmnist-csv', size: 28, channels: 1 });
    expect(report.format).toBe('hmnist-csv');
    expect(report.images).toBe(10015);
    expect(report.classes).toEqual(HAM_CLASSES.map((name) => ({ name, count: HAM_COUNTS[name] })));
    expect(report.skipped).toEqual([]);
    expect(report.sizes).toEqual([{ width: 8, height: 8, count: 10015 }]);
    expect(report.modes).toEqual([{ mode: 'CSV gray', count: 10015 }]);
    expect([dataset.taskId, dataset.classes, dataset.count, dataset.height, dataset.channels]).toEqual(['skin-lesions', [...HAM_CLASSES], 10015, 28, 1]);
    expect(dataset.images.length).toBe(10015 * 28 * 28);
    expect(dataset.ids[0]).toBe('hmnist_8_8_L.csv#1');
  });
});

describe('hmnist CSV parsing', () => {
  // 2x2 RGB: 12 pixel columns, interleaved per pixel (R G B of pixel 0 first)
  const header = Array.from({ length: 12 }, (_, i) => `pixel${String(i).padStart(4, '0')}`).join(',') + ',label';
  const row = (label: number | string, base = 0) => Array.from({ length: 12 }, (_, i) => base + i).join(',') + `,${label}`;

  it('reads shape from the name, pixels in column order and labels through the mapping; bad rows are skipped with reasons', async () => {
    const csv = [
      header,
      row(4), // nv
      row(6, 100), // mel
      '',
      row(7), // label out of range
      row(0).replace(/^0,1/, '0,256'), // pixel out of range
      row(1).replace(/,1$/, ','), // empty label
      row(2).split(',').slice(1).join(','), // one value short
      row(3).replace(/^0/, 'x'), // not a number
    ].join('\r\n') + '\r\n';
    const source = fileListSource([textFile('hmnist_2_2_RGB.csv', csv)]);
    const { dataset, report } = await importDataset(source, { size: 2, channels: 3, taskId: 'imported-skin' });
    expect(report.images).toBe(2);
    expect(report.skipped).toEqual([
      { file: 'hmnist_2_2_RGB.csv row 4', reason: 'label 7 is outside 0..6' },
      { file: 'hmnist_2_2_RGB.csv row 5', reason: 'pixel value 256 in column 2 is outside 0..255' },
      { file: 'hmnist_2_2_RGB.csv row 6', reason: 'column 13 is empty or not a number' },
      { file: 'hmnist_2_2_RGB.csv row 7', reason: 'row has 12 values, expected 13' },
      { file: 'hmnist_2_2_RGB.csv row 8', reason: 'column 1 holds "x", not a whole number' },
    ]);
    // An unknown task id keeps the format's own classes (HAM order): nv = 5, mel = 4.
    expect([...dataset.labels]).toEqual([5, 4]);
    expect([...dataset.images]).toEqual([...Array.from({ length: 12 }, (_, i) => i), ...Array.from({ length: 12 }, (_, i) => 100 + i)]);
    expect(dataset.groups).toEqual(['hmnist_2_2_RGB.csv#1', 'hmnist_2_2_RGB.csv#2']);
  });

  it('refuses a file whose columns do not match its name', async () => {
    const source = fileListSource([textFile('hmnist_3_3_L.csv', `${header}\n${row(0)}\n`)]);
    await expect(inspectSource(source)).rejects.toThrow(/has 12 pixel columns \(13 in all\); its name promises 3x3x1 = 9 plus a label/);
  });

  it.each([
    ['hmnist_28_28_RGB.csv', { height: 28, width: 28, channels: 3 }],
    ['dir/hmnist_8_8_L.csv', { height: 8, width: 8, channels: 1 }],
    ['hmnist_8_8.csv', undefined],
  ])('hmnistShape(%j)', (path, shape) => expect(hmnistShape(path)).toEqual(shape));
});
