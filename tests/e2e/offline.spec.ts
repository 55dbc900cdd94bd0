import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { loadThenGoOffline } from './offlineHelpers';

/**
 * Offline: after the first load, the app opens with the network off and stays cross-origin isolated
 * (the service worker serves the cached pages with COOP/COEP), and a training run starts and runs batches
 * with the network off (worker script, generated data and tfjs wasm binaries all come from the cache).
 */
test.use({ serviceWorkers: 'allow' });

test('after one load the editor reopens offline, cross-origin isolated, served from the cache', async ({ page, context }) => {
  await loadThenGoOffline(page, context, '/');
  const response = await page.reload();
  expect(response?.headers()['x-convas-sw']).toBe('cache');
  await expect(page.getByTestId('editor-shell')).toBeVisible();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);

  // A page never visited is precached too, and so are the tfjs wasm binaries.
  await page.goto('/learn');
  await expect(page.locator('[data-testid="convolution-explorer"][data-ready="true"]')).toBeVisible();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  const wasm = await page.evaluate(async () => {
    const r = await fetch('/wasm/tfjs-backend-wasm-simd.wasm');
    return { ok: r.ok, type: r.headers.get('content-type'), bytes: (await r.arrayBuffer()).byteLength, coep: r.headers.get('cross-origin-embedder-policy') };
  });
  expect(wasm).toMatchObject({ ok: true, type: 'application/wasm', coep: 'require-corp' });
  expect(wasm.bytes).toBeGreaterThan(100_000);
  await context.setOffline(false);
});

test('after one load the app trains offline', async ({ page, context }) => {
  await loadThenGoOffline(page, context, '/');
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // Two workers where there are 2 cores (Auto gives this small graph one), so the nested replica workers must
  // load from the cache too.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores >= 2) {
    await page.getByTestId('training-tab-settings').click();
    await page.getByTestId('setting-workers').selectOption('2');
  }
  await page.getByTestId('train-button').click();
  const progress = page.getByTestId('training-progress');
  await expect(progress).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  // A few batches done means the worker, the data and the backend all loaded offline.
  await expect
    .poll(async () => Number(/batch (\d+)\//.exec((await progress.textContent()) ?? '')?.[1] ?? 0), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  // The nested replica workers loaded from the cache too.
  if (cores >= 2) await expect(page.getByTestId('progress-workers')).toHaveText('× 2 workers');
  await page.getByTestId('stop-button').click();
  await context.setOffline(false);
});

test('after one load a model imports offline (the import worker and its lazily loaded readers come from the cache)', async ({ page, context }) => {
  await loadThenGoOffline(page, context, '/');
  await page.reload();
  const fixtures = fileURLToPath(new URL('../fixtures/models/', import.meta.url));
  for (const [file, layers] of [
    ['onnx/classifier.onnx', '8 of 8 imported, as 8 nodes'],
    ['keras/legacy.h5', '8 of 8 imported, as 8 nodes'],
  ]) {
    await page.getByTestId('file-menu').click();
    await page.getByTestId('menu-import-model').click();
    const dialog = page.getByTestId('model-import-dialog');
    await dialog.getByTestId('model-import-files-input').setInputFiles(fixtures + file);
    await expect(dialog.getByTestId('model-import-layers')).toHaveText(layers);
    await dialog.getByTestId('model-import-open').click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');
  await context.setOffline(false);
});
