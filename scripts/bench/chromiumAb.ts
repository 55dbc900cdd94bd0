/**
 * Before/after of the training-step changes in headless Chromium (wasm, one worker unless --workers, in the
 * bench page's worker):
 * the reference CNN and U-Net are timed with the changes off (A) and on (B) alternately, A B B A ..., on
 * one warm page; prints the medians and the median per-round ratio B/A, in wall-clock img/s and in images
 * per CPU-second of Chromium's processes (read from /proc, Linux: the figure a busy shared machine
 * disturbs least; the renderer trains on one thread, so its CPU time is the step's work).
 *
 *   npx tsx scripts/bench/chromiumAb.ts [--rounds 6] [--steps 10] [--only fusion|adam|fma|conv|winograd|winograd4|batchnorm|block|dense]
 *     [--model cnn|unet|first-cnn] [--workers 1]
 *
 * Without --only, A has every change of issue 16's step work off and B on; with it, only that one.
 * `--model first-cnn` trains the First CNN template (BatchNorm) instead: `--only batchnorm` times its kernels.
 * `--workers 2 --only block` times the data-parallel coordinator blocking on its helpers' slots against
 * awaiting their messages (the CPU figure then counts every replica's thread).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchModel, BrowserBench, Speedup } from './browserEntry';
import { openBenchPage, withBenchBrowser } from './chromium';
import { median } from './versusFigures';

type Bench = { convasBench: BrowserBench };

/** CPU seconds (user + system) of every process descended from this one, from /proc (0 where unreadable). */
function descendantsCpuSeconds(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (in parentheses): state ppid ... utime(14) stime(15), 1-based over the whole line.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(rest[1]));
      ticks.set(Number(name), Number(rest[11]) + Number(rest[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of mine) if (pid !== process.pid) total += ticks.get(pid) ?? 0;
  return total / 100; // USER_HZ
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const rounds = arg('--rounds', 6);
  const steps = arg('--steps', 10);
  const workers = arg('--workers', 1);
  const text = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const only = text('--only') as Speedup | undefined;
  const models: readonly BenchModel[] = text('--model') ? [text('--model') as BenchModel] : ['cnn', 'unet'];
  await withBenchBrowser(async (browser, url) => {
    for (const model of models) {
      const page = await openBenchPage(browser, url);
      await page.evaluate(([m, w]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3 }), [model, workers] as const);
      const time = async (on: boolean) => {
        await page.evaluate(([v, which]) => (globalThis as unknown as Bench).convasBench.speedups(v, which), [on, only] as const);
        await page.evaluate(() => (globalThis as unknown as Bench).convasBench.time(1, 10)); // one untimed step after the switch
        const cpu0 = descendantsCpuSeconds();
        const r = await page.evaluate((n) => (globalThis as unknown as Bench).convasBench.time(n, 10), steps);
        const cpu = descendantsCpuSeconds() - cpu0;
        const images = (r.imagesPerSecond * r.msPerStep * r.steps) / 1000;
        cpuRates[on ? 'b' : 'a'].push(images / Math.max(cpu, 0.01));
        return r.imagesPerSecond;
      };
      const cpuRates = { a: [] as number[], b: [] as number[] };
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < rounds; r++) {
        if (r % 2 === 0) {
          a.push(await time(false));
          b.push(await time(true));
        } else {
          b.push(await time(true));
          a.push(await time(false));
        }
        console.error(
          `chromium-ab ${model} round ${r + 1}: before ${a[r].toFixed(1)} img/s (${cpuRates.a[r].toFixed(1)} img/cpu-s), after ${b[r].toFixed(1)} img/s (${cpuRates.b[r].toFixed(1)} img/cpu-s)`,
        );
      }
      const ratios = a.map((v, i) => b[i] / v);
      const cpuRatios = cpuRates.a.map((v, i) => cpuRates.b[i] / v);
      console.log(
        `${model} (wasm, ${workers} worker${workers > 1 ? "s" : ""}, Chromium) per CPU-second: before ${median(cpuRates.a).toFixed(1)} img/cpu-s, after ${median(cpuRates.b).toFixed(1)}; ` +
          `median per-round ratio ${median(cpuRatios).toFixed(3)} (${cpuRatios.map((v) => v.toFixed(2)).join(', ')})`,
      );
      console.log(
        `${model} (wasm, ${workers} worker${workers > 1 ? "s" : ""}, Chromium): before ${median(a).toFixed(1)} img/s, after ${median(b).toFixed(1)} img/s; ` +
          `median per-round ratio ${median(ratios).toFixed(3)} (${ratios.map((v) => v.toFixed(2)).join(', ')})`,
      );
      await page.evaluate(() => (globalThis as unknown as Bench).convasBench.close());
      await page.close();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
