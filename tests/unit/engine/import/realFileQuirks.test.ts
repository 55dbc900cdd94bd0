/**
 * Quirks of real model files met in public repositories (scripts/dev/importCorpus.ts runs a corpus of them):
 * Keras 2.13+ / TF 2.12 writing legacy HDF5 under a .keras name, .keras archives arriving unpacked (the CLI
 * opens any zip as a folder; users unzip them), and Git LFS pointers in place of model and weight files.
 * The fixtures are make_keras.py's, reshaped the way those files are; outputs are checked against tfjs.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { openNodePath } from '@/engine/datasets/import/nodeSource';
import { fileListSource, type FileLike } from '@/engine/datasets/import/source';
import { importModel, type ImportedModel } from '@/engine/import';
import { lfsPointerSize } from '@/engine/import/detect';
import { asFiles, randomiseWeights, saveModel, sequentialClassifier } from './tfjsModels';
import { KERAS_FIXTURES, kerasReference, maxDiffToReference } from './kerasReference';

const DIR = KERAS_FIXTURES;
const bytesOf = (name: string) => new Uint8Array(readFileSync(DIR + name));
const file = (path: string, bytes: Uint8Array): FileLike => ({ path, size: bytes.length, read: async () => bytes });
const LFS = (size: number) => new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:67b488ead2c4bff088e0642b9db25c2057403c6bb1d2c21dec642ce4ab710d4f\nsize ${size}\n`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const reference = kerasReference;
const maxDiff = (m: ImportedModel, ref: tf.LayersModel) => maxDiffToReference(m, ref, 2, 9);

describe('real-file quirks', () => {
  it('a legacy HDF5 model saved under a .keras name is read as the HDF5 it is', async () => {
    const m = await importModel(fileListSource([file('model.keras', bytesOf('legacy.h5'))]));
    expect(m.format).toBe('keras-h5');
    expect(m.summary.unsupported).toEqual([]);
    expect(maxDiff(m, await reference('ref-legacy'))).toBeLessThan(1e-5);
  });

  it('a .keras archive opened as the CLI opens it (a zip is a folder) is a Keras 3 model, not its weights file', async () => {
    const m = await importModel(await openNodePath(`${DIR}seq.keras`));
    expect(m.format).toBe('keras-v3');
    expect(m.summary.withWeights).toBe(m.summary.weighted);
    expect(maxDiff(m, await reference('ref-seq'))).toBeLessThan(1e-5);
  });

  it('an unpacked .keras folder (metadata.json, config.json, model.weights.h5) imports as the archive does', async () => {
    const entries = unzipSync(bytesOf('seq.keras'));
    expect(Object.keys(entries).sort()).toContain('model.weights.h5');
    const files = Object.entries(entries).map(([name, bytes]) => file(`mnist_cnn/${name}`, bytes));
    files.push(file('mnist_cnn/metadata.json', new TextEncoder().encode('{"keras_version": "3.10.0"}')));
    const m = await importModel(fileListSource(files));
    expect(m.format).toBe('keras-v3');
    expect(maxDiff(m, await reference('ref-seq'))).toBeLessThan(1e-5);
  });

  // Keras' image tutorials nest a resize_and_rescale and a data_augmentation Sequential first; transfer models
  // nest their base. Inlined, with the layers that do nothing when predicting left out and listed.
  for (const [file, format] of [['nested.h5', 'keras-h5'], ['nested.keras', 'keras-v3']] as const) {
    it(`nested Sequential models are inlined with their weights (${file})`, async () => {
      const m = await importModel(fileListSource([{ path: file, size: bytesOf(file).length, read: async () => bytesOf(file) }]));
      expect(m.format).toBe(format);
      expect(m.summary.unsupported).toEqual([]);
      expect(m.summary.omitted.map((o) => `${o.name}:${o.type}`)).toEqual(['resizing:Resizing', 'rescaling:Rescaling', 'random_flip:RandomFlip', 'random_rotation:RandomRotation']);
      expect(m.summary.omitted[1].reason).toMatch(/0\.\.255 to 0\.\.1/);
      expect(m.doc.nodes.map((n) => `${n.name}:${n.type}`)).toEqual([expect.stringMatching(/:Input$/), 'c1:Conv2D', 'pool:MaxPooling2D', 'flat:Flatten', 'out:Output']);
      expect(m.summary.withWeights).toBe(m.summary.weighted);
      // Convas feeds 0..1 pixels to the graph without the Rescaling: the model without it is the reference.
      expect(maxDiff(m, await reference('ref-nested'))).toBeLessThan(1e-5);
    });
  }

  it('a Resizing to another size and a Rescaling other than 1/255 are listed as unsupported, with what to do', async () => {
    const { kerasSourceModel } = await import('@/engine/import/keras/model');
    const { readKerasTopology } = await import('@/engine/import/keras/topology');
    const layer = (name: string, cls: string, config: Record<string, unknown>) => ({ class_name: cls, config: { name, ...config } });
    const topology = readKerasTopology({
      class_name: 'Sequential',
      config: { name: 's', layers: [layer('in', 'InputLayer', { batch_input_shape: [null, 32, 32, 3] }), layer('resize', 'Resizing', { height: 64, width: 64 }), layer('scale', 'Rescaling', { scale: 1 / 127.5, offset: -1 }), layer('flat', 'Flatten', {}), layer('d', 'Dense', { units: 4 })] },
    });
    const model = kerasSourceModel(topology, 'keras-json', new Map());
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    expect(byName.get('resize')?.unsupported).toMatch(/resizes 32x32 images to 64x64.*set the Input to 64x64/);
    expect(byName.get('scale')?.unsupported).toMatch(/rescales pixels by 0\.00784.* and offset -1/);
  });

  // fer.json + fer.h5: the architecture of model.to_json() with the weights of model.save_weights(), often
  // saved in another session, so the layer names differ; Keras' load_weights() matches such files by order.
  it('an architecture .json with a save_weights .h5 beside it imports with the weights, matched by order when names differ', async () => {
    const files = ['legacy_net.json', 'legacy_net.h5'].map((n) => file(`fer/${n}`, bytesOf(`pair/${n}`)));
    for (const source of [fileListSource(files), fileListSource([...files].reverse())]) {
      const m = await importModel(source);
      expect(m.format).toBe('keras-json');
      expect(m.summary.withWeights).toBe(m.summary.weighted);
      expect(m.summary.notes.join(' ')).toMatch(/weights come from fer\/legacy_net\.h5.*"c1_7" for "c1".*matched in order/);
      expect(maxDiff(m, await reference('ref-legacy'))).toBeLessThan(1e-5);
    }
    // The .json chosen on its own (the CLI's `import fer/legacy_net.json`) finds its weights too.
    const chosen = await importModel(fileListSource(files), { modelFile: 'fer/legacy_net.json' });
    expect(chosen.summary.withWeights).toBe(chosen.summary.weighted);
    // The .h5 alone says what it lacks.
    await expect(importModel(fileListSource([files[1]]))).rejects.toThrow(/holds weights only .* architecture \.json \(model\.to_json\(\)\)/);
  });

  it('says a Git LFS pointer is one, with the real size, for a model file and for a tfjs weight shard', async () => {
    expect(lfsPointerSize(LFS(137445137))).toBe(137445137);
    expect(lfsPointerSize(new TextEncoder().encode('{"modelTopology": {}}'))).toBeNull();
    await expect(importModel(fileListSource([file('pneumonia.keras', LFS(137445137))]))).rejects.toThrow(/pneumonia\.keras is a Git LFS pointer .*131\.1 MB/);
    await expect(importModel(fileListSource([file('net.onnx', LFS(2048))]))).rejects.toThrow(/net\.onnx is a Git LFS pointer .*2,048 bytes/);
    const model = sequentialClassifier(4);
    randomiseWeights(model, 3);
    const saved = await saveModel(model, 2);
    saved.shards.set('group1-shard2of2.bin', LFS(52000));
    await expect(importModel(fileListSource(asFiles(saved)))).rejects.toThrow(/model\/group1-shard2of2\.bin is a Git LFS pointer/);
  });
});
