import { defineConfig } from '@playwright/test';
// @ts-expect-error - plain .mjs helper shared with the scripts, no type declarations needed
import { chromiumArgs, chromiumPath } from './scripts/chromiumPath.mjs';

const port = Number(process.env.E2E_PORT ?? 3123);

/**
 * Browser tests run against the production static build served exactly as `npm start` serves it,
 * in Debian's Chromium (Playwright's own browser download cannot work offline).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath() ?? undefined, args: chromiumArgs },
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    // The offline service worker would answer requests before page.route sees them; specs about it opt in.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npm run build && node scripts/serve.mjs --port ${port} --host 127.0.0.1`,
    url: `http://localhost:${port}`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
