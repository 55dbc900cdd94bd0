import { beforeAll, describe, expect, it } from 'vitest';
import { binaryInfo, type TensorEntry } from '@/components/export/binaryInfo';
import { exportGraph, type ExportFile, type ExportTarget } from '@/engine/export';
import { TINY_GRAPHS } from '../../engine/compile/graphs';
import { artifactsOf } from './artifacts';

/**
 * The tiny graph 8x8x1 -> conv 3x3, 4 filters -> BN -> pool 4x4 -> flatten 64 -> dense 8 -> 3 classes, so:
 * conv kernel HWIO [3, 3, 1, 4] (PyTorch OIHW [4, 1, 3, 3]), dense kernel [64, 8] (PyTorch [8, 64]),
 * output kernel [8, 3] (PyTorch [3, 8]); BatchNorm's four vectors of 4.
 */
describe('binaryInfo', () => {
  const files: Partial<Record<ExportTarget, ExportFile[]>> = {};
  beforeAll(async () => {
    const doc = TINY_GRAPHS['conv-bn-pool-dense']();
    const weights = await artifactsOf(doc);
    for (const target of ['pytorch', 'keras', 'tfjs'] as const) files[target] = exportGraph(doc, target, { weights }).files;
  });

  const shapes = (tensors: TensorEntry[]) => Object.fromEntries(tensors.map((t) => [t.name, t.shape]));
  const of = (target: ExportTarget, path: string) => {
    const list = files[target] ?? [];
    const file = list.find((f) => f.path === path);
    if (!file) throw new Error(`${target} has no ${path}`);
    return binaryInfo(file, list);
  };

  it('reads the safetensors header: PyTorch names and layouts', () => {
    const info = of('pytorch', 'weights.safetensors');
    expect(info.description).toMatch(/PyTorch layouts/);
    // Weight and bias of conv, dense and out; weight, bias, running mean and variance of bn.
    expect(info.tensors).toHaveLength(10);
    expect(info.tensors.every((t) => t.dtype === 'F32')).toBe(true);
    expect(shapes(info.tensors)).toMatchObject({ 'conv.weight': [4, 1, 3, 3], 'conv.bias': [4], 'dense.weight': [8, 64], 'out.weight': [3, 8], 'bn.running_var': [4] });
  });

  it('reads the .npy headers inside weights.npz: Keras order and layouts', () => {
    const info = of('keras', 'weights.npz');
    expect(info.tensors).toHaveLength(10);
    expect(info.tensors.every((t) => t.dtype === 'float32')).toBe(true);
    expect(shapes(info.tensors)).toMatchObject({ 'conv/0': [3, 3, 1, 4], 'conv/1': [4], 'dense/0': [64, 8], 'out/0': [8, 3] });
  });

  it("lists weights.bin's tensors from model.json's manifest", () => {
    const info = of('tfjs', 'weights.bin');
    expect(info.tensors).toHaveLength(10);
    expect(info.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0)).toBe(603);
  });

  it('describes a file it cannot read without failing', () => {
    const info = binaryInfo({ path: 'weights.safetensors', content: new Uint8Array([1, 2, 3]) }, []);
    expect(info.tensors).toEqual([]);
    expect(info.description).toMatch(/safetensors/);
    expect(binaryInfo({ path: 'blob.dat', content: new Uint8Array(4) }, [])).toEqual({ description: 'A binary file.', tensors: [] });
  });
});
