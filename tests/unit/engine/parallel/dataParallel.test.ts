/**
 * Data-parallel training over Node worker threads (engine/parallel) against one worker: the same seeded
 * graph and data trained with 1 and 2 workers ends with the same weights within float tolerance; every
 * replica holds the coordinator's weights; BatchNormalization's documented deviation (per-shard statistics,
 * averaged moving statistics); memory stays flat; pause, stop and NaN stop still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { compileGraph, createOptimizer } from '@/engine/compile';
import { flattenWeights, setSlotWait, type SlotWait } from '@/engine/parallel/layout';
import { nodeReplicas } from '@/engine/parallel/nodeReplicas';
import { ParallelStepper, SingleStepper, type Stepper, type StepBatch } from '@/engine/parallel/stepper';
import { makeBatch, planBatch, type BatchArrays } from '@/engine/datasets/batches';
import { createRng } from '@/engine/datasets/rng';
import type { Dataset } from '@/engine/datasets/types';
import type { ReplicaPort } from '@/engine/parallel/port';
import { SPLIT_MIN_STEPS, SPLIT_WARMUP_STEPS } from '@/engine/parallel/shards';
import type { FromReplica } from '@/engine/parallel/messages';
import { TrainControl, train, type TrainEvent, type TrainSpec } from '@/engine/train';
import { SPLIT_BY_SPEED_MESSAGE } from '@/engine/train/train';
import { setOptimizerLearningRate } from '@/engine/train/schedule';
import { chainDoc, TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

const in8 = { height: 8, width: 8, channels: 1 };

/** Conv, pool, dense: no BatchNorm, no Dropout, so two workers must match one exactly up to rounding. */
const classifyDoc = () =>
  chainDoc({ id: 'random-classify' }, [
    ['in', 'Input', in8],
    ['conv', 'Conv2D', { filters: 4, activation: 'relu' }],
    ['pool', 'MaxPooling2D'],
    ['flat', 'Flatten'],
    ['dense', 'Dense', { units: 8, activation: 'relu' }],
    ['out', 'Output', { head: 'classification' }],
  ]);

const segmentDoc = () =>
  chainDoc({ id: 'random-segment', maskMode: 'binary' }, [
    ['in', 'Input', in8],
    ['conv', 'Conv2D', { filters: 4, activation: 'relu' }],
    ['conv2', 'Conv2D', { filters: 4, activation: 'relu' }],
    ['out', 'Output', { head: 'segmentation' }],
  ]);

async function trained(spec: TrainSpec, workers: number) {
  const events: TrainEvent[] = [];
  const result = await train({ ...spec, keepModel: true, workers, replicas: nodeReplicas }, { onEvent: (e) => events.push(e) });
  expect(result.reason).toBe('completed');
  const weights = flattenWeights(result.compiled!.model);
  result.compiled!.model.dispose();
  return { weights, history: result.history, events };
}

/**
 * A helper that reports its shard four times slower than it was, and 200 ms more: as a core another program
 * holds (the 200 ms keep it over REBALANCE_RATIO when a loaded test machine slows the coordinator too).
 */
const slowHelper = (): ReplicaPort => {
  const port = nodeReplicas();
  return { ...port, onMessage: (fn) => port.onMessage((m) => fn(m.type === 'grads' ? { ...m, shardMs: 4 * m.shardMs + 200 } : m)) };
};

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('data-parallel training', () => {
  it('trains a seeded classifier with 2 workers to the weights 1 worker reaches (Adam, class weights, augmentation, uneven last batch)', async () => {
    const spec: TrainSpec = {
      document: classifyDoc(),
      data: { taskId: 'random-classify', count: 70, size: 8, seed: 3 },
      settings: { epochs: 2, batchSize: 7, learningRate: 0.01, optimizer: 'adam', classWeights: true, augment: true },
    };
    const one = await trained(spec, 1);
    const two = await trained(spec, 2);
    const start = two.events.find((e) => e.type === 'start');
    expect(start && start.type === 'start' && start.workers).toBe(2);
    expect(one.events.find((e) => e.type === 'start')).toMatchObject({ workers: 1 });
    // Not a multiple of 7, and an odd batch: shards of 4 and 3, and an odd last batch of each epoch.
    expect(start && start.type === 'start' ? start.splits.train % 7 : 0).not.toBe(0);
    expect(maxAbsDiff(one.weights, two.weights)).toBeLessThan(1e-4);
    // The weights moved (a broken update would leave both at the seeded start and still "match").
    const init = compileGraph(classifyDoc(), { seed: 42 });
    if (!init.ok) throw new Error('compile');
    expect(maxAbsDiff(flattenWeights(init.model), two.weights)).toBeGreaterThan(1e-2);
    init.model.dispose();
    two.history.forEach((e, i) => {
      expect(e.trainLoss).toBeCloseTo(one.history[i].trainLoss, 4);
      expect(e.validation?.loss).toBeCloseTo(one.history[i].validation?.loss ?? NaN, 4);
    });
  });

  it('trains a segmentation graph (binary cross-entropy, SGD with momentum) with 2 workers as 1 worker does', async () => {
    const spec: TrainSpec = {
      document: segmentDoc(),
      data: { taskId: 'random-segment', count: 40, size: 8, seed: 2 },
      settings: { epochs: 2, batchSize: 6, learningRate: 0.05, optimizer: 'sgd', momentum: 0.9, segmentationLoss: 'bce' },
    };
    const one = await trained(spec, 1);
    const two = await trained(spec, 2);
    expect(maxAbsDiff(one.weights, two.weights)).toBeLessThan(1e-5);
    expect(two.history[1].trainLoss).toBeCloseTo(one.history[1].trainLoss, 5);
  });

  it('keeps every replica identical to the coordinator, step after step, and tensors flat on the coordinator', async () => {
    const compiled = compileGraph(classifyDoc(), { seed: 1 });
    if (!compiled.ok) throw new Error('compile');
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    const stepper = await ParallelStepper.start(compiled, optimizer, {
      document: classifyDoc(),
      settings: { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 },
      workers: 3,
      factory: nodeReplicas,
    });
    try {
      const batch = randomBatch(7, 3);
      await stepper.step(batch, false);
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await stepper.step(randomBatch(7, 3, i + 2), true);
      expect(tf.memory().numTensors).toBe(tensors);
      const mine = flattenWeights(compiled.model);
      const theirs = await stepper.helperWeights();
      expect(theirs).toHaveLength(2);
      // Same summed gradient, same order, same optimiser: the same bits.
      for (const w of theirs) expect(maxAbsDiff(mine, w)).toBe(0);
    } finally {
      stepper.dispose();
      optimizer.dispose();
      compiled.model.dispose();
    }
  });

  it('posts the next step ahead when meanwhile names it: the same weights as step by step, bit for bit, on 3 workers', async () => {
    const settings = { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 } as const;
    const batches = [0, 1, 2, 3, 4].map((i) => randomBatch(7, 3, i + 5));
    const rates = [0.01, 0.008, 0.006, 0.004, 0.002];
    const run = async (ahead: boolean) => {
      const compiled = compileGraph(classifyDoc(), { seed: 1 });
      if (!compiled.ok) throw new Error('compile');
      const optimizer = createOptimizer(settings);
      // Equal shards in both runs (balancing would size them by timing, and the rounding with them).
      const stepper = await ParallelStepper.start(compiled, optimizer, { document: classifyDoc(), settings, workers: 3, factory: nodeReplicas, balance: false });
      try {
        const losses: number[] = [];
        for (let i = 0; i < batches.length; i++) {
          setOptimizerLearningRate(optimizer, rates[i]);
          const next = i + 1 < batches.length ? { batch: batches[i + 1], keepPredictions: false, learningRate: rates[i + 1] } : undefined;
          const meanwhile = ahead && next ? () => next : undefined;
          losses.push((await stepper.step(batches[i], false, rates[i], meanwhile)).loss);
          if (ahead && next) await expect(stepper.helperWeights()).rejects.toThrow(/posted ahead/);
        }
        return { weights: flattenWeights(compiled.model), helpers: await stepper.helperWeights(), losses };
      } finally {
        stepper.dispose();
        optimizer.dispose();
        compiled.model.dispose();
      }
    };
    const plain = await run(false);
    const ahead = await run(true);
    expect(ahead.losses).toEqual(plain.losses);
    expect(maxAbsDiff(ahead.weights, plain.weights)).toBe(0);
    for (const w of ahead.helpers) expect(maxAbsDiff(ahead.weights, w)).toBe(0);
  });

  it('gives a slow helper less of the batch, and still reaches the equal split\'s weights, every replica the same', async () => {
    const settings = { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 } as const;
    const batches = Array.from({ length: 10 }, (_, i) => randomBatch(12, 3, i + 11));
    const run = async (balance: boolean) => {
      const compiled = compileGraph(classifyDoc(), { seed: 1 });
      if (!compiled.ok) throw new Error('compile');
      const optimizer = createOptimizer(settings);
      const stepper = await ParallelStepper.start(compiled, optimizer, { document: classifyDoc(), settings, workers: 2, factory: slowHelper, balance });
      try {
        const sizes: number[][] = [];
        const predictions: Float32Array[] = [];
        for (const batch of batches) {
          predictions.push((await stepper.step(batch, true)).predictions!);
          sizes.push(stepper.shardSizes);
        }
        return { sizes, predictions, weights: flattenWeights(compiled.model), helpers: await stepper.helperWeights() };
      } finally {
        stepper.dispose();
        optimizer.dispose();
        compiled.model.dispose();
      }
    };
    const equal = await run(false);
    const balanced = await run(true);
    expect(equal.sizes.every(([a, b]) => a === 6 && b === 6)).toBe(true);
    // The equal split through the warm-up steps (not measured) and until SPLIT_MIN_STEPS steps are; then,
    // far slower per image (over REBALANCE_RATIO), the helper's share shrinks to the least it keeps, half
    // the equal share (3 of 12).
    const equalSteps = SPLIT_WARMUP_STEPS + SPLIT_MIN_STEPS;
    expect(balanced.sizes.slice(0, equalSteps)).toEqual(Array(equalSteps).fill([6, 6]));
    expect(balanced.sizes.slice(equalSteps)).toHaveLength(3);
    for (const [mine, its] of balanced.sizes.slice(equalSteps)) {
      expect(mine + its).toBe(12);
      expect(its).toBeGreaterThanOrEqual(3);
      expect(its).toBeLessThan(5);
    }
    expect(maxAbsDiff(balanced.weights, equal.weights)).toBeLessThan(1e-5);
    for (const w of balanced.helpers) expect(maxAbsDiff(balanced.weights, w)).toBe(0);
    // Every image's probabilities come back, in batch order, however the batch was cut.
    balanced.predictions.forEach((p, i) => {
      expect(p.length).toBe(12 * 3);
      expect(maxAbsDiff(p, equal.predictions[i])).toBeLessThan(1e-5);
    });
  });

  it('says once, in the run\'s log, when a slowed core makes the batches follow the workers\' speed', async () => {
    const events: TrainEvent[] = [];
    const result = await train(
      {
        document: classifyDoc(),
        data: { taskId: 'random-classify', count: 96, size: 8, seed: 3 },
        settings: { epochs: 2, batchSize: 8, learningRate: 0.01, optimizer: 'adam', seed: 1 },
        workers: 2,
        replicas: slowHelper,
      },
      { onEvent: (e) => events.push(e) },
    );
    expect(result.reason).toBe('completed');
    const said = events.filter((e) => e.type === 'log' && e.code === 'split-by-speed' && e.message === SPLIT_BY_SPEED_MESSAGE);
    expect(said).toHaveLength(1);
    // After the first steps that split the batch equally (warm-up, then too few timings).
    const batches = events.filter((e) => e.type === 'batch');
    const saidAt = events.indexOf(said[0]);
    expect(batches.filter((e) => events.indexOf(e) < saidAt).length).toBeGreaterThanOrEqual(SPLIT_WARMUP_STEPS + SPLIT_MIN_STEPS);
  });

  it('refuses a step on another batch than the one posted ahead', async () => {
    const settings = { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 } as const;
    const compiled = compileGraph(classifyDoc(), { seed: 1 });
    if (!compiled.ok) throw new Error('compile');
    const optimizer = createOptimizer(settings);
    const stepper = await ParallelStepper.start(compiled, optimizer, { document: classifyDoc(), settings, workers: 2, factory: nodeReplicas });
    try {
      const [a, b, c] = [randomBatch(6, 3, 1), randomBatch(6, 3, 2), randomBatch(6, 3, 3)];
      await stepper.step(a, false, undefined, () => ({ batch: b, keepPredictions: false }));
      await expect(stepper.step(c, false)).rejects.toThrow(/another batch/);
    } finally {
      stepper.dispose();
      optimizer.dispose();
      compiled.model.dispose();
    }
  });
});

describe('how the coordinator waits for its helpers\' slots', () => {
  const settings = { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 } as const;
  afterAll(() => setSlotWait('auto'));

  /** Trains 4 steps on 2 workers with the coordinator's wait in `mode`; returns the weights and the timings. */
  async function stepped(mode: SlotWait, factory = nodeReplicas) {
    setSlotWait(mode);
    const compiled = compileGraph(classifyDoc(), { seed: 1 });
    if (!compiled.ok) throw new Error('compile');
    const optimizer = createOptimizer(settings);
    const stepper = await ParallelStepper.start(compiled, optimizer, { document: classifyDoc(), settings, workers: 2, factory, balance: false });
    try {
      const losses: number[] = [];
      for (let i = 0; i < 4; i++) losses.push((await stepper.step(randomBatch(8, 3, i + 30), true)).loss);
      return { weights: flattenWeights(compiled.model), helpers: await stepper.helperWeights(), losses, timings: { ...stepper.timings } };
    } finally {
      stepper.dispose();
      optimizer.dispose();
      compiled.model.dispose();
      setSlotWait('auto');
    }
  }

  it('blocks on the counter in Node (auto), awaits messages when told, falls back to messages when a helper is late: the same bits', async () => {
    // Every step message reaches the helper 1 s late: an idle helper then writes its slot after the
    // coordinator's bounded block (at least 50 ms, at most its own shard's time) has given up.
    const late = (): ReplicaPort => {
      const port = nodeReplicas();
      return { ...port, postMessage: (m, transfer) => (m.type === 'step' ? setTimeout(() => port.postMessage(m, transfer), 1000) : port.postMessage(m, transfer)) };
    };
    const auto = await stepped('auto');
    const never = await stepped('never');
    const delayed = await stepped('always', late);
    // Some steps at least (a loaded test machine can make a helper outlast the block now and then).
    expect(auto.timings.slotWaits).toBeGreaterThan(0);
    expect(never.timings.slotWaits).toBe(0);
    // The first step's helper is idle, so its late message makes that wait time out at least.
    expect(delayed.timings.slotWaits).toBeLessThan(4);
    for (const run of [never, delayed]) {
      expect(run.losses).toEqual(auto.losses);
      expect(maxAbsDiff(run.weights, auto.weights)).toBe(0);
      for (const w of run.helpers) expect(maxAbsDiff(run.weights, w)).toBe(0);
    }
  });

  it('ends the step with a failed helper\'s message, without blocking for good or applying a partial update', async () => {
    // A helper that starts, then fails its first shard without writing its slot.
    const failing = (): ReplicaPort => {
      let handler: ((m: FromReplica) => void) | null = null;
      return {
        postMessage: (m) => void setTimeout(() => handler?.(m.type === 'init' ? { type: 'ready' } : { type: 'failed', message: 'replica 1 ran out of memory' })),
        onMessage: (fn) => void (handler = fn),
        terminate: () => undefined,
        slowMessages: true,
      };
    };
    setSlotWait('auto');
    const compiled = compileGraph(classifyDoc(), { seed: 1 });
    if (!compiled.ok) throw new Error('compile');
    const optimizer = createOptimizer(settings);
    const stepper = await ParallelStepper.start(compiled, optimizer, { document: classifyDoc(), settings, workers: 2, factory: failing });
    try {
      const before = flattenWeights(compiled.model);
      const started = performance.now();
      await expect(stepper.step(randomBatch(8, 3, 40), false)).rejects.toThrow(/ran out of memory/);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(stepper.timings.slotWaits).toBe(0);
      expect(maxAbsDiff(flattenWeights(compiled.model), before)).toBe(0);
    } finally {
      stepper.dispose();
      optimizer.dispose();
      compiled.model.dispose();
    }
  });
});

describe('planned batches: each replica renders its own shard', () => {
  /** 20 random 8x8 images with random binary masks. */
  const ds: Dataset = (() => {
    let seed = 7;
    const byte = () => (seed = (seed * 16807) % 2147483647) % 256;
    const count = 20;
    return {
      taskId: 'random-segment', kind: 'segmentation', classes: ['background', 'tumour'], height: 8, width: 8, channels: 1, count,
      images: Uint8Array.from({ length: count * 64 }, byte), labels: new Int32Array(count), masks: Uint8Array.from({ length: count * 64 }, () => byte() & 1),
      groups: [], ids: [], source: 'test', credit: '',
    };
  })();
  const settings = { optimizer: 'adam', learningRate: 0.01, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 1 } as const;
  const steps = [[0, 3, 5, 7, 9, 11, 13], [2, 4, 6, 8, 10, 12, 19], [1, 14, 15, 16, 17, 18, 0]];

  /** Trains `steps` with batches made whole beforehand or planned (rendered by the stepper), posting ahead. */
  async function run(workers: number, planned: boolean) {
    const compiled = compileGraph(segmentDoc(), { seed: 1 });
    if (!compiled.ok) throw new Error('compile');
    const optimizer = createOptimizer(settings);
    const stepper: Stepper = workers === 1
      ? new SingleStepper(compiled, optimizer)
      : await ParallelStepper.start(compiled, optimizer, { document: segmentDoc(), settings, workers, factory: nodeReplicas, balance: false });
    // Holders that start full of junk, as reused ones hold the batch before last.
    const holders: BatchArrays[] = [0, 1].map(() => ({ x: new Float32Array(7 * 64).fill(9), y: new Float32Array(7 * 64).fill(9) }));
    const rng = createRng('augment');
    const make = (i: number) => (planned ? planBatch : makeBatch)(ds, steps[i], { augment: true, rng, into: holders[i % 2] });
    try {
      const out: { loss: number; predictions: number[]; y: number[] }[] = [];
      let batch = make(0);
      for (let i = 0; i < steps.length; i++) {
        let next: StepBatch | undefined;
        const meanwhile = i + 1 < steps.length ? () => ({ batch: (next = make(i + 1)), keepPredictions: true }) : undefined;
        const step = await stepper.step(batch, true, undefined, meanwhile);
        out.push({ loss: step.loss, predictions: [...step.predictions!], y: [...batch.y] });
        if (next) batch = next;
      }
      return { out, weights: flattenWeights(compiled.model) };
    } finally {
      stepper.dispose();
      optimizer.dispose();
      compiled.model.dispose();
    }
  }

  it('trains a planned batch to the same bits as the batch made whole, on 1 and 3 workers, and gives back its whole targets', async () => {
    for (const workers of [1, 3]) {
      const made = await run(workers, false);
      const planned = await run(workers, true);
      expect(planned.out.map((o) => o.loss)).toEqual(made.out.map((o) => o.loss));
      planned.out.forEach((o, i) => {
        expect(o.predictions).toEqual(made.out[i].predictions);
        // Every target of the batch, the helpers' shards included, as the caller's metrics read them.
        expect(o.y).toEqual(made.out[i].y);
      });
      expect(maxAbsDiff(planned.weights, made.weights)).toBe(0);
    }
  });
});

/** A random classification batch of `n` 8x8 images with `k` classes. */
function randomBatch(n: number, k: number, seed = 1): StepBatch {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const x = Float32Array.from({ length: n * 64 }, rand);
  const y = new Float32Array(n * k);
  for (let i = 0; i < n; i++) y[i * k + (i % k)] = 1;
  return { x, y, batchSize: n, height: 8, width: 8, channels: 1, yChannels: k };
}

describe('BatchNormalization under data parallelism (documented deviation: per-shard statistics)', () => {
  const bnDoc = () =>
    chainDoc({ id: 'random-classify' }, [
      ['in', 'Input', in8],
      ['bn', 'BatchNormalization'],
      ['flat', 'Flatten'],
      ['out', 'Output', { head: 'classification' }],
    ]);

  // SGD sums the slots in JavaScript; Adam on wasm sums them on the heap and reads the statistics from there.
  it.for(['sgd', 'adam'] as const)('averages the moving mean to single-worker value and the moving variance to the mean of the shard variances (%s)', async (name) => {
    const batch = randomBatch(8, 3, 7);
    const run = async (workers: number) => {
      const compiled = compileGraph(bnDoc(), { seed: 4 });
      if (!compiled.ok) throw new Error('compile');
      const optimizer = createOptimizer({ optimizer: name, learningRate: 0.1, momentum: 0 });
      const stepper =
        workers === 1
          ? new SingleStepper(compiled, optimizer)
          : await ParallelStepper.start(compiled, optimizer, {
              document: bnDoc(),
              settings: { optimizer: name, learningRate: 0.1, momentum: 0, segmentationLoss: 'bce', diceMode: 'batch', seed: 4 },
              workers,
              factory: nodeReplicas,
            });
      await stepper.step(batch, false);
      stepper.dispose();
      const bn = compiled.model.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
      const [, , movingMean, movingVar] = bn.getWeights().map((w) => w.dataSync()[0]);
      const momentum = (bn.getConfig().momentum as number) ?? 0.99;
      optimizer.dispose();
      compiled.model.dispose();
      return { movingMean, movingVar, momentum };
    };
    const one = await run(1);
    const two = await run(2);
    // The one channel's statistics by hand: the batch's pixels, and each half's.
    const stats = (from: number, to: number) => {
      const v = batch.x.subarray(from * 64, to * 64);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
      return { mean, variance };
    };
    const all = stats(0, 8);
    const halves = [stats(0, 4), stats(4, 8)];
    const m = one.momentum;
    // Start: moving mean 0, moving variance 1.
    expect(one.movingMean).toBeCloseTo((1 - m) * all.mean, 6);
    expect(two.movingMean).toBeCloseTo(one.movingMean, 6);
    const shardVar = (halves[0].variance + halves[1].variance) / 2;
    expect(two.movingVar).toBeCloseTo(m + (1 - m) * shardVar * varianceCorrection(one, all.variance, m), 5);
    // The deviation is real: the shard variances miss the spread between the halves' means.
    expect(all.variance - shardVar).toBeGreaterThan(0);
  });
});

/**
 * tfjs's BatchNormalization may or may not apply Bessel's correction to the moving variance; read the
 * factor off the single-worker result instead of assuming it.
 */
function varianceCorrection(one: { movingVar: number }, batchVariance: number, m: number): number {
  return (one.movingVar - m) / ((1 - m) * batchVariance);
}

describe('training controls with 2 workers', () => {
  it('pauses, resumes and stops; stops on a NaN loss', async () => {
    const control = new TrainControl();
    const events: TrainEvent[] = [];
    let paused = false;
    const result = await train(
      {
        document: classifyDoc(),
        data: { taskId: 'random-classify', count: 96, size: 8, seed: 5 },
        settings: { epochs: 3, batchSize: 8, learningRate: 0.01 },
        workers: 2,
        replicas: nodeReplicas,
      },
      {
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'batch' && e.batch === 2 && e.epoch === 1 && !paused) {
            paused = true;
            control.pause();
            setTimeout(() => control.resume(), 50);
          }
          if (e.type === 'batch' && e.epoch === 2 && e.batch === 1) control.stop();
        },
      },
      control,
    );
    expect(result.reason).toBe('stopped');
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.state : ''));
    expect(statuses).toEqual(['paused', 'running', 'stopping']);
    expect(events.filter((e) => e.type === 'batch' && e.epoch === 2)).toHaveLength(1);

    // As in train.test.ts: Adam at 1e30 overflows the concatenating U-Net's weights within a few steps.
    const diverged = await train(
      {
        document: TINY_GRAPHS.concatenate(),
        data: { taskId: 'random-segment', count: 60, size: 8, seed: 2 },
        settings: { epochs: 2, batchSize: 8, learningRate: 1e30, seed: 42 },
        workers: 2,
        replicas: nodeReplicas,
      },
      { onEvent: () => {} },
    );
    expect(diverged.reason).toBe('diverged');
  });
});

afterAll(() => {
  tf.disposeVariables();
});
