/**
 * exportGraph / exportZip, the API the UI's export dialog and the CLI call: which files each target writes
 * with and without weights, the zip, refusing graphs with errors, and the state dict and .npz layouts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { ExportError, exportFileName, exportGraph, exportZip } from '@/engine/export';
import { kerasArrays } from '@/engine/export/keras';
import { torchStateDict } from '@/engine/export/pytorch';
import { readSafetensors } from '@/engine/export/safetensors';
import { decodeArtifacts, matchWeights } from '@/engine/export/weights';
import { fixture } from './cases';
import { reference, type Reference } from './reference';

let ref: Reference;
const doc = fixture('dropout-batchnorm');

beforeAll(async () => {
  await tf.setBackend('cpu');
  ref = await reference({ name: 'dropout-batchnorm', doc });
});

describe('exportGraph', () => {
  it.each([
    ['pytorch', false, ['model.py', 'train.py', 'README.md']],
    ['pytorch', true, ['model.py', 'train.py', 'weights.safetensors', 'README.md']],
    ['keras', false, ['model.py', 'README.md']],
    ['keras', true, ['model.py', 'weights.npz', 'README.md']],
    ['tfjs', false, ['model.js', 'README.md']],
    ['tfjs', true, ['model.js', 'model.json', 'weights.bin', 'README.md']],
  ] as const)('%s with weights %s writes %j', (target, weights, paths) => {
    const { files } = exportGraph(doc, target, weights ? { weights: ref.artifacts } : {});
    expect(files.map((f) => f.path)).toEqual(paths);
    const readme = files.find((f) => f.path === 'README.md')?.content as string;
    expect(readme).toContain(weights ? 'The trained weights are included.' : 'No trained weights are included');
  });

  it('converts weights to PyTorch names and layouts: conv OIHW, dense transposed, BatchNorm statistics', () => {
    const { files, plan } = exportGraph(doc, 'pytorch', { weights: ref.artifacts });
    const st = readSafetensors(files.find((f) => f.path === 'weights.safetensors')?.content as Uint8Array);
    const shapes = Object.fromEntries(st.tensors.map((t) => [t.name, t.shape]));
    // dropout-batchnorm: 16x16x1 -> conv2d 3x3 valid 1->4 -> BatchNorm2d(4) -> pool 7x7x4 -> Dense 196->8, BatchNorm1d(8), output Dense 8->3.
    expect(shapes).toEqual({
      'conv2d.weight': [4, 1, 3, 3],
      'conv2d.bias': [4],
      'batch_normalization.weight': [4],
      'batch_normalization.bias': [4],
      'batch_normalization.running_mean': [4],
      'batch_normalization.running_var': [4],
      'dense.weight': [8, 196],
      'dense.bias': [8],
      'batch_normalization_1.weight': [8],
      'batch_normalization_1.bias': [8],
      'batch_normalization_1.running_mean': [8],
      'batch_normalization_1.running_var': [8],
      'output.weight': [3, 8],
      'output.bias': [3],
    });
    // dense.weight[o][i] is the tfjs kernel[i][o].
    const kernel = decodeArtifacts(ref.artifacts).find((t) => t.name === 'dense/kernel');
    const weight = st.tensors.find((t) => t.name === 'dense.weight');
    expect(weight?.data[2 * 196 + 5]).toBe(kernel?.data[5 * 8 + 2]);
    expect(torchStateDict(plan, matchWeights(plan, decodeArtifacts(ref.artifacts))).length).toBe(14);
  });

  it('writes Keras arrays as <layer>/<index> in Keras order', () => {
    const { plan } = exportGraph(doc, 'keras');
    const arrays = kerasArrays(plan, matchWeights(plan, decodeArtifacts(ref.artifacts)));
    expect(arrays.map((a) => `${a.name} [${a.shape.join(',')}]`)).toEqual([
      'conv2d/0 [3,3,1,4]',
      'conv2d/1 [4]',
      'batch_normalization/0 [4]',
      'batch_normalization/1 [4]',
      'batch_normalization/2 [4]',
      'batch_normalization/3 [4]',
      'dense/0 [196,8]',
      'dense/1 [8]',
      'batch_normalization_1/0 [8]',
      'batch_normalization_1/1 [8]',
      'batch_normalization_1/2 [8]',
      'batch_normalization_1/3 [8]',
      'output/0 [8,3]',
      'output/1 [3]',
    ]);
  });

  it('refuses a graph with errors, listing validation\'s messages', () => {
    const broken = structuredClone(doc);
    broken.edges = broken.edges.filter((e) => e.target !== 'n7'); // Dense left without input
    expect(() => exportGraph(broken, 'pytorch')).toThrow(ExportError);
    try {
      exportGraph(broken, 'keras');
    } catch (e) {
      expect((e as ExportError).issues.length).toBeGreaterThan(0);
      expect((e as ExportError).message).toMatch(/cannot be exported until its errors are fixed/);
    }
  });

  it('refuses trained weights of another graph', () => {
    expect(() => exportGraph(fixture('resnet-add'), 'pytorch', { weights: ref.artifacts })).toThrow(/do not fit this graph/);
    expect(() => exportGraph(fixture('resnet-add'), 'tfjs', { weights: ref.artifacts })).toThrow(/do not fit this graph/);
  });
});

describe('exportZip', () => {
  it('zips exactly the files of exportGraph', () => {
    const files = exportGraph(doc, 'pytorch', { weights: ref.artifacts }).files;
    const entries = unzipSync(exportZip(doc, 'pytorch', { weights: ref.artifacts }));
    expect(Object.keys(entries)).toEqual(files.map((f) => f.path));
    expect(strFromU8(entries['model.py'])).toBe(files[0].content);
  });

  it('names the download after the document', () => {
    expect(exportFileName(doc, 'keras')).toBe('dropout_and_batch_norm_fixture-keras.zip');
    expect(exportFileName({ ...doc, name: undefined }, 'tfjs')).toBe('convas_model-tfjs.zip');
  });
});
