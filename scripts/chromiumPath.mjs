import { existsSync } from 'node:fs';

/**
 * The Chromium binary for browser tests and benchmarks: $CHROMIUM_PATH, else the usual system locations.
 * Returns null when none exists (Playwright's own browser download is not used: it cannot work offline).
 */
export function chromiumPath() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Flags for headless Chromium on a closed network (no background requests, no sandbox as root). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];
