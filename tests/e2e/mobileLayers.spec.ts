import { expect, test, type Page } from '@playwright/test';

/**
 * The MobileNet layers in real Chromium (issue 17): found in the palette by name, added by click, their cards
 * show the shapes and parameter counts of graph/catalog/depthwise.ts, ReLU6 is chosen in the inspector and a
 * LeakyReLU's slope is set there. A screenshot of the graph goes to test-results/mobile-layers.
 */

const SHOTS = 'test-results/mobile-layers';
const card = (page: Page, type: string) => page.locator(`[data-testid="node-card"][data-node-type="${type}"]`).first();

/**
 * Clicks a card's title and waits until React Flow has selected it, so the inspector shows that node. A card
 * must be in sight: for one past the canvas's edge Playwright scrolls the overflow-hidden canvas, which React
 * Flow undoes at once, so the click can land on the pane instead (see editor.spec.ts).
 */
async function selectCard(page: Page, type: string) {
  await card(page, type).getByTestId('node-type').click();
  await expect(page.locator(`.react-flow__node.selected [data-testid="node-card"][data-node-type="${type}"]`)).toBeVisible();
}

async function expectCard(page: Page, type: string, shape: string, params: string, summary?: string) {
  await expect(card(page, type).getByTestId('node-shape')).toHaveText(shape);
  await expect(card(page, type).getByTestId('node-params')).toHaveText(params);
  if (summary !== undefined) await expect(card(page, type).getByTestId('node-summary')).toHaveText(summary);
}

test('depthwise, separable, ReLU6 and LeakyReLU cards from the palette, with the counts the catalog predicts', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await expect(card(page, 'Input')).toBeVisible();
  await page.getByTestId('templates-menu').click();
  await page.getByTestId('template-empty').click();

  // Searching "mobilenet" finds both depthwise layers (their aliases), in the convolution group.
  await page.getByTestId('palette-search').fill('mobilenet');
  await expect(page.getByTestId('palette-item-DepthwiseConv2D')).toBeVisible();
  await expect(page.getByTestId('palette-item-SeparableConv2D')).toBeVisible();
  await expect(page.getByTestId('palette-item-Conv2D')).toHaveCount(0);
  await page.getByTestId('palette-search').fill('');

  // A click appends the layer after the last one: Input -> ... -> Output.
  for (const type of ['Conv2D', 'DepthwiseConv2D', 'Activation', 'SeparableConv2D', 'LeakyReLU', 'GlobalAveragePooling2D']) {
    await page.getByTestId(`palette-item-${type}`).click();
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);

  // On the 64x64x3 skin-lesion input: Conv2D 16 @ 3x3 = 3*3*3*16 + 16 = 448; depthwise 3*3*16 + 16 = 160;
  // separable 3*3*16 + 16*16 + 16 = 416; the Output's 16*7 + 7 = 119.
  await expectCard(page, 'Conv2D', '64x64x16', '448 params');
  await expectCard(page, 'DepthwiseConv2D', '64x64x16', '160 params', 'dw @ 3x3 same');
  await expectCard(page, 'SeparableConv2D', '64x64x16', '416 params', '16 sep @ 3x3 same');
  await expectCard(page, 'LeakyReLU', '64x64x16', 'no params', 'alpha 0.2');
  await expectCard(page, 'Output', '7', '119 params');
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');

  // The inspector: ReLU6 in the Activation's menu; a depth multiplier of 2 doubles the channels and the weights.
  // The view followed the last card added. Fitted as one row, the graph leaves Activation and LeakyReLU past
  // the canvas's right edge (the fit keeps text readable); arranged in rows first, every card is on screen.
  await page.getByTestId('arrange').click();
  await page.getByTestId('fit-view').click();
  await selectCard(page, 'Activation');
  await page.getByTestId('param-activation').selectOption('relu6');
  await expect(card(page, 'Activation').getByTestId('node-summary')).toHaveText('relu6');
  await selectCard(page, 'DepthwiseConv2D');
  await expect(page.getByTestId('inspector-doc')).toContainText('filters each channel on its own');
  await page.getByTestId('param-depthMultiplier').fill('2');
  // 3*3*16*2 + 32 = 320; the separable conv now reads 32 channels: 3*3*32 + 32*16 + 16 = 816.
  await expectCard(page, 'DepthwiseConv2D', '64x64x32', '320 params', 'dw x2 @ 3x3 same');
  await expectCard(page, 'SeparableConv2D', '64x64x16', '816 params');
  await selectCard(page, 'LeakyReLU');
  await page.getByTestId('param-alpha').fill('0.1');
  await expect(card(page, 'LeakyReLU').getByTestId('node-summary')).toHaveText('alpha 0.1');
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');

  await page.getByTestId('arrange').click();
  await page.getByTestId('fit-view').click();
  await page.screenshot({ path: `${SHOTS}/graph.png` });
});
