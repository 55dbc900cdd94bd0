/**
 * Which graphs gain from a second worker: every bundled template (and the reference CNN) trained on fixed
 * batches in Chromium on wasm, on 1 and on 2 workers, alternately (A B, then B A) in warm pages; prints
 * each round's ms per step and the median of the per-round img/s ratios. A graph whose step is mostly fixed
 * costs (a small input, a large Dense layer: the First CNN template) gains little; one whose step is mostly
 * convolution gains most.
 *
 * `--batch N` trains every model at batch N instead of its own (where the worker count stops paying, by work
 * per shard).
 *
 *   npx tsx scripts/bench/templateWorkers.ts [--rounds 4] [--models first-cnn,template:vgg,...] [--batch 32]
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { TEMPLATES } from '../../graph/templates';
import { median } from '../../engine/metrics';
import type { BenchModel, BrowserBench } from './browserEntry';
import { openBenchPage, withBenchBrowser } from './chromium';

type Bench = { convasBench: BrowserBench };

async function main(argv: string[]): Promise<void> {
  const text = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const rounds = Number(text('--rounds', '4'));
  const batchSize = argv.includes('--batch') ? Number(text('--batch', '')) : undefined;
  const models = text('--models', ['cnn', ...TEMPLATES.map((t) => `template:${t.id}`)].join(',')).split(',') as BenchModel[];
  await withBenchBrowser(async (browser, url) => {
    const open = async (model: BenchModel, workers: number) => {
      const page = await openBenchPage(browser, url);
      await page.evaluate(([m, w, b]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3, batchSize: b }), [model, workers, batchSize] as const);
      return page;
    };
    const time = (page: Page) => page.evaluate(() => (globalThis as unknown as Bench).convasBench.time(30, 6));
    for (const model of models) {
      const one = await open(model, 1);
      const two = await open(model, 2);
      const ratios: number[] = [];
      const steps: string[] = [];
      for (let r = 0; r < rounds; r++) {
        const first = r % 2 === 0 ? one : two;
        const a = await time(first);
        const b = await time(first === one ? two : one);
        const [single, pair] = first === one ? [a, b] : [b, a];
        ratios.push(pair.imagesPerSecond / single.imagesPerSecond);
        steps.push(`${single.msPerStep.toFixed(1)}/${pair.msPerStep.toFixed(1)}`);
      }
      console.log(`${model}${batchSize ? ` (batch ${batchSize})` : ''}: ms a step on 1/2 workers ${steps.join(', ')}; 2 workers' img/s over 1 worker's: median ${median(ratios).toFixed(2)}`);
      await one.close();
      await two.close();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
