/**
 * Firefox smoke journey (issue 15): workshop laptops run Firefox too. Drives Debian's firefox-esr through
 * WebDriver BiDi with puppeteer-core (Playwright's Firefox needs its own patched build, which cannot be
 * installed here) against the production build in out/, served by the workshop's own static server:
 *   open (cross-origin isolated, wasm SIMD) -> build (add a layer) -> train (tiny, wasm) -> export (.zip
 *   download) -> offline reload (the server is shut down; the service worker serves the app).
 *
 * Run: `npm run test:firefox` (part of `npm run test:e2e`, after the Chromium specs built out/).
 * Firefox is found at $FIREFOX_PATH or /usr/bin/firefox-esr, /usr/bin/firefox; without one the run fails.
 * CONVAS_SKIP_FIREFOX=1 skips it on a machine without Firefox; it is ignored when CI is set.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createConvasServer } from '../../scripts/staticServer.mjs';

const OUT = resolve('out');
const STEP_TIMEOUT_MS = 60_000;
const TRAIN_TIMEOUT_MS = 180_000;

function firefoxPath(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Screenshots of each step, to look at how Firefox draws the app (test-results is not committed). */
const SHOTS = resolve('test-results/firefox');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) as `${string}.png` });
}

const sel = (testId: string) => `[data-testid="${testId}"]`;

function log(step: string) {
  console.log(`  firefox: ${step}`);
}

/** Waits for `predicate` (run in the page) to hold, with a message saying what was awaited. */
async function waitFor(page: Page, what: string, predicate: string, timeout = STEP_TIMEOUT_MS): Promise<void> {
  try {
    await page.waitForFunction(predicate, { timeout, polling: 200 });
  } catch (error) {
    throw new Error(`Firefox smoke: timed out waiting for ${what} (${(error as Error).message})`);
  }
}

async function attr(page: Page, testId: string, name: string): Promise<string | null> {
  return page.$eval(sel(testId), (el, n) => el.getAttribute(n), name);
}

/** The static server of `npm start` on a free port; `close()` also drops open connections (offline). */
async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createConvasServer(OUT);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await waitFor(page, 'the editor', `!!document.querySelector('[data-testid="node-card"][data-node-type="Input"]')`);
}

async function journey(browser: Browser, url: string, downloads: string, goOffline: () => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // Warnings and errors the app logs, for the diagnosis when a step times out.
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') consoleLines.push(`${m.type()}: ${m.text().slice(0, 300)}`);
  });
  // Console errors are reported, not failed on: the offline reload logs the refused connections.
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`  firefox console error: ${m.text()}`);
  });

  // Open: isolated (SharedArrayBuffer for the wasm threads) and with wasm SIMD.
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => localStorage.clear());
  await openEditor(page, url);
  const env = await page.evaluate(() => ({
    isolated: globalThis.crossOriginIsolated,
    // The smallest module using a v128 value: validates only where wasm SIMD is supported.
    simd: WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11])),
    ua: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
  }));
  log(`opened ${url} in ${env.ua}`);
  assert.equal(env.isolated, true, 'Convas must be cross-origin isolated in Firefox');
  assert.equal(env.simd, true, 'Firefox must offer wasm SIMD');

  // Build: a palette click adds a layer after the selection and connects it.
  const before = await page.$$eval(sel('node-card'), (els) => els.length);
  await page.click('[data-testid="node-card"][data-node-type="Flatten"]');
  await page.click(sel('palette-item-Dropout'));
  await waitFor(page, 'the added Dropout card', `document.querySelectorAll('[data-testid="node-card"]').length === ${before + 1}`);
  assert.equal(await attr(page, 'problems-pill', 'data-errors'), '0', 'the graph with the added layer must stay valid');
  await shot(page, 'built');
  log(`built: ${before} -> ${before + 1} layers, no errors`);

  // Train: the wasm backend, 300 generated images, one epoch.
  await page.click(sel('training-tab-settings'));
  await page.select(sel('setting-backend'), 'wasm');
  await page.select(sel('setting-dataSize'), '300');
  // Two workers wherever there are 2 cores or more, so Firefox runs the shared-memory step protocol too
  // (nested workers, the helpers' inboxes, Atomics). Auto would give this graph one: its batch is too small
  // to share (engine/parallel/workerCount.ts).
  const workers = env.cores >= 2 ? 2 : 1;
  if (workers > 1) await page.select(sel('setting-workers'), String(workers));
  await page.click(sel('setting-epochs'), { count: 3 });
  await page.type(sel('setting-epochs'), '1');
  await page.keyboard.press('Enter');
  const started = Date.now();
  await page.click(sel('train-button'));
  try {
    await waitFor(page, 'the run to finish', `document.querySelector('[data-testid="training-progress"]')?.dataset.status === 'done'`, TRAIN_TIMEOUT_MS);
  } catch (error) {
    // Say where the run stood, and keep a picture of it: a timeout alone tells nothing.
    const state = await page
      .evaluate(() => {
        const progress = document.querySelector<HTMLElement>('[data-testid="training-progress"]');
        const panel = document.querySelector<HTMLElement>('[data-testid="training-panel"]');
        return `status ${progress?.dataset.status ?? 'none'}: ${(progress?.textContent ?? '').slice(0, 300)} | panel: ${(panel?.textContent ?? '').slice(0, 600)}`;
      })
      .catch((e: unknown) => `unreadable (${String(e)})`);
    log(`the run did not finish: ${state}; page errors: ${pageErrors.join(' | ') || 'none'}; console: ${consoleLines.slice(-10).join(' | ') || 'none'}`);
    await shot(page, 'train-timeout').catch(() => undefined);
    throw error;
  }
  assert.equal(await page.$(sel('training-error')), null, 'the run must end without an error');
  const backend = await page.$eval(sel('progress-backend'), (el) => el.textContent);
  const balanced = await page.$eval(sel('headline-balanced'), (el) => el.textContent ?? '');
  assert.equal(backend, 'wasm');
  assert.match(balanced, /^\d+\.\d%$/, 'the headline must show a balanced accuracy');
  const shown = await page.$eval(sel('progress-workers'), (el) => el.textContent).catch(() => null);
  if (workers > 1) assert.equal(shown, `× ${workers} workers`, 'the run must train on the chosen worker count');
  await shot(page, 'trained');
  log(`trained 1 epoch on ${backend}${shown ? ` ${shown}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s: balanced accuracy ${balanced}`);

  // Export: PyTorch code in the dialog, and the .zip saved to the downloads folder.
  await page.click(sel('file-menu'));
  await page.click(sel('menu-export'));
  await waitFor(page, 'the export code', `document.querySelector('[data-testid="export-code"]')?.textContent.includes('nn.Conv2d(')`);
  await waitFor(page, 'the download button', `!document.querySelector('[data-testid="export-download"]')?.disabled`);
  await shot(page, 'export');
  await page.click(sel('export-download'));
  const zip = await waitForDownload(downloads, '.zip');
  const bytes = readFileSync(zip);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the export must be a zip file');
  log(`exported ${zip.split('/').pop()} (${bytes.length} bytes)`);
  await page.keyboard.press('Escape');

  // Offline: once the service worker has precached the build and activated, the app reloads with the server
  // gone (that navigation is the worker's whether or not it has claimed this page yet).
  await waitForServiceWorker(page);
  await goOffline();
  assert.equal(await fetch(url).then(() => 'reachable', () => 'gone'), 'gone', 'the server must be gone for the offline reload');
  const response = await page.reload({ waitUntil: 'load' });
  assert.equal(response?.headers()['x-convas-sw'], 'cache', 'offline, the page must come from the service worker cache');
  await waitFor(page, 'the editor offline', `!!document.querySelector('[data-testid="node-card"][data-node-type="Dropout"]')`);
  const offline = await page.evaluate(() => ({ isolated: globalThis.crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null }));
  assert.deepEqual(offline, { isolated: true, controlled: true }, 'offline, the service worker must serve the app cross-origin isolated');
  await shot(page, 'offline');
  log('reloaded offline from the service worker, still isolated, the graph restored');

  assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
}

/**
 * Waits until the page's service worker is activated (its install, the precache of the whole build, done),
 * polling its state; a timeout says where it stood (none, installing, redundant...) and what the cache holds.
 */
async function waitForServiceWorker(page: Page): Promise<void> {
  const state = () =>
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      const held: string[] = [];
      for (const k of await caches.keys()) held.push(`${k} (${(await (await caches.open(k)).keys()).length} files)`);
      return {
        activated: r?.active?.state === 'activated',
        text: `registration ${r ? 'yes' : 'none'}, installing ${r?.installing?.state ?? 'none'}, waiting ${r?.waiting?.state ?? 'none'}, active ${r?.active?.state ?? 'none'}, controller ${navigator.serviceWorker.controller ? 'yes' : 'none'}, caches: ${held.join(', ') || 'none'}`,
      };
    });
  const deadline = Date.now() + TRAIN_TIMEOUT_MS;
  let last = await state();
  while (!last.activated) {
    if (Date.now() > deadline) throw new Error(`Firefox smoke: the service worker did not activate in ${TRAIN_TIMEOUT_MS / 1000} s: ${last.text}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await state();
  }
}

/** Waits until Firefox has finished saving a file ending in `ext` into `dir` (no .part file left). */
async function waitForDownload(dir: string, ext: string): Promise<string> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const names = readdirSync(dir);
    const done = names.find((n) => n.endsWith(ext));
    if (done && !names.some((n) => n.endsWith('.part')) && statSync(join(dir, done)).size > 0) return join(dir, done);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Firefox smoke: no ${ext} file was downloaded into ${dir}`);
}

async function main(): Promise<void> {
  const executablePath = firefoxPath();
  if (!executablePath) {
    // A local opt-out only: in CI a missing Firefox always fails.
    if (process.env.CONVAS_SKIP_FIREFOX === '1' && !process.env.CI) {
      console.log('Firefox smoke SKIPPED: CONVAS_SKIP_FIREFOX=1 and no Firefox found.');
      return;
    }
    throw new Error('No Firefox found for the Firefox smoke journey. Install it (Debian: "apt-get install firefox-esr") or set FIREFOX_PATH.');
  }
  if (!existsSync(join(OUT, 'index.html'))) throw new Error(`No build in ${OUT}: run "npm run build" first (npm run test:e2e builds it).`);

  const server = await startServer();
  const downloads = mkdtempSync(join(tmpdir(), 'convas-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      // Save downloads into our folder without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  const started = Date.now();
  try {
    console.log(`Firefox smoke journey with ${executablePath}`);
    await journey(browser, server.url, downloads, server.close);
    console.log(`Firefox smoke journey passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    await server.close().catch(() => undefined);
    rmSync(downloads, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
