/**
 * ONNX import against PyTorch: the fixtures in tests/fixtures/models/onnx were written by torch.onnx.export
 * (make_onnx.py, torch 1.13) with PyTorch's output on a seeded input. Imported, compiled by Convas with the
 * imported weights and run on the same input (NCHW -> NHWC), they give PyTorch's output (after the softmax
 * Convas' Output adds to a logits head).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel } from '@/engine/import';
import { applyImportedWeights } from '@/engine/import/applyWeights';

const DIR = fileURLToPath(new URL('../../../fixtures/models/onnx/', import.meta.url));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Reference {
  input: { shape: number[]; data: number[] };
  output: { shape: number[]; data: number[] };
}

async function importFixture(name: string) {
  const bytes = new Uint8Array(readFileSync(`${DIR}${name}.onnx`));
  return importModel(fileListSource([{ path: `${name}.onnx`, size: bytes.length, read: async () => bytes }]));
}

describe('ONNX import (torch.onnx.export fixtures)', () => {
  const cases = [
    { name: 'classifier', task: 'skin-lesions', softmax: true, types: ['Input', 'Conv2D', 'MaxPooling2D', 'ZeroPadding2D', 'Conv2D', 'Flatten', 'Dense', 'Output'] },
    { name: 'residual', task: 'brain-mri-classify', softmax: false, types: ['Input', 'Conv2D', 'Conv2D', 'Add', 'Conv2D', 'Concatenate', 'AveragePooling2D', 'BatchNormalization', 'GlobalAveragePooling2D', 'Output'] },
    { name: 'segmenter', task: 'brain-mri-segment', softmax: false, types: ['Input', 'Conv2D', 'Conv2D', 'Conv2DTranspose', 'MaxPooling2D', 'UpSampling2D', 'Concatenate', 'Output'] },
    {
      name: 'mobile',
      task: 'brain-mri-classify',
      softmax: true,
      // torch.onnx.export folds each BatchNorm into the conv before it (bias added), the ReLUs fold into the cards.
      types: ['Input', 'ZeroPadding2D', 'Conv2D', 'DepthwiseConv2D', 'Conv2D', 'Add', 'ZeroPadding2D', 'DepthwiseConv2D', 'Conv2D', 'DepthwiseConv2D', 'GlobalAveragePooling2D', 'Output'],
    },
    {
      name: 'activations',
      task: 'brain-mri-classify',
      softmax: true,
      // The ELU (alpha 1) folds into the conv before it.
      types: ['Input', 'Conv2D', 'Activation', 'DepthwiseConv2D', 'LeakyReLU', 'Conv2D', 'Conv2D', 'LeakyReLU', 'GlobalAveragePooling2D', 'Output'],
    },
  ];
  for (const c of cases) {
    it(`${c.name}: PyTorch's output on the same input`, async () => {
      const m = await importFixture(c.name);
      expect(m.summary.unsupported).toEqual([]);
      expect(m.doc.task.id).toBe(c.task);
      expect(m.doc.nodes.map((n) => n.type)).toEqual(c.types);
      expect(m.summary.withWeights).toBe(m.summary.weighted);
      const compiled = compileGraph(m.doc);
      if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
      expect(applyImportedWeights(compiled, m.weights).skipped).toEqual([]);
      const ref = JSON.parse(readFileSync(`${DIR}${c.name}.json`, 'utf8')) as Reference;
      const got = tf.tidy(() => {
        const x = tf.tensor(ref.input.data, ref.input.shape).transpose([0, 2, 3, 1]);
        const y = compiled.model.predict(x) as tf.Tensor;
        return Array.from((y.rank === 4 ? y.transpose([0, 3, 1, 2]) : y).dataSync());
      });
      const want = c.softmax ? Array.from(tf.tidy(() => tf.softmax(tf.tensor(ref.output.data, ref.output.shape)).dataSync())) : ref.output.data;
      expect(got).toHaveLength(want.length);
      const diff = Math.max(...got.map((v, i) => Math.abs(v - want[i])));
      expect(diff).toBeLessThan(1e-4);
      compiled.model.dispose();
    });
  }

  it('mobile: Conv with one group per channel becomes DepthwiseConv2D with its multiplier, padding and fused ReLU', async () => {
    const m = await importFixture('mobile');
    const dw = m.doc.nodes.filter((n) => n.type === 'DepthwiseConv2D').map((n) => n.params);
    expect(dw).toEqual([
      expect.objectContaining({ kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 1, useBias: true, activation: 'relu' }),
      expect.objectContaining({ kernelSize: 3, strides: 2, padding: 'valid', depthMultiplier: 2, useBias: true, activation: 'relu' }),
      expect.objectContaining({ kernelSize: 5, strides: 1, padding: 'same', depthMultiplier: 1, useBias: true, activation: 'relu' }),
    ]);
    // [C*m, 1, k, k] -> Keras [k, k, C, m]: the second depthwise has 8 channels times 2.
    const second = m.doc.nodes.filter((n) => n.type === 'DepthwiseConv2D')[1];
    expect(m.weights.find((w) => w.name === `${second.id}/depthwise_kernel`)?.shape).toEqual([3, 3, 8, 2]);
  });

  it('activations: Clip(0, 6) is relu6, LeakyRelu keeps its slope, Elu folds into the conv', async () => {
    const m = await importFixture('activations');
    const params = (type: string) => m.doc.nodes.filter((n) => n.type === type).map((n) => n.params);
    expect(params('Activation')).toEqual([{ activation: 'relu6' }]);
    // float32 0.01 and 0.2 read back as the numbers people wrote.
    expect(params('LeakyReLU')).toEqual([{ alpha: 0.01 }, { alpha: 0.2 }]);
    expect(params('Conv2D')[1]).toMatchObject({ kernelSize: 1, activation: 'elu' });
  });

  it('classifier: the Dense after a (C, H, W) flatten has its rows reordered to (H, W, C), and the model says it ends in logits', async () => {
    const m = await importFixture('classifier');
    expect(m.summary.notes.join(' ')).toMatch(/raw scores \(logits\)/);
    // Without the reordering the outputs would differ: checked above; here the padding is explicit.
    const pad = m.doc.nodes.find((n) => n.type === 'ZeroPadding2D');
    expect(pad?.params.padding).toBe(1);
    expect(m.doc.nodes.find((n) => n.name === 'conv2')?.params).toMatchObject({ padding: 'valid', strides: 2, activation: 'tanh' });
  });
});
