/** `convas validate` (scripts/cli/validate.ts), run in-process on fixture files and broken ones. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeDocument } from '@/graph/document';
import { templateById } from '@/graph/templates';
import { run } from '../../../scripts/cli/validate';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/graphs/${name}.json`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'convas-validate-'));

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('convas validate', () => {
  it('prints the layer table and totals of a valid graph, exit 0', async () => {
    expect(await run(['--graph', fixture('first-cnn')])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Model: "First CNN"');
    // name (type), Keras shape, params, field, jump, MACs (3*3*8*16 * 32*32 = 1,179,648), input
    // 3*3*8*16 weights and no bias (BatchNorm follows); field 8, jump 2; 32*32*16*72 multiply-adds
    expect(text).toMatch(/conv2d_1 \(Conv2D\)\s+\(None, 32, 32, 16\)\s+1,152\s+8\s+2\s+1,179,648\s+max_pooling2d/);
    expect(text).toContain('Total params: 132,799');
    expect(text).toContain('No issues.');
  });

  it('--json gives the same numbers as data', async () => {
    expect(await run(['--graph', fixture('resnet-add'), '--json'])).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.ok).toBe(true);
    expect(json.issues).toEqual([]);
    const add = json.nodes.find((n: { type: string }) => n.type === 'Add');
    expect(add.shape).toEqual([null, 16, 16, 4]);
    expect(add.inputs).toHaveLength(2);
    // conv 3*3*1*4+4 = 40, conv 3*3*4*4 = 144 (no bias), BN 8 + 8, head 4*3+3 = 15
    expect(json.totals).toMatchObject({ trainable: 40 + 144 + 8 + 15, nonTrainable: 8 });
  });

  it('lists the issues and exits 1 when the graph has errors', async () => {
    const doc = templateById('first-cnn')!.build();
    const flatten = doc.nodes.find((n) => n.type === 'Flatten')!;
    // Drop the Flatten: Dense then sits on a 16x16x16 image.
    const dense = doc.nodes.find((n) => n.type === 'Dense')!;
    const pool = doc.edges.find((e) => e.target === flatten.id)!.source;
    doc.nodes = doc.nodes.filter((n) => n !== flatten);
    doc.edges = doc.edges.filter((e) => e.target !== flatten.id).map((e) => (e.source === flatten.id ? { ...e, source: pool } : e));
    const file = join(tmp, 'broken.json');
    writeFileSync(file, serializeDocument(doc));
    expect(await run(['--graph', file])).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(`error   dense-on-image  ${dense.name}: Dense needs a flat list of numbers, but its input is a 16x16x16 image.`);
    expect(text).toContain('[fix: Insert Flatten]');
    expect(text).toMatch(/! dense \(Dense\)\s+\?/);
    expect(text).toContain('1 error(s), 0 warning(s).');
  });

  it('explains a file that is not a graph, exit 1', async () => {
    const file = join(tmp, 'truncated.json');
    writeFileSync(file, '{"format": "convas-graph", "version": 1, "nodes": [');
    expect(await run(['--graph', file])).toBe(1);
    expect(err.join('\n')).toMatch(/^Cannot load .*truncated\.json as a Convas graph: .*JSON/);
    expect(await run(['--graph', join(tmp, 'missing.json')])).toBe(1);
    expect(err.at(-1)).toContain('no such file');
  });

  it('asks for --graph', async () => {
    await expect(run([])).rejects.toThrow('Missing --graph <value>.');
  });
});
