/**
 * Benchmark of the beginner journey: seconds from loading the page to the first confusion matrix on the
 * default task (First CNN on skin lesions, default settings, backend chosen by auto), in headless Chromium
 * against the served static build (out/, as `npm start` serves it). Target: 30 s or less.
 * Skipped with a reason when there is no Chromium or no build.
 *
 *   npm run build && npx tsx scripts/bench/journey.ts [--json] [--runs 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
// @ts-expect-error - plain .mjs helper shared with playwright.config.ts, without declarations; typed below
import * as chromiumHelpers from '../chromiumPath.mjs';
import type { BenchFigure } from './kernels';

const { chromiumArgs, chromiumPath } = chromiumHelpers as { chromiumArgs: string[]; chromiumPath(): string | null };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The journey may take at most this long before the measurement is abandoned. */
const JOURNEY_LIMIT_MS = 180_000;

/** A free TCP port on localhost. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts scripts/serve.mjs on `dir`; resolves once it listens. */
function serve(dir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--port', String(port), '--host', '127.0.0.1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error('the static server did not start within 10 s')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the static server exited with code ${code}`));
    });
  });
}

/** One journey in a fresh browser context: seconds from navigation to the first confusion matrix. */
async function oneJourney(executablePath: string, url: string, log: (line: string) => void): Promise<number> {
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    const train = page.getByTestId('train-button');
    await train.waitFor({ state: 'visible', timeout: JOURNEY_LIMIT_MS });
    await page.waitForFunction(() => !(document.querySelector('[data-testid=train-button]') as HTMLButtonElement | null)?.disabled, null, { timeout: JOURNEY_LIMIT_MS });
    const clickAt = (performance.now() - started) / 1000;
    await train.click();
    await page.getByTestId('confusion-matrix').waitFor({ state: 'visible', timeout: JOURNEY_LIMIT_MS });
    const seconds = (performance.now() - started) / 1000;
    const backend = await page.getByTestId('progress-backend').innerText().catch(() => '?');
    log(`journey: Train pressed at ${clickAt.toFixed(1)} s, first confusion matrix at ${seconds.toFixed(1)} s (backend ${backend})`);
    return seconds;
  } finally {
    await browser.close();
  }
}

/**
 * Seconds from page load to the first confusion matrix (the median of `runs` journeys), as
 * `first_confusion_matrix_s`. Returns [] with a logged reason when Chromium or the build (out/) is missing.
 */
export async function benchJourney(options: { log?: (line: string) => void; runs?: number; dir?: string } = {}): Promise<BenchFigure[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const executablePath = chromiumPath();
  if (!executablePath) {
    log('journey: skipped, no Chromium found (set CHROMIUM_PATH or install chromium)');
    return [];
  }
  const dir = options.dir ?? join(ROOT, 'out');
  if (!existsSync(join(dir, 'index.html'))) {
    log(`journey: skipped, no static build in ${dir} (run npm run build first)`);
    return [];
  }
  const port = await freePort();
  const server = await serve(dir, port);
  try {
    const times: number[] = [];
    for (let i = 0; i < Math.max(1, options.runs ?? 1); i++) times.push(await oneJourney(executablePath, `http://127.0.0.1:${port}/`, log));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    return [{ name: 'first_confusion_matrix_s', value: Math.round(median * 10) / 10, unit: 's' }];
  } finally {
    server.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const runsAt = argv.indexOf('--runs');
  benchJourney({ runs: runsAt >= 0 ? Number(argv[runsAt + 1]) : 1 }).then(
    (figures) => {
      for (const f of figures) console.log(argv.includes('--json') ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
