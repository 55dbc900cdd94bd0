/**
 * `convas train`: JSON lines, the human report, --save (a tfjs layers folder that loads back) and usage errors.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { nodeCores } from '@/engine/parallel/nodeReplicas';
import { run } from '../../../../scripts/cli/train';
import { capture, scratchDirs } from './harness';

const scratch = scratchDirs('convas-train-');

const graph = 'tests/fixtures/graphs/resnet-add.json';
const quick = ['--graph', graph, '--epochs', '2', '--batch', '8', '--count', '40', '--size', '8', '--seed', '3'];

describe('convas train', () => {
  it('--json prints one event object per line, each with a type, ending with done', async () => {
    const { io, out } = capture();
    expect(await run([...quick, '--json'], io)).toBe(0);
    // Each line is one event; the fields read below are typed where they are read.
    const events = out.map((line) => JSON.parse(line) as { type: string; backend?: string; batchSize?: number; reason?: string; test?: { images: number } });
    expect(events.every((e) => typeof e.type === 'string')).toBe(true);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(types.at(-1)).toBe('done');
    const start = events.find((e) => e.type === 'start');
    expect(start).toMatchObject({ backend: 'wasm', batchSize: 8 });
    const done = events.at(-1);
    expect(done?.reason).toBe('completed');
    expect(done?.test?.images).toBeGreaterThan(0);
  });

  it('prints progress and a test report, and --save writes a model that loads back', async () => {
    const dir = await scratch();
    const { io, out } = capture();
    expect(await run([...quick, '--task', 'random-classify', '--save', dir], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Training on wasm: \d+ parameters, categorical cross-entropy/m);
    expect(text).toMatch(/^epoch 2\/2 {2}loss \d/m);
    // 40 images leave 25-32 to train on: 4 batches of 8 an epoch, 8 updates in 2 epochs; ceil(200 / 4) = 50.
    expect(text).toMatch(/^Short run: 8 weight updates in all\. .*try --epochs 50\.$/m);
    expect(text).toMatch(/^Test \(\d+ images\): loss/m);
    expect(text).toMatch(/confusion matrix \(rows = true class, columns = predicted\)/);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const weights = await readFile(join(dir, 'weights.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
    // --size 8 set the Input to 8x8; the head has the task's 3 classes
    expect(model.inputs[0].shape).toEqual([null, 8, 8, 1]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    model.dispose();
  });

  it('--workers sets the data-parallel worker threads (1: this thread only), reported in the start event', async () => {
    for (const workers of [1, 2]) {
      const { io, out } = capture();
      expect(await run([...quick, '--workers', String(workers), '--json'], io)).toBe(0);
      const start = out.map((line) => JSON.parse(line) as { type: string; workers?: number }).find((e) => e.type === 'start');
      expect(start?.workers).toBe(workers);
    }
  });

  it('without --workers takes Auto as the app does: one worker for a batch too small to share, saying why', async () => {
    const { io, out } = capture();
    expect(await run([...quick, '--json'], io)).toBe(0);
    const events = out.map((line) => JSON.parse(line) as { type: string; workers?: number; code?: string; message?: string });
    expect(events.find((e) => e.type === 'start')?.workers).toBe(1);
    const why = events.filter((e) => e.type === 'log' && e.code === 'workers').map((e) => e.message);
    // 8x8 images in batches of 8: thousands of multiply-adds, far under a shard's 25 M. One core has nothing to hold back.
    if (nodeCores() >= 2) expect(why).toEqual([expect.stringMatching(/^Auto trains this graph on 1 worker of the \d+ the cores allow: a batch of 8 is [\d.]+ k multiply-adds.* --workers N overrides it\.$/)]);
    else expect(why).toEqual([]);
  });

  it.each([
    [['--graph', graph, '--workers', '0'], /--workers/],
    [['--epochs', '2'], /Missing --graph/],
    [['--graph', graph, '--backend', 'webgl'], /--backend wants wasm or cpu/],
    [['--graph', graph, '--epochs', 'many'], /--epochs wants a number/],
    [['--graph', graph, '--task', 'nope'], /Unknown task "nope"/],
  ])('usage error %j', async (argv, message) => {
    const { io, err } = capture();
    expect(await run(argv, io)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });
});
