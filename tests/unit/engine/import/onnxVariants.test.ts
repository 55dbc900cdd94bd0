/**
 * ONNX files in the variants real PyTorch exports come in (make_onnx_legacy.py): opset 9 with weights among
 * the graph inputs, Pad as attribute or input, Upsample or Resize, view() flattening through Shape/Gather/
 * Concat/Reshape, pads computed without constant folding, BatchNormalization exported in training mode, and
 * a ConvTranspose with output_padding. Each imports to PyTorch's eval-mode outputs, or lists what it cannot.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel, type ImportedModel } from '@/engine/import';
import { applyImportedWeights } from '@/engine/import/applyWeights';

const DIR = fileURLToPath(new URL('../../../fixtures/models/onnx/', import.meta.url));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function importFixture(name: string): Promise<ImportedModel> {
  const bytes = new Uint8Array(readFileSync(`${DIR}${name}.onnx`));
  return importModel(fileListSource([{ path: `${name}.onnx`, size: bytes.length, read: async () => bytes }]));
}

/** Largest difference between Convas' output and softmax(PyTorch's logits) on legacy.json's input. */
function diffToPytorch(m: ImportedModel): number {
  const compiled = compileGraph(m.doc);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  expect(applyImportedWeights(compiled, m.weights).skipped).toEqual([]);
  const ref = JSON.parse(readFileSync(`${DIR}legacy.json`, 'utf8')) as { input: { shape: number[]; data: number[] }; output: { shape: number[]; data: number[] } };
  const d = tf.tidy(() => {
    const x = tf.tensor(ref.input.data, ref.input.shape).transpose([0, 2, 3, 1]);
    const want = tf.softmax(tf.tensor(ref.output.data, ref.output.shape));
    return tf.max(tf.abs(tf.sub(compiled.model.predict(x) as tf.Tensor, want))).dataSync()[0];
  });
  compiled.model.dispose();
  return d;
}

describe('ONNX export variants', () => {
  const types = (m: ImportedModel) => m.doc.nodes.map((n) => n.type);
  const padded = ['Input', 'ZeroPadding2D', 'Conv2D', 'UpSampling2D', 'ZeroPadding2D', 'Conv2D', 'Flatten', 'Dense', 'Output'];

  for (const name of ['legacy_o9', 'legacy_o11']) {
    it(`${name}: BatchNorm folded by the exporter, pads, upsampling and view() flattening read; PyTorch's outputs`, async () => {
      const m = await importFixture(name);
      expect(m.summary.unsupported).toEqual([]);
      expect(types(m)).toEqual(padded);
      expect(m.summary.withWeights).toBe(m.summary.weighted);
      expect(diffToPytorch(m)).toBeLessThan(1e-5);
    });
  }

  it('legacy_nofold: pads computed from Shape(Constant) without constant folding are followed', async () => {
    const m = await importFixture('legacy_nofold');
    expect(m.summary.unsupported).toEqual([]);
    expect(types(m)).toEqual(padded);
    expect(diffToPytorch(m)).toBeLessThan(1e-5);
  });

  it('legacy_train: BatchNormalization exported in training mode imports for prediction, and says so', async () => {
    const m = await importFixture('legacy_train');
    expect(m.summary.unsupported).toEqual([]);
    expect(types(m)).toContain('BatchNormalization');
    expect(m.summary.notes.join(' ')).toMatch(/exported in training mode .* running statistics/);
    expect(m.summary.withWeights).toBe(m.summary.weighted);
  });

  it("ResNet's stem pooling (3x3, stride 2, pads 1) is TensorFlow's 'same' on odd sizes, and listed with why on even ones", async () => {
    const odd = await importFixture('stem_pool9');
    expect(odd.summary.unsupported).toEqual([]);
    expect(odd.doc.nodes.find((n) => n.type === 'MaxPooling2D')?.params).toMatchObject({ poolSize: 3, strides: 2, padding: 'same' });
    const compiled = compileGraph(odd.doc);
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    applyImportedWeights(compiled, odd.weights);
    const ref = JSON.parse(readFileSync(`${DIR}stem_pool9.json`, 'utf8')) as { input: { shape: number[]; data: number[] }; output: { shape: number[]; data: number[] } };
    const d = tf.tidy(() => {
      const x = tf.tensor(ref.input.data, ref.input.shape).transpose([0, 2, 3, 1]);
      return tf.max(tf.abs(tf.sub(compiled.model.predict(x) as tf.Tensor, tf.softmax(tf.tensor(ref.output.data, ref.output.shape))))).dataSync()[0];
    });
    expect(d).toBeLessThan(1e-5);
    const even = await importFixture('stem_pool8');
    expect(even.summary.unsupported.map((u) => u.reason)).toEqual([expect.stringMatching(/pads 1 on each side .* at 8x8 TensorFlow's 'same' pads 0 before and 1 after/)]);
    // With the pooling bridged, the Dense after the flatten reads 128 values where its weights have 32 rows:
    // it is kept, untrained and said so (this crashed the reorder of its rows before).
    expect(even.doc.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'Flatten', 'Output']);
    expect(even.summary.notes.join(' ')).toMatch(/do not fit its shapes here/);
  });

  it("the stem pooling after a ReLU imports at even sizes too: a zero border + 'valid' pooling, PyTorch's outputs", async () => {
    const m = await importFixture('stem_relu_pool8');
    expect(m.summary.unsupported).toEqual([]);
    expect(m.doc.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'ZeroPadding2D', 'MaxPooling2D', 'Flatten', 'Output']);
    expect(m.doc.nodes.find((n) => n.type === 'Conv2D')?.params.activation).toBe('relu');
    expect(m.doc.nodes.find((n) => n.type === 'ZeroPadding2D')?.params.padding).toBe(1);
    expect(m.doc.nodes.find((n) => n.type === 'MaxPooling2D')?.params).toMatchObject({ poolSize: 3, strides: 2, padding: 'valid' });
    expect(m.summary.notes.join(' ')).toMatch(/imported as a zero border and 'valid' pooling/);
    const compiled = compileGraph(m.doc);
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    expect(applyImportedWeights(compiled, m.weights).skipped).toEqual([]);
    const ref = JSON.parse(readFileSync(`${DIR}stem_relu_pool8.json`, 'utf8')) as { input: { shape: number[]; data: number[] }; output: { shape: number[]; data: number[] } };
    // The input is centred on 0, so the convolution's output has negative values the ReLU clears.
    expect(ref.input.data.some((v) => v < 0)).toBe(true);
    const d = tf.tidy(() => {
      const x = tf.tensor(ref.input.data, ref.input.shape).transpose([0, 2, 3, 1]);
      return tf.max(tf.abs(tf.sub(compiled.model.predict(x) as tf.Tensor, tf.softmax(tf.tensor(ref.output.data, ref.output.shape))))).dataSync()[0];
    });
    compiled.model.dispose();
    expect(d).toBeLessThan(1e-5);
  });

  it('a model with several outputs (a detector) is refused with their names', async () => {
    await expect(importFixture('twoheads')).rejects.toThrow(/2 outputs \("scores", "boxes"\); Convas graphs have one Output/);
  });

  it('a ConvTranspose with output_padding is listed with why no Convas padding matches it', async () => {
    const m = await importFixture('outpad');
    expect(m.summary.unsupported).toHaveLength(1);
    expect(m.summary.unsupported[0]).toMatchObject({ type: 'ConvTranspose' });
    expect(m.summary.unsupported[0].reason).toMatch(/output_padding 1x1 with pads 1: PyTorch crops 1 row\(s\) before and 0 after .* 'same' crops 1 and 1/);
  });
});
