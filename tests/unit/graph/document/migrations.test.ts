import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, migrate } from '@/graph/document/migrations';
import { DEFAULT_TRAINING, parseDocument } from '@/graph/document';

/**
 * A version-0 file as the first draft of Convas wrote it: title instead of name, the task as a bare id,
 * x/y on the node, label instead of name (optional), edges {from, to} without ids, settings with lr.
 * Graph: image(Input 32x32x1) -> c1 (Conv2D) -> pool (MaxPooling2D) -> flat (Flatten) -> out (Output).
 */
const V0_FIXTURE = `{
  "format": "convas-graph",
  "version": 0,
  "title": "Tiny MRI net",
  "task": "brain-mri-classify",
  "nodes": [
    { "id": "in", "type": "Input", "label": "image", "params": { "height": 32, "width": 32, "channels": 1 }, "x": 0, "y": 0 },
    { "id": "c1", "type": "Conv2D", "params": { "filters": 8, "kernelSize": 3 }, "x": 0, "y": 100 },
    { "id": "pool", "type": "MaxPooling2D", "x": 0, "y": 200 },
    { "id": "flat", "type": "Flatten", "label": "conv2d", "x": 0, "y": 300 },
    { "id": "out", "type": "Output", "x": 0, "y": 400 }
  ],
  "edges": [
    { "from": "in", "to": "c1" },
    { "from": "c1", "to": "pool" },
    { "from": "pool", "to": "flat" },
    { "from": "flat", "to": "out", "id": "e1" }
  ],
  "settings": { "epochs": 12, "lr": 0.01, "optimizer": "sgd" }
}`;

describe('migrations table', () => {
  it('has one step per version below CURRENT_VERSION, in order', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(CURRENT_VERSION).keys()]);
  });

  it('leaves a current document alone', () => {
    const doc = { format: 'convas-graph', version: CURRENT_VERSION, nodes: [] };
    const r = migrate(doc, CURRENT_VERSION);
    expect(r).toEqual({ ok: true, doc, warnings: [] });
  });

  it('reports a version it has no step for', () => {
    const r = migrate({}, -1);
    expect(r).toEqual({ ok: false, error: 'Convas cannot convert graph files of version -1.' });
  });
});

describe('version 0 -> 1', () => {
  it('converts the v0 fixture to a valid current document', () => {
    const r = parseDocument(V0_FIXTURE);
    if (!r.ok) throw new Error(r.error);
    const { doc, warnings } = r;
    expect(doc.version).toBe(1);
    expect(doc.name).toBe('Tiny MRI net');
    expect(doc.task).toEqual({ id: 'brain-mri-classify' });
    expect(doc.nodes.map((n) => [n.id, n.type, n.name, n.position.y])).toEqual([
      ['in', 'Input', 'image', 0],
      // Unnamed nodes get Keras names; "conv2d" is already taken by the Flatten node's label.
      ['c1', 'Conv2D', 'conv2d_1', 100],
      ['pool', 'MaxPooling2D', 'max_pooling2d', 200],
      ['flat', 'Flatten', 'conv2d', 300],
      ['out', 'Output', 'output', 400],
    ]);
    expect(doc.nodes[1].params).toEqual({ filters: 8, kernelSize: 3 });
    expect(doc.nodes[2].params).toEqual({});
    // Edge ids are generated around the one the file already had (e1).
    expect(doc.edges).toEqual([
      { id: 'e2', source: 'in', target: 'c1' },
      { id: 'e3', source: 'c1', target: 'pool' },
      { id: 'e4', source: 'pool', target: 'flat' },
      { id: 'e1', source: 'flat', target: 'out' },
    ]);
    expect(doc.training).toEqual({ ...DEFAULT_TRAINING, epochs: 12, learningRate: 0.01, optimizer: 'sgd' });
    expect(warnings[0]).toMatch(/older Convas \(file version 0\).*converted to version 1/);
    expect(warnings).toContain('3 node(s) had no name and were named after their type.');
    expect(warnings.some((w) => w.includes('set to their defaults') && w.includes('batchSize') && !w.includes('epochs'))).toBe(true);
  });

  it('does not mutate the raw object it converts', () => {
    const raw = JSON.parse(V0_FIXTURE);
    const copy = structuredClone(raw);
    expect(parseDocument(raw).ok).toBe(true);
    expect(raw).toEqual(copy);
  });

  it.each([
    // [what, change to the fixture, expected error fragment]
    ['nodes not a list', (d: Record<string, unknown>) => { d.nodes = 'none'; }, 'nodes must be a list (found "none")'],
    ['edge to a missing node', (d: Record<string, unknown>) => { (d.edges as { to: string }[])[1].to = 'pool9'; }, 'edge "e3" points to node "pool9", which is not in the graph'],
    ['node without position', (d: Record<string, unknown>) => { delete (d.nodes as { x?: number }[])[0].x; }, 'node "in": position.x is missing'],
    ['a node that is not an object', (d: Record<string, unknown>) => { (d.nodes as unknown[])[2] = 7; }, 'the node at position 3 must be an object (found 7)'],
    ['task as a number', (d: Record<string, unknown>) => { d.task = 3; }, 'task must be an object (found 3)'],
  ])('rejects a malformed v0 file: %s', (_what, change, fragment) => {
    const raw = JSON.parse(V0_FIXTURE);
    change(raw);
    const r = parseDocument(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it('migrates an already-nested v0 position and a training block without lr', () => {
    const raw = JSON.parse(V0_FIXTURE);
    raw.nodes[0] = { id: 'in', type: 'Input', label: 'image', position: { x: 5, y: 6 } };
    delete raw.settings;
    raw.training = { epochs: 3 };
    const r = parseDocument(raw);
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.nodes[0].position).toEqual({ x: 5, y: 6 });
    expect(r.doc.training).toEqual({ ...DEFAULT_TRAINING, epochs: 3 });
  });
});
