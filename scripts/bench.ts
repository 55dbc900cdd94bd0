/**
 * `npm run bench`: every benchmark module in turn, then the figures derived from several of them.
 * Prints a table, or with `-- --json` one `{"name","value","unit"}` object per line on stdout (progress and
 * skip reasons go to stderr). `-- --only kernels,pytorch` / `-- --skip chromium` pick modules by name.
 * Opt-in modules (`lessons`: trains every lesson's graph, minutes) run only when named, by `--only` or
 * `-- --with lessons` (the default set plus them).
 *
 * Adding a benchmark is one line in MODULES: a name and a function resolving to figures.
 */
import type { BenchFigure } from './bench/kernels';

type Log = (line: string) => void;

/**
 * The benchmark modules, in running order (fast and Node-only first, the browser last). `optIn` ones are
 * left out of a plain `npm run bench` and run only when `--only` or `--with` names them.
 */
const MODULES: { name: string; optIn?: boolean; run: (log: Log) => Promise<BenchFigure[]> }[] = [
  { name: 'graph', run: async () => (await import('./bench/graphShapes')).benchGraphShapes() },
  { name: 'datasets', run: async () => (await import('./bench/datasets')).benchDatasets() },
  { name: 'kernels', run: async () => (await import('./bench/kernels')).benchWasmNode() },
  { name: 'compile', run: async () => (await import('./bench/compile')).benchCompiled() },
  // PyTorch alternated with Convas in Chromium (A B A B A B: the honest ratios); PyTorch alone without Chromium.
  { name: 'pytorch', run: async (log) => (await import('./bench/versus')).benchVersusOrPytorch({ log }) },
  { name: 'chromium', run: async (log) => (await import('./bench/chromium')).benchChromium({ log }) },
  { name: 'epoch', run: async (log) => (await import('./bench/epoch')).benchEpoch({ log }) },
  { name: 'journey', run: async (log) => (await import('./bench/journey')).benchJourney({ log }) },
  { name: 'lessons', optIn: true, run: async (log) => (await import('./bench/lessons')).benchLessons({ log }) },
];

/**
 * The best Chromium backend's img/s for a model over PyTorch's, when both were measured and the alternating
 * comparison (bench/versus.ts, the honest one) did not already give the ratio.
 */
function browserVsPytorch(model: 'cnn' | 'unet', figures: BenchFigure[]): BenchFigure[] {
  if (figures.some((f) => f.name === `${model}_browser_vs_pytorch`)) return [];
  const browser = figures.filter((f) => f.name.startsWith(`${model}_img_per_s_`) && f.name.endsWith('_chromium'));
  const torch = figures.find((f) => f.name === `${model}_img_per_s_pytorch`);
  if (!browser.length || !torch || !(torch.value > 0)) return [];
  const best = browser.reduce((a, b) => (b.value > a.value ? b : a));
  return [{ name: `${model}_browser_vs_pytorch`, value: Math.round((best.value / torch.value) * 1000) / 1000, unit: 'ratio' }];
}

/**
 * wasm in Node (one thread) against PyTorch in images per CPU-second: how much work each needs per image,
 * a figure a busy shared machine disturbs far less than wall-clock img/s.
 */
function perCpuSecond(model: 'cnn' | 'unet', figures: BenchFigure[]): BenchFigure[] {
  const wasm = figures.find((f) => f.name === `${model}_img_per_cpu_s_wasm_node`);
  const torch = figures.find((f) => f.name === `${model}_img_per_cpu_s_pytorch`);
  if (!wasm || !torch || !(torch.value > 0)) return [];
  return [{ name: `${model}_wasm_node_vs_pytorch_per_cpu_s`, value: Math.round((wasm.value / torch.value) * 1000) / 1000, unit: 'ratio' }];
}

/** Figures computed from other modules' figures. */
const DERIVED: ((figures: BenchFigure[]) => BenchFigure[])[] = [
  (f) => browserVsPytorch('cnn', f),
  (f) => browserVsPytorch('unet', f),
  (f) => perCpuSecond('cnn', f),
  (f) => perCpuSecond('unet', f),
];

function list(argv: string[], flag: string): string[] | null {
  const i = argv.indexOf(flag);
  return i >= 0 && argv[i + 1] ? argv[i + 1].split(',') : null;
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const only = list(argv, '--only');
  const skip = list(argv, '--skip') ?? [];
  const extra = list(argv, '--with') ?? [];
  const log: Log = (line) => console.error(line);
  const figures: BenchFigure[] = [];
  let failed = 0;
  const emit = (f: BenchFigure) => {
    figures.push(f);
    if (json) console.log(JSON.stringify(f));
  };
  const started = performance.now();
  for (const module of MODULES) {
    if ((only && !only.includes(module.name)) || skip.includes(module.name)) continue;
    if (module.optIn && !only?.includes(module.name) && !extra.includes(module.name)) continue;
    const t0 = performance.now();
    log(`bench ${module.name}...`);
    try {
      for (const f of await module.run(log)) emit(f);
      log(`bench ${module.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed++;
      log(`bench ${module.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const derive of DERIVED) for (const f of derive(figures)) emit(f);
  if (!json) {
    const width = Math.max(...figures.map((f) => f.name.length), 4);
    console.log(`${'name'.padEnd(width)}  ${'value'.padStart(10)}  unit`);
    for (const f of figures) console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(10)}  ${f.unit}`);
  }
  log(`bench: ${((performance.now() - started) / 1000).toFixed(0)} s in all${failed ? `, ${failed} module(s) failed` : ''}`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
