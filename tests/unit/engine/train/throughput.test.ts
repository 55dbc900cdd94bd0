import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { measureThroughput, randomBatch } from '@/engine/train';
import { compileGraph } from '@/engine/compile';
import { TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('measureThroughput', () => {
  it('times the asked steps after warm-up and frees everything', async () => {
    const before = tf.memory().numTensors;
    const r = await measureThroughput(TINY_GRAPHS.concatenate(), { batchSize: 4, warmup: 1, steps: 3 });
    expect(r.steps).toBe(3);
    expect(r.backend).toBe('wasm');
    expect(r.imagesPerSecond).toBeGreaterThan(0);
    // images per second and ms per step describe the same timing: 4 images per step
    expect(r.imagesPerSecond * (r.msPerStep / 1000)).toBeCloseTo(4, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops timing after maxSeconds, but always times one step', async () => {
    const r = await measureThroughput(TINY_GRAPHS.add(), { batchSize: 2, warmup: 0, steps: 50, maxSeconds: 0 });
    expect(r.steps).toBe(1);
  });

  it('refuses a graph that does not compile', async () => {
    const doc = TINY_GRAPHS.add();
    doc.edges = doc.edges.filter((e) => e.target !== 'out');
    await expect(measureThroughput(doc, { batchSize: 2 })).rejects.toThrow(/Output/);
  });
});

describe('randomBatch', () => {
  it.each([
    // graph, x shape, y shape, y values per row/pixel
    ['add', [3, 8, 8, 1], [3, 3]],
    ['concatenate', [3, 8, 8, 1], [3, 8, 8, 1]],
    ['transpose-bilinear-multiclass', [3, 8, 8, 1], [3, 8, 8, 2]],
  ] as const)('%s: x %j, y %j', (name, xShape, yShape) => {
    const c = compileGraph(TINY_GRAPHS[name]());
    if (!c.ok) throw new Error('compile failed');
    const [x, y] = randomBatch(c, 3);
    expect(x.shape).toEqual(xShape);
    expect(y.shape).toEqual(yShape);
    const values = y.dataSync();
    expect(values.every((v) => v === 0 || v === 1)).toBe(true);
    // one-hot targets sum to 1 per row or pixel; binary masks are 0/1
    if (yShape.at(-1) !== 1) expect(tf.sum(y, -1).dataSync().every((v) => v === 1)).toBe(true);
    tf.dispose([x, y]);
    c.model.dispose();
  });
});
