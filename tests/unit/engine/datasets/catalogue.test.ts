import { describe, expect, it } from 'vitest';
import { TASKS } from '../../../../graph/tasks';
import { catalogueEntry, GENERATED_NOTICE, TASK_CATALOGUE } from '../../../../engine/datasets/catalogue';

describe('task catalogue', () => {
  it('has one entry per task of graph/tasks.ts, with the same classes, kind and sizes', () => {
    expect(Object.keys(TASK_CATALOGUE).sort()).toEqual(Object.keys(TASKS).sort());
    for (const task of Object.values(TASKS)) {
      const entry = TASK_CATALOGUE[task.id];
      expect(entry.classes.map((c) => c.name)).toEqual([...task.classes]);
      expect(entry.kind).toBe(task.kind);
      expect(entry.input).toEqual(task.input);
      expect(entry.sizeRange).toEqual(task.sizeRange);
      expect(entry.frequencies).toHaveLength(task.classes.length);
      for (const c of entry.classes) {
        expect(c.fullName.length).toBeGreaterThan(0);
        expect(c.description.length).toBeGreaterThan(10);
      }
    }
  });

  it('carries the real datasets\' class counts', () => {
    const skin = TASK_CATALOGUE['skin-lesions'];
    expect(skin.frequencies.reduce((a, b) => a + b, 0)).toBe(10015);
    expect(skin.frequencies[skin.classes.findIndex((c) => c.name === 'nv')]).toBe(6705);
    const mri = TASK_CATALOGUE['brain-mri-classify'];
    expect(mri.frequencies).toEqual([1621, 1645, 2000, 1757]);
    // Segmentation: background counts the tumour-free slices.
    expect(TASK_CATALOGUE['brain-mri-segment'].frequencies).toEqual([2000, 1621, 1645, 1757]);
  });

  it('names, cites and licenses the real datasets and says the images are generated', () => {
    const skin = TASK_CATALOGUE['skin-lesions'];
    expect(skin.credit).toMatch(/Tschandl/);
    expect(skin.credit).toMatch(/Sci Data 5, 180161/);
    expect(skin.credit).toMatch(/CC BY-NC-SA 4\.0/);
    expect(TASK_CATALOGUE['brain-mri-classify'].credit).toMatch(/Nickparvar/);
    expect(TASK_CATALOGUE['brain-mri-classify'].credit).toMatch(/CC0/);
    const seg = TASK_CATALOGUE['brain-mri-segment'];
    expect(seg.credit).toMatch(/Buda/);
    expect(seg.credit).toMatch(/TCGA-LGG/);
    expect(seg.realData.map((r) => r.name).join()).toMatch(/kaggle_3m/);
    for (const id of ['skin-lesions', 'brain-mri-classify', 'brain-mri-segment'] as const) {
      expect(TASK_CATALOGUE[id].notice).toBe(GENERATED_NOTICE);
      expect(TASK_CATALOGUE[id].howToLoad).toMatch(/data inspect/);
    }
    expect(GENERATED_NOTICE).toMatch(/not .*real patients/);
  });

  it('looks entries up by id and returns undefined for imports', () => {
    expect(catalogueEntry('skin-lesions')?.title).toBe(TASKS['skin-lesions'].title);
    expect(catalogueEntry('ham10000-import')).toBeUndefined();
  });
});
