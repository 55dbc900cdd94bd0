import { describe, expect, it } from 'vitest';
import { ImportError, chooseLayout } from '../../../../../../engine/datasets/import/formats/detect';
import type { SourceEntry } from '../../../../../../engine/datasets/import/source';

const files = (...paths: string[]): SourceEntry[] => paths.map((path) => ({ path, size: 1 }));

describe('chooseLayout recognises each layout by its marks', () => {
  // listing -> format, root and marking file
  it.each([
    ['HAM10000 as downloaded', files('HAM10000_metadata.csv', 'HAM10000_images_part_1/ISIC_0024306.jpg', 'HAM10000_images_part_2/ISIC_0029306.jpg'), 'ham10000', '', 'HAM10000_metadata.csv'],
    ['HAM10000 inside an archive folder', files('archive/HAM10000_metadata.csv', 'archive/images/ISIC_1.jpg'), 'ham10000', 'archive', 'archive/HAM10000_metadata.csv'],
    ['HAM10000 class folders without metadata', files('skin/nv/ISIC_1.jpg', 'skin/mel/ISIC_2.jpg'), 'ham10000', 'skin', undefined],
    ['an hmnist CSV alone', files('hmnist_28_28_RGB.csv'), 'hmnist-csv', '', 'hmnist_28_28_RGB.csv'],
    ['Brain Tumor MRI', files('Training/glioma/Tr-gl_0010.jpg', 'Testing/notumor/Te-no_0010.jpg'), 'brain-tumor-mri', '', undefined],
    ['Brain Tumor MRI, Testing only, older folder names', files('mri/Testing/no_tumor/1.jpg'), 'brain-tumor-mri', 'mri', undefined],
    ['LGG kaggle_3m', files('kaggle_3m/P1/P1_1.tif', 'kaggle_3m/P1/P1_1_mask.tif', 'kaggle_3m/data.csv'), 'lgg-kaggle3m', 'kaggle_3m', undefined],
    ['LGG, one patient folder picked', files('P1/P1_1.tif', 'P1/P1_1_mask.tif'), 'lgg-kaggle3m', '', undefined],
  ])('%s', (_name, entries, format, root, file) => {
    const c = chooseLayout(entries, 'test');
    expect([c.format, c.root, c.file]).toEqual([format, root, file]);
  });

  it('prefers the HAM10000 metadata layout over the hmnist CSVs shipped beside it, and says so', () => {
    const c = chooseLayout(files('HAM10000_metadata.csv', 'HAM10000_images_part_1/ISIC_1.jpg', 'hmnist_8_8_L.csv'), 'test');
    expect(c.format).toBe('ham10000');
    expect(c.notes.join(' ')).toMatch(/Also found hmnist_8_8_L.csv; read it with format hmnist-csv/);
    expect(chooseLayout(files('HAM10000_metadata.csv', 'hmnist_8_8_L.csv'), 'test', { format: 'hmnist-csv' }).file).toBe('hmnist_8_8_L.csv');
  });

  it('reads the shallowest of two copies (the Kaggle LGG download ships kaggle_3m twice) and notes the other', () => {
    const c = chooseLayout(files('lgg-mri-segmentation/kaggle_3m/P/P_1_mask.tif', 'kaggle_3m/P/P_1_mask.tif'), 'test');
    expect(c.root).toBe('kaggle_3m');
    expect(c.notes[0]).toMatch(/Also found lgg-kaggle3m at lgg-mri-segmentation\/kaggle_3m \(a second copy\?\)/);
  });

  it('picks among hmnist variants by the wanted size and channels', () => {
    const all = files('hmnist_8_8_L.csv', 'hmnist_8_8_RGB.csv', 'hmnist_28_28_L.csv', 'hmnist_28_28_RGB.csv');
    const pick = (want: { size?: number; channels?: 1 | 3 }) => chooseLayout(all, 't', { want }).file;
    expect(pick({})).toBe('hmnist_28_28_L.csv'); // the largest; L sorts first
    expect(pick({ size: 28, channels: 3 })).toBe('hmnist_28_28_RGB.csv');
    expect(pick({ size: 8, channels: 1 })).toBe('hmnist_8_8_L.csv');
    expect(pick({ size: 64, channels: 3 })).toBe('hmnist_28_28_RGB.csv'); // nothing is big enough: the largest
  });
});

describe('chooseLayout refuses what it cannot decide', () => {
  it('lists everything it looked for when nothing matches', () => {
    const run = () => chooseLayout(files('photos/cat.jpg', 'notes.txt'), 'my-folder');
    expect(run).toThrow(ImportError);
    expect(run).toThrow(/No known dataset layout found in my-folder \(2 files\)/);
    for (const mark of ['HAM10000_metadata.csv', 'hmnist_<height>_<width>_<L|RGB>.csv', 'Training/ and/or Testing/', '_mask.tif']) expect(run).toThrow(mark);
  });
  it('names every dataset when several are present', () => {
    const run = () => chooseLayout(files('ham/HAM10000_metadata.csv', 'mri/Training/glioma/a.jpg'), 'data');
    expect(run).toThrow(/Several datasets found in data: .*ham10000 at ham\/HAM10000_metadata.csv.*brain-tumor-mri at mri.*--format/);
    expect(chooseLayout(files('ham/HAM10000_metadata.csv', 'mri/Training/glioma/a.jpg'), 'data', { format: 'brain-tumor-mri' }).root).toBe('mri');
  });
  it('says when a forced format is absent', () => {
    expect(() => chooseLayout(files('Training/glioma/a.jpg'), 'x', { format: 'lgg-kaggle3m' })).toThrow(/No lgg-kaggle3m layout found in x.*\n.*_mask.tif/);
  });
});
