/**
 * Where a training step's CPU time goes in Chromium, by function: Linux `perf record` on the renderer while
 * one model trains on wasm (1 or more workers), with V8's `--perf-basic-prof` so that JavaScript and wasm
 * frames have names. Prints the share of samples by thread kind, then the top functions (each JavaScript
 * function summed over the replicas' copies of the bundle; wasm functions as wasm-function[i]).
 * `--thread KIND` lists one thread kind's own top functions instead (Chromium's own frames show as bare addresses:
 * Debian ships its binary without symbols).
 *
 * This is how the fixed costs every replica pays were found (engine/kernels/README.md, fifth round):
 * Winograd's filter transforms in JavaScript and Mean's array of ones. Needs `perf` (Debian: linux-perf) and
 * permission to profile another process (root, or kernel.perf_event_paranoid <= 1).
 *
 *   npx tsx scripts/bench/perfChromium.ts [--model cnn|unet|first-cnn|template:ID] [--workers 2] [--seconds 5] [--top 30] [--thread ThreadPoolForeg]
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchModel, BrowserBench } from './browserEntry';
import { openBenchPage, withBenchBrowser } from './chromium';

type Bench = { convasBench: BrowserBench };

/** The renderer process whose threads include the training workers (DedicatedWorker), or null. */
function trainingRenderer(): string | null {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('DedicatedWorker')) return pid;
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return null;
}

/**
 * One sample line of `perf report --sort comm,sym -g none` as [percent, thread, symbol], the symbol with its
 * script URL and position removed (each replica loads its own copy of the bundle).
 */
function parseReportLine(line: string): [number, string, string] | null {
  const m = /^\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*)$/.exec(line);
  if (!m) return null;
  return [Number(m[1]), m[2], m[3].replace(/\s+https?:\/\/\S+/, '').trim()];
}

/**
 * The files `--perf-basic-prof` leaves behind: V8's logs in the working directory and the symbol maps in
 * /tmp (perf report reads those, so they go after it).
 */
function profilingLeftovers(): string[] {
  const logs = readdirSync('.').filter((f) => /^isolate-0x[0-9a-f]+-\d+-v8\.log$/.test(f));
  const maps = readdirSync('/tmp').filter((f) => /^perf-\d+\.map$/.test(f)).map((f) => `/tmp/${f}`);
  return [...logs, ...maps];
}

/** Percentages summed by key, largest first. */
function totals(rows: [number, string, string][], key: (row: [number, string, string]) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row[0]);
  return [...sums].sort((a, b) => b[1] - a[1]);
}

async function main(argv: string[]): Promise<void> {
  const text = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const model = text('--model', 'cnn') as BenchModel;
  const workers = Number(text('--workers', '2'));
  const seconds = Number(text('--seconds', '5'));
  const top = Number(text('--top', '30'));
  // One kind of thread's own top functions, e.g. ThreadPoolForeg (V8's compiler and GC helpers).
  const thread = text('--thread', '');
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('perf not found (Debian: apt-get install linux-perf)');
  const data = '/tmp/convas-perf.data';
  const before = new Set(profilingLeftovers());
  await withBenchBrowser(
    async (browser, url) => {
      const page = await openBenchPage(browser, url);
      await page.evaluate(([m, w]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3 }), [model, workers] as const);
      // Past the first steps' compiling and kernel specialisation.
      await page.evaluate(() => (globalThis as unknown as Bench).convasBench.time(30, 4));
      const pid = trainingRenderer();
      if (!pid) throw new Error('no renderer with a DedicatedWorker thread found');
      const perf = spawn('perf', ['record', '-F', '999', '-p', pid, '-o', data, '--', 'sleep', String(seconds)], { stdio: 'ignore' });
      const recorded = new Promise<number | null>((resolve) => perf.on('exit', resolve));
      const r = await page.evaluate((s) => (globalThis as unknown as Bench).convasBench.time(100_000, s), seconds + 1);
      if ((await recorded) !== 0) throw new Error('perf record failed (permissions? kernel.perf_event_paranoid)');
      console.log(`${model} on ${workers} worker${workers > 1 ? 's' : ''}: ${r.imagesPerSecond.toFixed(0)} img/s while recording ${seconds} s of renderer ${pid}`);
    },
    ['--js-flags=--perf-basic-prof'],
  );
  const report = spawnSync('perf', ['report', '-i', data, '--no-children', '--sort', 'comm,sym', '-g', 'none', '--stdio'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  rmSync(data, { force: true });
  for (const file of profilingLeftovers()) if (!before.has(file)) rmSync(file, { force: true });
  const rows = report.stdout.split('\n').map(parseReportLine).filter((r): r is [number, string, string] => r !== null);
  console.log('\nby thread kind:');
  for (const [thread, pct] of totals(rows, (r) => r[1]).slice(0, 6)) console.log(`  ${pct.toFixed(2).padStart(6)}%  ${thread}`);
  const shown = thread ? rows.filter((r) => r[1].startsWith(thread)) : rows;
  console.log(`\ntop ${top} functions (${thread ? `${thread} threads, percent of all samples` : 'all threads'}):`);
  for (const [symbol, pct] of totals(shown, (r) => r[2]).slice(0, top)) console.log(`  ${pct.toFixed(2).padStart(6)}%  ${symbol}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
