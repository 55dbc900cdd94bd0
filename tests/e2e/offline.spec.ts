import { expect, test } from '@playwright/test';
import { loadThenGoOffline } from './offlineHelpers';

/**
 * Offline: after the first load, the app opens with the network off and stays cross-origin isolated
 * (the service worker serves the cached pages with COOP/COEP). A check that it also trains offline joins
 * here once the training panels exist.
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
