import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { jpegHeaderBomb, selfLoopTiff } from '../unit/engine/datasets/import/hostile';
import { expectRunDone, setNumber } from './quickRun';

/**
 * The data side of the training journey: the task picker (sample images and class counts of the three
 * tasks) and "use my own data" with the real Brain Tumor MRI sample folder (../shared/realdata, outside the
 * repository; the import test is skipped, saying so, when it is absent).
 */

const SHOTS = 'test-results/training';
const REAL_DATA = process.env.CONVAS_REALDATA || join(process.cwd(), '..', 'shared', 'realdata');
const BRAIN = join(REAL_DATA, 'brain_mri_cls');

test('the task picker shows the three tasks with sample images and class counts, and switches the task', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('data-button').click();
  const picker = page.getByTestId('task-picker');
  await expect(picker).toBeVisible();
  for (const id of ['skin-lesions', 'brain-mri-classify', 'brain-mri-segment']) {
    await expect(picker.getByTestId(`task-card-${id}`).locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  }
  // One generated example per class; the real dataset's counts beside them.
  await expect(picker.getByTestId('task-card-skin-lesions').locator('canvas')).toHaveCount(7);
  await expect(picker.getByTestId('task-card-skin-lesions')).toContainText('6,705');
  await page.screenshot({ path: `${SHOTS}/task-picker.png` });
  await picker.getByTestId('task-use-brain-mri-classify').click();
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-classify');
});

test('importing the Brain Tumor MRI sample folder trains on it', async ({ page }) => {
  test.skip(!existsSync(BRAIN), `real-data e2e SKIPPED: ${BRAIN} is absent`);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('data-button').click();
  await page.getByTestId('task-import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-folder-input').setInputFiles(BRAIN);
  await expect(dialog.getByTestId('import-status')).toContainText('Brain Tumor MRI', { timeout: 30_000 });
  await expect(dialog.getByTestId('import-status')).toContainText('Provided split');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-done')).toContainText('images imported', { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/import.png` });
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-classify');

  await page.getByTestId('training-tab-settings').click();
  await expect(page.getByTestId('imported-note')).toBeVisible();
  await page.getByTestId('setting-backend').selectOption('wasm');
  await setNumber(page, 'epochs', 1);
  await page.getByTestId('train-button').click();
  await expectRunDone(page, 60_000);
  // The provided Testing/ folder is the test split, evaluated at the end: a 4x4 matrix of its images.
  await page.getByTestId('training-tab-test').click();
  const matrix = page.getByTestId('test-confusion-matrix');
  await expect(matrix.getByTestId('cm-cell')).toHaveCount(16);
  const counts = await matrix.getByTestId('cm-cell').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const split = page.getByTestId('split-sizes');
  expect(counts.reduce((a, b) => a + b, 0)).toBe(Number((await split.innerText()).match(/(\d+) test/)?.[1]));
});

test('a hostile folder is read in a worker: bad files are skipped with a reason, the page stays responsive, and Cancel stops an import', async ({ page }) => {
  // Generated here, never committed: 1,600 plain 96x96 PNGs in the Brain Tumor MRI layout, plus an image
  // directory that loops (it froze the tab) and a JPEG header claiming 7000x7000.
  const dir = mkdtempSync(join(tmpdir(), 'convas-hostile-'));
  const png = PNG.sync.write(Object.assign(new PNG({ width: 96, height: 96 }), { data: Buffer.alloc(96 * 96 * 4, 90) }));
  for (const [k, c] of ['glioma', 'meningioma', 'notumor', 'pituitary'].entries()) {
    mkdirSync(join(dir, 'Training', c), { recursive: true });
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, 'Training', c, `${k}_${i}.png`), png);
  }
  writeFileSync(join(dir, 'Training', 'glioma', '0_loop.tif'), selfLoopTiff());
  writeFileSync(join(dir, 'Training', 'glioma', '0_huge.jpg'), jpegHeaderBomb());
  try {
    await page.goto('/');
    await page.getByTestId('data-button').click();
    await page.getByTestId('task-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-folder-input').setInputFiles(dir);
    await expect(dialog.getByTestId('import-status')).toContainText('2 files skipped', { timeout: 60_000 });
    await expect(dialog.getByTestId('import-status')).toContainText(/claims 7000x7000|form a loop/);
    await dialog.getByTestId('import-confirm').click();
    await expect(dialog.getByTestId('import-status')).toContainText('Reading', { timeout: 15_000 });
    // The main thread answers at once while the worker decodes.
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1000);
    await dialog.getByTestId('import-cancel').click();
    await expect(dialog.getByTestId('import-cancelled')).toBeVisible();
    await expect(page.getByTestId('imported-note')).toHaveCount(0);
    await dialog.getByTestId('import-close').click();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
