/**
 * Oracle: every catalog type is built in real tfjs (cpu backend, symbolic inputs, so no convolution is
 * computed) over a table of params, and tfjs' output shape and parameter counts are compared with the
 * catalog's inferShape and paramCount (DESIGN.md section 3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { CATALOG, withDefaults } from '@/graph/catalog';
import type { InferContext } from '@/graph/catalog/types';
import { NODE_TYPES, type NodeType, type Params } from '@/graph/types';

type Sym = tf.SymbolicTensor;

interface OracleCase {
  /** Input shapes without the batch dimension, in edge order. */
  inputs: number[][];
  params: Params;
  ctx?: InferContext;
  /** Builds the tfjs equivalent on symbolic inputs; returns its layers (their weights are summed). */
  tfjs: (inputs: Sym[]) => { output: Sym; layers: tf.layers.Layer[] };
}

const ctx: InferContext = { headClasses: 7, taskKind: 'classification', inputShape: [null, 16, 16, 3] };

/** Square and non-square, odd and even sides (H, W); large enough for a 7x7 kernel with dilation 2. */
const SIDES: [number, number][] = [[7, 7], [8, 8], [15, 16], [16, 15]];
const CHANNELS = [1, 3];
const KERNELS = [1, 3, 5, 7];
const STRIDES = [1, 2, 3];
const PADDINGS = ['same', 'valid'] as const;
const DILATIONS = [1, 2];

function images(): number[][] {
  return SIDES.flatMap(([h, w]) => CHANNELS.map((c) => [h, w, c]));
}

function enumOptions(type: NodeType, param: string): readonly string[] {
  const spec = CATALOG[type].params[param];
  return spec.kind === 'enum' ? spec.options : [];
}

function one(layer: tf.layers.Layer) {
  return (inputs: Sym[]) => ({ output: layer.apply(inputs.length === 1 ? inputs[0] : inputs) as Sym, layers: [layer] });
}

function convCases(): OracleCase[] {
  const out: OracleCase[] = [];
  for (const input of images()) for (const k of KERNELS) for (const s of STRIDES) for (const padding of PADDINGS) for (const d of DILATIONS) {
    // tfjs rejects strides > 1 together with dilation > 1 when it runs the op; tested separately below.
    if (s > 1 && d > 1) continue;
    const useBias = (k + s) % 2 === 0;
    const params = { filters: 2, kernelSize: k, strides: s, padding, dilationRate: d, useBias };
    out.push({ inputs: [input], params, tfjs: one(tf.layers.conv2d({ ...params })) });
  }
  return out;
}

function deconvCases(): OracleCase[] {
  const out: OracleCase[] = [];
  for (const input of images()) for (const k of KERNELS) for (const s of STRIDES) for (const padding of PADDINGS) {
    const params = { filters: 3, kernelSize: k, strides: s, padding, useBias: s !== 2 };
    out.push({ inputs: [input], params, tfjs: one(tf.layers.conv2dTranspose({ ...params })) });
  }
  return out;
}

/** Depthwise and separable convolutions over kernels, strides, padding and depth multipliers 1..3 (no dilation). */
function depthwiseCases(separable: boolean): OracleCase[] {
  const out: OracleCase[] = [];
  for (const input of images()) for (const k of KERNELS) for (const s of STRIDES) for (const padding of PADDINGS) for (const m of [1, 2, 3]) {
    const useBias = (k + s + m) % 2 === 0;
    const params = { kernelSize: k, strides: s, padding, depthMultiplier: m, useBias };
    out.push(
      separable
        ? { inputs: [input], params: { ...params, filters: 5 }, tfjs: one(tf.layers.separableConv2d({ ...params, filters: 5 })) }
        : { inputs: [input], params, tfjs: one(tf.layers.depthwiseConv2d({ ...params })) },
    );
  }
  return out;
}

function poolCases(type: 'MaxPooling2D' | 'AveragePooling2D'): OracleCase[] {
  const out: OracleCase[] = [];
  const make = type === 'MaxPooling2D' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
  for (const input of images()) for (const k of [1, 2, ...KERNELS.slice(1)]) for (const s of [0, ...STRIDES]) for (const padding of PADDINGS) {
    // strides 0 is the catalog's "same as the pool size"; tfjs' default (strides omitted) means the same.
    const layer = make({ poolSize: k, padding, ...(s > 0 ? { strides: s } : {}) });
    out.push({ inputs: [input], params: { poolSize: k, strides: s, padding }, tfjs: one(layer) });
  }
  return out;
}

function imageOnly(make: () => tf.layers.Layer): OracleCase[] {
  return images().map((input) => ({ inputs: [input], params: {}, tfjs: one(make()) }));
}

const ORACLE = {
  Input: () =>
    images().map((input) => ({
      inputs: [],
      params: { height: input[0], width: input[1], channels: input[2] },
      tfjs: () => ({ output: tf.input({ shape: input }), layers: [] }),
    })),
  Conv2D: convCases,
  Conv2DTranspose: deconvCases,
  DepthwiseConv2D: () => depthwiseCases(false),
  SeparableConv2D: () => depthwiseCases(true),
  MaxPooling2D: () => poolCases('MaxPooling2D'),
  AveragePooling2D: () => poolCases('AveragePooling2D'),
  GlobalAveragePooling2D: () => imageOnly(() => tf.layers.globalAveragePooling2d({})),
  GlobalMaxPooling2D: () => imageOnly(() => tf.layers.globalMaxPooling2d({})),
  Flatten: () => imageOnly(() => tf.layers.flatten()),
  Dense: () =>
    [1, 3, 100].flatMap((n) =>
      [1, 10].flatMap((units) =>
        [true, false].map((useBias) => ({ inputs: [[n]], params: { units, useBias }, tfjs: one(tf.layers.dense({ units, useBias })) })),
      ),
    ),
  Dropout: () => [[7, 7, 3], [16]].map((input) => ({ inputs: [input], params: { rate: 0.3 }, tfjs: one(tf.layers.dropout({ rate: 0.3 })) })),
  BatchNormalization: () =>
    [[7, 7, 1], [8, 8, 3], [16]].map((input) => ({
      inputs: [input],
      params: { momentum: 0.9, epsilon: 0.01 },
      tfjs: one(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.01 })),
    })),
  Activation: () =>
    enumOptions('Activation', 'activation').map((activation) => ({
      inputs: [[7, 8, 3]],
      params: { activation },
      tfjs: one(
        activation === 'leakyRelu'
          ? tf.layers.leakyReLU()
          : activation === 'relu6'
            ? tf.layers.reLU({ maxValue: 6 })
            : tf.layers.activation({ activation: activation as 'relu' }),
      ),
    })),
  LeakyReLU: () => [0, 0.01, 0.2, 1].map((alpha) => ({ inputs: [[7, 8, 3]], params: { alpha }, tfjs: one(tf.layers.leakyReLU({ alpha })) })),
  Add: () => [
    { inputs: [[8, 8, 3], [8, 8, 3]], params: {}, tfjs: one(tf.layers.add()) },
    { inputs: [[7, 7, 1], [7, 7, 1], [7, 7, 1]], params: {}, tfjs: one(tf.layers.add()) },
    { inputs: [[10], [10]], params: {}, tfjs: one(tf.layers.add()) },
  ],
  Concatenate: () => [
    { inputs: [[8, 8, 3], [8, 8, 1]], params: {}, tfjs: one(tf.layers.concatenate()) },
    { inputs: [[7, 9, 1], [7, 9, 2], [7, 9, 4]], params: {}, tfjs: one(tf.layers.concatenate()) },
    { inputs: [[10], [6]], params: {}, tfjs: one(tf.layers.concatenate()) },
  ],
  UpSampling2D: () =>
    images().flatMap((input) =>
      [1, 2, 3].flatMap((size) =>
        (['nearest', 'bilinear'] as const).map((interpolation) => ({
          inputs: [input],
          params: { size, interpolation },
          tfjs: one(tf.layers.upSampling2d({ size: [size, size], interpolation })),
        })),
      ),
    ),
  ZeroPadding2D: () =>
    images().flatMap((input) =>
      [0, 1, 2, 3].map((padding) => ({ inputs: [input], params: { padding }, tfjs: one(tf.layers.zeroPadding2d({ padding })) })),
    ),
  Output: () => {
    const seg = (classes: number): InferContext => ({ headClasses: classes, taskKind: 'segmentation', inputShape: [null, 15, 16, 1] });
    return [
      // Classification with projection: Dense(classes) + softmax.
      ...[[1], [64]].map((input) => ({
        inputs: input.map((n) => [n]),
        params: { head: 'classification', projection: true },
        tfjs: one(tf.layers.dense({ units: 7, activation: 'softmax' })),
      })),
      // Classification without projection: a softmax over an input of the right size.
      { inputs: [[7]], params: { head: 'classification', projection: false }, tfjs: one(tf.layers.activation({ activation: 'softmax' })) },
      // Segmentation: 1x1 Conv2D(classes) + sigmoid (binary) or softmax (several classes).
      ...[1, 4].flatMap((classes) =>
        [1, 8].map((c) => ({
          inputs: [[15, 16, c]],
          params: { head: 'segmentation', projection: true },
          ctx: seg(classes),
          tfjs: one(tf.layers.conv2d({ filters: classes, kernelSize: 1, activation: classes === 1 ? 'sigmoid' : 'softmax' })),
        })),
      ),
      { inputs: [[15, 16, 4]], params: { head: 'segmentation', projection: false }, ctx: seg(4), tfjs: one(tf.layers.activation({ activation: 'softmax' })) },
    ];
  },
} satisfies Record<NodeType, () => OracleCase[]>;

function weightCount(layers: tf.layers.Layer[], which: 'all' | 'trainable'): number {
  let n = 0;
  for (const l of layers) {
    const ws = which === 'all' ? l.weights : l.trainableWeights;
    for (const w of ws) n += w.shape.reduce((a: number, b) => a * (b ?? 0), 1);
  }
  return n;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('oracle: catalog vs tfjs', () => {
  it('covers every catalog type', () => {
    expect(Object.keys(ORACLE).sort()).toEqual([...NODE_TYPES].sort());
  });

  it.each(NODE_TYPES)('%s matches tfjs shapes and parameter counts', (type) => {
    const cases = (ORACLE as Record<NodeType, () => OracleCase[]>)[type]();
    expect(cases.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    let compared = 0;
    let rejected = 0;
    for (const c of cases) {
      const sym = c.inputs.map((shape) => tf.input({ shape }));
      const { output, layers } = c.tfjs(sym);
      const tfShape = output.shape;
      const params = withDefaults(type, c.params);
      const inShapes = c.inputs.map((s) => [null, ...s]);
      const context = c.ctx ?? ctx;
      const ours = CATALOG[type].inferShape(inShapes, params, context);
      const label = `${type} ${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`;
      if (!ours.ok) {
        // The only inputs we reject here are windows that do not fit: tfjs then yields a size <= 0.
        const tfEmpty = tfShape.slice(1).some((d) => d !== null && d <= 0);
        if (ours.code !== 'shape-zero' || !tfEmpty) mismatches.push(`${label}: ours ${ours.code}, tfjs ${JSON.stringify(tfShape)}`);
        rejected++;
        continue;
      }
      if (JSON.stringify(ours.shape) !== JSON.stringify(tfShape)) {
        mismatches.push(`${label}: shape ours ${JSON.stringify(ours.shape)}, tfjs ${JSON.stringify(tfShape)}`);
      }
      const counts = CATALOG[type].paramCount(inShapes, params, ours.shape, context);
      const all = weightCount(layers, 'all');
      const trainable = weightCount(layers, 'trainable');
      if (counts.trainable !== trainable || counts.trainable + counts.nonTrainable !== all) {
        mismatches.push(`${label}: params ours ${JSON.stringify(counts)}, tfjs trainable ${trainable} of ${all}`);
      }
      for (const l of layers) l.dispose();
      compared++;
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(0);
    // Windows larger than valid inputs only occur for the windowed types.
    if (!['Conv2D', 'MaxPooling2D', 'AveragePooling2D'].includes(type)) expect(rejected).toBe(0);
  });

  it('tfjs rejects strides > 1 with dilation > 1, and so does the catalog, with the numbers', () => {
    const layer = tf.layers.conv2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 });
    const x = tf.zeros([1, 9, 9, 1]);
    expect(() => layer.apply(x)).toThrow(/strides or dilations must be 1/);
    x.dispose();
    const ours = CATALOG.Conv2D.inferShape([[null, 9, 9, 1]], withDefaults('Conv2D', { strides: 2, dilationRate: 2 }), ctx);
    expect(ours).toEqual({ ok: false, code: 'stride-with-dilation', params: { strides: 2, dilation: 2 } });
  });
});
