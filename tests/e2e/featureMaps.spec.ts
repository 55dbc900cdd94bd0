import { expect, test } from '@playwright/test';
import { expectRunDone, setQuickRun } from './quickRun';

/**
 * The feature-map viewer after a short run of the First CNN on skin lesions (wasm, 300 images, 1 epoch):
 * every convolution of the graph shows its activation maps, and the first one its learned filters.
 */
test('feature maps: each conv layer shows its activation maps, the first conv its filters', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await setQuickRun(page, { epochs: 1 });

  await page.getByTestId('train-button').click();
  await expectRunDone(page, 180_000);

  await page.getByTestId('training-tab-features').click();
  const view = page.getByTestId('feature-maps');
  await expect(view).toBeVisible();
  const convs = view.locator('[data-testid="feature-layer"][data-class="Conv2D"]');
  await expect(convs.first()).toBeVisible({ timeout: 30_000 });
  // The First CNN's convolutions, by the inspector's count of Conv2D cards on the canvas.
  const convNodes = await page.locator('[data-node-type="Conv2D"]').count();
  const shown = await convs.count();
  expect(shown).toBeGreaterThanOrEqual(1);
  if (convNodes > 0) expect(shown).toBe(convNodes);
  for (let i = 0; i < shown; i++) {
    const maps = convs.nth(i).getByTestId('feature-map');
    expect(await maps.count()).toBeGreaterThan(0);
    const size = await maps.first().evaluate((el) => [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height]);
    expect(size[0]).toBeGreaterThan(0);
  }
  await expect(view.getByTestId('feature-filters').locator('canvas').first()).toBeVisible();

  // Another image: the maps are recomputed for it.
  await view.getByTestId('feature-sample-1').click();
  await expect(view.getByTestId('feature-sample-1')).toHaveAttribute('aria-pressed', 'true');
  await expect(convs.first().getByTestId('feature-map').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/featureMaps/feature-maps.png' });
});

test('receptive field: selecting a conv node shows a sample input with the rectangle one output cell sees', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const convs = page.locator('[data-node-type="Conv2D"]');
  await convs.last().click();
  const section = page.getByTestId('receptive-field');
  await expect(section).toBeVisible();
  await expect(page.getByTestId('receptive-field-text')).toContainText(/sees input rows \d+-\d+, columns \d+-\d+: \d+x\d+ pixels, jump \d+/);
  // Moving to the top-left corner picks cell (0, 0), whose rectangle starts at the border.
  const overlay = page.getByTestId('receptive-field-overlay');
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no overlay');
  await page.mouse.move(box.x + 2, box.y + 2);
  await expect(page.getByTestId('receptive-field-text')).toContainText('Output cell (0, 0)');
  await expect(page.getByTestId('receptive-field-rect')).toHaveAttribute('data-rect', /^0,0,\d+,\d+$/);
  await page.screenshot({ path: 'test-results/featureMaps/receptive-field.png' });
});
