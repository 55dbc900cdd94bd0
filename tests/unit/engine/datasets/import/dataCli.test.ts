/**
 * `convas data inspect` (scripts/cli/data.ts). Kept beside the importer tests it exercises; the module's
 * run() is called directly (fast), plus one real subprocess through scripts/convas.ts.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../../scripts/cli/data';
import { BRAIN_DIR, HAM_DIR, HAS_REAL_DATA, LGG_DIR, REAL_DATA, REPO_ROOT } from './realdata';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

const REQUIRED_KEYS = ['format', 'images', 'classes', 'masks', 'groups', 'splits', 'skipped', 'missing', 'sizes', 'modes'];

describe.skipIf(!HAS_REAL_DATA)('data inspect --json on the real samples', () => {
  it('LGG: segmentation with masks and one patient', async () => {
    const { code, out } = await cli('inspect', LGG_DIR, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    for (const key of REQUIRED_KEYS) expect(r).toHaveProperty(key);
    expect(r).toMatchObject({
      format: 'lgg-kaggle3m',
      images: 3,
      masks: 3,
      emptyMasks: 1,
      groups: 1,
      splits: null,
      skipped: [],
      missing: 0,
      classes: [{ name: 'background', count: 1 }, { name: 'glioma', count: 2 }],
      sizes: [{ width: 256, height: 256, count: 3 }],
      modes: [{ mode: 'TIFF RGB', count: 3 }],
    });
  });

  it('Brain Tumor MRI: counts per split', async () => {
    const r = JSON.parse((await cli('inspect', BRAIN_DIR, '--json')).out);
    expect([r.format, r.images, r.masks, r.splits.train.images, r.splits.test.images]).toEqual(['brain-tumor-mri', 10, null, 6, 4]);
    expect(r.classes.map((c: { count: number }) => c.count)).toEqual([3, 2, 2, 3]);
  });

  it('HAM10000 (quick: headers only): lesions and no missing rows', async () => {
    const r = JSON.parse((await cli('inspect', HAM_DIR, '--json', '--quick')).out);
    expect([r.format, r.images, r.groups, r.missing, r.decoded, r.masks]).toEqual(['ham10000', 14, 14, 0, false, null]);
  });

  it('prints a readable report with a class table per split', async () => {
    const { code, out } = await cli('inspect', BRAIN_DIR);
    expect(code).toBe(0);
    expect(out).toMatch(/^Format: {3}brain-tumor-mri - /m);
    expect(out).toMatch(/glioma +3 +2 +1/);
    expect(out).toMatch(/all +10 +6 +4/);
    expect(out).toMatch(/Modes: {4}JPEG RGB \(9\), JPEG gray \(1\)/);
    expect(out).toMatch(/Skipped: {2}0/);
  });

  it('names every dataset when pointed at the folder holding all of them', async () => {
    const { code, err } = await cli('inspect', REAL_DATA, '--json');
    expect(code).toBe(1);
    expect(err).toMatch(/Several datasets found/);
    const picked = JSON.parse((await cli('inspect', REAL_DATA, '--json', '--format', 'lgg-kaggle3m')).out);
    expect(picked.root).toBe('brain_mri_seg/kaggle_3m');
  });

  it('runs as `npx tsx scripts/convas.ts data inspect <path> --json` in a subprocess', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', join('scripts', 'convas.ts'), 'data', 'inspect', LGG_DIR, '--json'], { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ format: 'lgg-kaggle3m', images: 3, masks: 3 });
  });
});

describe('data inspect usage and errors', () => {
  it.each([
    [['inspect'], 2, /Usage: npm run convas -- data inspect/],
    [['frobnicate', 'x'], 2, /Usage/],
    [['inspect', '.', '--format', 'dicom'], 2, /--format must be one of ham10000, hmnist-csv, brain-tumor-mri, lgg-kaggle3m, not "dicom"/],
    [['inspect', '/no/such/folder'], 1, /ENOENT/],
  ])('%j -> exit %i', async (argv, code, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });

  it('prints usage on its own with exit code 0', async () => {
    const r = await cli();
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/--quick/)]);
  });

  it('explains an unknown layout by listing what it looked for', async () => {
    const r = await cli('inspect', join(REPO_ROOT, 'scripts'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No known dataset layout found in .*scripts.*Looked for:\n {2}- ham10000: .*\n {2}- hmnist-csv: .*\n {2}- brain-tumor-mri: .*\n {2}- lgg-kaggle3m: /);
  });
});
