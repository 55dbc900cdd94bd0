/**
 * The learning-rate schedule (engine/train/schedule.ts) by hand, that a tfjs optimizer really steps with the
 * rate it is given, and that a training run's batches follow the schedule.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@/engine/backends';
import { train, type BatchEvent, type TrainEvent } from '@/engine/train';
import { learningRateAt, setOptimizerLearningRate, warmupSteps } from '@/engine/train/schedule';
import { TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('learningRateAt', () => {
  it('constant: the peak at every step', () => {
    for (const step of [0, 5, 99]) expect(learningRateAt(0.01, 'constant', { step, stepsPerEpoch: 10, totalSteps: 100 })).toBe(0.01);
  });

  it('warm-up lasts one epoch, at most a tenth of the run, at least one step', () => {
    expect(warmupSteps(10, 100)).toBe(10); // 10 epochs of 10 steps: one epoch
    expect(warmupSteps(10, 30)).toBe(3); // 3 epochs: a tenth of 30 steps
    expect(warmupSteps(4, 4)).toBe(1); // one short epoch: one step
  });

  it('cosine: linear warm-up, then half a cosine from the peak towards 0', () => {
    const clock = (step: number) => ({ step, stepsPerEpoch: 10, totalSteps: 100 });
    // warm-up W = 10: (step + 1) / 10 of the peak
    expect(learningRateAt(0.001, 'cosine', clock(0))).toBeCloseTo(0.0001, 12);
    expect(learningRateAt(0.001, 'cosine', clock(4))).toBeCloseTo(0.0005, 12);
    expect(learningRateAt(0.001, 'cosine', clock(9))).toBeCloseTo(0.001, 12);
    // decay over T - W = 90 steps: step 10 is the peak, step 55 is halfway (cos(pi/2) = 0), step 40 a third of
    // the way (0.5 (1 + cos(pi/3)) = 0.75), step 99 is 89/90 of the way
    expect(learningRateAt(0.001, 'cosine', clock(10))).toBeCloseTo(0.001, 12);
    expect(learningRateAt(0.001, 'cosine', clock(40))).toBeCloseTo(0.00075, 12);
    expect(learningRateAt(0.001, 'cosine', clock(55))).toBeCloseTo(0.0005, 12);
    expect(learningRateAt(0.001, 'cosine', clock(99))).toBeCloseTo(0.001 * 0.5 * (1 + Math.cos((Math.PI * 89) / 90)), 15);
    expect(learningRateAt(0.001, 'cosine', clock(99))).toBeGreaterThan(0);
  });
});

describe('setOptimizerLearningRate', () => {
  // One step from zero gradient history: Adam moves every weight by lr (m/sqrt(v) = sign(g) at step 1, up to
  // epsilon); SGD moves it by lr * g.
  const stepOnce = (optimizer: tf.Optimizer) => {
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    optimizer.minimize(() => tf.sum(tf.mul(w, tf.tensor1d([2, 2, -4]))) as tf.Scalar);
    const moved = Array.from(w.dataSync()).map((v, i) => v - [1, -2, 3][i]);
    w.dispose();
    optimizer.dispose();
    return moved;
  };

  it('Adam steps with the rate set after creation', () => {
    const adam = tf.train.adam(0.1);
    setOptimizerLearningRate(adam, 0.001);
    expect(stepOnce(adam)).toEqual([expect.closeTo(-0.001, 6), expect.closeTo(-0.001, 6), expect.closeTo(0.001, 6)]);
  });

  it('SGD with and without momentum step with the rate set after creation', () => {
    for (const opt of [tf.train.sgd(0.1), tf.train.momentum(0.1, 0.9)]) {
      setOptimizerLearningRate(opt, 0.01);
      expect(stepOnce(opt)).toEqual([expect.closeTo(-0.02, 6), expect.closeTo(-0.02, 6), expect.closeTo(0.04, 6)]);
    }
  });
});

describe('training follows the schedule', () => {
  it('each batch event carries the rate its step used, and tensors do not pile up across steps', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    await train(
      {
        document: TINY_GRAPHS['conv-bn-pool-dense'](),
        data: { taskId: 'random-classify', count: 64, size: 8, seed: 5 },
        settings: { epochs: 3, batchSize: 8, learningRate: 0.01, schedule: 'cosine', optimizer: 'sgd', momentum: 0.9 },
      },
      { onEvent: (e) => events.push(e) },
    );
    const batches = events.filter((e): e is BatchEvent => e.type === 'batch');
    const perEpoch = batches.filter((b) => b.epoch === 1).length;
    const total = batches.length;
    expect(total).toBe(3 * perEpoch);
    batches.forEach((b, i) => {
      expect(b.learningRate).toBeCloseTo(learningRateAt(0.01, 'cosine', { step: i, stepsPerEpoch: perEpoch, totalSteps: total }), 12);
    });
    expect(batches[total - 1].learningRate).toBeLessThan(0.001);
    expect(tf.memory().numTensors).toBe(before);
  });
});
