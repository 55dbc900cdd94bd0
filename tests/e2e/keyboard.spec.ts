import { expect, test, type Page } from '@playwright/test';

/**
 * Keyboard only (issue 15): from the empty graph, "/" + type + Enter adds three layers after the selection,
 * the arrow keys walk the graph along its edges, Enter opens a node in the inspector, the training settings
 * are set with Tab and type-ahead, Ctrl+Enter trains, and the screen-reader live region announces the epoch
 * and the result. The mouse is never used (no click, no hover, no locator.fill/selectOption).
 */

const card = (page: Page, type: string) => page.locator(`[data-testid="node-card"][data-node-type="${type}"]`);
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
/** The graph node id of the focused canvas card (React Flow's focusable wrapper), or null. */
const focusedCard = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null);
const selectedTypes = (page: Page) =>
  page.locator('.react-flow__node.selected [data-testid="node-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-type')));

/** Presses Tab (or Shift+Tab) until the element with `testId` has focus; returns how many presses it took. */
async function tabTo(page: Page, testId: string, { back = false, max = 80 } = {}): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if ((await focusedTestId(page)) === testId) return presses;
  }
  throw new Error(`${testId} not reached with ${max} ${back ? 'Shift+Tab' : 'Tab'} presses`);
}

/** "/" then the query then Enter: the quick-add box adds its best match after the selection. */
async function quickAdd(page: Page, query: string, type: string) {
  await page.keyboard.press('/');
  await expect(page.getByTestId('quick-add-search')).toBeFocused();
  await page.keyboard.type(query);
  await expect(page.getByTestId(`quick-add-${type}`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(card(page, type)).toHaveCount(1);
  // The new card is selected and has the focus, so the next "/" adds after it.
  await expect.poll(() => selectedTypes(page)).toEqual([type]);
  await expect.poll(() => focusedCard(page)).toBe(await card(page, type).getAttribute('data-node-id'));
}

test('build a 3-layer network and train it with the keyboard alone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(card(page, 'Input')).toBeVisible();

  // Templates > Empty graph: the menu opens on Enter with its first item focused; ArrowUp wraps to the last.
  const toTemplates = await tabTo(page, 'templates-menu');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('template-empty')).toBeFocused();
  await page.keyboard.press('Enter');
  // A template may ask before replacing the graph: confirm with the keyboard.
  if (await page.getByTestId('confirm-dialog').isVisible().catch(() => false)) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('node-card')).toHaveCount(2);

  // Nothing selected: "/" continues the graph's open end (the Input), and each new layer is chained on.
  await quickAdd(page, 'conv2d', 'Conv2D');
  await quickAdd(page, 'maxpool', 'MaxPooling2D');
  await quickAdd(page, 'global average', 'GlobalAveragePooling2D');
  await expect(page.getByTestId('node-card')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('problems-pill')).toHaveAttribute('data-errors', '0');

  // Arrow keys walk the edges: left goes back towards the Input, right forward to the Output.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => selectedTypes(page)).toEqual(['Output']);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => selectedTypes(page)).toEqual(['Output']);
  for (const type of ['GlobalAveragePooling2D', 'MaxPooling2D', 'Conv2D', 'Input']) {
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selectedTypes(page)).toEqual([type]);
    await expect.poll(() => focusedCard(page)).toBe(await card(page, type).getAttribute('data-node-id'));
  }
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => selectedTypes(page)).toEqual(['Conv2D']);

  // Enter opens the Conv2D in the inspector, with its first parameter focused: 8 filters instead of 16.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-type')).toHaveText('Conv2D');
  await expect(page.getByTestId('param-filters')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await expect(card(page, 'Conv2D').getByTestId('node-shape')).toHaveText(/x8$/);
  await expect(card(page, 'GlobalAveragePooling2D').getByTestId('node-shape')).toHaveText('8');

  // Training settings with Tab and type-ahead: the wasm backend, 300 images, one epoch.
  const toBackend = await tabTo(page, 'setting-backend', { back: true, max: 120 });
  await page.keyboard.type('wasm');
  await expect(page.getByTestId('setting-backend')).toHaveValue('wasm');
  await tabTo(page, 'setting-dataSize', { back: true, max: 20 });
  await page.keyboard.type('300');
  await expect(page.getByTestId('setting-dataSize')).toHaveValue('300');
  await tabTo(page, 'setting-epochs', { back: true, max: 20 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('setting-epochs')).toHaveValue('1');

  // Ctrl+Enter trains; the live region announces the start, the epoch and the result, politely.
  const announcer = page.getByTestId('training-announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('training-progress')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(announcer).toHaveText(/^Training finished after 1 epoch: validation balanced accuracy \d+\.\d%, validation loss [\d.]+\. Test balanced accuracy \d+\.\d%, accuracy \d+\.\d%, on \d+ images\.$/);
  const balanced = await page.getByTestId('headline-balanced').textContent();
  await expect(announcer).toContainText(`validation balanced accuracy ${balanced}`);
  console.log(`keyboard journey: ${toTemplates} Tab presses to Templates, ${toBackend} Shift+Tab presses from the inspector to the backend setting`);
});
