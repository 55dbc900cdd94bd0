/**
 * Trained weights in, per node out: tfjs artefacts decoded (float32 only, bytes must fit the manifest), and
 * assigned to the graph's nodes by layer name, or in model order when the names differ but the shapes fit;
 * weights of another graph are refused with the node's name.
 */
import { describe, expect, it } from 'vitest';
import type { io } from '@tensorflow/tfjs';
import { planExport } from '@/engine/export/plan';
import { decodeArtifacts, matchWeights, type TrainedArtifacts } from '@/engine/export/weights';
import { fixture } from './cases';

type Spec = [name: string, shape: number[]];

/** Artefacts whose i-th weight is filled with the value i + 1 (so each tensor can be recognised). */
function artifacts(specs: Spec[], split = false): TrainedArtifacts {
  const weightSpecs: io.WeightsManifestEntry[] = specs.map(([name, shape]) => ({ name, shape, dtype: 'float32' }));
  const arrays = specs.map(([, shape], i) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(i + 1));
  const buffers = arrays.map((a) => a.buffer as ArrayBuffer);
  const total = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    total.set(a, at);
    at += a.length;
  }
  return { weightSpecs, weightData: split ? buffers : total.buffer };
}

// resnet-add: conv2d 3x3 1->4 with bias, conv2d_1 3x3 4->4 without, batch_normalization on 4, output Dense 4->3.
const RESNET: Spec[] = [
  ['conv2d/kernel', [3, 3, 1, 4]],
  ['conv2d/bias', [4]],
  ['conv2d_1/kernel', [3, 3, 4, 4]],
  ['batch_normalization/gamma', [4]],
  ['batch_normalization/beta', [4]],
  ['output/kernel', [4, 3]],
  ['output/bias', [3]],
  ['batch_normalization/moving_mean', [4]],
  ['batch_normalization/moving_variance', [4]],
];

describe('decodeArtifacts', () => {
  it('reads float32 tensors in manifest order, from one buffer or a list of them', () => {
    for (const split of [false, true]) {
      const tensors = decodeArtifacts(artifacts([['a/kernel', [2, 2]], ['a/bias', [2]]], split));
      expect(tensors.map((t) => [t.name, t.shape, Array.from(t.data)])).toEqual([
        ['a/kernel', [2, 2], [1, 1, 1, 1]],
        ['a/bias', [2], [2, 2]],
      ]);
    }
  });

  it('refuses bytes that do not fit the manifest, and quantised or integer weights', () => {
    const a = artifacts([['a/bias', [2]]]);
    expect(() => decodeArtifacts({ ...a, weightData: new ArrayBuffer(4) })).toThrow(/shorter than its manifest/);
    expect(() => decodeArtifacts({ ...a, weightData: new ArrayBuffer(12) })).toThrow(/4 bytes more/);
    const spec = (a.weightSpecs as io.WeightsManifestEntry[])[0];
    expect(() => decodeArtifacts({ ...a, weightSpecs: [{ ...spec, dtype: 'int32' }] })).toThrow(/int32/);
    expect(() => decodeArtifacts({ ...a, weightSpecs: [{ ...spec, quantization: { dtype: 'uint8', scale: 1, min: 0 } }] })).toThrow(/quantised/);
  });
});

describe('matchWeights', () => {
  const plan = planExport(fixture('resnet-add'));
  const byName = (id: string) => plan.nodes.find((n) => n.id === id);

  it('assigns layers by name, each node\'s weights in Keras order (BatchNorm gamma, beta, mean, variance)', () => {
    const map = matchWeights(plan, decodeArtifacts(artifacts(RESNET)));
    const firstValue = (id: string) => (map.get(id) ?? []).map((t) => `${t.name}=${t.data[0]}`);
    expect(byName('n4')?.type).toBe('BatchNormalization');
    expect(firstValue('n2')).toEqual(['conv2d/kernel=1', 'conv2d/bias=2']);
    expect(firstValue('n3')).toEqual(['conv2d_1/kernel=3']);
    expect(firstValue('n4')).toEqual([
      'batch_normalization/gamma=4',
      'batch_normalization/beta=5',
      'batch_normalization/moving_mean=8',
      'batch_normalization/moving_variance=9',
    ]);
    expect(firstValue('n8')).toEqual(['output/kernel=6', 'output/bias=7']);
    expect([...map.keys()].sort()).toEqual(['n2', 'n3', 'n4', 'n8']);
  });

  it('falls back to model order when the layer names differ but the shapes fit', () => {
    const renamed = RESNET.map(([name, shape]): Spec => [name.replace(/^[a-z_0-9]+\//, (m) => `other_${m}`), shape]);
    const map = matchWeights(plan, decodeArtifacts(artifacts(renamed)));
    expect((map.get('n3') ?? []).map((t) => t.name)).toEqual(['other_conv2d_1/kernel']);
    expect((map.get('n8') ?? []).map((t) => t.data[0])).toEqual([6, 7]);
  });

  it('refuses weights of another graph, naming the node', () => {
    const wrongShape = RESNET.map(([name, shape]): Spec => [name, name === 'output/kernel' ? [4, 5] : shape]);
    expect(() => matchWeights(plan, decodeArtifacts(artifacts(wrongShape)))).toThrow(/no layer has the weights of "output" \(kernel \[4, 3\], bias \[3\]\)/);
    const extra: Spec[] = [...RESNET, ['dense_9/kernel', [2, 2]]];
    expect(() => matchWeights(plan, decodeArtifacts(artifacts(extra)))).toThrow(/layer "dense_9" has weights no node/);
  });
});
