/**
 * Frozen nodes (GraphNode.frozen): the compiler makes their layers non-trainable, so training on one worker
 * and data-parallel on two leaves their weights exactly as they started (here: weights as an import gives
 * them) while the other layers learn; and the three exports say the same (Keras trainable=False, tfjs
 * trainable: false, PyTorch requires_grad_(False), checked in real torch).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@/engine/backends';
import { compileGraph } from '@/engine/compile';
import { exportGraph } from '@/engine/export';
import type { NamedTensor } from '@/engine/export/tensor';
import { nodeReplicas } from '@/engine/parallel/nodeReplicas';
import { train } from '@/engine/train';
import { parseDocument, serializeDocument } from '@/graph/document';
import type { GraphDocument } from '@/graph/types';
import { chainDoc } from '../compile/graphs';
import { PYTHON, scratch, writeFiles } from '../export/run';

beforeAll(async () => {
  await initBackend('wasm');
});
const work = scratch('freeze');
afterAll(() => work.cleanup());

/** 8x8x1 -> conv 3x3x4 'same' (frozen) -> 8x8x4 -> pool 4x4x4 -> flatten 64 -> dense 8 -> 3 classes. */
const frozenDoc = (): GraphDocument => {
  const doc = chainDoc({ id: 'random-classify' }, [
    ['in', 'Input', { height: 8, width: 8, channels: 1 }],
    ['conv', 'Conv2D', { filters: 4, activation: 'relu' }],
    ['pool', 'MaxPooling2D'],
    ['flat', 'Flatten'],
    ['dense', 'Dense', { units: 8, activation: 'relu' }],
    ['out', 'Output', { head: 'classification' }],
  ]);
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'conv' ? { ...n, frozen: true } : n)) };
};

/** The conv's starting weights, as an import would give them: a kernel [3, 3, 1, 4] and a bias [4]. */
const start: NamedTensor[] = [
  { name: 'conv/kernel', shape: [3, 3, 1, 4], data: Float32Array.from({ length: 36 }, (_, i) => Math.sin(i + 1) * 0.4) },
  { name: 'conv/bias', shape: [4], data: Float32Array.from([0.1, -0.2, 0.05, 0]) },
];

async function trainedWeights(workers: number) {
  const doc = frozenDoc();
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error('does not compile');
  const denseBefore = compiled.model.getLayer(compiled.layers.dense).getWeights()[0].dataSync().slice();
  compiled.model.dispose();
  const result = await train(
    {
      document: doc,
      data: { taskId: 'random-classify', count: 48, size: 8, seed: 4 },
      settings: { epochs: 2, batchSize: 8, learningRate: 0.05, optimizer: 'adam', augment: false, seed: 7 },
      initialWeights: start,
      keepModel: true,
      workers,
      replicas: nodeReplicas,
    },
    { onEvent: () => undefined },
  );
  expect(result.reason).toBe('completed');
  const model = result.compiled!.model;
  const conv = model.getLayer(result.compiled!.layers.conv).getWeights().map((w) => w.dataSync().slice());
  const dense = model.getLayer(result.compiled!.layers.dense).getWeights()[0].dataSync().slice();
  model.dispose();
  return { conv, dense, denseBefore };
}

describe('frozen nodes', () => {
  it('the document keeps the field; documents without it load unchanged; a non-boolean is refused', () => {
    const doc = frozenDoc();
    const text = serializeDocument(doc);
    expect(text.match(/"frozen": true/g)).toHaveLength(1);
    const back = parseDocument(JSON.parse(text));
    expect(back.ok && back.doc.nodes.find((n) => n.id === 'conv')?.frozen).toBe(true);
    const plain = serializeDocument({ ...doc, nodes: doc.nodes.map(({ frozen: _f, ...n }) => n) });
    expect(plain).not.toContain('frozen');
    const old = parseDocument(JSON.parse(plain));
    expect(old.ok && old.doc.nodes.every((n) => !('frozen' in n))).toBe(true);
    const bad = JSON.parse(text);
    bad.nodes[1].frozen = 'yes';
    expect(parseDocument(bad).ok).toBe(false);
  });

  it('compiles the frozen layer as non-trainable: only the dense and head weights are trained', () => {
    const compiled = compileGraph(frozenDoc());
    if (!compiled.ok) throw new Error('does not compile');
    // conv (36 + 4) is frozen; dense (64*8 + 8 = 520) and the head (8*3 + 3 = 27) train.
    expect(compiled.model.trainableWeights.map((w) => w.shape)).toEqual([[64, 8], [8], [8, 3], [3]]);
    expect(compiled.model.nonTrainableWeights.map((w) => w.shape)).toEqual([[3, 3, 1, 4], [4]]);
    compiled.model.dispose();
  });

  it.each([1, 2, 3])('training on %i worker(s) leaves the frozen weights exactly as they started, while the others move', async (workers) => {
    const { conv, dense, denseBefore } = await trainedWeights(workers);
    expect(Array.from(conv[0])).toEqual(Array.from(start[0].data));
    expect(Array.from(conv[1])).toEqual(Array.from(start[1].data));
    let moved = 0;
    for (let i = 0; i < dense.length; i++) moved = Math.max(moved, Math.abs(dense[i] - denseBefore[i]));
    expect(moved).toBeGreaterThan(1e-3);
  }, 120_000);

  it('the exports say so: Keras trainable=False, tfjs trainable: false, PyTorch requires_grad_(False) (run in torch)', () => {
    const doc = frozenDoc();
    const source = (target: 'keras' | 'tfjs' | 'pytorch', file: string) => exportGraph(doc, target).files.find((f) => f.path === file)?.content as string;
    expect(source('keras', 'model.py')).toMatch(/layers\.Conv2D\(.*name="conv", trainable=False\)/);
    expect(source('keras', 'model.py').match(/trainable=False/g)).toHaveLength(1);
    expect(source('tfjs', 'model.js')).toMatch(/tf\.layers\.conv2d\(\{.*name: 'conv', trainable: false \}\)/);
    expect(source('tfjs', 'model.js').match(/trainable: false/g)).toHaveLength(1);
    expect(source('keras', 'README.md')).toContain('Frozen in Convas (training leaves them as they are, and the code marks them so): `conv`.');
    const dir = join(work.dir, 'pytorch');
    writeFiles(dir, exportGraph(doc, 'pytorch').files);
    const script = `import sys, json; sys.path.insert(0, ${JSON.stringify(dir)}); import model
m = model.build_model(weights=None)
print(json.dumps({n: p.requires_grad for n, p in m.named_parameters()}))`;
    const run = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    if (run.status !== 0 && /No module named 'torch'/.test(run.stderr) && !process.env.CI) {
      console.warn('\n*** SKIPPED the PyTorch part: no torch here\n');
      return;
    }
    expect(run.stderr.slice(-500)).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ 'conv.weight': false, 'conv.bias': false, 'dense.weight': true, 'dense.bias': true, 'out.weight': true, 'out.bias': true });
  });
});
