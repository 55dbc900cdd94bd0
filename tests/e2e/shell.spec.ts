import { expect, test } from '@playwright/test';

test('the editor shell renders and the page is cross-origin isolated', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.hostname !== 'localhost' && url.protocol.startsWith('http')) foreign.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByTestId('editor-shell')).toBeVisible();
  await expect(page.getByText('Convas', { exact: true })).toBeVisible();
  await expect(page.getByTestId('canvas-area')).toBeVisible();
  await expect(page.getByTestId('side-panel')).toBeVisible();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(foreign).toEqual([]);
});
