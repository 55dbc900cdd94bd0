import { expect, test, type Page } from '@playwright/test';
import { expectRunDone, openFresh, setNumber, setQuickRun } from './quickRun';

/**
 * Data-parallel training in real Chromium: the training worker starts nested replica workers (SharedArrayBuffer
 * on the cross-origin-isolated page), the progress bar says how many share each batch, and the Workers
 * preference (Settings) changes it for the next run and survives a reload.
 */

const SHOTS = 'test-results/workers';

const open = openFresh;

/**
 * Several epochs, so the progress bar can be seen mid-epoch: an epoch of the 300 images takes well under a
 * second on wasm.
 */
async function configure(page: Page, workers: string, epochs: number) {
  await setQuickRun(page, { epochs });
  await page.getByTestId('setting-workers').selectOption(workers);
}

const status = (page: Page) => page.getByTestId('training-progress').getAttribute('data-status');

test.describe.configure({ mode: 'serial' });

test('two workers share each batch: the progress bar says so and the run ends with its confusion matrix', async ({ page }) => {
  await open(page);
  await page.getByTestId('training-tab-settings').click();
  await configure(page, '2', 5);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-workers')).toHaveText('× 2 workers', { timeout: 60_000 });
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/two-workers.png` });
  await expect.poll(() => status(page), { timeout: 120_000 }).toBe('done');
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  await page.getByTestId('training-tab-matrix').click();
  const counts = await page.getByTestId('cm-cell').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const validation = Number(await page.getByTestId('split-sizes').getAttribute('data-validation'));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(validation);
});

test('on Auto, the First CNN trains on one worker of two cores, and the setting and progress bar say why', async ({ page }) => {
  await open(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  test.skip(cores < 2, 'one core: Auto has nothing to hold back');
  await setQuickRun(page, { epochs: 30 });
  // 2.2 M multiply-adds an image x a batch of 16: one shard's worth (engine/parallel/workerCount.ts).
  await expect(page.getByTestId('setting-workers').locator('option').first()).toHaveText(`Auto (1 of ${cores} cores for this graph)`);
  await expect(page.getByTestId('setting-workers-row')).toHaveAttribute('title', /^Auto trains this graph on 1 worker of the \d+ the cores allow: a batch of 16 is 36 M multiply-adds/);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  await expect(page.getByTestId('progress-one-worker')).toHaveText('1 worker');
  await expect(page.getByTestId('progress-one-worker')).toHaveAttribute('title', /^Auto trains this graph on 1 worker/);
  await expect(page.getByTestId('progress-workers')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/auto-one-worker.png` });
  await page.getByTestId('stop-button').click();
  await expect.poll(() => status(page), { timeout: 60_000 }).toBe('done');
  // A batch of 32 has work for two shards of 36 M: Auto takes 2 workers, all the cores allow on 2 or 3 cores
  // (from 3 up it keeps one for the page), and from 4 cores up still fewer than they allow, "for this graph".
  await page.getByTestId('training-tab-settings').click();
  await setNumber(page, 'batchSize', 32);
  await expect(page.getByTestId('setting-workers').locator('option').first()).toHaveText(cores <= 3 ? `Auto (2 of ${cores} cores)` : `Auto (2 of ${cores} cores for this graph)`);
});

test('the Workers preference set to 1 trains on one worker, and is kept across a reload', async ({ page }) => {
  await open(page);
  await configure(page, '1', 30);
  await page.getByTestId('train-button').click();
  // Any batch of the run (a quick one-worker epoch can show only its last batch between two repaints).
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  await expect(page.getByTestId('progress-workers')).toHaveCount(0);
  await page.getByTestId('stop-button').click();
  await expect.poll(() => status(page), { timeout: 60_000 }).toBe('done');
  await page.reload();
  await page.getByTestId('training-tab-settings').click();
  await expect(page.getByTestId('setting-workers')).toHaveValue('1');
  await page.screenshot({ path: `${SHOTS}/settings.png` });
});

test('the same seed on one worker repeats a run: the same validation figures, run after run', async ({ page }) => {
  await open(page);
  await configure(page, '1', 3);
  const figures = async () => {
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('training-progress')).not.toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expectRunDone(page, 120_000);
    return page.getByTestId('headline').innerText();
  };
  const first = await figures();
  expect(first).toMatch(/BALANCED ACCURACY\s+\d+\.\d%/i);
  expect(await figures()).toBe(first);
  // A new seed, a new run (so the equality above is not two reads of one result).
  await page.getByTestId('training-tab-settings').click();
  await page.getByTestId('setting-seed').fill('43');
  await page.getByTestId('setting-seed').press('Enter');
  expect(await figures()).not.toBe(first);
});
