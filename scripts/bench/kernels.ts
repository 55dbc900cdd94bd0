/**
 * Training throughput of the two benchmark reference models (a 3-block CNN on 64x64x3 and a mini U-Net on
 * 64x64x1, see ./references.ts), written by hand in tfjs layers, on the wasm
 * backend in Node (single-threaded there), with Convas' training kernels registered; and the per-kernel
 * time of one training step.
 *
 *   npx tsx scripts/bench/kernels.ts [--steps N] [--warmup N] [--json] [--no-profile]
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { initBackend } from '../../engine/backends/init';

/** One benchmark figure, as `npm run bench -- --json` prints it. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

/** Time spent in one kernel name during one training step. */
export interface KernelTime {
  kernel: string;
  ms: number;
  calls: number;
}

type Sym = tf.SymbolicTensor;
const L = tf.layers;
const ap = (layer: tf.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;
const conv = (filters: number, x: Sym) => ap(L.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }), x);

/** Reference CNN: 64x64x3 -> conv16 -> pool -> conv32 -> pool -> conv64 -> GAP -> dense 7 softmax. */
export function referenceCnn(): tf.LayersModel {
  const input = tf.input({ shape: [64, 64, 3] });
  let x = ap(L.maxPooling2d({ poolSize: 2 }), conv(16, input));
  x = ap(L.maxPooling2d({ poolSize: 2 }), conv(32, x));
  x = ap(L.globalAveragePooling2d({}), conv(64, x));
  const model = tf.model({ inputs: input, outputs: ap(L.dense({ units: 7, activation: 'softmax' }), x) });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** Mini U-Net: 64x64x1 -> conv16 x2 -> pool -> conv32 x2 -> up x2 -> concat(block 1) -> conv16 -> 1x1 sigmoid. */
export function referenceUnet(): tf.LayersModel {
  const input = tf.input({ shape: [64, 64, 1] });
  const block1 = conv(16, conv(16, input));
  const block2 = conv(32, conv(32, ap(L.maxPooling2d({ poolSize: 2 }), block1)));
  const up = ap(L.upSampling2d({ size: [2, 2] }), block2);
  const x = conv(16, ap(L.concatenate(), [up, block1]));
  const out = ap(L.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }), x);
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  return model;
}

interface Workload {
  name: 'cnn' | 'unet';
  build: () => tf.LayersModel;
  batch: number;
  data: () => [tf.Tensor, tf.Tensor];
}

const WORKLOADS: Workload[] = [
  {
    name: 'cnn',
    build: referenceCnn,
    batch: 32,
    data: () => [tf.randomUniform([32, 64, 64, 3], 0, 1, 'float32', 1), tf.oneHot(tf.randomUniform([32], 0, 7, 'int32', 2), 7)],
  },
  {
    name: 'unet',
    build: referenceUnet,
    batch: 16,
    data: () => [tf.randomUniform([16, 64, 64, 1], 0, 1, 'float32', 3), tf.cast(tf.randomUniform([16, 64, 64, 1], 0, 1, 'float32', 4).greater(0.7), 'float32')],
  },
];

/** Images per second over `steps` training steps after `warmup` steps, and the kernels of one step. */
export async function measureTraining(
  w: Workload,
  steps: number,
  warmup: number,
  profile: boolean,
): Promise<{ imgPerS: number; kernels: KernelTime[]; stepMs: number; cpuMs: number }> {
  const model = w.build();
  const [x, y] = w.data();
  for (let i = 0; i < warmup; i++) await model.trainOnBatch(x, y);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
  let kernels: KernelTime[] = [];
  if (profile) {
    // Time kernels in process CPU time, not wall time: on a shared machine wall time counts other
    // processes' turns. tf.profile times each kernel through backend.time().
    const backend = tf.backend() as unknown as { time: (f: () => void) => Promise<{ kernelMs: number }> };
    const wallTime = backend.time;
    backend.time = async (f) => {
      const start = process.cpuUsage();
      f();
      const used = process.cpuUsage(start);
      return { kernelMs: (used.user + used.system) / 1000 };
    };
    const info = await tf.profile(async () => {
      await model.trainOnBatch(x, y);
    }).finally(() => {
      backend.time = wallTime;
    });
    const byName = new Map<string, KernelTime>();
    for (const k of info.kernels) {
      const entry = byName.get(k.name) ?? { kernel: k.name, ms: 0, calls: 0 };
      entry.ms += k.kernelTimeMs as number;
      entry.calls++;
      byName.set(k.name, entry);
    }
    kernels = [...byName.values()].sort((a, b) => b.ms - a.ms);
  }
  tf.dispose([x, y]);
  model.dispose();
  return { imgPerS: (steps * w.batch * 1000) / elapsed, kernels, stepMs: elapsed / steps, cpuMs };
}

/**
 * Trains both reference models on wasm in Node and returns `cnn_img_per_s_wasm_node` and
 * `unet_img_per_s_wasm_node` (images per wall-clock second, single-threaded wasm), plus
 * `*_img_per_cpu_s_wasm_node` (images per second of this process's CPU time): on a shared machine the
 * wall-clock figure counts other processes' turns, the CPU one is what a free core would do.
 */
export async function benchWasmNode(opts: { steps?: number; warmup?: number } = {}): Promise<BenchFigure[]> {
  await initBackend('wasm');
  const figures: BenchFigure[] = [];
  for (const w of WORKLOADS) {
    const { imgPerS, cpuMs } = await measureTraining(w, opts.steps ?? 10, opts.warmup ?? 3, false);
    const round = (v: number) => Math.round(v * 10) / 10;
    figures.push({ name: `${w.name}_img_per_s_wasm_node`, value: round(imgPerS), unit: 'img/s' });
    figures.push({ name: `${w.name}_img_per_cpu_s_wasm_node`, value: round((w.batch * 1000) / cpuMs), unit: 'img/cpu-s' });
  }
  return figures;
}

function flag(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

async function main(argv: string[]): Promise<void> {
  const steps = flag(argv, '--steps', 10);
  const warmup = flag(argv, '--warmup', 3);
  const json = argv.includes('--json');
  if (json || argv.includes('--no-profile')) {
    for (const f of await benchWasmNode({ steps, warmup })) console.log(json ? JSON.stringify(f) : `${f.name}: ${f.value} ${f.unit}`);
    return;
  }
  await initBackend('wasm');
  for (const w of WORKLOADS) {
    const r = await measureTraining(w, steps, warmup, true);
    const total = r.kernels.reduce((s, k) => s + k.ms, 0);
    console.log(`\n${w.name}: ${r.imgPerS.toFixed(1)} img/s (batch ${w.batch}, ${r.stepMs.toFixed(1)} ms/step, ${r.cpuMs.toFixed(1)} ms cpu/step; kernels ${total.toFixed(1)} ms cpu in the profiled step)`);
    for (const k of r.kernels.slice(0, 16)) {
      console.log(`  ${k.kernel.padEnd(28)} ${k.ms.toFixed(1).padStart(8)} ms ${String(k.calls).padStart(4)} calls ${((100 * k.ms) / total).toFixed(1).padStart(5)}%`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
