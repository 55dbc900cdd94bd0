import { expect, test, type Page } from '@playwright/test';

/**
 * Workshop (issue 8): a facilitator makes a lesson link from the current graph with the Lessons menu;
 * opening it in a fresh browser starts the participant in the lesson with its locks and goal.
 */

const card = (page: Page, type: string, nth = 0) => page.locator(`[data-testid="node-card"][data-node-type="${type}"]`).nth(nth);

async function openEditor(page: Page, path = '/') {
  await page.goto(path);
  await expect(card(page, 'Input')).toBeVisible();
}

async function lessonLinkFromDialog(page: Page): Promise<string> {
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('menu-create-lesson').click();
  const dialog = page.getByTestId('create-lesson-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('lesson-dialog-title-input').fill('Filters only');
  // Learning rate is ticked by default; add the number of filters, hide the palette and export.
  await page.getByTestId('lesson-editable-Conv2D.filters').check();
  await page.getByTestId('lesson-hidden-palette').check();
  await page.getByTestId('lesson-hidden-export').check();
  await page.getByTestId('lesson-goal-value').fill('0.45');
  await page.getByTestId('lesson-copy-link').click();
  const link = await page.getByTestId('lesson-link-output').inputValue();
  expect(link).toMatch(/#lesson=l1\.[A-Za-z0-9_-]+$/);
  return link;
}

test('a lesson link opens with the locked controls locked and the goal shown', async ({ page, browser }) => {
  await openEditor(page);
  await page.getByTestId('templates-menu').click();
  await page.getByTestId('template-first-cnn').click();
  await expect(card(page, 'Conv2D')).toBeVisible();
  const link = await lessonLinkFromDialog(page);

  const context = await browser.newContext();
  const participant = await context.newPage();
  await participant.goto(link);
  const banner = participant.getByTestId('lesson-banner');
  await expect(banner).toBeVisible();
  await expect(participant.getByTestId('lesson-title')).toHaveText('Filters only');
  await expect(participant.getByTestId('lesson-goal')).toContainText('balanced accuracy ≥ 0.45 on validation');
  await expect(participant.getByTestId('lesson-progress')).toContainText('no balanced accuracy yet');
  // The hidden palette is not rendered; the lesson's graph is loaded.
  await expect(participant.getByTestId('palette')).toHaveCount(0);
  await expect(card(participant, 'Conv2D', 1)).toBeVisible();

  await card(participant, 'Conv2D').click();
  await expect(participant.getByTestId('param-kernelSize')).toBeDisabled();
  await expect(participant.getByTestId('param-lock-kernelSize')).toBeVisible();
  await expect(participant.getByTestId('param-filters')).toBeEnabled();
  await expect(participant.getByTestId('param-lock-filters')).toHaveCount(0);
  // Structure edits are off: no Delete button, and the Delete key is refused with a message.
  await expect(participant.getByTestId('inspector-delete')).toHaveCount(0);
  await participant.keyboard.press('Delete');
  await expect(participant.getByText('This lesson does not allow adding, deleting or connecting layers.').first()).toBeVisible();
  await expect(card(participant, 'Conv2D', 1)).toBeVisible();

  await participant.getByTestId('param-filters').fill('12');
  await participant.getByTestId('param-filters').press('Enter');
  await expect(card(participant, 'Conv2D').getByTestId('node-shape')).toContainText('x12');
  await banner.screenshot({ path: 'test-results/workshop-lesson-banner.png' });

  // Export is hidden: not in the File menu, and Ctrl+E says why instead of opening the dialog.
  await participant.getByTestId('file-menu').click();
  await expect(participant.getByTestId('menu-save')).toBeVisible();
  await expect(participant.getByTestId('menu-export')).toHaveCount(0);
  await participant.keyboard.press('Escape');
  await participant.keyboard.press('Control+e');
  await expect(participant.getByText('Export is turned off in this lesson.').first()).toBeVisible();
  await expect(participant.getByTestId('export-dialog')).toHaveCount(0);

  // A reload keeps the participant in the lesson, on their own graph (12 filters), with the locks in force.
  await participant.waitForFunction(() => (localStorage.getItem('convas.editor.v1') ?? '').includes('"title":"Filters only"'));
  await participant.reload();
  await expect(participant.getByTestId('lesson-title')).toHaveText('Filters only');
  await expect(card(participant, 'Conv2D').getByTestId('node-shape')).toContainText('x12');
  await expect(participant.getByTestId('palette')).toHaveCount(0);
  await card(participant, 'Conv2D').click();
  await expect(participant.getByTestId('param-kernelSize')).toBeDisabled();
  await expect(participant.getByTestId('param-filters')).toBeEnabled();

  // Leaving the lesson unlocks everything.
  await participant.getByTestId('lesson-leave').click();
  await expect(banner).toHaveCount(0);
  await expect(participant.getByTestId('param-kernelSize')).toBeEnabled();
  await context.close();
});

test('the ready lessons start from the Lessons menu', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('lesson-unet-segmentation').click();
  await expect(page.getByTestId('lesson-title')).toHaveText('Segmentation with U-Net and Dice');
  await expect(page.getByTestId('lesson-goal')).toContainText('mean Dice ≥ 0.65 on validation');
  await expect(card(page, 'Concatenate', 1)).toBeVisible();
  // Structure edits are allowed in this lesson, and the palette is shown.
  await expect(page.getByTestId('palette')).toBeVisible();

  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('menu-results').click();
  await expect(page.getByTestId('results-card')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('results-json').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lesson-3-u-net.json');
});
