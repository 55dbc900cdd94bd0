/**
 * Keras imports against tfjs: the fixtures of make_keras.py (a Keras 2 legacy .h5, a Keras 3 .keras archive
 * and a Keras 3 Functional to_json(), written in Keras' own layouts) hold the same weights as the TensorFlow.js
 * folders beside them, which tf.loadLayersModel reads as the reference. The imported models give its outputs.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel, type ImportedModel } from '@/engine/import';
import { KERAS_FIXTURES, kerasReference, maxDiffToReference } from './kerasReference';

const DIR = KERAS_FIXTURES;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function importFile(name: string): Promise<ImportedModel> {
  const bytes = new Uint8Array(readFileSync(DIR + name));
  return importModel(fileListSource([{ path: name, size: bytes.length, read: async () => bytes }]));
}

const reference = kerasReference;
const maxDiff = (m: ImportedModel, ref: tf.LayersModel) => maxDiffToReference(m, ref, 3, 5);

describe('Keras import', () => {
  it('legacy .h5 (Keras 2 Functional): layers, weights and outputs', async () => {
    const m = await importFile('legacy.h5');
    expect(m.format).toBe('keras-h5');
    expect(m.summary.unsupported).toEqual([]);
    expect(m.doc.nodes.map((n) => `${n.name}:${n.type}`)).toEqual(['image:Input', 'c1:Conv2D', 'bn:BatchNormalization', 'pool:MaxPooling2D', 'c2:Conv2D', 'join:Concatenate', 'flat:Flatten', 'out:Output']);
    expect(m.summary.withWeights).toBe(4);
    expect(maxDiff(m, await reference('ref-legacy'))).toBeLessThan(1e-5);
  });

  it('Keras 3 .keras archive (Sequential, layers/<name>/vars weights): outputs', async () => {
    const m = await importFile('seq.keras');
    expect(m.format).toBe('keras-v3');
    expect(m.doc.task.id).toBe('brain-mri-classify');
    expect(m.summary.withWeights).toBe(m.summary.weighted);
    expect(maxDiff(m, await reference('ref-seq'))).toBeLessThan(1e-5);
  });

  it('Keras 3 Functional to_json(): the same graph as the .h5, untrained and said so', async () => {
    const json = await importFile('functional3.json');
    const h5 = await importFile('legacy.h5');
    expect(json.format).toBe('keras-json');
    const shape = (m: ImportedModel) => m.doc.nodes.map((n) => `${n.name}:${n.type}:${JSON.stringify(n.params)}`);
    expect(shape(json)).toEqual(shape(h5));
    expect(json.doc.edges.map((e) => `${e.source}>${e.target}`)).toEqual(h5.doc.edges.map((e) => `${e.source}>${e.target}`));
    expect(json.summary.withWeights).toBe(0);
    expect(json.summary.notes.join(' ')).toMatch(/No weights found for layer "c1"/);
  });

  it('refuses weights-only and damaged HDF5 files with what they are', async () => {
    const bytes = new Uint8Array(readFileSync(`${DIR}legacy.h5`));
    const cut = bytes.subarray(0, 2000);
    await expect(importModel(fileListSource([{ path: 'cut.h5', size: cut.length, read: async () => cut }]))).rejects.toThrow(/cut\.h5/);
  });
});
