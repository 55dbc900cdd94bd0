/**
 * TensorFlow.js Layers import: models built and saved by tfjs itself (model.json + two shards) are imported,
 * compiled by Convas with the imported weights, and must give the outputs tfjs gives when it loads the same
 * files through tf.loadLayersModel (a custom IOHandler over the same bytes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledGraph } from '@/engine/compile';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel, type ImportedModel } from '@/engine/import';
import { applyImportedWeights } from '@/engine/import/applyWeights';
import { asFiles, functionalClassifier, mobileBlocks, onePixelHeadClassifier, randomiseWeights, saveModel, segmenter, sequentialClassifier, type SavedModel } from './tfjsModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tf.loadLayersModel over the saved files, as a browser would load them. */
async function loadWithTfjs(saved: SavedModel): Promise<tf.LayersModel> {
  const handler: tf.io.IOHandler = {
    load: async () => {
      const json = saved.json as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
      const parts = json.weightsManifest[0].paths.map((p) => saved.shards.get(p) as Uint8Array);
      const total = parts.reduce((a, b) => a + b.length, 0);
      const all = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: all.buffer };
    },
  };
  return tf.loadLayersModel(handler);
}

function compileImport(m: ImportedModel): CompiledGraph {
  const c = compileGraph(m.doc);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  const applied = applyImportedWeights(c, m.weights);
  expect(applied.skipped).toEqual([]);
  return c;
}

/** Largest absolute difference between the two models' outputs on the same seeded random batch. */
function maxDiff(a: tf.LayersModel, b: tf.LayersModel, shape: number[]): number {
  return tf.tidy(() => {
    const x = tf.randomUniform([3, ...shape], 0, 1, 'float32', 7);
    return tf.max(tf.abs(tf.sub(a.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor))).dataSync()[0];
  });
}

describe('tfjs Layers import', () => {
  const cases = [
    { name: 'functional classifier (BN, Add, Concatenate, 7-way softmax)', make: () => functionalClassifier(7, 3), shape: [16, 16, 3], task: 'skin-lesions', nodes: 12 },
    { name: 'sequential classifier (logits + softmax layer, 4 classes)', make: () => sequentialClassifier(4), shape: [12, 12, 1], task: 'brain-mri-classify', nodes: 8 },
    { name: 'segmenter (transposed conv, upsampling, 1x1 sigmoid head)', make: segmenter, shape: [16, 16, 1], task: 'brain-mri-segment', nodes: 8 },
  ];
  for (const c of cases) {
    it(`${c.name}: same outputs as tf.loadLayersModel`, async () => {
      const model = c.make();
      randomiseWeights(model, 11);
      const saved = await saveModel(model, 2);
      model.dispose();
      const imported = await importModel(fileListSource(asFiles(saved)));
      expect(imported.format).toBe('tfjs-layers');
      expect(imported.doc.task.id).toBe(c.task);
      expect(imported.summary.unsupported).toEqual([]);
      expect(imported.doc.nodes).toHaveLength(c.nodes);
      expect(imported.summary.withWeights).toBe(imported.summary.weighted);
      const reference = await loadWithTfjs(saved);
      const convas = compileImport(imported);
      const diff = maxDiff(reference, convas.model, c.shape);
      expect(diff).toBeLessThan(1e-5);
      // Not trivially equal: the reference's outputs vary over the batch.
      const spread = tf.tidy(() => tf.moments(reference.predict(tf.randomUniform([3, ...c.shape], 0, 1, 'float32', 7)) as tf.Tensor).variance.dataSync()[0]);
      expect(spread).toBeGreaterThan(1e-6);
      reference.dispose();
      convas.model.dispose();
    });
  }

  it('MobileNet blocks saved by stock tfjs: ReLU6, LeakyReLU(0.1), depthwise and separable layers (multipliers read from the kernels), same outputs', async () => {
    const model = mobileBlocks();
    randomiseWeights(model, 13);
    const saved = await saveModel(model, 2);
    const sep = (saved.json.modelTopology as { config: { layers: { name: string; config: Record<string, unknown> }[] } }).config.layers.find((l) => l.name === 'sep');
    // Stock tfjs 4.22 leaves it out (tf.loadLayersModel itself then fails on this file); the import reads it from the kernel.
    expect(sep?.config.depth_multiplier).toBeUndefined();
    const imported = await importModel(fileListSource(asFiles(saved)));
    expect(imported.summary.unsupported).toEqual([]);
    expect(imported.doc.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'Activation', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2D', 'LeakyReLU', 'GlobalAveragePooling2D', 'Output']);
    expect(imported.doc.nodes.find((n) => n.name === 'relu6')?.params).toEqual({ activation: 'relu6' });
    expect(imported.doc.nodes.find((n) => n.name === 'leaky')?.params).toEqual({ alpha: 0.1 });
    expect(imported.doc.nodes.find((n) => n.name === 'dw')?.params).toMatchObject({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu' });
    expect(imported.doc.nodes.find((n) => n.name === 'sep')?.params).toMatchObject({ filters: 6, padding: 'valid', depthMultiplier: 2, activation: 'relu' });
    const convas = compileImport(imported);
    expect(maxDiff(model, convas.model, [16, 16, 3])).toBeLessThan(1e-5);
    model.dispose();
    convas.model.dispose();
  });

  it("MobileNet v1's 1x1 head (Reshape to 1x1, 1x1 Conv2D classifier, Reshape back) imports as a Dense head, same outputs", async () => {
    const model = onePixelHeadClassifier();
    randomiseWeights(model, 17);
    const saved = await saveModel(model, 1);
    const imported = await importModel(fileListSource(asFiles(saved)));
    expect(imported.summary.unsupported).toEqual([]);
    // The 1x1 convolution and its softmax fold into the 7-way Output head (skin lesions); the reshapes go.
    expect(imported.doc.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'GlobalAveragePooling2D', 'Dropout', 'Output']);
    expect(imported.doc.task.id).toBe('skin-lesions');
    expect(imported.summary.withWeights).toBe(imported.summary.weighted);
    expect(imported.summary.notes.join(' ')).toMatch(/1x1 convolution \("conv_preds"\): read as a Dense layer/);
    const convas = compileImport(imported);
    expect(maxDiff(model, convas.model, [12, 12, 3])).toBeLessThan(1e-5);

    // Newer Keras writes the same head as GlobalAveragePooling2D(keepdims=True), without the first Reshape.
    const json = structuredClone(saved.json) as { modelTopology: { config: { layers: { name: string; config: Record<string, unknown>; inbound_nodes: unknown[][][] }[] } } };
    const layers = json.modelTopology.config.layers;
    const pool = layers.find((l) => l.name === 'global_average_pooling2d');
    if (!pool) throw new Error('no pooling layer');
    pool.config.keepdims = true;
    layers.splice(layers.findIndex((l) => l.name === 'reshape_1'), 1);
    const dropout = layers.find((l) => l.name === 'dropout');
    if (!dropout) throw new Error('no dropout layer');
    dropout.inbound_nodes[0][0][0] = 'global_average_pooling2d';
    const keepdims = await importModel(fileListSource(asFiles({ ...saved, json })));
    expect(keepdims.summary.unsupported).toEqual([]);
    expect(keepdims.doc.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'GlobalAveragePooling2D', 'Dropout', 'Output']);
    const convas2 = compileImport(keepdims);
    expect(maxDiff(model, convas2.model, [12, 12, 3])).toBeLessThan(1e-5);
    model.dispose();
    convas.model.dispose();
    convas2.model.dispose();
  });

  it('keeps layer names, params and wiring of the functional model', async () => {
    const model = functionalClassifier(7, 3);
    const saved = await saveModel(model, 1);
    model.dispose();
    const { doc } = await importModel(fileListSource(asFiles(saved)));
    const byName = new Map(doc.nodes.map((n) => [n.name, n]));
    expect(byName.get('conv1')?.params).toMatchObject({ filters: 8, kernelSize: 3, useBias: false, padding: 'same' });
    expect(byName.get('down')?.params).toMatchObject({ strides: 2, padding: 'valid', activation: 'elu' });
    expect(byName.get('pool')?.params).toMatchObject({ poolSize: 2, strides: 0 });
    expect(byName.get('classifier')?.type).toBe('Output');
    const residual = byName.get('residual')?.id;
    const into = doc.edges.filter((e) => e.target === residual).map((e) => doc.nodes.find((n) => n.id === e.source)?.name);
    expect(into).toEqual(['relu1', 'conv2']);
  });
});
