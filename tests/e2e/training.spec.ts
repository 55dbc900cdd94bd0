import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openFresh, setNumber, setQuickRun } from './quickRun';

/**
 * The training journey in real Chromium on the wasm backend: small generated datasets (300 images) and one
 * to three epochs, so each run takes seconds. Screenshots of the panels go to test-results/training/.
 */

const SHOTS = 'test-results/training';

const open = openFresh;

/** Forces the wasm backend, a small dataset and `epochs` (after any template: templates bring their own settings). */
const configure = (page: Page, epochs: number) => setQuickRun(page, { epochs });

const status = (page: Page) => page.getByTestId('training-progress').getAttribute('data-status');

test.describe.configure({ mode: 'serial' });

test('skin lesions with First CNN: loss curve, 7x7 confusion matrix of the validation split, balanced accuracy and baseline', async ({ page }) => {
  await open(page);
  await configure(page, 1);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-backend')).toHaveText('wasm', { timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByTestId('loss-chart').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('loss-chart').locator('path.plot-line').first()).toBeVisible();
  // Hovering the plot lists the batch loss nearest the pointer, with its epoch.
  const plot = (await page.getByTestId('loss-plot').boundingBox())!;
  await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2);
  await expect(page.getByTestId('loss-plot-tooltip')).toContainText(/epoch \d\.\d\d/);
  await expect(page.getByTestId('loss-plot-tooltip')).toContainText(/batch loss: \d/);
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('loss-plot-tooltip')).toHaveCount(0);

  await expect(page.getByTestId('headline-balanced')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('training-tab-matrix').click();
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible();
  const cells = matrix.getByTestId('cm-cell');
  await expect(cells).toHaveCount(49);
  const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const validation = Number(await page.getByTestId('split-sizes').getAttribute('data-validation'));
  expect(validation).toBeGreaterThan(0);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(validation);
  await expect(matrix.getByTestId('cm-row-axis')).toHaveText('predicted');
  await expect(matrix.getByTestId('cm-col-axis')).toHaveText('true');

  await expect(page.getByTestId('headline-balanced')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('headline-baseline')).toHaveText(/^\d+\.\d%$/);
  // The dashed majority-baseline line on the accuracy chart.
  const baseline = page.getByTestId('accuracy-chart').locator('[data-reference] line').first();
  await expect(baseline).toHaveAttribute('stroke-dasharray', '5 4');
  await expect(page.getByTestId('accuracy-chart')).toContainText(/baseline \d+%/);
  // Hovering near an epoch lists that epoch's figures, finer than the axis.
  await page.getByTestId('accuracy-plot').scrollIntoViewIfNeeded();
  const accuracyPlot = (await page.getByTestId('accuracy-plot').boundingBox())!;
  await page.mouse.move(accuracyPlot.x + accuracyPlot.width * 0.97, accuracyPlot.y + accuracyPlot.height / 2);
  await expect(page.getByTestId('accuracy-plot-tooltip')).toContainText(/^epoch 1accuracy: \d+\.\d%balanced accuracy: \d+\.\d%$/);
  await page.mouse.move(0, 0);

  // Highlight a class: exactly one TP cell, six FP and six FN cells.
  await matrix.getByTestId('cm-class-col-5').click();
  await expect(matrix.locator('[data-role="tp"]')).toHaveCount(1);
  await expect(matrix.locator('[data-role="fp"]')).toHaveCount(6);
  await expect(matrix.locator('[data-role="fn"]')).toHaveCount(6);
  await expect(page.getByTestId('cm-class-summary')).toContainText('nv');
  await page.screenshot({ path: `${SHOTS}/matrix.png` });

  await page.getByTestId('training-tab-metrics').click();
  await expect(page.getByTestId('metrics-row')).toHaveCount(7);
  await expect(page.getByTestId('metrics-table')).not.toContainText('NaN');
  await page.getByTestId('metric-header-sensitivity').hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'Sensitivity = TP / (TP + FN)' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/metrics.png` });

  await expect.poll(() => status(page), { timeout: 60_000 }).toBe('done');
  await page.getByTestId('training-tab-test').click();
  await expect(page.getByTestId('test-results')).toBeVisible();
  await expect(page.getByTestId('test-intro')).toContainText('evaluated once');
  await page.getByTestId('training-tab-predictions').click();
  await expect(page.getByTestId('prediction').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/predictions.png` });

  // Export: metrics as CSV and JSON, the loss chart as PNG.
  const saved = async (testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
  };
  const csv = await saved('export-csv');
  expect(csv.name).toBe('run-1-first-cnn.csv');
  expect(csv.bytes.toString()).toMatch(/^# First CNN \(run 1, skin-lesions, completed\)\r\n# epochs\r\nepoch,train_loss/);
  expect(csv.bytes.toString()).toContain('# test (evaluated once, after training)');
  const json = JSON.parse((await saved('export-json')).bytes.toString());
  expect(json.validation.confusionRowsTrue).toHaveLength(7);
  const png = await saved('loss-chart-png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);

  // Settings (in the autosaved document) and the run history survive a reload.
  await page.reload();
  await page.getByTestId('training-tab-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row')).toContainText('completed');
  await expect(page.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
  await page.getByTestId('training-tab-matrix').click();
  await expect(page.getByTestId('confusion-matrix').getByTestId('cm-cell')).toHaveCount(49);
  await page.getByTestId('training-tab-settings').click();
  await expect(page.getByTestId('setting-epochs')).toHaveValue('1');
  await expect(page.getByTestId('setting-dataSize')).toHaveValue('300');
});

test('brain MRI segmentation with the U-Net template: Dice chart and overlay gallery', async ({ page }) => {
  await open(page);
  await page.getByTestId('templates-menu').click();
  await page.getByTestId('template-unet').click();
  await expect(page.getByTestId('task-select')).toHaveValue('brain-mri-segment');
  await configure(page, 1);
  await page.getByTestId('train-button').click();
  const dice = page.getByTestId('dice-chart');
  await expect.poll(async () => Number(await dice.getAttribute('data-points')), { timeout: 90_000 }).toBe(1);
  await expect(dice.locator('[data-series] circle').first()).toBeAttached(); // one epoch: a dot, no line yet
  await expect(dice.locator('path.plot-line')).toHaveCount(0);
  const gallery = page.getByTestId('segmentation-gallery');
  await expect(gallery).toBeVisible();
  const samples = gallery.getByTestId('overlay-sample');
  expect(await samples.count()).toBeGreaterThan(0);
  // Each slice has its Dice, or is marked as an empty mask (MONAI: no Dice for an empty truth).
  for (const text of await gallery.getByTestId('overlay-dice').allInnerTexts()) expect(text).toMatch(/^(Dice \d\.\d\d|empty mask: .+)$/);
  await expect(samples.first().locator('canvas')).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/segmentation.png` });
  await expect.poll(() => status(page), { timeout: 60_000 }).toBe('done');
  await page.getByTestId('training-tab-dice').click();
  await expect(page.getByTestId('dice-row')).toHaveCount(2);
});

test('Stop mid-epoch stops within a second', async ({ page }) => {
  await open(page);
  // Enough epochs that the run is still going when Stop is clicked: an epoch of the 300 images takes well under
  // a second on wasm, and the progress bar must show a batch (training under way) first.
  await configure(page, 30);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  // Timed inside the page (Playwright's own click latency on a busy machine is not the app's).
  await page.evaluate(() => {
    const w = window as unknown as { stopClick: number; stopShown: number };
    const status = document.querySelector('[data-testid=training-status]') as HTMLElement;
    w.stopClick = 0;
    w.stopShown = 0;
    document.querySelector('[data-testid=stop-button]')?.addEventListener('click', () => (w.stopClick = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (status.textContent === 'Stopped' && !w.stopShown) w.stopShown = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('training-status')).toHaveText('Stopped');
  const ms = await page.evaluate(() => {
    const w = window as unknown as { stopClick: number; stopShown: number };
    return w.stopShown - w.stopClick;
  });
  expect(ms).toBeGreaterThan(0);
  expect(ms).toBeLessThan(1000);
  const frozen = await page.getByTestId('progress-batch').innerText();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('progress-batch')).toHaveText(frozen);
  // The worker ends its batch, evaluates the test split and reports done; the run is kept as stopped.
  await expect.poll(() => status(page), { timeout: 30_000 }).toBe('done');
  await page.getByTestId('training-tab-runs').click();
  await expect(page.getByTestId('run-row').first()).toContainText('stopped');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('Pause holds the run after its batch, and Resume carries it on', async ({ page }) => {
  await open(page);
  await configure(page, 30);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
  // The worker takes the pause between two batches: nothing moves while paused.
  await page.waitForTimeout(500);
  const held = `${await page.getByTestId('progress-epoch').innerText()} ${await page.getByTestId('progress-batch').innerText()}`;
  await page.waitForTimeout(1500);
  expect(`${await page.getByTestId('progress-epoch').innerText()} ${await page.getByTestId('progress-batch').innerText()}`).toBe(held);
  await page.getByTestId('resume-button').click();
  await expect
    .poll(async () => `${await page.getByTestId('progress-epoch').innerText()} ${await page.getByTestId('progress-batch').innerText()}`, { timeout: 30_000 })
    .not.toBe(held);
  await page.getByTestId('stop-button').click();
  await expect.poll(() => status(page), { timeout: 30_000 }).toBe('done');
  await expect(page.getByTestId('training-error')).toHaveCount(0);
});

test('a learning rate far too high ends in a clear message, and the page stays responsive', async ({ page }) => {
  await open(page);
  await configure(page, 3);
  // The document allows at most 10; 100 is refused with the allowed range.
  await setNumber(page, 'learningRate', 100);
  await expect(page.getByRole('alert').filter({ hasText: 'Learning rate must be above 0 to 10' })).toBeVisible();
  await setNumber(page, 'learningRate', 10);
  await page.getByTestId('setting-optimizer').selectOption('sgd');
  await page.getByTestId('train-button').click();
  // NaN ends the run with an error; a loss that only explodes (clipped cross-entropy) gets the rising-loss warning.
  const problem = page.getByTestId('training-error').or(page.getByTestId('training-warning'));
  await expect(problem).toBeVisible({ timeout: 60_000 });
  await expect(problem).toContainText(/learning rate 10 is probably too high; try 0\.01/);
  await page.screenshot({ path: `${SHOTS}/bad-learning-rate.png` });
  // The editor keeps working while the worker trains: rename the graph and add a layer. A frozen page would
  // not answer at all; 5 s is generous on a shared 2-core machine (the typical time is well under one).
  const started = Date.now();
  await page.getByTestId('doc-title').fill('Still responsive');
  await page.getByTestId('doc-title').press('Enter');
  await expect(page.getByTestId('doc-title')).toHaveValue('Still responsive');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('doc-title')).toHaveValue('First CNN');
  expect(Date.now() - started).toBeLessThan(5000);
  await page.getByTestId('banner-action').click();
  await page.getByTestId('training-tab-settings').click();
  await expect(page.getByTestId('setting-learningRate')).toHaveValue('0.01');
  // End the run if it is still going. Checked and clicked in one step inside the page: the run may finish
  // between a check from here and the click, and Stop leaves the page with it.
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="stop-button"]')?.click());
  await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/done|error/);
});

test('a run too short to learn says how many weight updates it makes, and lengthens itself in one click', async ({ page }) => {
  await open(page);
  // First CNN, 300 generated images: 60 test, 36 validation, 204 train; batches of 16 -> ceil(204 / 16) = 13 an epoch.
  await configure(page, 1);
  const notice = page.getByTestId('short-run-notice');
  await expect(notice).toHaveAttribute('data-updates', '13');
  await expect(notice).toContainText('13 weight updates in all (13 batches an epoch × 1 epoch)');
  await notice.screenshot({ path: `${SHOTS}/short-run-notice.png` });
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/short-run-panel.png` });
  // ceil(200 / 13) = 16 epochs make 208 updates, enough: the notice goes.
  await page.getByTestId('short-run-lengthen').click();
  await expect(page.getByTestId('setting-epochs')).toHaveValue('16');
  await expect(notice).toHaveCount(0);
});

test('while a run trains the loss chart redraws about twice a second, the progress bar ten times, and the chart ends with every batch', async ({ page }) => {
  // Every redraw of the charts costs the page main-thread time: redrawn at every batch update (10 a second), the
  // recharts charts took half a core from the training workers of a 2-core laptop (components/training/chartThrottle.ts).
  await open(page);
  // Long enough to still be training after the 3 s window on a fast machine (3 epochs once ended inside it).
  await setQuickRun(page, { epochs: 8, dataSize: '1200' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-batch')).toHaveText(/batch \d+\/\d+/, { timeout: 60_000 });
  const seen = await page.evaluate(async () => {
    const count = { chart: 0, progress: 0, epochs: 0 };
    const chart = document.querySelector('[data-testid=loss-chart]')!;
    const observers = [
      new MutationObserver(() => count.chart++),
      new MutationObserver(() => count.progress++),
      new MutationObserver(() => count.epochs++),
    ];
    observers[0].observe(chart, { attributes: true, attributeFilter: ['data-points'] });
    observers[1].observe(document.querySelector('[data-testid=progress-batch]')!, { childList: true, characterData: true, subtree: true });
    observers[2].observe(document.querySelector('[data-testid=progress-epoch]')!, { childList: true, characterData: true, subtree: true });
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    observers.forEach((o) => o.disconnect());
    return { ...count, seconds: (performance.now() - start) / 1000, status: document.querySelector('[data-testid=training-progress]')?.getAttribute('data-status') };
  });
  expect(seen.status, 'the run should still be training after the 3 s window').toBe('running');
  // At most one redraw per half second, plus one at each epoch's end.
  expect(seen.chart).toBeLessThanOrEqual(Math.ceil(seen.seconds * 2) + seen.epochs + 1);
  expect(seen.progress).toBeGreaterThan(seen.chart);
  await expect.poll(() => status(page), { timeout: 120_000 }).toBe('done');
  const perEpoch = Number((await page.getByTestId('progress-batch').innerText()).match(/\/(\d+)/)![1]);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', String(8 * perEpoch));
});
