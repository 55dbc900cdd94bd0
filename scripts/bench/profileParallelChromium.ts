/**
 * Where a data-parallel step's time goes in Chromium (the counterpart of ./profileParallel.ts, which runs in
 * Node): one reference model on 1 worker, on 2 workers, and on 1 worker at half the batch (a replica's shard
 * alone), timed alternately in warm pages; for 2 workers, the coordinator's phases (ParallelStepper.timings:
 * posting, its own shard, the helper's shard as it measured it, the meanwhile work, the wait for the helper,
 * the update). A shard that takes longer beside the helper than alone, or a long wait, is what the worker
 * scaling loses. JSFLAGS passes V8 flags (e.g. --single-threaded-gc) to compare.
 *
 *   npx tsx scripts/bench/profileParallelChromium.ts [--model cnn|unet|first-cnn] [--rounds 4] [--steps 30]
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { BrowserBench } from './browserEntry';
import { openBenchPage, withBenchBrowser } from './chromium';

type Bench = { convasBench: BrowserBench };

/** The reference batch sizes (./references.ts, the First CNN template's 16) and their halves. */
const BATCH: Record<'cnn' | 'unet' | 'first-cnn', number> = { cnn: 32, unet: 16, 'first-cnn': 16 };

async function main(argv: string[]): Promise<void> {
  const text = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const model = text('--model', 'cnn') as keyof typeof BATCH;
  const rounds = Number(text('--rounds', '4'));
  const steps = Number(text('--steps', '30'));
  const flags = process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [];
  await withBenchBrowser(async (browser, url) => {
    const open = async (workers: number, batchSize: number) => {
      const page = await openBenchPage(browser, url);
      await page.evaluate(([m, w, b]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3, batchSize: b }), [model, workers, batchSize] as const);
      return page;
    };
    const time = (page: Page) => page.evaluate((s) => (globalThis as unknown as Bench).convasBench.time(s, 10), steps);
    const timings = (page: Page) => page.evaluate(() => (globalThis as unknown as Bench).convasBench.takeTimings());
    const one = await open(1, BATCH[model]);
    const two = await open(2, BATCH[model]);
    const half = await open(1, BATCH[model] / 2);
    for (let r = 0; r < rounds; r++) {
      const a = await time(one);
      await timings(two); // from zero: only this round's steps
      const b = await time(two);
      const t = (await timings(two))!;
      const h = await time(half);
      const per = (k: string) => (t[k] / t.steps).toFixed(1);
      console.log(
        `${model} round ${r + 1}: 1 worker ${a.msPerStep.toFixed(1)} ms/step (${a.imagesPerSecond.toFixed(0)} img/s); ` +
          `2 workers ${b.msPerStep.toFixed(1)} ms/step (${b.imagesPerSecond.toFixed(0)} img/s); 1 worker, half the batch, ${h.msPerStep.toFixed(1)} ms/step. ` +
          `2 workers' coordinator: post ${per('post')}, own shard ${per('shard')}, helper's shard ${per('helperShard')}, ` +
          `meanwhile ${per('meanwhile')}, wait ${per('wait')} (${t.slotWaits} of ${t.steps} on the slots' counter), update ${per('apply')} ms`,
      );
    }
  }, flags);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
