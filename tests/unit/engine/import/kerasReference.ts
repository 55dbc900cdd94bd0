/**
 * The Keras fixtures' references (make_keras.py writes a TensorFlow.js folder beside each Keras file, with the
 * same weights) and the largest difference between an imported model and one of them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import type { ImportedModel } from '@/engine/import';
import { applyImportedWeights } from '@/engine/import/applyWeights';

export const KERAS_FIXTURES = fileURLToPath(new URL('../../../fixtures/models/keras/', import.meta.url));

/** tf.loadLayersModel over a reference folder (model.json + weights.bin) of the Keras fixtures. */
export async function kerasReference(folder: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(`${KERAS_FIXTURES}${folder}/model.json`, 'utf8'));
  const bin = readFileSync(`${KERAS_FIXTURES}${folder}/weights.bin`);
  return tf.loadLayersModel({
    load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) }),
  });
}

/** Largest absolute difference between the imported model (compiled, every weight applied) and `ref` on a seeded batch. */
export function maxDiffToReference(m: ImportedModel, ref: tf.LayersModel, batch: number, seed: number): number {
  const c = compileGraph(m.doc);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
  expect(applyImportedWeights(c, m.weights).skipped).toEqual([]);
  const d = tf.tidy(() => {
    const x = tf.randomUniform([batch, ...c.inputShape], 0, 1, 'float32', seed);
    return tf.max(tf.abs(tf.sub(ref.predict(x) as tf.Tensor, c.model.predict(x) as tf.Tensor))).dataSync()[0];
  });
  c.model.dispose();
  return d;
}
