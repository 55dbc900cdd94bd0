/**
 * The honest comparison with PyTorch: Convas (wasm in headless Chromium, on 1 worker and on the app's worker
 * count) and PyTorch (its defaults) trained alternately in one run, A B A B A B, so both sides see the same
 * machine load; every `*_vs_pytorch` ratio is the median of the per-round ratios.
 *
 * Each round times, for each reference model: Convas on 1 worker, Convas on N workers, PyTorch with its
 * default threads (one per core), PyTorch on 1 thread; the order flips every round (A B ... then ... B A).
 * Each round also runs N independent one-worker trainings at the same time (N pages): their summed img/s
 * over one alone is what this machine gives N-way parallel work with no synchronisation at all, so the
 * worker scaling can be read against it (a shared host that slows a core when both are busy caps both).
 * The round's ratio divides the app's figure (N workers) by the faster PyTorch run of that round: on a
 * quiet machine that is the default; on a busy one, OpenMP threads that spin for a core another process
 * holds can collapse PyTorch's default several-fold, and a ratio against that would flatter Convas.
 *
 * Five rounds by default: on a shared 2-core machine one round's 2-worker figure swings by 20% (another
 * session's burst lands on one core and the step waits for that replica), and with three rounds one bad
 * round in two moved the median scaling from 1.77 to 1.49 between runs minutes apart.
 *
 *   npx tsx scripts/bench/versus.ts [--json] [--rounds 5] [--steps 30]
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultWorkerCount } from '../../engine/parallel/workerCount';
// @ts-expect-error - plain .mjs helper shared with playwright.config.ts, without declarations; typed below
import * as chromiumHelpers from '../chromiumPath.mjs';
import type { BrowserBench } from './browserEntry';
import { buildPage, serve } from './chromium';
import type { BenchFigure } from './kernels';
import { median, pairedRatios, versusFigures, type Round } from './versusFigures';

const { chromiumArgs, chromiumPath } = chromiumHelpers as { chromiumArgs: string[]; chromiumPath(): string | null };
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pytorch.py', import.meta.url));

/** PyTorch kept warm in a child process (pytorch.py --serve), answering one measurement per request. */
class TorchServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: ((line: string) => void) | null = null;
  private stderr = '';

  constructor() {
    // Its defaults: no OMP_WAIT_POLICY (or thread count) from our environment.
    const env = { ...process.env };
    delete env.OMP_WAIT_POLICY;
    delete env.OMP_NUM_THREADS;
    this.child = spawn(PYTHON, [SCRIPT, '--serve'], { env });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer += d;
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0 && this.waiting) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const w = this.waiting;
        this.waiting = null;
        w(line);
      }
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d));
  }

  measure(model: 'cnn' | 'unet', steps: number, threads: number | 'default'): Promise<{ imgPerS: number; imgPerCpuS: number; threads: number }> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`pytorch.py exited with ${code}: ${this.stderr.trim().split('\n').at(-1) ?? ''}`));
      this.child.once('exit', onExit);
      this.waiting = (line) => {
        this.child.off('exit', onExit);
        const a = JSON.parse(line) as { img_per_s: number; img_per_cpu_s: number; threads: number };
        resolve({ imgPerS: a.img_per_s, imgPerCpuS: a.img_per_cpu_s, threads: a.threads });
      };
      this.child.stdin.write(`${model} ${steps}${threads === 'default' ? '' : ` ${threads}`}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

type Bench = { convasBench: BrowserBench };

/**
 * Measures the rounds and returns the figures (see ./versusFigures.ts for their names); [] with a logged
 * reason without Chromium or PyTorch.
 */
export async function benchVersus(opts: { log?: (line: string) => void; rounds?: number; steps?: number; models?: ('cnn' | 'unet')[] } = {}): Promise<BenchFigure[]> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const rounds = opts.rounds ?? 5;
  const torchSteps = Math.max(30, opts.steps ?? 30);
  const executablePath = chromiumPath();
  if (!executablePath) return log('versus: skipped, no Chromium found'), [];
  if (!existsSync(PYTHON)) return log(`versus: skipped, ${PYTHON} not found`), [];
  const dir = await buildPage();
  const server = await serve(dir);
  const torch = new TorchServer();
  let browser: Browser | undefined;
  const figures: BenchFigure[] = [];
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const newPage = async () => {
      const page = await browser!.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'convasBench' in globalThis, undefined, { timeout: 30_000 });
      return page;
    };
    const probe = await newPage();
    const env = await probe.evaluate(() => (globalThis as unknown as Bench).convasBench.environment());
    await probe.close();
    if (!env.isolated) throw new Error('the bench page is not cross-origin isolated');
    const workers = Math.max(2, defaultWorkerCount(env.cores));
    log(`versus: ${env.cores} cores; Convas wasm on 1 and ${workers} workers against PyTorch, ${rounds} alternating rounds`);
    for (const model of opts.models ?? (['cnn', 'unet'] as const)) {
      // One warm page per worker count (idle helpers cost nothing while the other side runs).
      const pages = { one: await newPage(), many: await newPage() };
      // pages.one and these train independently at the same time: workers one-worker runs in all.
      const others = await Promise.all(Array.from({ length: workers - 1 }, () => newPage()));
      const open = (page: Page, n: number) =>
        page.evaluate(([m, w]) => (globalThis as unknown as Bench).convasBench.open('wasm', m, { workers: w, warmup: 3 }), [model, n] as const);
      await open(pages.one, 1);
      await open(pages.many, workers);
      for (const page of others) await open(page, 1);
      // Similar wall time on each side: as many browser steps as PyTorch's, capped at 8 s.
      const browserTime = (page: Page) => page.evaluate((steps) => (globalThis as unknown as Bench).convasBench.time(steps, 8), torchSteps);
      const measured: Round[] = [];
      for (let r = 0; r < rounds; r++) {
        const round: Partial<Round> = {};
        const parts: (() => Promise<void>)[] = [
          async () => void (round.one = (await browserTime(pages.one)).imagesPerSecond),
          async () => void (round.many = (await browserTime(pages.many)).imagesPerSecond),
          async () => {
            const t = await torch.measure(model, torchSteps, 'default');
            round.torch = t.imgPerS;
            round.torchCpu = t.imgPerCpuS;
            round.torchThreads = t.threads;
          },
          async () => void (round.torch1 = (await torch.measure(model, torchSteps, 1)).imgPerS),
          async () => {
            // Same steps each, started together; a run that ends first leaves the others the machine for their
            // last steps, which can only raise this sum (so it never flatters the worker scaling read against it).
            const all = await Promise.all([pages.one, ...others].map(browserTime));
            round.independent = all.reduce((sum, r) => sum + r.imagesPerSecond, 0);
          },
        ];
        for (const part of r % 2 === 0 ? parts : [...parts].reverse()) await part();
        measured.push(round as Round);
        const x = round as Round;
        log(
          `versus ${model} round ${r + 1}: Convas ${x.one.toFixed(0)} img/s (1 worker), ${x.many.toFixed(0)} (${workers}); ` +
            `${workers} independent one-worker runs at once ${x.independent!.toFixed(0)} in all; ` +
            `PyTorch ${x.torch.toFixed(0)} (${x.torchThreads} threads), ${x.torch1.toFixed(0)} (1 thread)`,
        );
      }
      for (const page of [...Object.values(pages), ...others]) {
        await page.evaluate(() => (globalThis as unknown as Bench).convasBench.close()).catch(() => undefined);
        await page.close();
      }
      figures.push(...versusFigures(model, workers, measured));
      log(`versus ${model}: per-round ratios ${pairedRatios(measured).map((v) => v.toFixed(2)).join(', ')} (median ${median(pairedRatios(measured)).toFixed(3)})`);
    }
  } finally {
    torch.close();
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** The alternating comparison, or PyTorch alone (./pytorch.ts) when there is no Chromium to alternate with. */
export async function benchVersusOrPytorch(opts: { log?: (line: string) => void } = {}): Promise<BenchFigure[]> {
  if (chromiumPath()) return benchVersus(opts);
  (opts.log ?? console.error)('pytorch: no Chromium, so PyTorch alone (no alternation, no ratios)');
  return (await import('./pytorch')).benchPytorch(opts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const flag = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : undefined);
  benchVersus({ rounds: flag('--rounds'), steps: flag('--steps') }).then(
    (figures) => {
      for (const f of figures) console.log(argv.includes('--json') ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
