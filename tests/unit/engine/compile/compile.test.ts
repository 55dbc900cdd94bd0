/**
 * compileGraph: refuses invalid graphs with validate's messages; builds exactly what shape inference
 * describes (every node's output shape and parameter counts) for the tiny graphs, the fixture documents
 * and the templates; heads, names, merge order, and no leaked tensors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledGraph } from '@/engine/compile';
import { TEMPLATES } from '@/graph/templates';
import type { GraphDocument } from '@/graph/types';
import { chainDoc, docOf, fixtureDocuments, TINY_GRAPHS } from './graphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function compiled(doc: GraphDocument): CompiledGraph {
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  return c;
}

/** Each compiled node's tfjs output shape and weights against shape inference; '' when all agree. */
function mismatches(c: CompiledGraph): string[] {
  const out: string[] = [];
  for (const [id, layerName] of Object.entries(c.layers)) {
    const layer = c.model.getLayer(layerName);
    const expected = c.report.nodes[id];
    const shape = (layer.output as tf.SymbolicTensor).shape;
    if (JSON.stringify(shape) !== JSON.stringify(expected.shape)) out.push(`${id}: shape ${JSON.stringify(shape)} vs ${JSON.stringify(expected.shape)}`);
    const count = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);
    const trainable = count(layer.trainableWeights);
    const nonTrainable = count(layer.nonTrainableWeights);
    if (trainable !== expected.params.trainable || nonTrainable !== expected.params.nonTrainable) {
      out.push(`${id}: params ${trainable}+${nonTrainable} vs ${expected.params.trainable}+${expected.params.nonTrainable}`);
    }
  }
  return out;
}

const DOCUMENTS: [string, () => GraphDocument][] = [
  ...Object.entries(TINY_GRAPHS).map(([name, build]): [string, () => GraphDocument] => [`tiny ${name}`, build]),
  ...Object.entries(fixtureDocuments()).map(([name, doc]): [string, () => GraphDocument] => [`fixture ${name}`, () => doc]),
  ...TEMPLATES.map((t): [string, () => GraphDocument] => [`template ${t.id}`, t.build]),
];

describe('compileGraph', () => {
  it.each(DOCUMENTS)('%s: shapes and parameter counts equal inferShapes', (_name, build) => {
    const c = compiled(build());
    expect(mismatches(c)).toEqual([]);
    expect(Object.keys(c.layers).length).toBe(c.model.layers.length);
    expect(c.model.countParams()).toBe(c.report.totals.trainable + c.report.totals.nonTrainable);
    const out = c.model.outputs[0].shape;
    const outputNode = build().nodes.find((n) => n.type === 'Output');
    expect(out).toEqual(c.report.nodes[outputNode?.id ?? ''].shape);
    c.model.dispose();
  });

  it('refuses a graph with errors, with validate\'s messages, and builds nothing', () => {
    const before = tf.memory().numTensors;
    const doc = chainDoc({ id: 'random-classify' }, [
      ['in', 'Input', { height: 8, width: 8, channels: 1 }],
      ['dense', 'Dense', { units: 4 }],
      ['out', 'Output'],
    ]);
    const c = compileGraph(doc);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.issues.map((i) => i.code)).toEqual(['dense-on-image']);
    expect(c.issues[0].message).toMatch(/8x8x1/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an unknown task', () => {
    const doc = TINY_GRAPHS.add();
    doc.task = { id: 'no-such-task' };
    const c = compileGraph(doc);
    expect(c.ok === false && c.issues.map((i) => i.code)).toContain('unknown-task');
  });

  it('heads: softmax Dense, sigmoid 1x1 conv, softmax 1x1 conv, bare softmax', () => {
    const cases: [string, string, string, number][] = [
      // graph, class name of the Output layer, activation, output channels
      ['conv-bn-pool-dense', 'Dense', 'softmax', 3],
      ['concatenate', 'Conv2D', 'sigmoid', 1],
      ['transpose-bilinear-multiclass', 'Conv2D', 'softmax', 2],
      ['pad-dilated-avg-gmp', 'Activation', 'softmax', 3],
    ];
    for (const [graph, className, activation, classes] of cases) {
      const c = compiled(TINY_GRAPHS[graph]());
      const layer = c.model.getLayer(c.layers.out);
      const config = layer.getConfig();
      expect(layer.getClassName(), graph).toBe(className);
      expect(config.activation, graph).toBe(activation);
      expect(c.head.classes, graph).toBe(classes);
      if (className === 'Conv2D') expect(config.kernelSize).toEqual([1, 1]);
      c.model.dispose();
    }
  });

  it('losses follow the head and the segmentation setting', () => {
    const names = (doc: GraphDocument) => {
      const c = compiled(doc);
      c.model.dispose();
      return c.lossName;
    };
    expect(names(TINY_GRAPHS.add())).toBe('categorical cross-entropy');
    const seg = TINY_GRAPHS.concatenate();
    expect(names({ ...seg, training: { ...seg.training, segmentationLoss: 'bce' } })).toBe('binary cross-entropy');
    expect(names({ ...seg, training: { ...seg.training, segmentationLoss: 'dice' } })).toBe('soft Dice (over the batch)');
    expect(names({ ...seg, training: { ...seg.training, segmentationLoss: 'dice', diceMode: 'image' } })).toBe('soft Dice (per image)');
    expect(names(seg)).toBe('binary cross-entropy + soft Dice (over the batch)');
    expect(names(TINY_GRAPHS['transpose-bilinear-multiclass']())).toBe('categorical cross-entropy + mean soft Dice (over the batch)');
  });

  it('merges take their inputs in edge order', () => {
    const c = compiled(TINY_GRAPHS.concatenate());
    const inputs = c.model.getLayer(c.layers.cat).input as tf.SymbolicTensor[];
    expect(inputs.map((t) => t.sourceLayer.name)).toEqual(['up', 'c1']);
    expect(inputs.map((t) => t.shape[3])).toEqual([3, 4]);
    c.model.dispose();
  });

  it('layer names are sanitised node names, unique, and nodes off the path are left out', () => {
    const doc = docOf(
      { id: 'random-classify' },
      [
        ['a', 'Input', { height: 8, width: 8, channels: 1 }],
        ['b', 'GlobalAveragePooling2D'],
        ['c', 'Output'],
        ['d', 'Dropout'],
      ],
      [['a', 'b'], ['b', 'c'], ['a', 'd']],
    );
    doc.nodes[0].name = 'my input!';
    doc.nodes[1].name = 'my input?';
    doc.nodes[2].name = '__out put__';
    const c = compiled(doc);
    expect(c.layers).toEqual({ a: 'my_input', b: 'my_input_2', c: 'out_put' });
    expect(c.model.layers.map((l) => l.name)).toEqual(['my_input', 'my_input_2', 'out_put']);
    expect(c.warnings.map((w) => w.code)).toEqual(['not-connected']);
    c.model.dispose();
  });

  it('a dilated linear Conv2D (unfused, so it can train) computes what the stock tfjs layer does', () => {
    const c = compiled(TINY_GRAPHS['pad-dilated-avg-gmp']());
    const layer = c.model.getLayer(c.layers.conv);
    expect(layer.getClassName()).toBe('Conv2D');
    const stock = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'valid', dilationRate: 2 });
    const x = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 5);
    stock.apply(x);
    stock.setWeights(layer.getWeights());
    const ours = layer.apply(x) as tf.Tensor;
    const theirs = stock.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual([2, 6, 6, 3]);
    expect(tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, ours, theirs]);
    stock.dispose();
    c.model.dispose();
  });

  it("a linear Conv2D's gradient skips the input gradient nothing asks for (the First CNN's first layer, fed the image)", async () => {
    const first = TEMPLATES.find((t) => t.id === 'first-cnn')!.build();
    const c = compiled(first);
    const vars = c.model.trainableWeights.map((v) => v.read() as tf.Variable);
    const x = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 4], 'int32'), 7).toFloat();
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => c.loss(y, c.logits(x, true)) as tf.Scalar, vars);
      expect(Object.keys(grads)).toHaveLength(vars.length);
      tf.dispose([value, ...Object.values(grads)]);
    });
    const calls = (name: string) => profile.kernels.filter((k) => k.name === name).length;
    // Two convolutions, both linear (BatchNorm follows): two filter gradients, one input gradient (the second's).
    expect(calls('Conv2DBackpropFilter')).toBe(2);
    expect(calls('Conv2DBackpropInput')).toBe(1);
    tf.dispose([x, y]);
    c.model.dispose();
  });

  it('a seed fixes the initial weights (the same seed, the same weights; another seed, others)', () => {
    const weights = (seed: number) => {
      const c = compileGraph(TINY_GRAPHS.add(), { seed });
      if (!c.ok) throw new Error('compile failed');
      const values = c.model.getWeights().map((w) => Array.from(w.dataSync()));
      c.model.dispose();
      return values;
    };
    const a = weights(1);
    expect(weights(1)).toEqual(a);
    expect(weights(2)).not.toEqual(a);
  });

  it('a seed fixes the Dropout masks: new ones every training pass, the same sequence for the same seed, a replica its own', () => {
    const doc = () =>
      chainDoc({ id: 'random-classify' }, [
        ['in', 'Input', { height: 4, width: 4, channels: 1 }],
        ['flat', 'Flatten'],
        ['drop', 'Dropout', { rate: 0.5 }],
        ['out', 'Output', { head: 'classification' }],
      ]);
    const x = tf.ones([2, 4, 4, 1]);
    /** Three training passes' logits (they differ only by the Dropout mask: the weights are the seed's). */
    const passes = (opts: { seed: number; dropoutStream?: number }) => {
      const c = compileGraph(doc(), opts);
      if (!c.ok) throw new Error('compile failed');
      const out = [0, 1, 2].map(() => tf.tidy(() => Array.from(c.logits(x, true).dataSync())));
      const seedAfter = c.model.getLayer(c.layers.drop).getConfig().seed;
      c.model.dispose();
      return { out, seedAfter };
    };
    const a = passes({ seed: 3 });
    const b = passes({ seed: 3 });
    const replica = passes({ seed: 3, dropoutStream: 1 });
    expect(b.out).toEqual(a.out);
    expect(a.out[1]).not.toEqual(a.out[0]);
    expect(a.out[2]).not.toEqual(a.out[1]);
    expect(replica.out[0]).not.toEqual(a.out[0]);
    // The seed is lent for the pass only: the saved model config carries none.
    expect(a.seedAfter).toBeUndefined();
    tf.dispose(x);
  });

  it('compiling twice and disposing leaks no tensors', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) compiled(TINY_GRAPHS['conv-bn-pool-dense']()).model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
