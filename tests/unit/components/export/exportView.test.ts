import { beforeAll, describe, expect, it } from 'vitest';
import { fileSize, lineCount, runExport } from '@/components/export/exportView';
import type { TrainedArtifacts } from '@/engine/export';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { TINY_GRAPHS } from '../../engine/compile/graphs';
import { artifactsOf } from './artifacts';

describe('runExport', () => {
  let tiny: TrainedArtifacts;
  beforeAll(async () => {
    tiny = await artifactsOf(TINY_GRAPHS['conv-bn-pool-dense']());
  });

  it.each([
    ['pytorch', ['model.py', 'train.py', 'README.md']],
    ['keras', ['model.py', 'README.md']],
    ['tfjs', ['model.js', 'README.md']],
  ] as const)('exports First CNN for %s without weights: %j', (target, paths) => {
    const view = runExport(buildFirstCnn(), target);
    if (view.status !== 'ready') throw new Error(`expected code, got ${view.status}`);
    expect(view.files.map((f) => f.path)).toEqual(paths);
    expect(view.weights).toBe(false);
    expect(view.weightsError).toBeUndefined();
  });

  it.each([
    ['pytorch', ['model.py', 'train.py', 'weights.safetensors', 'README.md']],
    ['keras', ['model.py', 'weights.npz', 'README.md']],
    ['tfjs', ['model.js', 'model.json', 'weights.bin', 'README.md']],
  ] as const)('adds the trained weights for %s when they fit the graph: %j', (target, paths) => {
    const view = runExport(TINY_GRAPHS['conv-bn-pool-dense'](), target, { weights: tiny });
    if (view.status !== 'ready') throw new Error(`expected code, got ${view.status}`);
    expect(view.files.map((f) => f.path)).toEqual(paths);
    expect(view.weights).toBe(true);
    expect(view.files.find((f) => f.path === 'README.md')?.content).toContain('The trained weights are included.');
  });

  it('keeps the code and says why when the weights belong to another graph', () => {
    const view = runExport(buildFirstCnn(), 'pytorch', { weights: tiny });
    if (view.status !== 'ready') throw new Error(`expected code, got ${view.status}`);
    expect(view.weights).toBe(false);
    expect(view.files.map((f) => f.path)).not.toContain('weights.safetensors');
    expect(view.weightsError).toMatch(/do not fit this graph/);
  });

  it('returns validation messages, not code, for a graph with errors', () => {
    const doc = buildFirstCnn();
    const output = doc.nodes.find((n) => n.type === 'Output');
    const broken = { ...doc, edges: doc.edges.filter((e) => e.target !== output?.id) };
    const view = runExport(broken, 'keras');
    expect(view.status).toBe('invalid');
    if (view.status === 'invalid') expect(view.messages.length).toBeGreaterThan(0);
  });
});

describe('file figures', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['a\n\nb\n', 3],
  ])('lineCount(%j) = %i', (text, n) => {
    expect(lineCount(text)).toBe(n);
  });

  it('sizes text as UTF-8 and bytes as they are', () => {
    // 'é' is two bytes in UTF-8, '→' three.
    expect(fileSize({ path: 'a.md', content: 'é→a' })).toBe(6);
    expect(fileSize({ path: 'w.bin', content: new Uint8Array(12) })).toBe(12);
  });
});
