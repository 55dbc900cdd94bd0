import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { measureThroughput, randomBatch } from '@/engine/train';
import { openThroughput } from '@/engine/train/throughput';
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

describe('openThroughput', () => {
  afterEach(() => vi.restoreAllMocks());

  // Auto's backend timing (engine/backends/measure.ts) opens a session on each backend: webgpu in Chromium 156
  // refuses synchronous reads ("A valid external Instance reference no longer exists"), so its timing failed.
  it('reads its batch asynchronously: it opens where synchronous reads fail', async () => {
    const c = compileGraph(TINY_GRAPHS.add(), { seed: 3 });
    if (!c.ok) throw new Error('compile failed');
    const sync = vi.spyOn(tf.Tensor.prototype, 'dataSync').mockImplementation(() => {
      throw new Error('a synchronous read');
    });
    const before = tf.memory().numTensors;
    const session = await openThroughput(c, { batchSize: 2 });
    expect(sync).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect((await session.time(1, { warmup: 0 })).steps).toBe(1);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
    c.model.dispose();
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
