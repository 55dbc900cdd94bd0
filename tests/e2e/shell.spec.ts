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

test('the static server answers every page with and without a trailing slash, with the isolation headers', async ({ request }) => {
  for (const path of ['/', '/learn', '/learn/', '/learn/?topic=convolution', '/bench/']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toContain('text/html');
    expect(res.headers()['cross-origin-embedder-policy'], path).toBe('require-corp');
    expect(res.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
  }
  expect((await request.get('/no-such-page/')).status()).toBe(404);
  expect((await request.get('/%2e%2e/package.json')).status()).toBe(404);
});

test('on a 1024x768 laptop the side panel narrows so the canvas keeps room for the graph', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  await expect(page.getByTestId('palette')).toBeVisible();
  const width = async (id: string) => (await page.getByTestId(id).boundingBox())!.width;
  // 18rem below 1280 px (22rem from there): 512 px of canvas instead of 448.
  expect(await width('side-panel')).toBe(288);
  expect(await width('canvas-area')).toBeGreaterThanOrEqual(500);
  await page.getByTestId('palette-search').fill('GlobalAverage');
  // The palette keeps its width: the longest layer name is not cut.
  const label = page.getByTestId('palette-item-GlobalAveragePooling2D').locator('.truncate');
  expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => width('side-panel')).toBe(352);
});

test('the header fits common laptop widths, idle and training: nothing cut or squeezed, the graph name readable', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('train-button')).toBeVisible();
  const measure = () =>
    page.evaluate(() => {
      const header = document.querySelector('header')!;
      const iso = document.querySelector<HTMLElement>('[data-testid=isolation-status]')!.getBoundingClientRect();
      const name = document.querySelector<HTMLInputElement>('header input')!;
      const icons = [...header.querySelectorAll<HTMLElement>('.icon-btn')].map((b) => b.getBoundingClientRect().width);
      return { overflow: header.scrollWidth - header.clientWidth, isoRight: iso.width > 0 ? iso.right : 0, nameCut: name.scrollWidth > name.clientWidth, narrowestIcon: Math.min(...icons) };
    });
  const check = async (state: string, name: string) => {
    for (const w of [1280, 1366, 1440, 1536]) {
      await page.setViewportSize({ width: w, height: 800 });
      const fit = await measure();
      // At 1280 the "multi-core training" label was shown and cut at the window's edge ("multi-core tra").
      expect(fit.overflow, `${state} at ${w} px`).toBe(0);
      expect(fit.isoRight, `${state} at ${w} px`).toBeLessThanOrEqual(w);
      // While training (Pause and Stop instead of Train) the name shrank to "Small …" up to 1536 px.
      expect(fit.nameCut, `${state} at ${w} px: "${name}" cut`).toBe(false);
      // ...and undo and redo were squeezed to half their width.
      expect(fit.narrowestIcon, `${state} at ${w} px`).toBe(32);
    }
  };
  await check('idle', 'First CNN');
  await page.getByTestId('templates-menu').click();
  await page.getByTestId('template-resnet').click();
  await expect(page.getByTestId('doc-title')).toHaveValue('Small ResNet');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('pause-button')).toBeVisible();
  await check('training', 'Small ResNet');
  await page.getByTestId('stop-button').click();
});
