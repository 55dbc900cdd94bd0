/**
 * Fuzzing the model importers like the dataset importers (tests/unit/fuzz/mutate.ts): mutated ONNX files
 * (the torch.onnx.export fixtures), mutated tfjs model.json + shards, mutated Keras .h5 and .keras files, and
 * mutated .zip archives of a model folder. Every case must end in an imported model whose graph is a valid document, or a ModelImportError
 * with a message; never a hang, a crash, another kind of error or unbounded memory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileListSource, zipSource } from '@/engine/datasets/import/source';
import { importModel, ModelImportError } from '@/engine/import';
import { parseDocument, serializeDocument } from '@/graph/document';
import { fuzz, mutatedFrom } from '../../fuzz/mutate';
import { functionalClassifier, saveModel, type SavedModel } from './tfjsModels';

const ONNX = fileURLToPath(new URL('../../../fixtures/models/onnx/', import.meta.url));
let saved: SavedModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = functionalClassifier(7, 3);
  saved = await saveModel(model, 2);
  model.dispose();
});

/** An import that either succeeds with a document that parses, or fails with a ModelImportError. */
async function importCase(files: { path: string; bytes: Uint8Array }[]): Promise<void> {
  try {
    const m = await importModel(fileListSource(files.map((f) => ({ path: f.path, size: f.bytes.length, read: async () => f.bytes }))));
    const parsed = parseDocument(serializeDocument(m.doc));
    if (!parsed.ok) throw `the imported graph does not parse: ${parsed.error}`;
  } catch (e) {
    // Any other error (TypeError, RangeError...) is a reader bug: fail the property with a non-Error.
    if (!(e instanceof ModelImportError)) {
      console.error('unexpected', e);
      throw `unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
    if (process.env.FUZZ_DEBUG) console.error('refused', e.message.slice(0, 300));
    if (/damaged or not a model Convas understands/.test(e.message) && /undefined|null|not a function/.test(e.message)) throw `unclear message: ${e.message}`;
    throw e;
  }
}

describe('model import fuzzing', () => {
  it('mutated ONNX files', async () => {
    const bases = ['classifier', 'residual', 'segmenter'].map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(`${ONNX}${n}.onnx`)) }));
    await fuzz('onnx', mutatedFrom(bases), ({ bytes }) => importCase([{ path: 'model.onnx', bytes }]), { seed: 1701 });
  }, 240_000);

  it('mutated tfjs model.json and shards', async () => {
    const json = new TextEncoder().encode(JSON.stringify(saved.json));
    const shards = [...saved.shards];
    const arb = fc.tuple(mutatedFrom([{ name: 'model.json', bytes: json }]), fc.boolean(), mutatedFrom(shards.map(([name, bytes]) => ({ name, bytes }))));
    await fuzz(
      'tfjs',
      arb,
      ([j, mutateShard, shard]) =>
        importCase([
          { path: 'model.json', bytes: mutateShard ? json : j.bytes },
          ...shards.map(([name, bytes]) => ({ path: name, bytes: mutateShard && name === shard.base ? shard.bytes : bytes })),
        ]),
      { seed: 1702 },
    );
  }, 240_000);

  it('mutated Keras .h5 and .keras files', async () => {
    const keras = fileURLToPath(new URL('../../../fixtures/models/keras/', import.meta.url));
    const bases = [
      { name: 'legacy.h5', bytes: new Uint8Array(readFileSync(`${keras}legacy.h5`)) },
      { name: 'seq.keras', bytes: new Uint8Array(readFileSync(`${keras}seq.keras`)) },
    ];
    await fuzz('keras', mutatedFrom(bases), ({ base, bytes }) => importCase([{ path: base, bytes }]), { seed: 1704, runs: 500 });
  }, 240_000);

  it('mutated .zip archives of a model folder', async () => {
    const zip = zipSync({ 'model/model.json': new TextEncoder().encode(JSON.stringify(saved.json)), ...Object.fromEntries([...saved.shards].map(([n, b]) => [`model/${n}`, b])) });
    await fuzz(
      'model zip',
      mutatedFrom([{ name: 'model.zip', bytes: zip }]),
      async ({ bytes }) => {
        try {
          await importModel(zipSource(bytes, 'model.zip'));
        } catch (e) {
          if (!(e instanceof ModelImportError)) throw `unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
          throw e;
        }
      },
      { seed: 1703, runs: 300 },
    );
  }, 240_000);
});

describe('hostile and oversized models', () => {
  const json = () => JSON.parse(JSON.stringify(saved.json)) as { modelTopology: { config: { layers: { config: { name: string }; name?: string }[] } }; weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[] };
  const files = (j: unknown, shards = saved.shards) => [
    { path: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(j)) },
    ...[...shards].map(([path, bytes]) => ({ path, bytes })),
  ];
  const run = (list: { path: string; bytes: Uint8Array }[]) => importModel(fileListSource(list.map((f) => ({ path: f.path, size: f.bytes.length, read: async () => f.bytes }))));

  it('refuses shard paths that leave the model folder, before reading anything', async () => {
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'https://example.invalid/w.bin', 'C:\\\\x', 'a/../../b']) {
      const j = json();
      j.weightsManifest[0].paths[0] = bad;
      await expect(run(files(j))).rejects.toThrow(/(outside the model's folder|not a file name)/);
    }
  });

  it('refuses a manifest over the parameter budget before reading its shards', async () => {
    const j = json();
    j.weightsManifest[0].weights[0].shape = [20000, 20000];
    let reads = 0;
    const list = files(j);
    const source = fileListSource(list.map((f) => ({ path: f.path, size: f.bytes.length, read: async () => (f.path !== 'model.json' && reads++, f.bytes) })));
    await expect(importModel(source)).rejects.toThrow(/million weight values; Convas imports at most 100 million/);
    expect(reads).toBe(0);
  });

  it('says which shard is short, and refuses graph models and non-models with what they are', async () => {
    const short = new Map([...saved.shards].map(([n, b], i) => [n, i === 1 ? b.subarray(0, 10) : b]));
    await expect(run(files(json(), short))).rejects.toThrow(/shorter than model.json says.*group1-shard1of2.bin, group1-shard2of2.bin/);
    await expect(run(files({ format: 'graph-model', modelTopology: { node: [] } }))).rejects.toThrow(/graph model/);
    await expect(run([{ path: 'notes.json', bytes: new TextEncoder().encode('{"hello": 1}') }])).rejects.toThrow(/no Keras model class/);
    await expect(run([{ path: 'model.onnx', bytes: new Uint8Array([1, 2, 3, 4]) }])).rejects.toThrow(/not a readable ONNX model|holds no ONNX graph/);
  });

  it('keeps hostile layer names as plain, bounded text', async () => {
    const j = json();
    const names = ['__proto__', '<img src=x onerror=alert(1)>', 'x'.repeat(5000), 'a\u202eb\u0007', 'constructor'];
    const layers = j.modelTopology.config.layers;
    let text = JSON.stringify(j);
    names.forEach((n, i) => {
      const old = layers[i + 1].config.name;
      // The layer, its callers' references and its weights' names (`old/kernel`).
      text = text.split(`"${old}"`).join(JSON.stringify(n)).split(`"${old}/`).join(JSON.stringify(`${n}/`).slice(0, -1));
    });
    Object.assign(j, JSON.parse(text));
    const m = await run(files(j));
    expect(m.doc.nodes.every((n) => n.name.length <= 100)).toBe(true);
    expect(m.doc.nodes.map((n) => n.name)).toContain('__proto__');
    expect(parseDocument(serializeDocument(m.doc)).ok).toBe(true);
    expect(m.summary.withWeights).toBe(m.summary.weighted);
  });
});
