/**
 * Every catalog type compiles and trains one step on cpu and on wasm (the tiny graphs cover them all,
 * with Add and Concatenate), the step changes the weights and leaks nothing, and class weights scale
 * the loss as computed by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { compileGraph, createOptimizer, type CompiledGraph } from '@/engine/compile';
import { trainStep } from '@/engine/train';
import { NODE_TYPES, type GraphDocument } from '@/graph/types';
import { chainDoc, TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
  await initBackend('cpu');
});

/**
 * Seeded: with random starting weights a ReLU can start dead for every pixel of the batch (the activations
 * graph then passes no gradient to its convolution; it happened once in a full run), so the "every weight
 * moved" check would be flaky.
 */
function compiled(doc: GraphDocument): CompiledGraph {
  const c = compileGraph(doc, { seed: 11 });
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  return c;
}

/** A random batch of 4 for the model: images in [0, 1), targets one-hot rows or masks. */
function batchFor(c: CompiledGraph): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const [h, w, ch] = c.inputShape;
    const x = tf.randomUniform([4, h, w, ch], 0, 1, 'float32', 7);
    const k = c.head.classes;
    const labels = tf.tensor1d([0, 1, 2, 1].map((v) => v % Math.max(k, 2)), 'int32');
    if (c.head.kind === 'classification') return [x, tf.oneHot(labels, k).toFloat()];
    if (k === 1) return [x, tf.cast(tf.greater(tf.randomUniform([4, h, w, 1], 0, 1, 'float32', 8), 0.6), 'float32')];
    return [x, tf.oneHot(tf.cast(tf.mul(tf.randomUniform([4, h, w], 0, k, 'float32', 9), 1), 'int32'), k).toFloat()];
  });
}

describe('one training step', () => {
  it('the tiny graphs use every catalog type', () => {
    const used = new Set(Object.values(TINY_GRAPHS).flatMap((build) => build().nodes.map((n) => n.type)));
    expect([...used].sort()).toEqual([...NODE_TYPES].sort());
  });

  const cases = (['cpu', 'wasm'] as const).flatMap((backend) => Object.keys(TINY_GRAPHS).map((name) => [backend, name] as const));
  it.each(cases)('%s: %s trains one step', async (backend, name) => {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const c = compiled(TINY_GRAPHS[name]());
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    const [x, y] = batchFor(c);
    const weightsBefore = c.model.trainableWeights.map((w) => w.read().dataSync().slice());
    const { loss, predictions } = trainStep(c, optimizer, x, y, { keepPredictions: true });
    const value = loss.dataSync()[0];
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
    expect(predictions?.shape).toEqual([4, ...(c.model.outputs[0].shape.slice(1) as number[])]);
    // Every trainable weight moved (Adam's first step moves each by about the learning rate).
    const moved = c.model.trainableWeights.map((w, i) => {
      const now = w.read().dataSync();
      let diff = 0;
      for (let j = 0; j < now.length; j++) diff = Math.max(diff, Math.abs(now[j] - weightsBefore[i][j]));
      return diff;
    });
    expect(moved.every((d) => d > 1e-4), `${name}: ${moved.map((d) => d.toExponential(1)).join(' ')}`).toBe(true);
    tf.dispose([x, y, loss, predictions as tf.Tensor]);
    optimizer.dispose();
    c.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('class weights', () => {
  it('scale each sample\'s cross-entropy by its class weight (batch mean)', async () => {
    await tf.setBackend('cpu');
    // Input 4x4x1 -> GAP -> Dense(3) softmax with zero weights: every probability is 1/3, CE = ln 3 per image.
    const c = compiled(chainDoc({ id: 'random-classify' }, [['in', 'Input', { height: 4, width: 4, channels: 1 }], ['gap', 'GlobalAveragePooling2D'], ['out', 'Output']]));
    for (const w of c.model.trainableWeights) w.write(tf.zerosLike(w.read()));
    const optimizer = createOptimizer({ optimizer: 'sgd', learningRate: 0, momentum: 0 });
    const x = tf.ones([4, 4, 4, 1]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 2], 'int32'), 3).toFloat();
    const run = (weights?: number[]) => {
      const cw = weights ? tf.tensor1d(weights) : undefined;
      const { loss } = trainStep(c, optimizer, x, y, { classWeights: cw });
      const v = loss.dataSync()[0];
      tf.dispose([loss, cw as tf.Tensor]);
      return v;
    };
    expect(run()).toBeCloseTo(Math.log(3), 5);
    // labels 0, 1, 2, 2 with weights [2, 1, 1]: (2 + 1 + 1 + 1) / 4 * ln 3 = 1.25 ln 3 = 1.37327
    expect(run([2, 1, 1])).toBeCloseTo(1.25 * Math.log(3), 5);
    // weights [0.5, 3, 0]: (0.5 + 3 + 0 + 0) / 4 ln 3
    expect(run([0.5, 3, 0])).toBeCloseTo((3.5 / 4) * Math.log(3), 5);
    tf.dispose([x, y]);
    optimizer.dispose();
    c.model.dispose();
  });
});
