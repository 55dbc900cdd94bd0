/**
 * The logits path of a compiled graph: the head's activation of compiled.logits(x) equals the model's own
 * output, for a Dense head, a 1x1 Conv2D head and a head without projection, and it trains the model's weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph, headActivation, type CompiledGraph } from '@/engine/compile';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { buildUnet } from '@/graph/templates/unet';
import type { GraphDocument } from '@/graph/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A graph resized to a tiny input, so the cpu backend is quick. */
function tiny(doc: GraphDocument, size: number): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, height: size, width: size } } : n)) };
}

function compiled(doc: GraphDocument): CompiledGraph {
  const c = compileGraph(doc, { seed: 3 });
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('; '));
  return c;
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('compiled.logits', () => {
  it.each([
    ['First CNN (Dense softmax head)', () => tiny(buildFirstCnn(), 16)],
    ['Small U-Net (1x1 Conv2D sigmoid head)', () => tiny(buildUnet(), 16)],
  ])('%s: activation(logits) equals the model output', (_name, make) => {
    const c = compiled(make());
    const [h, w, ch] = c.inputShape;
    const x = tf.randomUniform([2, h, w, ch], 0, 1, 'float32', 5);
    const viaLogits = tf.tidy(() => headActivation(c.head, c.logits(x, false)));
    const direct = c.model.predict(x) as tf.Tensor;
    expect(viaLogits.shape).toEqual(direct.shape);
    expect(maxDiff(viaLogits, direct)).toBeLessThan(1e-6);
    expect(c.headBias?.shape).toEqual([c.head.classes]);
    tf.dispose([x, viaLogits, direct]);
    c.model.dispose();
  });

  it('without projection the logits are the Output input, and there is no head bias', () => {
    const doc = tiny(buildFirstCnn(), 16);
    const dense = doc.nodes.find((n) => n.type === 'Dense');
    const output = doc.nodes.find((n) => n.type === 'Output');
    if (!dense || !output) throw new Error('template changed');
    dense.params = { ...dense.params, units: 7, activation: 'linear' };
    output.params = { ...output.params, projection: false };
    const c = compiled(doc);
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 6);
    const viaLogits = tf.tidy(() => headActivation(c.head, c.logits(x, false)));
    const direct = c.model.predict(x) as tf.Tensor;
    expect(maxDiff(viaLogits, direct)).toBeLessThan(1e-6);
    expect(c.headBias).toBeNull();
    tf.dispose([x, viaLogits, direct]);
    c.model.dispose();
  });

  it('its gradient reaches every trainable weight of the model, the head included', () => {
    const c = compiled(tiny(buildFirstCnn(), 16));
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 7);
    const y = tf.oneHot([0, 3], 7).toFloat();
    const vars = c.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => c.loss(y, c.logits(x, true)) as tf.Scalar, vars);
    expect(Object.keys(grads).length).toBe(vars.length);
    for (const v of vars) expect(tf.tidy(() => tf.sum(tf.abs(grads[v.name])).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([x, y, ...Object.values(grads)]);
    c.model.dispose();
  });
});
