import { describe, expect, it } from 'vitest';
import { createDocument, DEFAULT_TRAINING, parseDocument, serializeDocument } from '@/graph/document';
import { sampleGraph } from './sampleGraph';
import type { TrainingSettings } from '@/graph/types';

/** A valid document as raw JSON, to break one thing at a time. */
type Raw = {
  [k: string]: unknown;
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  training: Record<string, unknown>;
};
const valid = (): Raw => JSON.parse(serializeDocument(createDocument(sampleGraph(), { id: 'skin-lesions' }, {}, 'First CNN')));
const textOf = (change: (d: Raw) => void): string => {
  const d = valid();
  change(d);
  return JSON.stringify(d, null, 2);
};
const position = (d: Raw, i: number) => d.nodes[i].position as Record<string, unknown>;

function expectError(input: unknown): string {
  const r = parseDocument(input);
  if (r.ok) throw new Error(`expected a failure, got a document with ${r.doc.nodes.length} nodes`);
  return r.error;
}

describe('parseDocument rejects malformed input with a specific message', () => {
  const fullText = serializeDocument(createDocument(sampleGraph(), { id: 'skin-lesions' }));
  // Cut just after a node's closing brace and comma, as an interrupted download would.
  const cut = fullText.indexOf('},', 1500) + 2;
  const inString = fullText.indexOf('"conv2d"') + 4;

  it.each<[string, unknown, string]>([
    // [what, input, the message (or the part of it that says what and where)]
    ['truncated JSON', fullText.slice(0, cut), `ends before the JSON is complete at line ${fullText.slice(0, cut).split('\n').length}, column`],
    ['truncated JSON names the offset', fullText.slice(0, cut), `(position ${cut}). The file may have been cut short.`],
    ['JSON truncated inside a string', fullText.slice(0, inString), `the text ends inside a string at line ${fullText.slice(0, inString).split('\n').length}, column`],
    ['non-JSON text', 'hello, graph', "The text is not valid JSON: expected a value but found 'h' at line 1, column 1 (position 0)."],
    ['a trailing comma', '{"format": "convas-graph",}', "expected a property name in double quotes but found '}' at line 1, column 27"],
    ['empty text', '   ', 'The text is empty: there is no graph in it.'],
    ['a JSON array', '[1, 2]', 'This is not a Convas graph: expected a JSON object with "format": "convas-graph", found a list of 2.'],
    ['JSON null', 'null', 'found null.'],
    ['no format', textOf((d) => delete d.format), 'This is not a Convas graph: it has no "format": "convas-graph" field.'],
    ['wrong format', textOf((d) => (d.format = 'tldraw')), 'This is not a Convas graph: its format is "tldraw", not "convas-graph".'],
    ['no version', textOf((d) => delete d.version), 'This graph file has no "version" number'],
    ['fractional version', textOf((d) => (d.version = 1.5)), '"version" must be a whole number of 0 or more (found 1.5)'],
    ['future version', textOf((d) => (d.version = 3)), 'This graph was made by a newer Convas (version 3); this app reads up to version 1. Update Convas to open it.'],
    [
      'unknown node type',
      textOf((d) => (d.nodes[4].type = 'Conv3D')),
      'This graph cannot be loaded: node "n5": type is "Conv3D", which is not a node type this version of Convas knows (known types: Input, Conv2D,',
    ],
    ['edge to a missing node', textOf((d) => (d.edges[2].target = 'conv9')), 'This graph cannot be loaded: edge "e3" points to node "conv9", which is not in the graph.'],
    ['edge from a missing node', textOf((d) => (d.edges[0].source = 'x')), 'edge "e1" comes from node "x", which is not in the graph.'],
    ['self-loop', textOf((d) => (d.edges[1].target = d.edges[1].source)), 'edge "e2" connects node "n2" to itself.'],
    [
      'duplicate node ids',
      textOf((d) => d.nodes.push({ ...d.nodes[3], name: 'extra' })),
      'two nodes have the id "n4" (the 4th and the 21st node); node ids must be unique.',
    ],
    [
      'duplicate edge ids',
      textOf((d) => (d.edges[10].id = 'e2')),
      'two edges have the id "e2" (the 2nd and the 11th edge); edge ids must be unique.',
    ],
    ['non-finite position (object input)', (() => { const d = valid(); position(d, 1).x = Infinity; return d; })(), 'node "n2": position.x must be a finite number (found Infinity).'],
    ['NaN position (object input)', (() => { const d = valid(); position(d, 2).y = NaN; return d; })(), 'node "n3": position.y must be a finite number (found NaN).'],
    ['position as text', textOf((d) => (position(d, 1).x = '12px')), 'node "n2": position.x must be a finite number (found "12px").'],
    ['missing position', textOf((d) => delete d.nodes[0].position), 'node "n1": position is missing.'],
    ['blank node name', textOf((d) => (d.nodes[1].name = '  ')), 'node "n2": name must not be blank.'],
    ['empty node name', textOf((d) => (d.nodes[1].name = '')), 'node "n2": name must not be empty.'],
    ['overlong node name', textOf((d) => (d.nodes[1].name = 'x'.repeat(101))), 'node "n2": name is too long (101 characters; at most 100 are allowed).'],
    ['empty document name', textOf((d) => (d.name = '')), 'name must not be empty.'],
    ['node without a type', textOf((d) => delete d.nodes[6].type), 'node "n7": type is missing.'],
    ['node without an id', textOf((d) => delete d.nodes[6].id), 'the node at position 7: id is missing.'],
    ['param of a wrong kind', textOf((d) => ((d.nodes[1].params as Record<string, unknown>).filters = [16])), 'node "n2": parameter "filters" must be a number, a text of at most 200 characters, or true/false.'],
    ['out-of-range training value', textOf((d) => (d.training.epochs = 0)), 'training.epochs must be at least 1 (found 0).'],
    ['fractional batch size', textOf((d) => (d.training.batchSize = 2.5)), 'training.batchSize must be a whole number (found 2.5).'],
    ['unknown optimizer', textOf((d) => (d.training.optimizer = 'rmsprop')), 'training.optimizer must be "adam" or "sgd" (found "rmsprop").'],
    ['task as a string in a v1 file', textOf((d) => (d.task = 'skin-lesions')), 'task must be an object (found "skin-lesions").'],
    ['nodes not a list', textOf((d) => (d.nodes = {} as never)), 'nodes must be a list (found an object).'],
    ['too many nodes', textOf((d) => (d.nodes = Array.from({ length: 2001 }, () => ({})))), 'This graph has 2001 nodes; Convas handles at most 2000.'],
    ['too many edges', textOf((d) => (d.edges = Array.from({ length: 4001 }, () => ({})))), 'This graph has 4001 edges; Convas handles at most 4000.'],
    [
      'several problems at once',
      textOf((d) => [1, 2, 3, 4, 5].forEach((i) => (position(d, i).x = 'a'))),
      'node "n2": position.x must be a finite number (found "a"); node "n3": position.x must be a finite number (found "a"); node "n4": position.x must be a finite number (found "a") (and 2 more problems).',
    ],
  ])('%s', (_what, input, message) => {
    expect(expectError(input)).toContain(message);
  });

  it('rejects 10 MB of junk before parsing it, quickly', () => {
    const junk = '{"format":"convas-graph",' + '\u2603x9'.repeat(3_400_000);
    expect(junk.length).toBeGreaterThan(10_000_000);
    const error = expectError(junk);
    expect(error).toBe('This text is 10.2 MB; Convas reads graph files of at most 5.0 MB, so it is not a Convas graph.');
  });

  // The slowest input under the size limit: JSON.parse and the error scanner both walk 4.9 M open brackets.
  it('rejects 4.9 MB of deeply nested junk within seconds, without a stack overflow', () => {
    const junk = '['.repeat(4_900_000);
    const error = expectError(junk); // 0.6-0.9 s on a 2-core machine; speed is not asserted here (no timed unit tests)
    expect(error).toContain('ends before the JSON is complete at line 1, column 4900001 (position 4900000)');
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a number', 42],
    ['a function', () => 1],
    ['an object whose getter throws', Object.defineProperty({ format: 'convas-graph', version: 1 }, 'nodes', { get() { throw new Error('boom'); }, enumerable: true })],
  ])('never throws: %s', (_what, input) => {
    expect(() => parseDocument(input)).not.toThrow();
    expect(parseDocument(input).ok).toBe(false);
  });
});

describe('parseDocument is lenient where it is safe', () => {
  it('fills missing training fields from the defaults and says which', () => {
    const r = parseDocument(textOf((d) => (d.training = { epochs: 9, augment: false })));
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.training).toEqual({ ...DEFAULT_TRAINING, epochs: 9, augment: false });
    expect(r.warnings).toEqual([
      'Training settings missing from the file were set to their defaults: batchSize, learningRate, optimizer, momentum, classWeights, validationFraction, seed, backend, segmentationLoss.',
    ]);
  });

  it('fills a training field added after version 1 (diceMode) without a note', () => {
    const r = parseDocument(textOf((d) => delete (d.training as Partial<TrainingSettings>).diceMode));
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.training.diceMode).toBe('batch');
    expect(r.warnings).toEqual([]);
  });

  it('uses the default training when the block is missing', () => {
    const r = parseDocument(textOf((d) => delete (d as Partial<Raw>).training));
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.training).toEqual(DEFAULT_TRAINING);
    expect(r.warnings).toEqual(['The file has no training settings; the defaults were used.']);
  });

  it('gives params an empty object when a node has none', () => {
    const r = parseDocument(textOf((d) => delete d.nodes[2].params));
    expect(r.ok && r.doc.nodes[2].params).toEqual({});
  });

  it('ignores unknown fields at every level', () => {
    const r = parseDocument(
      textOf((d) => {
        d.comment = 'hi';
        d.nodes[0].selected = true;
        d.edges[0].animated = true;
        d.training.scheduler = 'cosine';
      }),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.doc).not.toHaveProperty('comment');
    expect(r.doc.nodes[0]).not.toHaveProperty('selected');
    expect(r.doc.edges[0]).not.toHaveProperty('animated');
    expect(r.doc.training).not.toHaveProperty('scheduler');
  });

  it('renames repeated node names and says so', () => {
    const r = parseDocument(textOf((d) => { d.nodes[4].name = 'conv2d'; d.nodes[7].name = 'conv2d'; }));
    if (!r.ok) throw new Error(r.error);
    // n5 and n8 gave up conv2d_1 and conv2d_2 to repeat "conv2d", so those are free again: the later copies get them.
    expect(r.doc.nodes.map((n) => n.name).filter((n) => n.startsWith('conv2d'))).toEqual(['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_3', 'conv2d_4']);
    expect(new Set(r.doc.nodes.map((n) => n.name)).size).toBe(20);
    expect(r.warnings).toEqual([
      'Node names must be unique, so repeated names were changed: "conv2d" -> "conv2d_1" (node "n5"), "conv2d" -> "conv2d_2" (node "n8").',
    ]);
  });
});

describe('long names are cut short in messages (issue 13)', () => {
  it('a 1 MB parameter name is named by its first characters and its length', () => {
    const name = 'p'.repeat(1_000_000);
    const error = expectError(textOf((d) => (d.nodes[1].params = { [name]: 1 })));
    expect(error.length).toBeLessThan(400);
    expect(error).toContain(`parameter "${'p'.repeat(40)}...(1000000 characters)"`);
  });

  it('a 1 MB edge end is quoted cut short in the "not in the graph" sentence too', () => {
    const error = expectError(textOf((d) => (d.edges[0].source = 's'.repeat(1_000_000))));
    expect(error.length).toBeLessThan(500);
    expect(error).toContain(`comes from node "${'s'.repeat(60)}...(1000000 characters)"`);
  });
});
