/**
 * Whose CPU a training step uses in Chromium: every Chromium thread's CPU time (from /proc, Linux only) over
 * rounds of timed steps of one reference model on 1 worker and on 2, alternately, printed per step by thread
 * kind (the training workers one by one). With one worker, V8's background threads (ThreadPoolForeground:
 * concurrent JIT, GC helpers) run on the idle core; with two workers they take their time from a replica, so
 * it counts against the worker scaling. JSFLAGS passes V8 flags to compare (e.g. --single-threaded moves that
 * work onto the workers). The figures are jiffies (10 ms): read them over rounds of 30 steps or more.
 *
 *   npx tsx scripts/bench/threadCpuChromium.ts [--model cnn|unet|first-cnn] [--rounds 3] [--steps 30]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { BrowserBench } from './browserEntry';
import { openBenchPage, withBenchBrowser } from './chromium';

type Bench = { convasBench: BrowserBench };

/** CPU jiffies (user + system) of every thread of every Chromium process, by "process type:thread name:tid". */
export function chromiumThreadJiffies(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      // Chromium's own processes (argv[0] chromium, chrome, chrome-headless-shell), not a script named after it.
      if (!/chrom/.test(cmdline.split('\0')[0].split('/').pop() ?? '')) continue;
      const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // The name sits in parentheses and may hold spaces; utime and stime are the 12th and 13th fields after it.
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(`${type}:${name}:${tid}`, Number(fields[11]) + Number(fields[12]));
      }
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  return out;
}

/**
 * CPU milliseconds per step by thread kind between two readings: training workers one by one (they are the
 * replicas), every other thread summed by process type and name. Threads under 0.05 ms a step are left out.
 */
export function cpuPerStep(before: Map<string, number>, after: Map<string, number>, steps: number, jiffyMs = 10): [string, number][] {
  const byKind = new Map<string, number>();
  for (const [key, value] of after) {
    const spent = value - (before.get(key) ?? 0);
    if (spent <= 0) continue;
    const [type, name, tid] = key.split(':');
    const kind = name.startsWith('DedicatedWorker') ? `${type}:${name} ${tid}` : `${type}:${name}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + spent);
  }
  return [...byKind]
    .map(([kind, jiffies]): [string, number] => [kind, (jiffies * jiffyMs) / steps])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}

async function main(argv: string[]): Promise<void> {
  const text = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const model = text('--model', 'cnn') as 'cnn' | 'unet' | 'first-cnn';
  const rounds = Number(text('--rounds', '3'));
  const steps = Number(text('--steps', '30'));
  const flags = process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [];
  await withBenchBrowser(async (browser, url) => {
    const open = async (workers: number) => {
      const page = await openBenchPage(browser, url);
      await page.evaluate(([m, w]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3 }), [model, workers] as const);
      return page;
    };
    const pages: [string, Page][] = [
      ['1 worker', await open(1)],
      ['2 workers', await open(2)],
    ];
    for (let r = 0; r < rounds; r++) {
      for (const [label, page] of pages) {
        const before = chromiumThreadJiffies();
        const result = await page.evaluate((s) => (globalThis as unknown as Bench).convasBench.time(s, 20), steps);
        const spent = cpuPerStep(before, chromiumThreadJiffies(), result.steps);
        const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
        console.log(
          `${model} round ${r + 1}, ${label}: ${result.msPerStep.toFixed(1)} ms a step, CPU ${total.toFixed(1)} ms a step: ` +
            spent.map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`).join(', '),
        );
      }
    }
  }, flags);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
