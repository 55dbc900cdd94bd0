import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  createDocument,
  DEFAULT_TRAINING,
  isLikelyDocumentText,
  parseDocument,
  serializeDocument,
  trainingSchema,
} from '@/graph/document';
import type { GraphDocument } from '@/graph/types';
import { sampleGraph } from './document/sampleGraph';

const doc = (): GraphDocument =>
  createDocument(sampleGraph(), { id: 'brain-mri-segment', maskMode: 'multiclass' }, { epochs: 20, optimizer: 'sgd' }, 'First CNN');

describe('createDocument', () => {
  it('fills the header and merges training over the defaults', () => {
    const d = createDocument({ nodes: [], edges: [] }, { id: 'skin-lesions' }, { epochs: 9, seed: undefined });
    expect(d).toEqual({
      format: 'convas-graph',
      version: 1,
      nodes: [],
      edges: [],
      task: { id: 'skin-lesions' },
      training: { ...DEFAULT_TRAINING, epochs: 9 },
    });
    expect('name' in d).toBe(false);
    expect('name' in createDocument({ nodes: [], edges: [] }, { id: 'x' }, {}, '  ')).toBe(false);
    expect(CURRENT_VERSION).toBe(1);
  });

  it('uses the defaults for a document that gives no training settings, and they pass the schema unchanged', () => {
    const json = JSON.parse(serializeDocument(doc()));
    delete json.training;
    const loaded = parseDocument(JSON.stringify(json));
    expect(loaded.ok && loaded.doc.training).toEqual(DEFAULT_TRAINING);
    expect(trainingSchema.parse({ ...DEFAULT_TRAINING })).toEqual(DEFAULT_TRAINING);
    // Every default is a value the schema accepts as given, not one it only fills in.
    for (const [key, value] of Object.entries(DEFAULT_TRAINING)) {
      expect(trainingSchema.safeParse({ [key]: value }).success, key).toBe(true);
    }
    expect(Object.isFrozen(DEFAULT_TRAINING)).toBe(true);
  });
});

describe('serializeDocument / parseDocument round trip', () => {
  it('doc -> text -> doc is deep-equal, with no warnings', () => {
    const original = doc();
    const r = parseDocument(serializeDocument(original));
    expect(r).toEqual({ ok: true, doc: original, warnings: [] });
  });

  it('text -> doc -> text is identical (the text is canonical)', () => {
    const text = serializeDocument(doc());
    const r = parseDocument(text);
    if (!r.ok) throw new Error(r.error);
    expect(serializeDocument(r.doc)).toBe(text);
  });

  it('writes keys in a fixed order regardless of how objects were built', () => {
    const a = doc();
    const b: GraphDocument = {
      training: { ...a.training },
      task: { maskMode: 'multiclass', id: 'brain-mri-segment' },
      edges: a.edges.map((e) => ({ target: e.target, source: e.source, id: e.id })),
      nodes: a.nodes.map((n) => ({
        position: { y: n.position.y, x: n.position.x },
        params: Object.fromEntries(Object.entries(n.params).reverse()),
        name: n.name,
        type: n.type,
        id: n.id,
      })),
      name: a.name,
      version: a.version,
      format: a.format,
    };
    expect(serializeDocument(b)).toBe(serializeDocument(a));
    const text = serializeDocument(a);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'task', 'training', 'nodes', 'edges']);
    expect(Object.keys(JSON.parse(text).nodes[1].params)).toEqual(['dilationRate', 'filters', 'kernelSize', 'padding', 'strides', 'useBias']);
    expect(text.startsWith('{\n  "format": "convas-graph",\n  "version": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('drops fields a document does not define', () => {
    const d = { ...doc(), extra: 'x' } as GraphDocument;
    expect(serializeDocument(d)).not.toContain('extra');
    const r = parseDocument({ ...JSON.parse(serializeDocument(doc())), extra: 'x', nodes: [] , edges: []});
    expect(r.ok && 'extra' in r.doc).toBe(false);
  });

  it('accepts a file with a byte-order mark', () => {
    expect(parseDocument(`\uFEFF${serializeDocument(doc())}`).ok).toBe(true);
  });
});

describe('isLikelyDocumentText', () => {
  it.each([
    ['a serialized document', serializeDocument(doc()), true],
    ['compact JSON with format last', '{"nodes":[],"format" : "convas-graph"}', true],
    ['with leading whitespace', '\n  {"format":"convas-graph"}', true],
    ['plain text', 'hello world', false],
    ['another JSON format', '{"format":"other-graph"}', false],
    ['a JSON array mentioning the format', '[{"format":"convas-graph"}]', false],
    ['empty', '', false],
    ['over the size limit', `{"format":"convas-graph","pad":"${'x'.repeat(5_000_001)}"}`, false],
  ])('%s -> %s', (_what, text, expected) => {
    expect(isLikelyDocumentText(text)).toBe(expected);
  });
});
