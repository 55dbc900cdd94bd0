/**
 * Benchmark: training throughput of the reference models (compiled from graph documents) on each tfjs
 * backend in headless Chromium: wasm, webgl, webgpu, and cpu for a step only (it is about 100x slower).
 * The page is scripts/bench/browserEntry.ts bundled with esbuild and served, with the wasm binaries under
 * /wasm/ as the app serves them, from a temporary folder with the cross-origin isolation headers.
 * Skipped with a reason when no Chromium is installed.
 *
 *   npx tsx scripts/bench/chromium.ts [--json] [--backends wasm,webgl]
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultWorkerCount } from '../../engine/parallel/workerCount';
import type { BackendName } from '../../graph/types';
// @ts-expect-error - plain .mjs helper shared with playwright.config.ts, without declarations; typed below
import * as chromiumHelpers from '../chromiumPath.mjs';
import type { BenchModel, BrowserBench } from './browserEntry';
import type { BenchFigure } from './kernels';

/**
 * How long each backend may take per model: warm-up steps, timed steps, and a cap on the timing (after
 * the first timed step). WebGL and WebGPU on SwiftShader take seconds per step, cpu tens of seconds, so
 * they get one warm-up (shader compilation) and one or two timed steps; cpu's U-Net (about a minute per
 * step on 2 cores) is left out.
 */
export const BACKEND_PLAN: Record<BackendName, { warmup: number; steps: number; maxSeconds: number; models: readonly BenchModel[] }> = {
  wasm: { warmup: 2, steps: 8, maxSeconds: 10, models: ['cnn', 'first-cnn', 'unet'] },
  webgl: { warmup: 1, steps: 2, maxSeconds: 5, models: ['cnn', 'unet'] },
  webgpu: { warmup: 1, steps: 2, maxSeconds: 5, models: ['cnn', 'unet'] },
  cpu: { warmup: 0, steps: 1, maxSeconds: 1, models: ['cnn'] },
};

/**
 * The First CNN's steps take about 15 ms on wasm, a tenth of the U-Net's: 8 of them (with the first balanced
 * shards among them) are too short a window to time, so it gets 5x the steps and warm-up.
 */
const stepsFactor = (model: BenchModel) => (model === 'first-cnn' ? 5 : 1);

/** Wall-time budget of the whole Chromium part; measurements that would start after it are skipped. */
export const CHROMIUM_BUDGET_SECONDS = 150;
/** One measurement (page load, warm-up, timing) may take at most this long. */
const MEASUREMENT_LIMIT_SECONDS = 90;

const { chromiumArgs, chromiumPath } = chromiumHelpers as { chromiumArgs: string[]; chromiumPath(): string | null };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Bundles the page into a fresh temporary folder; returns the folder. */
export async function buildPage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'convas-bench-'));
  // The page, the worker it trains in, and the helper replica's worker entry that data-parallel runs start as
  // /replica.js.
  await build({
    entryPoints: {
      bench: join(ROOT, 'scripts/bench/browserEntry.ts'),
      benchWorker: join(ROOT, 'scripts/bench/benchWorker.ts'),
      replica: join(ROOT, 'engine/parallel/replicaWorker.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  mkdirSync(join(dir, 'wasm'));
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    copyFileSync(join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', file), join(dir, 'wasm', file));
  }
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Convas bench</title><script type="module" src="/bench.js"></script>');
  return dir;
}

/** Serves `dir` on a free local port with COOP/COEP (as scripts/serve.mjs does for the app). */
export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = join(dir, path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The developer scripts' setting: builds and serves the bench page, launches headless Chromium (plus
 * `extraArgs`), runs `fn` with the browser and the page's address, then closes both and removes the page.
 */
export async function withBenchBrowser<T>(fn: (browser: Browser, url: string) => Promise<T>, extraArgs: string[] = []): Promise<T> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found');
  const dir = await buildPage();
  const server = await serve(dir);
  try {
    const browser = await chromium.launch({ executablePath, args: [...chromiumArgs, ...extraArgs], headless: true });
    try {
      return await fn(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new tab of `browser` on the bench page at `url`, once its `convasBench` is there. */
export async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'convasBench' in globalThis, undefined, { timeout: 30_000 });
  return page;
}

/** Rejects after `seconds`. */
export function within<T>(seconds: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Measures `<model>_img_per_s_<backend>_chromium` for every backend that starts (and, on wasm,
 * `first_cnn_img_per_s_wasm_chromium`: the First CNN template, the graph a new editor opens with, whose
 * BatchNorm layers the reference models do not have). Backends that fail or
 * are missing are reported through `log` and left out. Returns [] (with a log line) without Chromium.
 */
export async function benchChromium(
  opts: { backends?: readonly BackendName[]; log?: (line: string) => void; budgetSeconds?: number } = {},
): Promise<BenchFigure[]> {
  const started = performance.now();
  const budget = opts.budgetSeconds ?? CHROMIUM_BUDGET_SECONDS;
  const log = opts.log ?? ((line: string) => console.error(line));
  const executablePath = chromiumPath();
  if (!executablePath) {
    log('chromium: skipped, no Chromium found (set CHROMIUM_PATH or install chromium)');
    return [];
  }
  const dir = await buildPage();
  const server = await serve(dir);
  let browser: Browser | undefined;
  const figures: BenchFigure[] = [];
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const backends = opts.backends ?? (['wasm', 'webgl', 'webgpu', 'cpu'] as const);
    let probed = false;
    // wasm trains on as many workers as the app would give it on this machine.
    let wasmWorkers = 1;
    // Every backend's CNN first, then the U-Nets: on a slow day the budget runs out on the slowest U-Nets,
    // not on whole backends.
    const order = (['cnn', 'first-cnn', 'unet'] as const).flatMap((model) =>
      backends.filter((b) => BACKEND_PLAN[b].models.includes(model)).map((backend) => ({ backend, model })),
    );
    for (const { backend, model } of order) {
      const plan = BACKEND_PLAN[backend];
      const spent = (performance.now() - started) / 1000;
      if (spent > budget) {
        log(`chromium ${backend} ${model}: skipped (the Chromium budget of ${budget} s is spent)`);
        continue;
      }
      // A fresh page per measurement: no backend state or leaked GPU memory carries over.
      const page = await browser.newPage();
      try {
        await page.goto(url);
        await page.waitForFunction(() => 'convasBench' in globalThis, undefined, { timeout: 30_000 });
        if (!probed) {
          const probes = await page.evaluate(() => (globalThis as unknown as { convasBench: BrowserBench }).convasBench.probe());
          for (const [name, detail] of Object.entries(probes)) log(`chromium probe ${name}: ${detail}`);
          const env = await page.evaluate(() => (globalThis as unknown as { convasBench: BrowserBench }).convasBench.environment());
          wasmWorkers = env.isolated ? defaultWorkerCount(env.cores) : 1;
          log(`chromium: ${env.cores} cores, ${env.isolated ? '' : 'not '}cross-origin isolated; wasm on ${wasmWorkers} worker(s)`);
          probed = true;
        }
        // Never run far past the budget: a measurement gets what is left of it (at least 20 s).
        const left = budget - (performance.now() - started) / 1000;
        const result = await within(
          Math.min(MEASUREMENT_LIMIT_SECONDS, Math.max(20, left)),
          `${model} on ${backend}`,
          page.evaluate(
            ([b, m, o]) => (globalThis as unknown as { convasBench: BrowserBench }).convasBench.run(b, m, o),
            [backend, model, { warmup: plan.warmup * stepsFactor(model), steps: plan.steps * stepsFactor(model), maxSeconds: plan.maxSeconds, workers: backend === 'wasm' ? wasmWorkers : 1 }] as const,
          ),
        );
        log(`chromium ${backend} ${model}: ${result.imagesPerSecond.toFixed(1)} img/s (${result.steps} steps, ${result.msPerStep.toFixed(0)} ms/step, ${result.workers} worker(s))`);
        figures.push({ name: `${model.replace('-', '_')}_img_per_s_${backend}_chromium`, value: Math.round(result.imagesPerSecond * 10) / 10, unit: 'img/s' });
      } catch (error) {
        log(`chromium ${backend} ${model}: skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--backends');
  const backends = i >= 0 ? (argv[i + 1].split(',') as BackendName[]) : undefined;
  benchChromium({ backends }).then(
    (figures) => {
      for (const f of figures) console.log(argv.includes('--json') ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
