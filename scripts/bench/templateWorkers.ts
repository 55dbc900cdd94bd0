/**
 * Which graphs gain from a second worker: every bundled template (and the reference CNN) trained on fixed
 * batches in Chromium on wasm, on 1 and on 2 workers, alternately (A B, then B A) in warm pages; prints
 * each round's ms per step and the median of the per-round img/s ratios. A graph whose step is mostly fixed
 * costs (a small input, a large Dense layer: the First CNN template) gains little; one whose step is mostly
 * convolution gains most.
 *
 *   npx tsx scripts/bench/templateWorkers.ts [--rounds 4] [--models first-cnn,template:vgg,...]
 */
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { TEMPLATES } from '../../graph/templates';
import { median } from '../../engine/metrics';
// @ts-expect-error - plain .mjs helper shared with playwright.config.ts, without declarations; typed below
import * as chromiumHelpers from '../chromiumPath.mjs';
import type { BenchModel, BrowserBench } from './browserEntry';
import { buildPage, serve } from './chromium';

const { chromiumArgs, chromiumPath } = chromiumHelpers as { chromiumArgs: string[]; chromiumPath(): string | null };
type Bench = { convasBench: BrowserBench };

async function main(argv: string[]): Promise<void> {
  const text = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const rounds = Number(text('--rounds', '4'));
  const models = text('--models', ['cnn', ...TEMPLATES.map((t) => `template:${t.id}`)].join(',')).split(',') as BenchModel[];
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found');
  const dir = await buildPage();
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const open = async (model: BenchModel, workers: number) => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'convasBench' in globalThis, undefined, { timeout: 30_000 });
      await page.evaluate(([m, w]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3 }), [model, workers] as const);
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
      console.log(`${model}: ms a step on 1/2 workers ${steps.join(', ')}; 2 workers' img/s over 1 worker's: median ${median(ratios).toFixed(2)}`);
      await one.close();
      await two.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
