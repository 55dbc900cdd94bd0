/**
 * What users wait for: a whole epoch of the reference CNN as the app runs it (generated skin-lesion images,
 * shuffled and augmented batches, the validation pass; the engine's train() in Chromium on the app's worker
 * count) against the exported train.py (PyTorch, its default threads) on the same generated images written
 * as PNGs, alternately in one run (A B A B A B). Each side's figure is its second epoch (the first pays for
 * warm-up); the figures are medians over the rounds, the ratio the median of per-round ratios. Then the
 * First CNN template's epochs on one worker and on the app's count, alternately (firstCnnEpochs).
 *
 *   npx tsx scripts/bench/epoch.ts [--json] [--rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { generateDataset } from '../../engine/datasets/generate';
import { exportGraph } from '../../engine/export';
import { defaultWorkerCount } from '../../engine/parallel/workerCount';
import { inferShapes } from '../../graph/shapes';
import { buildFirstCnn } from '../../graph/templates/firstCnn';
import type { GraphDocument } from '../../graph/types';
// @ts-expect-error - plain .mjs helper shared with playwright.config.ts, without declarations; typed below
import * as chromiumHelpers from '../chromiumPath.mjs';
import { writeDataset } from '../cli/generate';
import type { BrowserBench } from './browserEntry';
import { buildPage, serve } from './chromium';
import type { BenchFigure } from './kernels';
import { referenceCnnDocument } from './references';
import { median } from './versusFigures';

const { chromiumArgs, chromiumPath } = chromiumHelpers as { chromiumArgs: string[]; chromiumPath(): string | null };
const PYTHON = '/usr/bin/python3';

/** The workload: the reference CNN at batch 32, two epochs of 1000 generated 64x64 skin-lesion images. */
export const EPOCH_PLAN = { count: 1000, epochs: 2, batchSize: 32, size: 64 };

const r3 = (v: number) => Math.round(v * 1000) / 1000;

function epochDocument(): GraphDocument {
  const doc = referenceCnnDocument();
  doc.training = { ...doc.training, epochs: EPOCH_PLAN.epochs, batchSize: EPOCH_PLAN.batchSize };
  return doc;
}

/** train.py's per-epoch seconds (its --json records), run with PyTorch's defaults. */
function trainPyEpochs(exportDir: string, dataDir: string): number[] {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.OMP_NUM_THREADS;
  delete env.OMP_WAIT_POLICY;
  const py = spawnSync(PYTHON, [join(exportDir, 'train.py'), '--data', dataDir, '--json', '--cpu', '--from-scratch', '--out', join(exportDir, 'trained.safetensors')], {
    encoding: 'utf8',
    timeout: 300_000,
    env,
  });
  if (py.status !== 0) throw new Error(`train.py exited with ${py.status}: ${(py.stderr ?? '').trim().split('\n').at(-1)}`);
  return py.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { epoch?: number; seconds?: number })
    .filter((r) => r.epoch !== undefined)
    .map((r) => r.seconds ?? NaN);
}

/** Runs `a` then `b` in even rounds, `b` then `a` in odd ones (A B, B A, ...); returns their results as [a, b]. */
async function inTurn<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

export async function benchEpoch(opts: { log?: (line: string) => void; rounds?: number } = {}): Promise<BenchFigure[]> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const rounds = opts.rounds ?? 3;
  const executablePath = chromiumPath();
  if (!executablePath) return log('epoch: skipped, no Chromium found'), [];
  if (!existsSync(PYTHON)) return log(`epoch: skipped, ${PYTHON} not found`), [];
  const doc = epochDocument();
  const work = mkdtempSync(join(tmpdir(), 'convas-epoch-'));
  const dataDir = join(work, 'data');
  const exportDir = join(work, 'pytorch');
  await writeDataset(generateDataset('skin-lesions', { count: EPOCH_PLAN.count, size: EPOCH_PLAN.size, seed: doc.training.seed }), dataDir);
  mkdirSync(exportDir, { recursive: true });
  for (const f of exportGraph(doc, 'pytorch').files) writeFileSync(join(exportDir, f.path), f.content);
  const dir = await buildPage();
  const server = await serve(dir);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const app: number[] = [];
    const torch: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Auto's count, as the app takes it: by the cores and the batch's work.
      const work = { macsPerImage: inferShapes(doc, doc.task).totals.macs, batchSize: doc.training.batchSize };
      const runApp = async () => (await appEpoch(browser!, url, doc, (cores) => defaultWorkerCount(cores, undefined, work))).seconds;
      const runTorch = async () => trainPyEpochs(exportDir, dataDir).at(-1) ?? NaN;
      const [a, b] = await inTurn(r, runApp, runTorch);
      app.push(a);
      torch.push(b);
      ratios.push(b / a);
      log(`epoch round ${r + 1}: app ${a.toFixed(2)} s, train.py ${b.toFixed(2)} s per epoch`);
    }
    const first = await firstCnnEpochs(browser, url, rounds, log);
    return [
      ...first,
      { name: 'cnn_epoch_s_app', value: r3(median(app)), unit: 's' },
      { name: 'cnn_epoch_s_pytorch', value: r3(median(torch)), unit: 's' },
      // Above 1: the app's epoch is faster than train.py's.
      { name: 'cnn_epoch_app_vs_pytorch', value: r3(median(ratios)), unit: 'ratio' },
    ];
  } finally {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The last epoch's wall seconds of `doc` trained as the app trains it (generated skin-lesion images, the
 * engine's train() in a fresh bench page), on `workers(cores)` workers, and that worker count.
 */
async function appEpoch(browser: Browser, url: string, doc: GraphDocument, workers: (cores: number) => number): Promise<{ seconds: number; workers: number }> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'convasBench' in globalThis, undefined, { timeout: 30_000 });
    const count = workers(await page.evaluate(() => navigator.hardwareConcurrency));
    const spec = { document: doc, data: { taskId: 'skin-lesions', count: EPOCH_PLAN.count, size: EPOCH_PLAN.size, seed: doc.training.seed }, samples: 8 };
    const seconds = await page.evaluate(([s, w]) => (globalThis as unknown as { convasBench: BrowserBench }).convasBench.epochs(s, w), [spec, count] as const);
    return { seconds: seconds.at(-1) ?? NaN, workers: count };
  } finally {
    await page.close();
  }
}

/**
 * The graph a new editor opens with (the First CNN template: Conv-BatchNorm-ReLU, batches of 16) as the app
 * trains it, on one worker and on the app's worker count, alternately: `first_cnn_epoch_s_app_1worker`,
 * `first_cnn_epoch_s_app_<N>workers` (second epochs, medians) and `first_cnn_epoch_worker_scaling` (median of
 * the per-round ratios). Its quick steps gain nothing from a second worker on a fixed batch
 * (`first_cnn_img_per_s_wasm_chromium`); in training the coordinator makes the next batch meanwhile.
 */
async function firstCnnEpochs(browser: Browser, url: string, rounds: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const doc = buildFirstCnn();
  doc.training = { ...doc.training, epochs: EPOCH_PLAN.epochs };
  const alone = () => appEpoch(browser, url, doc, () => 1);
  const shared = () => appEpoch(browser, url, doc, (cores) => Math.max(2, defaultWorkerCount(cores)));
  const one: number[] = [];
  const many: number[] = [];
  let workers = 2;
  for (let r = 0; r < rounds; r++) {
    const [a, b] = await inTurn(r, alone, shared);
    workers = b.workers;
    one.push(a.seconds);
    many.push(b.seconds);
    log(`epoch First CNN round ${r + 1}: ${a.seconds.toFixed(2)} s on 1 worker, ${b.seconds.toFixed(2)} s on ${workers}`);
  }
  return [
    { name: 'first_cnn_epoch_s_app_1worker', value: r3(median(one)), unit: 's' },
    { name: `first_cnn_epoch_s_app_${workers}workers`, value: r3(median(many)), unit: 's' },
    // Above 1: the app's workers shorten the epoch.
    { name: 'first_cnn_epoch_worker_scaling', value: r3(median(one.map((v, i) => v / many[i]))), unit: 'ratio' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : undefined;
  benchEpoch({ rounds }).then(
    (figures) => {
      for (const f of figures) console.log(argv.includes('--json') ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
