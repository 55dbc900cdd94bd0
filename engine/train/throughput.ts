/**
 * Training throughput of a graph on the active backend: images per second over timed steps after warm-up,
 * on one fixed random batch (so data preparation is not counted). Used by the benchmarks (Node and
 * Chromium) and usable to estimate an epoch's time before training.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphDocument } from '../../graph/types';
import { compileGraph, createOptimizer, type CompiledGraph } from '../compile';
import type { ReplicaFactory } from '../parallel/port';
import { ParallelStepper, SingleStepper, type StepBatch, type Stepper } from '../parallel/stepper';

/** Options of {@link measureThroughput}. */
export interface ThroughputOptions {
  batchSize: number;
  /** Untimed steps first (kernel compilation, shader caches, allocator). Default 2. */
  warmup?: number;
  /** Timed steps at most. Default 10. */
  steps?: number;
  /** Stop timing once this many seconds have passed (at least one step is always timed). Default Infinity. */
  maxSeconds?: number;
  /** Seed of the initial weights and the batch. Default 1. */
  seed?: number;
  /** Workers computing each step (data parallel above 1; needs `replicas` and the graph's document). Default 1. */
  workers?: number;
  replicas?: ReplicaFactory;
}

export interface ThroughputResult {
  imagesPerSecond: number;
  /** Timed steps and the mean time of one. */
  steps: number;
  msPerStep: number;
  backend: string;
  /** Workers that computed each step. */
  workers: number;
}

/** A random batch for a compiled graph: images in [0, 1), one-hot labels or masks (binary or one-hot). */
export function randomBatch(c: Pick<CompiledGraph, 'inputShape' | 'head'>, batchSize: number, seed = 1): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const [h, w, ch] = c.inputShape;
    const k = c.head.classes;
    const x = tf.randomUniform([batchSize, h, w, ch], 0, 1, 'float32', seed);
    if (c.head.kind === 'classification') return [x, tf.oneHot(tf.randomUniform([batchSize], 0, k, 'int32', seed + 1), k).toFloat()];
    if (k === 1) return [x, tf.cast(tf.greater(tf.randomUniform([batchSize, h, w, 1], 0, 1, 'float32', seed + 2), 0.7), 'float32')];
    return [x, tf.oneHot(tf.randomUniform([batchSize, h, w], 0, k, 'int32', seed + 3), k).toFloat()];
  });
}

/**
 * The batch's tensors as the arrays a {@link Stepper} takes. Read asynchronously: on webgpu a synchronous read
 * is slow and, in Chromium 156, fails outright ("A valid external Instance reference no longer exists"), which
 * made Auto's timing of WebGPU fail before its first step.
 */
async function stepBatch(x: tf.Tensor, y: tf.Tensor): Promise<StepBatch> {
  const [batchSize, height, width, channels] = x.shape;
  const [xs, ys] = await Promise.all([x.data() as Promise<Float32Array>, y.data() as Promise<Float32Array>]);
  return { x: xs, y: ys, batchSize, height, width, channels, yChannels: y.shape[y.rank - 1] };
}

/** A warm training set-up (optimiser, fixed batch, workers) that can be timed again and again. */
export interface ThroughputSession {
  readonly workers: number;
  /** Runs `warmup` untimed steps, then times up to `steps` (at least one, stopping after `maxSeconds`). */
  time(steps: number, opts?: { warmup?: number; maxSeconds?: number }): Promise<ThroughputResult>;
  /** Frees the batch's optimiser state and ends the helpers (not `compiled`). */
  dispose(): void;
  /** Where the coordinator's time went over every step so far, when data parallel (ParallelStepper.timings). */
  readonly timings: ParallelStepper['timings'] | null;
}

/**
 * Prepares timing a compiled graph on a fixed random batch with Adam, the loss read back every step as the
 * training loop does. With `workers` > 1 and `document` (the graph `compiled` came from), the steps are data
 * parallel over that many workers (helpers from `replicas`).
 */
export async function openThroughput(
  compiled: Pick<CompiledGraph, 'model' | 'loss' | 'logits' | 'inputShape' | 'head'>,
  opts: Pick<ThroughputOptions, 'batchSize' | 'seed' | 'workers' | 'replicas'>,
  document?: GraphDocument,
): Promise<ThroughputSession> {
  const { batchSize, seed = 1, workers = 1 } = opts;
  const [x, y] = randomBatch(compiled, batchSize, seed);
  const batch = await stepBatch(x, y).finally(() => tf.dispose([x, y]));
  const settings = { optimizer: 'adam', learningRate: 1e-3, momentum: 0 } as const;
  const optimizer = createOptimizer(settings);
  let stepper: Stepper;
  try {
    stepper =
      workers > 1 && document && opts.replicas
        ? await ParallelStepper.start(compiled, optimizer, {
            document,
            settings: { ...settings, segmentationLoss: document.training.segmentationLoss, diceMode: document.training.diceMode, seed },
            workers,
            factory: opts.replicas,
          })
        : new SingleStepper(compiled, optimizer);
  } catch (error) {
    optimizer.dispose();
    throw error;
  }
  // Every timed step but a round's last tells the helpers the next one early, as the training loop does; the
  // last does not, so no helper works on between rounds (that would flatter the next round's first step).
  const step = (last: boolean) => stepper.step(batch, false, undefined, last ? undefined : () => ({ batch, keepPredictions: false }));
  return {
    workers: stepper.workers,
    timings: stepper instanceof ParallelStepper ? stepper.timings : null,
    async time(steps, { warmup = 0, maxSeconds = Infinity } = {}) {
      for (let i = 0; i < warmup; i++) await step(i === warmup - 1);
      const start = performance.now();
      let done = 0;
      const total = Math.max(1, steps);
      let last = start;
      while (done < total) {
        // The round's last step: the count's, or the one after which maxSeconds will have passed (judged by
        // the step before). A step left posted ahead is taken by the next round's first step anyway.
        const now = performance.now();
        const final = done === total - 1 || (now + (now - last) - start) / 1000 >= maxSeconds;
        last = now;
        await step(final);
        done++;
        if ((performance.now() - start) / 1000 >= maxSeconds) break;
      }
      const ms = performance.now() - start;
      return { imagesPerSecond: (done * batchSize * 1000) / ms, steps: done, msPerStep: ms / done, backend: tf.getBackend(), workers: stepper.workers };
    },
    dispose() {
      stepper.dispose();
      optimizer.dispose();
    },
  };
}

/**
 * Steps a compiled graph `steps` times on a fixed batch (Adam, loss read back every step as the training
 * loop does) and returns images per second; data parallel as in {@link openThroughput}. Disposes everything
 * it creates except `compiled`.
 */
export async function timeSteps(
  compiled: Pick<CompiledGraph, 'model' | 'loss' | 'logits' | 'inputShape' | 'head'>,
  opts: ThroughputOptions,
  document?: GraphDocument,
): Promise<ThroughputResult> {
  const session = await openThroughput(compiled, opts, document);
  try {
    return await session.time(opts.steps ?? 10, { warmup: opts.warmup ?? 2, maxSeconds: opts.maxSeconds });
  } finally {
    session.dispose();
  }
}

/**
 * Compiles `doc` on the active backend and measures its training throughput (see {@link timeSteps}).
 * Throws with the validation messages when the graph does not compile.
 *
 * @example (await measureThroughput(firstCnn, { batchSize: 32 })).imagesPerSecond
 */
export async function measureThroughput(doc: GraphDocument, opts: ThroughputOptions): Promise<ThroughputResult> {
  const compiled = compileGraph(doc, { seed: opts.seed ?? 1 });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  try {
    return await timeSteps(compiled, opts, doc);
  } finally {
    compiled.model.dispose();
  }
}
