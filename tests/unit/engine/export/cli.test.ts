/**
 * `npm run convas -- export`: writes the files of a target into a folder or a .zip, reads trained weights
 * from a tfjs model folder (model.json + weights.bin), and fails with a message and exit code 1 or 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { readSafetensors } from '@/engine/export/safetensors';
import { modelJson } from '@/engine/export/tfjs';
import { weightBytes } from '@/engine/export/weights';
import { run } from '@/scripts/cli/export';
import { fixture } from './cases';
import { reference } from './reference';
import { scratch } from './run';

const work = scratch('export-cli');
const GRAPH = 'tests/fixtures/graphs/resnet-add.json';
let modelDir: string;

function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  return run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const ref = await reference({ name: 'resnet-add', doc: fixture('resnet-add') });
  modelDir = join(work.dir, 'trained');
  mkdirSync(modelDir);
  writeFileSync(join(modelDir, 'model.json'), modelJson(ref.artifacts));
  writeFileSync(join(modelDir, 'weights.bin'), weightBytes(ref.artifacts.weightData));
});
afterAll(() => work.cleanup());

describe('convas export', () => {
  it('writes PyTorch code, README and converted weights from a trained model folder', async () => {
    const out = join(work.dir, 'pt');
    const r = await cli(['--graph', GRAPH, '--to', 'pytorch', '--weights', modelDir, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'model.py', 'train.py', 'weights.safetensors']);
    expect(r.out).toMatch(/Exported "ResNet Add fixture" \(8 layers, 215 parameters\) as pytorch/);
    const names = readSafetensors(readFileSync(join(out, 'weights.safetensors'))).tensors.map((t) => t.name);
    expect(names).toContain('batch_normalization.running_var');
    expect(names).toContain('conv2d_1.weight');
  });

  it('writes a .zip when --out ends in .zip, and says when no weights were given', async () => {
    const zip = join(work.dir, 'keras.zip');
    const r = await cli(['--graph', GRAPH, '--to', 'keras', '--out', zip]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('starts untrained');
    expect(Object.keys(unzipSync(readFileSync(zip)))).toEqual(['model.py', 'README.md']);
  });

  it('accepts the model.json path itself for --weights (tfjs)', async () => {
    const out = join(work.dir, 'js');
    const r = await cli(['--graph', GRAPH, '--to', 'tfjs', '--weights', join(modelDir, 'model.json'), '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'weights.bin'))).toEqual(readFileSync(join(modelDir, 'weights.bin')));
  });

  it.each([
    [['--graph', GRAPH, '--to', 'onnx', '--out', 'x'], 2, /--to must be one of pytorch, keras, tfjs/],
    [['--graph', GRAPH, '--to', 'pytorch'], 2, /Usage/],
    [['--graph', 'tests/fixtures/graphs/missing.json', '--to', 'keras', '--out', 'x'], 1, /Export failed: .*no such file/i],
    [['--graph', 'package.json', '--to', 'keras', '--out', 'x'], 1, /package\.json: /],
    [['--graph', 'tests/fixtures/graphs/first-cnn.json', '--to', 'pytorch', '--weights', 'MODEL', '--out', 'x'], 1, /do not fit this graph/],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await cli(argv.map((a) => (a === 'MODEL' ? modelDir : a === 'x' ? join(work.dir, 'never') : a)));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(existsSync(join(work.dir, 'never'))).toBe(false);
  });

  it('prints the usage with --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--to {7}pytorch: model\.py/);
  });
});
