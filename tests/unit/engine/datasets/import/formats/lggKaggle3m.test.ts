import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../../../engine/datasets/types';
import { decodeImage } from '../../../../../../engine/datasets/import/decode/decode';
import { importDataset } from '../../../../../../engine/datasets/import/importDataset';
import { nodeDirSource } from '../../../../../../engine/datasets/import/nodeSource';
import type { InspectReport } from '../../../../../../engine/datasets/import/report';
import { fileListSource } from '../../../../../../engine/datasets/import/source';
import { HAS_REAL_DATA, LGG_DIR, realBytes, realFile } from '../realdata';

const PATIENT = 'TCGA_CS_4941_19960909';
const rel = (name: string) => `brain_mri_seg/kaggle_3m/${PATIENT}/${name}`;

describe.skipIf(!HAS_REAL_DATA)('LGG kaggle_3m as downloaded', () => {
  let dataset: Dataset;
  let report: InspectReport;
  beforeAll(async () => {
    // 256 = the files' own size, so pixels and masks can be compared exactly with the decoded files.
    ({ dataset, report } = await importDataset(nodeDirSource(LGG_DIR), { size: 256, channels: 1 }));
  });

  it('pairs each slice with its mask, grouped by patient, in slice order', () => {
    expect([report.format, report.kind, report.images, report.masks, report.groups, report.groupBy]).toEqual(['lgg-kaggle3m', 'segmentation', 3, 3, 1, 'patient folder']);
    expect(dataset.ids).toEqual([1, 12, 14].map((n) => `kaggle_3m/${PATIENT}/${PATIENT}_${n}.tif`));
    expect(dataset.groups).toEqual([PATIENT, PATIENT, PATIENT]);
    expect(report.skipped).toEqual([]);
    expect(report.modes).toEqual([{ mode: 'TIFF RGB', count: 3 }]);
  });

  it('maps masks 0/255 -> 0/1 exactly and labels slices by whether the mask is empty', async () => {
    expect([dataset.taskId, dataset.classes]).toEqual(['brain-mri-segment', ['background', 'glioma', 'meningioma', 'pituitary']]);
    const masks = dataset.masks ?? new Uint8Array(0);
    expect(masks.length).toBe(3 * 256 * 256);
    const labels: number[] = [];
    for (const [k, n] of [1, 12, 14].entries()) {
      const file = decodeImage(await realBytes(rel(`${PATIENT}_${n}_mask.tif`)));
      const mine = masks.subarray(k * 65536, (k + 1) * 65536);
      let foreground = 0;
      for (let i = 0; i < 65536; i++) {
        if (mine[i] !== file.data[i] / 255) throw new Error(`slice ${n} pixel ${i}: ${mine[i]} vs ${file.data[i]}`);
        foreground += mine[i];
      }
      labels.push(foreground > 0 ? 1 : 0);
    }
    expect(labels).toEqual([0, 1, 1]); // slice 1 lies above the tumour
    expect([...dataset.labels]).toEqual(labels);
    expect(report.classes).toEqual([{ name: 'background', count: 1 }, { name: 'glioma', count: 2 }]);
    expect(report.emptyMasks).toBe(1);
  });

  it('takes the FLAIR channel (index 1) for a 1-channel input, and says so', async () => {
    const file = decodeImage(await realBytes(rel(`${PATIENT}_12.tif`)));
    const mine = dataset.images.subarray(65536, 2 * 65536);
    for (let i = 0; i < 65536; i++) if (mine[i] !== file.data[i * 3 + 1]) throw new Error(`pixel ${i}: ${mine[i]} vs FLAIR ${file.data[i * 3 + 1]}`);
    // The three sequences differ, so this is a real choice of channel.
    let differ = 0;
    for (let i = 0; i < 65536; i++) if (file.data[i * 3] !== file.data[i * 3 + 1]) differ++;
    expect(differ).toBeGreaterThan(1000);
    expect(report.notes.join(' ')).toMatch(/channel 1 \(FLAIR\) of each image was used/);
  });

  it('shrinks masks by area: the tumour keeps about its share of pixels at 64x64', async () => {
    const { dataset: small } = await importDataset(nodeDirSource(LGG_DIR), { size: 64, channels: 3 });
    const masks = small.masks ?? new Uint8Array(0);
    expect(new Set(masks)).toEqual(new Set([0, 1]));
    const full = (dataset.masks ?? new Uint8Array(0)).subarray(65536, 2 * 65536).reduce((s, v) => s + v, 0);
    const shrunk = masks.subarray(4096, 2 * 4096).reduce((s, v) => s + v, 0);
    expect(Math.abs(shrunk * 16 - full) / full).toBeLessThan(0.15);
    expect(small.channels).toBe(3);
  });
});

describe.skipIf(!HAS_REAL_DATA)('LGG pairing problems', () => {
  it('reports an image without a mask and a mask without an image, and imports the pair', async () => {
    const source = fileListSource([
      realFile(rel(`${PATIENT}_1.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_1.tif`),
      realFile(rel(`${PATIENT}_1_mask.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_1_mask.tif`),
      realFile(rel(`${PATIENT}_12.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_12.tif`),
      realFile(rel(`${PATIENT}_14_mask.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_14_mask.tif`),
      realFile(rel(`${PATIENT}_12.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_2_mask.tif`), // a 3-channel "mask" of the wrong kind is still paired
      realFile(rel(`${PATIENT}_1.tif`), `kaggle_3m/${PATIENT}/${PATIENT}_2.tif`),
    ]);
    const { dataset, report } = await importDataset(source, { size: 32 });
    expect(dataset.ids).toEqual([`kaggle_3m/${PATIENT}/${PATIENT}_1.tif`, `kaggle_3m/${PATIENT}/${PATIENT}_2.tif`]);
    expect(report.skipped).toEqual([
      { file: `kaggle_3m/${PATIENT}/${PATIENT}_12.tif`, reason: `no mask (expected ${PATIENT}_12_mask.tif beside it)` },
      { file: `kaggle_3m/${PATIENT}/${PATIENT}_14_mask.tif`, reason: 'mask without an image (no matching .tif without _mask)' },
    ]);
  });

  it('refuses a classification task for segmentation data', async () => {
    await expect(importDataset(nodeDirSource(LGG_DIR), { taskId: 'skin-lesions' })).rejects.toThrow(/lgg-kaggle3m is segmentation data; task skin-lesions is classification/);
  });
});
