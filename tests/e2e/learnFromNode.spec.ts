import { expect, test, type Page } from '@playwright/test';

/** A node's "?" in the inspector opens the explorer with that node's own window settings. */
const card = (page: Page, type: string, nth = 0) => page.locator(`[data-testid="node-card"][data-node-type="${type}"]`).nth(nth);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(card(page, 'Input')).toBeVisible();
});

test('the "?" of a Conv2D and of a MaxPooling2D open the explorer with their params', async ({ page }) => {
  // First CNN: conv2d is 3x3, stride 1, 'same' -> the output keeps the explorer's input size.
  await card(page, 'Conv2D').click();
  await page.getByTestId('inspector-learn').click();
  const explorer = page.locator('[data-testid="convolution-explorer"][data-ready="true"]');
  await expect(explorer).toBeVisible();
  const n = Number(await page.getByTestId('conv-output-size').getAttribute('data-value'));
  await expect(page.getByTestId('conv-formula')).toContainText('same');
  const size = await page.locator('[data-testid^="conv-out-cell-"]').count();
  expect(size).toBe(n * n);
  await page.keyboard.press('Escape');
  await expect(explorer).toHaveCount(0);

  // max_pooling2d is 2x2, stride 2, 'valid': out = floor((in - 2) / 2) + 1, smaller than for the conv.
  await card(page, 'MaxPooling2D').click();
  await page.getByTestId('inspector-learn').click();
  await expect(explorer).toBeVisible();
  const pooled = Number(await page.getByTestId('conv-output-size').getAttribute('data-value'));
  expect(pooled).toBe(Math.floor((n - 2) / 2) + 1);
});

test('each template shows its architecture note in the menu and beside the loaded graph', async ({ page }) => {
  const notes: Record<string, RegExp> = {
    vgg: /3x3 convolutions/,
    resnet: /shortcut around every pair of convolutions/,
    'googlenet-head': /global average pooling/,
    unet: /Skip connections concatenate/,
  };
  for (const [id, text] of Object.entries(notes)) {
    await page.getByTestId('templates-menu').click();
    await expect(page.getByTestId(`template-${id}`)).toContainText(text);
    await page.getByTestId(`template-${id}`).click();
    await expect(page.getByTestId('template-note')).toContainText(text);
  }
  await page.getByTestId('side-panel').screenshot({ path: 'test-results/template-note.png' });
  // The note is the graph overview's: selecting a card shows the card instead; its button closes it.
  await card(page, 'Input').click();
  await expect(page.getByTestId('template-note')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('template-note')).toBeVisible();
  await page.getByTestId('template-note-close').click();
  await expect(page.getByTestId('template-note')).toHaveCount(0);
});
