import { expect, type Page } from '@playwright/test';

/**
 * The settings most e2e specs train under: the wasm backend (the one every CI machine has), the smallest
 * generated dataset (300 images) and few epochs, so a run takes seconds. Set after any template or lesson,
 * since those bring their own settings. Shared here so a change to the Settings panel is made once.
 */
export async function setQuickRun(page: Page, options: { epochs: number; dataSize?: string | null }): Promise<void> {
  await page.getByTestId('training-tab-settings').click();
  await page.getByTestId('setting-backend').selectOption('wasm');
  // null: an imported dataset, whose size is its own (the size menu is not there).
  if (options.dataSize !== null) await page.getByTestId('setting-dataSize').selectOption(options.dataSize ?? '300');
  await setNumber(page, 'epochs', options.epochs);
}

/** Types a number into a settings field and commits it the way a user does (Enter). */
export async function setNumber(page: Page, key: string, value: number | string): Promise<void> {
  const field = page.getByTestId(`setting-${key}`);
  await field.fill(String(value));
  await field.press('Enter');
}

/** Waits until the run reports `done`, within `timeoutMs` (slow machines run the suite). */
export async function expectRunDone(page: Page, timeoutMs: number): Promise<void> {
  await expect.poll(() => page.getByTestId('training-progress').getAttribute('data-status'), { timeout: timeoutMs }).toBe('done');
}

/** Opens the app with no saved state (First CNN on skin lesions), ready to train. */
export async function openFresh(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
}
