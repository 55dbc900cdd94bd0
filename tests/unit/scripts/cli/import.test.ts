/**
 * `convas import`: a tfjs model folder -> graph.json (a valid document) + --weights-out (a tfjs model folder
 * that `convas export --weights` turns into Keras weights.npz); bad input gives exit codes 1 and 2 with
 * messages that say what is wrong.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { parseDocument } from '@/graph/document';
import { run as runImport } from '@/scripts/cli/import';
import { run as runExport } from '@/scripts/cli/export';
import { functionalClassifier, randomiseWeights, saveModel } from '../../engine/import/tfjsModels';
import { capture, scratchDirs } from './harness';

const scratch = scratchDirs('convas-import-');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function modelFolder(): Promise<string> {
  const dir = await scratch();
  const model = functionalClassifier(7, 3);
  randomiseWeights(model, 5);
  const saved = await saveModel(model, 3);
  model.dispose();
  await mkdir(join(dir, 'model'));
  await writeFile(join(dir, 'model', 'model.json'), JSON.stringify(saved.json));
  for (const [name, bytes] of saved.shards) await writeFile(join(dir, 'model', name), bytes);
  return dir;
}

describe('convas import', () => {
  it('writes the graph and its weights; export reads the weights back', async () => {
    const dir = await modelFolder();
    const c = capture();
    const code = await runImport([join(dir, 'model'), '--out', join(dir, 'graph.json'), '--weights-out', join(dir, 'w')], c.io);
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(/Imported 12 of 12 layers as 12 nodes; 6 of 6 weighted nodes/);
    const parsed = parseDocument(await readFile(join(dir, 'graph.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    const e = capture();
    expect(await runExport(['--graph', join(dir, 'graph.json'), '--to', 'keras', '--weights', join(dir, 'w'), '--out', join(dir, 'keras')], e.io)).toBe(0);
    expect((await stat(join(dir, 'keras', 'weights.npz'))).size).toBeGreaterThan(1000);
  });

  it('--json prints the summary', async () => {
    const dir = await modelFolder();
    const c = capture();
    expect(await runImport([join(dir, 'model', 'model.json'), '--out', join(dir, 'g.json'), '--json'], c.io)).toBe(0);
    const summary = JSON.parse(c.out.join('\n'));
    expect(summary.task).toEqual({ id: 'skin-lesions' });
    expect(summary.summary.unsupported).toEqual([]);
  });

  it('refuses a missing shard, a non-model and bad usage with clear messages', async () => {
    const dir = await modelFolder();
    const c = capture();
    await writeFile(join(dir, 'model', 'group1-shard2of3.bin'), new Uint8Array(3));
    expect(await runImport([join(dir, 'model'), '--out', join(dir, 'g.json')], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/shorter than model.json says/);
    const d = capture();
    await writeFile(join(dir, 'notes.txt'), 'hello');
    expect(await runImport([join(dir, 'notes.txt'), '--out', join(dir, 'g.json')], d.io)).toBe(1);
    expect(d.err.join('\n')).toMatch(/No model file found/);
    const u = capture();
    expect(await runImport([join(dir, 'model')], u.io)).toBe(2);
    expect(u.err.join('\n')).toMatch(/Missing --out/);
  });
});
