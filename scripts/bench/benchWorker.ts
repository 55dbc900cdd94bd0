/**
 * The Chromium benchmark's training side, a module worker (bundled as /benchWorker.js by ./chromium.ts): the
 * page (./browserEntry.ts) forwards each {@link BenchWorkerApi} call here, so every model trains off the page's
 * main thread, as the app's training worker does (a data-parallel coordinator there may block on its helpers'
 * slots: engine/parallel/layout.ts' canBlock). Trains the reference models on each tfjs backend, on one worker
 * or data parallel over several (helpers from /replica.js, the bundled replica worker entry, nested here).
 */
import * as tf from '@tensorflow/tfjs';
import { browserProbes } from '../../engine/backends/probe';
import { initBackend } from '../../engine/backends/init';
import { compileGraph } from '../../engine/compile';
import { setBatchNormFusion, setConvReluFusion } from '../../engine/kernels';
import { setConvSimd } from '../../engine/kernels/conv2d';
import { setMatMulSimd } from '../../engine/kernels/matMulSimd';
import { setConvWinograd, setWinogradTile } from '../../engine/kernels/simd/winograd';
import { setFilterGradFma } from '../../engine/kernels/simd/module';
import { workerPort } from '../../engine/parallel/browserReplicas';
import { setSlotWait } from '../../engine/parallel/layout';
import { setFlatAdam } from '../../engine/train/flatAdam';
import { openThroughput, type ThroughputOptions, type ThroughputResult, type ThroughputSession } from '../../engine/train/throughput';
import { train, type TrainSpec } from '../../engine/train/train';
import { buildFirstCnn } from '../../graph/templates/firstCnn';
import { templateById, type TemplateInfo } from '../../graph/templates';
import type { BackendName, GraphDocument } from '../../graph/types';
import { REFERENCE_MODELS } from './references';

/** What the driver calls in the page (./browserEntry.ts forwards it here: there, each returns a promise). */
export interface BenchWorkerApi {
  /** What each backend's probe says here (renderer, adapter, SIMD). */
  probe(): Promise<Record<BackendName, string>>;
  /** navigator.hardwareConcurrency and crossOriginIsolated, for the log and the worker count. */
  environment(): { cores: number; isolated: boolean };
  /** Starts `backend` and measures one reference model's training throughput on it. */
  run(backend: BackendName, model: BenchModel, opts: Omit<ThroughputOptions, 'batchSize' | 'replicas'>): Promise<ThroughputResult>;
  /** Starts `backend` and keeps one reference model warm for {@link BenchWorkerApi.time} (one open at a time). */
  open(backend: BackendName, model: BenchModel, opts: { workers: number; warmup: number; batchSize?: number }): Promise<void>;
  /** Times the open model again. */
  time(steps: number, maxSeconds: number): Promise<ThroughputResult>;
  /**
   * Where the open data-parallel model's coordinator spent its time since the last call (ms summed over
   * steps, ParallelStepper.timings), then zeroes them; null on one worker.
   */
  takeTimings(): Record<string, number> | null;
  close(): void;
  /**
   * Turns this page's step changes of issue 16 (fused ReLU convolutions, flat Adam, relaxed_madd filter
   * gradients, the direct SIMD convolutions) off or on, all or one, for before/after runs on one worker
   * (./chromiumAb.ts).
   */
  speedups(on: boolean, only?: Speedup): void;
  /**
   * Trains `spec` on wasm with `workers` as the app's training worker does (same engine: batching,
   * augmentation, validation pass) and returns each epoch's wall seconds.
   */
  epochs(spec: TrainSpec, workers: number): Promise<number[]>;
}

/** The step changes {@link BenchWorkerApi.speedups} can switch one at a time. */
export type Speedup = 'fusion' | 'adam' | 'fma' | 'conv' | 'winograd' | 'winograd4' | 'batchnorm' | 'block' | 'dense';

const SPEEDUPS: Record<Speedup, (on: boolean) => void> = {
  fusion: setConvReluFusion,
  adam: setFlatAdam,
  fma: setFilterGradFma,
  conv: (on) => setConvSimd(on ? 'auto' : 'off'),
  winograd: setConvWinograd,
  // F(4x4, 3x3) against F(2x2, 3x3) (off), Winograd on either way.
  winograd4: (on) => setWinogradTile(on ? 4 : 2),
  batchnorm: setBatchNormFusion,
  // Data parallel: the coordinator blocks on its helpers' slots (off: it awaits their messages).
  block: (on) => setSlotWait(on ? 'always' : 'never'),
  // A Dense layer's forward product on the direct convolution (off: XNNPACK, which packs the new weights).
  dense: setMatMulSimd,
};

/**
 * What the page trains: the two reference models, the First CNN template (the graph a new editor opens
 * with: Conv-BatchNorm-ReLU, batches of 16) for before/after runs of the BatchNorm kernels, or any bundled
 * template (`template:<id>`, at its own batch size).
 */
export type BenchModel = 'cnn' | 'unet' | 'first-cnn' | `template:${TemplateInfo['id']}`;

function benchModel(model: BenchModel): { document: () => GraphDocument; batchSize: number } {
  if (model === 'first-cnn') return { document: buildFirstCnn, batchSize: buildFirstCnn().training.batchSize };
  if (model.startsWith('template:')) {
    const template = templateById(model.slice('template:'.length));
    if (!template) throw new Error(`unknown template ${model}`);
    return { document: template.build, batchSize: template.build().training.batchSize };
  }
  const ref = REFERENCE_MODELS.find((m) => m.name === model);
  if (!ref) throw new Error(`unknown model ${model}`);
  return ref;
}

// Helper replicas for data-parallel runs: the replica entry, bundled beside this page as /replica.js.
const replicas = () => workerPort(new Worker('/replica.js', { type: 'module', name: 'convas-replica' }));

let open: { session: ThroughputSession; model: tf.LayersModel } | null = null;

async function start(backend: BackendName, model: BenchModel, opts: { workers?: number; seed?: number; batchSize?: number }) {
  const active = await initBackend(backend);
  if (active !== backend) throw new Error(`asked for ${backend}, got ${active}`);
  const ref = benchModel(model);
  const doc = ref.document();
  const compiled = compileGraph(doc, { seed: opts.seed ?? 1 });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  try {
    const session = await openThroughput(compiled, { batchSize: opts.batchSize ?? ref.batchSize, seed: opts.seed, workers: opts.workers, replicas }, doc);
    return { session, model: compiled.model };
  } catch (error) {
    compiled.model.dispose();
    throw error;
  }
}

function closeOpen(): void {
  open?.session.dispose();
  open?.model.dispose();
  open = null;
  // Leave nothing behind for the next backend.
  tf.disposeVariables();
}

const bench: BenchWorkerApi = {
  async probe() {
    const out = {} as Record<BackendName, string>;
    for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      const r = await browserProbes[name]();
      out[name] = `${r.available ? 'available' : 'unavailable'}${r.software ? ' (software)' : ''}: ${r.detail}`;
    }
    return out;
  },
  environment() {
    return { cores: navigator.hardwareConcurrency, isolated: globalThis.crossOriginIsolated === true };
  },
  async run(backend, model, opts) {
    const { session, model: m } = await start(backend, model, opts);
    try {
      return await session.time(opts.steps ?? 10, { warmup: opts.warmup ?? 2, maxSeconds: opts.maxSeconds });
    } finally {
      session.dispose();
      m.dispose();
      tf.disposeVariables();
    }
  },
  async open(backend, model, opts) {
    closeOpen();
    open = await start(backend, model, { workers: opts.workers, batchSize: opts.batchSize });
    await open.session.time(opts.warmup);
  },
  async time(steps, maxSeconds) {
    if (!open) throw new Error('nothing open');
    return open.session.time(steps, { maxSeconds });
  },
  takeTimings() {
    const t = open?.session.timings;
    if (!t) return null;
    const copy = { ...t };
    for (const key of Object.keys(t) as (keyof typeof t)[]) t[key] = 0;
    return copy;
  },
  close: closeOpen,
  speedups(on, only) {
    for (const [name, set] of Object.entries(SPEEDUPS)) if (!only || only === name) set(on);
  },
  async epochs(spec, workers) {
    await initBackend('wasm');
    const seconds: number[] = [];
    const result = await train({ ...spec, workers, replicas }, { onEvent: (e) => e.type === 'epoch' && seconds.push(e.seconds) });
    if (result.reason !== 'completed') throw new Error(`the run ended ${result.reason}`);
    return seconds;
  },
};

/** A call from the page, and its answer. */
export type BenchCall = { id: number; method: keyof BenchWorkerApi; args: unknown[] };
export type BenchAnswer = { id: number; result?: unknown; error?: string } | { ready: true };

const scope = globalThis as unknown as { onmessage: (e: MessageEvent<BenchCall>) => void; postMessage(a: BenchAnswer): void };
scope.onmessage = async ({ data: { id, method, args } }) => {
  try {
    const result = await (bench[method] as (...a: unknown[]) => unknown)(...args);
    scope.postMessage({ id, result });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
scope.postMessage({ ready: true });
