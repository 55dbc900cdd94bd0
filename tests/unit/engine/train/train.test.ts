/**
 * The training loop on wasm with tiny generated data (8x8 images): events, learning, memory, control,
 * divergence, data checks, test split at the end only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { generateDataset } from '@/engine/datasets/generate';
import { TrainControl, train, type EpochEvent, type TrainEvent, type TrainSpec } from '@/engine/train';
import { chainDoc, TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

async function run(spec: TrainSpec, control?: TrainControl, onEvent?: (e: TrainEvent, all: TrainEvent[]) => void) {
  const events: TrainEvent[] = [];
  const result = await train(spec, { onEvent: (e) => (events.push(e), onEvent?.(e, events)) }, control);
  return { result, events, of: <T extends TrainEvent['type']>(t: T) => events.filter((e) => e.type === t) as Extract<TrainEvent, { type: T }>[] };
}

const classify = (settings: TrainSpec['settings'] = {}, count = 96): TrainSpec => ({
  document: TINY_GRAPHS['conv-bn-pool-dense'](),
  data: { taskId: 'random-classify', count, size: 8, seed: 5 },
  settings: { epochs: 2, batchSize: 8, learningRate: 0.01, ...settings },
});

describe('train', () => {
  it('streams start, batch, epoch and done events; evaluates the test split once, at the end', async () => {
    const { result, events, of } = await run(classify());
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('progress');
    const start = of('start')[0];
    // 96 images: 20% test (about 19), 15% of the rest validation, the rest training
    expect(start.splits.train + start.splits.validation + start.splits.test).toBe(96);
    expect(start.splits.test).toBeGreaterThan(15);
    expect(start.batchesPerEpoch).toBe(Math.ceil(start.splits.train / 8));
    expect(start.classWeights?.length).toBe(3);
    expect(start.backend).toBe('wasm');
    expect(of('batch')).toHaveLength(2 * start.batchesPerEpoch);
    expect(of('epoch').map((e) => e.epoch)).toEqual([1, 2]);
    const last = of('epoch')[1];
    expect(last.validation?.images).toBe(start.splits.validation);
    expect(last.trainMetrics.kind).toBe('classification');
    if (last.validation?.metrics.kind === 'classification') {
      const m = last.validation.metrics;
      expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(start.splits.validation);
      expect(m.report.perClass).toHaveLength(3);
      expect(m.report.baseline.accuracy).toBeGreaterThan(0);
    } else throw new Error('classification metrics expected');
    expect(last.validation?.samples.length).toBe(Math.min(8, start.splits.validation));
    const s = last.validation?.samples[0];
    expect(s?.image.length).toBe(64);
    expect(s?.probabilities?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(s?.confidence).toBe(Math.max(...(s?.probabilities ?? [])));
    // the test split is evaluated once, after the last epoch, and reported with done
    expect(types.lastIndexOf('epoch')).toBeLessThan(types.indexOf('done'));
    const done = of('done')[0];
    expect(done.reason).toBe('completed');
    expect(done.test?.images).toBe(start.splits.test);
    expect(result.test).toBe(done.test);
    expect(types.at(-1)).toBe('done');
  });

  it('repeats a run exactly with the same seed, Dropout and augmentation included (one worker)', async () => {
    const spec = (seed: number): TrainSpec => ({
      document: chainDoc({ id: 'random-classify' }, [
        ['in', 'Input', { height: 8, width: 8, channels: 1 }],
        ['conv', 'Conv2D', { filters: 4, activation: 'relu' }],
        ['flat', 'Flatten'],
        ['drop', 'Dropout', { rate: 0.5 }],
        ['out', 'Output', { head: 'classification' }],
      ]),
      data: { taskId: 'random-classify', count: 48, size: 8, seed: 5 },
      settings: { epochs: 2, batchSize: 8, learningRate: 0.01, augment: true, seed },
      keepModel: true,
    });
    const weights = async (seed: number) => {
      const { result } = await run(spec(seed));
      const values = result.compiled!.model.getWeights().map((w) => Array.from(w.dataSync()));
      result.compiled!.model.dispose();
      return { values, history: result.history.map((h) => h.trainLoss) };
    };
    const a = await weights(7);
    expect(await weights(7)).toEqual(a);
    expect((await weights(8)).values).not.toEqual(a.values);
  });

  it('loss decreases on a learnable problem, and numTensors is the same after every one of 5 epochs', async () => {
    const before = tf.memory().numTensors;
    const { of } = await run(classify({ epochs: 5, augment: false }));
    const epochs = of('epoch');
    expect(epochs).toHaveLength(5);
    expect(epochs[4].trainLoss).toBeLessThan(epochs[0].trainLoss * 0.8);
    const counts = epochs.map((e) => e.memory.numTensors);
    expect(new Set(counts).size, counts.join(',')).toBe(1);
    // and everything is freed at the end
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a segmentation graph with Concatenate and reports Dice per class and sample masks', async () => {
    const { of } = await run({
      document: TINY_GRAPHS.concatenate(),
      data: { taskId: 'random-segment', count: 60, size: 8, seed: 2 },
      settings: { epochs: 2, batchSize: 8, learningRate: 0.01 },
    });
    const epoch = of('epoch')[1];
    if (epoch.validation?.metrics.kind !== 'segmentation') throw new Error('segmentation metrics expected');
    expect(epoch.validation.metrics.dice.perClass).toHaveLength(2);
    expect(epoch.validation.metrics.pixelAccuracy).toBeGreaterThan(0);
    const sample = epoch.validation.samples[0];
    expect(sample.predictedMask?.length).toBe(64);
    expect(sample.trueMask?.length).toBe(64);
    expect(of('done')[0].reason).toBe('completed');
  });

  it('stop takes effect within one batch; the test split is still evaluated', async () => {
    const control = new TrainControl();
    const { of } = await run(classify({ epochs: 3 }), control, (e) => {
      if (e.type === 'batch' && e.batch === 3) control.stop();
    });
    expect(of('batch').map((b) => b.batch)).toEqual([1, 2, 3]);
    expect(of('epoch')).toHaveLength(0);
    expect(of('status').map((s) => s.state)).toEqual(['stopping']);
    const done = of('done')[0];
    expect(done.reason).toBe('stopped');
    expect(done.epochsDone).toBe(0);
    expect(done.test).not.toBeNull();
  });

  it('pause holds before the next batch until resume', async () => {
    const control = new TrainControl();
    let batchesWhilePaused = -1;
    const { of } = await run(classify({ epochs: 1 }), control, (e, all) => {
      if (e.type === 'batch' && e.batch === 2) {
        control.pause();
        const seen = all.length;
        setTimeout(() => {
          batchesWhilePaused = all.slice(seen).filter((x) => x.type === 'batch').length;
          control.resume();
        }, 150);
      }
    });
    expect(batchesWhilePaused).toBe(0);
    expect(of('status').map((s) => s.state)).toEqual(['paused', 'running']);
    expect(of('done')[0].reason).toBe('completed');
    expect(of('batch').length).toBe(of('start')[0].batchesPerEpoch);
  });

  it('a NaN or infinite loss stops training with a message naming the learning rate', async () => {
    const before = tf.memory().numTensors;
    // Crafted: Adam at 1e30 overflows the U-Net's weights within a few steps (seeded init: always the same).
    const { of } = await run({
      document: TINY_GRAPHS.concatenate(),
      data: { taskId: 'random-segment', count: 60, size: 8, seed: 2 },
      settings: { epochs: 2, batchSize: 8, learningRate: 1e30, seed: 42 },
    });
    const error = of('error')[0];
    expect(error.code).toBe('diverged');
    expect(error.message).toMatch(/^Loss became (NaN|infinite) at epoch 1, batch \d+\. The learning rate 1e\+30 is probably too high; try 0\.001\.$/);
    expect(error.hint).toMatch(/learning rate to 0\.001/);
    const done = of('done')[0];
    expect(done.reason).toBe('diverged');
    expect(done.test).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('warns once when the loss climbs far above its start (a finite sign of a too-high learning rate)', async () => {
    const { of } = await run(classify({ epochs: 2, learningRate: 100 }));
    const warnings = of('log').filter((l) => l.level === 'warning' && /Loss rose/.test(l.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/the learning rate 100 is probably too high; try 0\.001\.$/);
  });

  it('refuses an invalid graph with its validation messages', async () => {
    const document = chainDoc({ id: 'random-classify' }, [['in', 'Input', { height: 8, width: 8, channels: 1 }], ['dense', 'Dense'], ['out', 'Output']]);
    const { of } = await run({ document, data: { taskId: 'random-classify', count: 20, size: 8 } });
    expect(of('error')[0].code).toBe('invalid-graph');
    expect(of('error')[0].message).toMatch(/Dense/);
    expect(of('done')[0].reason).toBe('failed');
    expect(of('start')).toHaveLength(0);
  });

  it('refuses data of the wrong kind or class count', async () => {
    const { of } = await run({ ...classify(), data: { taskId: 'random-segment', count: 20, size: 8 } });
    expect(of('error')[0]).toMatchObject({ code: 'data' });
    expect(of('error')[0].message).toMatch(/segmentation.*classification/);
  });

  it('generates at the nearest size the task allows and fits it to a smaller Input (skin lesions start at 28)', async () => {
    const document = chainDoc({ id: 'skin-lesions' }, [['in', 'Input', { height: 8, width: 8, channels: 3 }], ['gap', 'GlobalAveragePooling2D'], ['out', 'Output']]);
    const { of } = await run({ document, data: { taskId: 'skin-lesions', count: 30, seed: 1 }, settings: { epochs: 1, batchSize: 8 } });
    expect(of('log').some((l) => /28x28x3 images to the Input's 8x8x3/.test(l.message))).toBe(true);
    expect(of('done')[0].reason).toBe('completed');
  });

  it('reports data errors as such', async () => {
    const { of } = await run({ ...classify(), data: { taskId: 'random-classify', count: 0 } });
    expect(of('error')[0]).toMatchObject({ code: 'data' });
    expect(of('error')[0].message).toMatch(/count/i);
    expect(of('done')[0].reason).toBe('failed');
  });

  it('fits a dataset to the Input (16x16 data, 8x8 Input) and takes a Dataset object', async () => {
    const ds = generateDataset('random-classify', { count: 40, size: 16, seed: 1 });
    const { of } = await run({ ...classify({ epochs: 1 }), data: ds });
    expect(of('log').some((l) => /16x16x1 images to the Input's 8x8x1/.test(l.message))).toBe(true);
    expect(of('done')[0].reason).toBe('completed');
    const epoch = of('epoch')[0] as EpochEvent;
    expect(epoch.validation?.samples[0].image.length).toBe(64);
  });
});
