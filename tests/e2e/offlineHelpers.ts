import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Loads `path` online, waits until the service worker has installed (precached the whole build) and
 * controls the page, then cuts the network. Specs that check something offline (opening, training) start
 * with this and reload or navigate afterwards.
 */
export async function loadThenGoOffline(page: Page, context: BrowserContext, path = '/'): Promise<void> {
  await page.goto(path);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
}
