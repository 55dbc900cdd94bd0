/**
 * An imported model exported again without training (the Export dialog's "weights: imported"): the training
 * worker's `importedArtifacts` request (TrainingClient <-> the real handler over the structured-clone fake
 * Worker) puts the imported weights into a fresh model of the graph, and the three exports give the source's
 * outputs: tfjs loaded back by tf.loadLayersModel, PyTorch run in real torch, Keras' weights.npz holding the
 * source layers' values. A node whose shape changed since the import starts fresh and is named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { exportGraph, type ExportFile } from '@/engine/export';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel, type ImportedModel } from '@/engine/import';
import type { ImportedArtifacts } from '@/engine/protocol';
import { TrainingClient } from '@/engine/worker/client';
import { requireTorch, runPython, scratch, writeFiles, type PythonRun } from '../export/run';
import { fakeWorker } from '../worker/fakeWorker';
import { asFiles, functionalClassifier, randomiseWeights, saveModel } from './tfjsModels';

const work = scratch('export-imported');
let source: tf.LayersModel;
let imported: ImportedModel;
let prepared: ImportedArtifacts;
let input: tf.Tensor4D;
let expected: Float32Array;
let python: PythonRun;

const file = (files: ExportFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.content;
};

/** The float32 arrays of a .npz the exporter wrote (numpy 1.0 headers), by entry name without `.npy`. */
function readNpz(bytes: Uint8Array): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, npy] of Object.entries(unzipSync(bytes))) {
    const headerLength = npy[8] + 256 * npy[9];
    const body = npy.slice(10 + headerLength);
    out.set(name.replace(/\.npy$/, ''), new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4));
  }
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  // 16x16x3 -> conv, BN, residual Add, Concatenate, strided conv, GAP, softmax over 7 classes (tfjsModels.ts).
  source = functionalClassifier(7, 3);
  randomiseWeights(source, 17);
  imported = await importModel(fileListSource(asFiles(await saveModel(source, 2))));
  const client = new TrainingClient(fakeWorker());
  prepared = await client.requestImportedArtifacts(imported.doc, imported.weights);
  client.terminate();
  input = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
  expected = (source.predict(input) as tf.Tensor).dataSync() as Float32Array;

  const torchDir = join(work.dir, 'pytorch');
  writeFiles(torchDir, exportGraph(imported.doc, 'pytorch', { weights: prepared.artifacts }).files);
  python = runPython(work.dir, {
    models: [{ name: 'imported', dir: torchDir, input: Array.from(input.dataSync()), inputShape: input.shape, output: Array.from(expected), outputShape: [2, 7] }],
  });
}, 240_000);

afterAll(() => {
  source.dispose();
  input.dispose();
  work.cleanup();
});

describe('exporting imported weights without training', () => {
  it('the worker puts every imported weight into the graph (5 weighted layers, none fresh)', () => {
    // conv1 (no bias), bn1, conv2, squeeze, down, classifier: 6 weighted layers of the source.
    expect(prepared.applied).toHaveLength(6);
    expect(prepared.skipped).toEqual([]);
  });

  it('tfjs: model.json + weights.bin load back in tfjs and predict what the source predicts', async () => {
    const files = exportGraph(imported.doc, 'tfjs', { weights: prepared.artifacts }).files;
    const json = JSON.parse(file(files, 'model.json') as string) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const bytes = file(files, 'weights.bin') as Uint8Array;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bytes.slice().buffer as ArrayBuffer }),
    );
    const got = (loaded.predict(input) as tf.Tensor).dataSync();
    let diff = 0;
    for (let i = 0; i < expected.length; i++) diff = Math.max(diff, Math.abs(got[i] - expected[i]));
    expect(diff).toBeLessThan(1e-5);
    loaded.dispose();
  });

  it('Keras: weights.npz holds each source layer weights, value for value', () => {
    const files = exportGraph(imported.doc, 'keras', { weights: prepared.artifacts }).files;
    const npz = readNpz(file(files, 'weights.npz') as Uint8Array);
    const model = strFromU8(new TextEncoder().encode(file(files, 'model.py') as string));
    for (const name of ['conv1', 'bn1', 'conv2', 'squeeze', 'down', 'classifier']) {
      const values = source.getLayer(name).getWeights().map((w) => w.dataSync());
      values.forEach((v, i) => {
        const stored = npz.get(`${name}/${i}`);
        expect(stored, `${name}/${i}`).toBeDefined();
        expect(Array.from(stored as Float32Array)).toEqual(Array.from(v));
      });
      expect(model).toContain(`name="${name}"`);
    }
  });

  it('PyTorch: the exported model run in real torch gives the source outputs', (ctx) => {
    requireTorch(python, (note) => ctx.skip(note));
    const result = (python.results.models as Record<string, { ok: boolean; maxDiff: number; untrainedDiff: number; error?: string }>).imported;
    expect(result.error).toBeUndefined();
    expect(result.maxDiff).toBeLessThan(1e-4);
    // A model built without the weights differs: the weights really were loaded.
    expect(result.untrainedDiff).toBeGreaterThan(1e-3);
  });

  it("the README says whose weights they are: the imported model's, not trained in Convas", () => {
    const readme = (origin?: 'imported') => file(exportGraph(imported.doc, 'pytorch', { weights: prepared.artifacts, ...(origin ? { weightsOrigin: origin } : {}) }).files, 'README.md') as string;
    expect(readme('imported')).toContain("The imported model's weights are included, as read from its file (not trained in Convas).");
    expect(readme('imported')).toContain("`weights.safetensors`: the imported model's weights, as read from its file (not trained in Convas), converted to PyTorch layouts.");
    expect(readme()).toContain('The trained weights are included.');
  });

  it('a node whose shape changed since the import starts fresh, and is named; the others keep their weights', async () => {
    const doc = structuredClone(imported.doc);
    const squeeze = doc.nodes.find((n) => n.name === 'squeeze');
    if (!squeeze) throw new Error('no squeeze node');
    squeeze.params = { ...squeeze.params, filters: 5 };
    const client = new TrainingClient(fakeWorker());
    const changed = await client.requestImportedArtifacts(doc, imported.weights);
    client.terminate();
    // squeeze now has 5 filters, and `down` reads 8 + 5 channels instead of 12: both start fresh.
    const down = doc.nodes.find((n) => n.name === 'down')?.id;
    expect(changed.skipped.map((s) => s.nodeId).sort()).toEqual([squeeze.id, down].sort());
    expect(changed.skipped.find((s) => s.nodeId === squeeze.id)?.reason).toContain('[1, 1, 8, 5]');
    expect(changed.applied).toHaveLength(4);
  });
});
