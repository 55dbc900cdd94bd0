import { describe, expect, it } from 'vitest';
import { importTarget, reportLines } from '@/components/training/importView';
import { classCounts, taskThumbnails } from '@/components/training/taskSamples';
import type { InspectReport } from '@/engine/datasets/import';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { buildUnet } from '@/graph/templates/unet';

const report: InspectReport = {
  format: 'brain-tumor-mri', title: 'Brain Tumor MRI (Training/Testing class folders)', source: 'brain_mri_cls', root: '', kind: 'classification',
  images: 10, classes: [{ name: 'glioma', count: 3 }, { name: 'notumor', count: 7 }], masks: null, emptyMasks: null, groups: 10, groupBy: 'image',
  splits: { train: { images: 6, classes: [] }, test: { images: 4, classes: [] } },
  skipped: [{ file: 'Training/glioma/x.jpg', reason: 'JPEG does not decode' }], missing: 0, missingIds: [], duplicates: 0,
  sizes: [{ width: 512, height: 512, count: 8 }, { width: 256, height: 256, count: 2 }], modes: [], notes: ['A note.'], decoded: false,
};

describe('import dialog words', () => {
  it('summarises what was found', () => {
    expect(reportLines(report)).toEqual([
      'Brain Tumor MRI (Training/Testing class folders): 10 images in 2 classes, 10 images as groups.',
      'Classes: glioma 3, notumor 7.',
      'Provided split: 6 training, 4 test images (kept as the test split).',
      'Sizes: 512x512 (8), 256x256 (2).',
      '1 file skipped, e.g. Training/glioma/x.jpg: JPEG does not decode',
      'A note.',
    ]);
  });

  it.each([
    // [graph, format, expected]: the graph's own Input when its task matches, else the task's default
    ['First CNN (skin, 64x64x3)', buildFirstCnn(), 'ham10000', { taskId: 'skin-lesions', size: 64, channels: 3 }],
    ['First CNN, other task', buildFirstCnn(), 'brain-tumor-mri', { taskId: 'brain-mri-classify', size: 64, channels: 1 }],
    ['U-Net (64x64x1)', buildUnet(), 'lgg-kaggle3m', { taskId: 'brain-mri-segment', size: 64, channels: 1 }],
  ] as const)('%s, %s', (_, doc, format, expected) => {
    expect(importTarget({ format }, doc)).toEqual(expected);
  });

  it('uses a resized Input of the same task', () => {
    const doc = buildFirstCnn();
    const small = { ...doc, nodes: doc.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, height: 32, width: 32 } } : n)) };
    expect(importTarget({ format: 'ham10000' }, small)).toEqual({ taskId: 'skin-lesions', size: 32, channels: 3 });
  });
});

describe('task picker data', () => {
  it('lists the real class counts and shares (HAM10000: nv 6705 of 10015)', () => {
    const nv = classCounts('skin-lesions').find((c) => c.name === 'nv');
    expect(nv?.count).toBe(6705);
    expect(nv?.share).toBeCloseTo(6705 / 10015, 10);
    expect(classCounts('unknown')).toEqual([]);
  });

  it('generates one small thumbnail per class', () => {
    const thumbs = taskThumbnails('brain-mri-segment', 1, 40);
    expect(thumbs.map((t) => t.classIndex)).toEqual([0, 1, 2, 3]);
    expect(thumbs[0]).toMatchObject({ width: 32, height: 32, channels: 1 });
    expect(thumbs[0].image).toHaveLength(32 * 32);
    expect(thumbs[1].mask?.some((v) => v > 0)).toBe(true); // a glioma slice has tumour pixels
  });
});
