/**
 * Training throughput of a graph on the active backend: images per second over timed steps after warm-up,
 * on one fixed random batch (so data preparation is not counted). Used by the benchmarks (Node and
 * Chromium) and usable to estimate an epoch's time before training.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphDocument } from '../../graph/types';
import { compileGraph, createOptimizer, type CompiledGraph } from '../compile';
import { trainableVariables, trainStep } from './step';

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
}

export interface ThroughputResult {
  imagesPerSecond: number;
  /** Timed steps and the mean time of one. */
  steps: number;
  msPerStep: number;
  backend: string;
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
 * Steps a compiled graph `steps` times on a fixed batch (Adam, loss read back every step as the training
 * loop does) and returns images per second. Disposes everything it creates except `compiled`.
 */
export async function timeSteps(
  compiled: Pick<CompiledGraph, 'model' | 'loss' | 'logits' | 'inputShape' | 'head'>,
  opts: ThroughputOptions,
): Promise<ThroughputResult> {
  const { batchSize, warmup = 2, steps = 10, maxSeconds = Infinity, seed = 1 } = opts;
  const [x, y] = randomBatch(compiled, batchSize, seed);
  const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 1e-3, momentum: 0 });
  const vars = trainableVariables(compiled.model);
  const step = async () => {
    const { loss } = trainStep(compiled, optimizer, x, y, { vars });
    await loss.data();
    loss.dispose();
  };
  try {
    for (let i = 0; i < warmup; i++) await step();
    const start = performance.now();
    let done = 0;
    while (done < Math.max(1, steps)) {
      await step();
      done++;
      if ((performance.now() - start) / 1000 >= maxSeconds) break;
    }
    const ms = performance.now() - start;
    return { imagesPerSecond: (done * batchSize * 1000) / ms, steps: done, msPerStep: ms / done, backend: tf.getBackend() };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
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
    return await timeSteps(compiled, opts);
  } finally {
    compiled.model.dispose();
  }
}
