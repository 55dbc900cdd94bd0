import { describe, expect, it } from 'vitest';
import { defaultParams } from '@/graph/catalog';
import { ISSUE_CODES, ISSUES, type GraphIssue, type IssueCode } from '@/graph/issues';
import { inferShapes } from '@/graph/shapes';
import { NODE_TYPES, type Graph, type NodeType, type TaskRef } from '@/graph/types';
import { validate } from '@/graph/validate';
import { chain, graphOf } from './build';

const rnd: TaskRef = { id: 'random-classify' }; // 3 classes, 1 channel, sides 4..256
const seg: TaskRef = { id: 'random-segment' }; // binary masks
const in8 = ['in', 'Input', { height: 8, width: 8, channels: 1 }] as const;
const in16 = ['in', 'Input', { height: 16, width: 16, channels: 1 }] as const;

interface Case {
  graph: Graph;
  task?: TaskRef;
  /** The node the issue must point at (null: the whole graph). */
  nodeId: string | null;
  /** Substrings the message must contain: the numbers it quotes. */
  says: string[];
}

/** One triggering graph per code; typed by the union, so a new code fails the type check until it has one. */
const CASES = {
  'needs-image': {
    graph: chain([[...in8], ['f', 'Flatten'], ['c', 'Conv2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['Conv2D', 'flat list of 64 numbers'],
  },
  'dense-on-image': {
    graph: chain([[...in8], ['c', 'Conv2D', { filters: 4 }], ['d', 'Dense'], ['out', 'Output']]),
    nodeId: 'd',
    says: ['an 8x8x4 image', 'Flatten (256 numbers)', 'GlobalAveragePooling2D (4 numbers'],
  },
  'stride-with-dilation': {
    graph: chain([[...in16], ['c', 'Conv2D', { strides: 2, dilationRate: 3 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['stride 2', 'dilation 3'],
  },
  'shape-zero': {
    graph: chain([[...in8], ['c', 'Conv2D', { kernelSize: 7, dilationRate: 2, padding: 'valid' }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['Kernel 7x7 with dilation 2', 'at least 13 pixels', '8x8'],
  },
  'add-shape-mismatch': {
    graph: graphOf([[...in8], ['c', 'Conv2D', { filters: 4 }], ['a', 'Add'], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']],
      [['in', 'c'], ['c', 'a'], ['in', 'a'], ['a', 'g'], ['g', 'out']]),
    nodeId: 'a',
    says: ['input 1 is 8x8x4', 'input 2 is 8x8x1'],
  },
  'concat-size-mismatch': {
    graph: graphOf([[...in8], ['c', 'Conv2D', { padding: 'valid' }], ['k', 'Concatenate'], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']],
      [['in', 'c'], ['in', 'k'], ['c', 'k'], ['k', 'g'], ['g', 'out']]),
    nodeId: 'k',
    says: ['input 1 is 8x8', 'input 2 is 6x6', 'the height differs by 2, the width by 2'],
  },
  'merge-rank-mismatch': {
    graph: graphOf([[...in8], ['f', 'Flatten'], ['a', 'Add'], ['out', 'Output']], [['in', 'f'], ['in', 'a'], ['f', 'a'], ['a', 'out']]),
    nodeId: 'a',
    says: ['Add', 'input 1 is 8x8x1', 'input 2 is 64'],
  },
  'head-on-image': {
    graph: chain([[...in8], ['c', 'Conv2D'], ['out', 'Output']]),
    nodeId: 'out',
    says: ['8x8x16', 'GlobalAveragePooling2D (16 numbers)'],
  },
  'head-size-mismatch': {
    graph: chain([[...in8], ['f', 'Flatten'], ['d', 'Dense', { units: 10 }], ['out', 'Output', { projection: false }]]),
    nodeId: 'out',
    says: ['exactly 3 values per image', 'it gives 10', 'Set it to 3 units'],
  },
  'seg-head-on-vector': {
    graph: chain([[...in8], ['f', 'Flatten'], ['out', 'Output', { head: 'segmentation' }]]),
    task: seg,
    nodeId: 'out',
    says: ['flat list of 64 numbers'],
  },
  'seg-size-mismatch': {
    graph: chain([[...in16], ['c', 'Conv2D', { padding: 'valid' }], ['out', 'Output', { head: 'segmentation' }]]),
    task: seg,
    nodeId: 'out',
    says: ['16x16', 'gets 14x14', '2 pixels short', 'ZeroPadding2D with padding 1'],
  },
  cycle: {
    graph: graphOf([[...in8], ['a', 'Add'], ['b', 'Conv2D', { filters: 1 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']],
      [['in', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'g'], ['g', 'out']]),
    nodeId: 'a',
    says: ['2 layers form a loop', 'a -> b'],
  },
  'no-input': {
    graph: chain([['c', 'Conv2D'], ['out', 'Output']]),
    nodeId: null,
    says: ['no Input'],
  },
  'multiple-inputs': {
    graph: graphOf([[...in8], ['in2', 'Input', { height: 8, width: 8, channels: 1 }], ['a', 'Add'], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']],
      [['in', 'a'], ['in2', 'a'], ['a', 'g'], ['g', 'out']]),
    nodeId: 'in2',
    says: ['2 Input nodes'],
  },
  'no-output': {
    graph: chain([[...in8], ['c', 'Conv2D']]),
    nodeId: null,
    says: ['no Output'],
  },
  'multiple-outputs': {
    graph: graphOf([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output'], ['out2', 'Output']], [['in', 'g'], ['g', 'out'], ['g', 'out2']]),
    nodeId: 'out2',
    says: ['2 Output nodes'],
  },
  'not-connected': {
    graph: graphOf([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output'], ['side', 'Conv2D']], [['in', 'g'], ['g', 'out'], ['in', 'side']]),
    nodeId: 'side',
    says: ['"side"'],
  },
  'edge-missing-node': {
    graph: { ...chain([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]), edges: [
      { id: 'e0', source: 'in', target: 'g' }, { id: 'e1', source: 'g', target: 'out' }, { id: 'e9', source: 'g', target: 'ghost' },
    ] },
    nodeId: null,
    says: ['"e9"', '"ghost"'],
  },
  'edge-from-output': {
    graph: graphOf([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output'], ['d', 'Dropout']], [['in', 'g'], ['g', 'out'], ['out', 'd']]),
    nodeId: 'out',
    says: ['"d"'],
  },
  'duplicate-node-id': {
    graph: (() => {
      const g = chain([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]);
      return { ...g, nodes: [...g.nodes, { ...g.nodes[1] }, { ...g.nodes[1] }] };
    })(),
    nodeId: 'g',
    says: ['3 nodes', '"g"'],
  },
  'unknown-type': {
    graph: (() => {
      const g = chain([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]);
      return { ...g, nodes: [...g.nodes, { id: 'x', type: 'LSTM', name: 'x', params: {}, position: { x: 0, y: 0 } } as unknown as Graph['nodes'][number]] };
    })(),
    nodeId: 'x',
    says: ['"LSTM"'],
  },
  'unknown-task': {
    graph: chain([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    task: { id: 'imported-xyz' },
    nodeId: null,
    says: ['"imported-xyz"'],
  },
  'head-task-mismatch': {
    graph: chain([[...in8], ['g', 'GlobalAveragePooling2D'], ['out', 'Output', { head: 'segmentation' }]]),
    nodeId: 'out',
    says: ['segmentation', '"random-classify" is classification'],
  },
  'input-channels-mismatch': {
    graph: chain([['in', 'Input', { height: 64, width: 64, channels: 1 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    task: { id: 'skin-lesions' },
    nodeId: 'in',
    says: ['1 channel ', 'have 3'],
  },
  'input-size-range': {
    graph: chain([['in', 'Input', { height: 300, width: 300, channels: 1 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'in',
    says: ['300x300', '4 to 256'],
  },
  'wrong-input-count': {
    graph: chain([[...in8], ['a', 'Add'], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'a',
    says: ['at least 2 inputs', 'has 1'],
  },
  'param-out-of-range': {
    graph: chain([[...in16], ['c', 'Conv2D', { kernelSize: 20 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['Kernel size is 20', 'between 1 and 15', 'Set it to 15'],
  },
  'param-wrong-kind': {
    graph: chain([[...in16], ['c', 'Conv2D', { padding: 'full' }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['"full"', 'one of same, valid'],
  },
  'kernel-too-large': {
    graph: chain([['in', 'Input', { height: 4, width: 4, channels: 1 }], ['c', 'Conv2D', { kernelSize: 5 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]),
    nodeId: 'c',
    says: ['Kernel 5x5 is larger than its 4x4 input'],
  },
  'too-many-params': {
    // 224*224*3 = 150,528 inputs x 400 units + 400 = 60,211,600; head (7 classes) 400*7 + 7 = 2,807; total 60,214,407
    graph: chain([['in', 'Input', { height: 224, width: 224, channels: 3 }], ['f', 'Flatten'], ['d', 'Dense', { units: 400 }], ['out', 'Output']]),
    task: { id: 'skin-lesions' },
    nodeId: null,
    says: ['60,214,407', 'over 50,000,000'],
  },
} satisfies Record<IssueCode, Case>;

function find(issues: GraphIssue[], code: IssueCode): GraphIssue | undefined {
  return issues.find((i) => i.code === code);
}

describe('validate', () => {
  it('has a triggering case for every issue code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ISSUE_CODES].sort());
    expect(Object.keys(ISSUES).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it.each(Object.entries(CASES) as [IssueCode, Case][])('%s: triggered, on the right node, with the numbers', (code, c) => {
    const issues = validate(c.graph, c.task ?? rnd);
    const issue = find(issues, code);
    expect(issue, JSON.stringify(issues, null, 1)).toBeDefined();
    if (!issue) return;
    expect(issue.nodeId).toBe(c.nodeId);
    expect(issue.severity).toBe(ISSUES[code].severity);
    for (const s of c.says) expect(issue.message).toContain(s);
    // Every message also says how to fix it: it has at least two sentences.
    expect(issue.message.split(/[.;:] /).length).toBeGreaterThanOrEqual(2);
  });

  it('a valid graph has no issues', () => {
    const g = chain([[...in16], ['c', 'Conv2D', { filters: 4 }], ['p', 'MaxPooling2D'], ['f', 'Flatten'], ['d', 'Dense', { units: 8, activation: 'relu' }], ['out', 'Output']]);
    expect(validate(g, rnd)).toEqual([]);
  });

  it('puts errors before warnings and accepts a precomputed report', () => {
    const g = CASES['kernel-too-large'].graph;
    const withWarning = { ...g, nodes: g.nodes.map((n) => (n.id === 'in' ? { ...n, params: { ...n.params, channels: 3 } } : n)) };
    const broken: Graph = { nodes: withWarning.nodes.filter((n) => n.id !== 'out'), edges: withWarning.edges.filter((e) => e.target !== 'out') };
    const issues = validate(broken, { id: 'random-classify' }, inferShapes(broken, rnd));
    expect(issues.map((i) => i.code)).toEqual(['no-output', 'input-channels-mismatch', 'kernel-too-large']);
  });

  it('pool windows too: valid is an error with a fix, same is a warning', () => {
    const valid = chain([['in', 'Input', { height: 4, width: 4, channels: 1 }], ['p', 'MaxPooling2D', { poolSize: 5 }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]);
    const err = find(validate(valid, rnd), 'shape-zero');
    expect(err?.message).toContain('Pool 5x5 needs at least 5 pixels; this input is 4x4');
    expect(err?.fix).toEqual({ kind: 'set-param', param: 'padding', value: 'same', label: "Use padding 'same'" });
    const same = chain([['in', 'Input', { height: 4, width: 4, channels: 1 }], ['p', 'MaxPooling2D', { poolSize: 5, padding: 'same' }], ['g', 'GlobalAveragePooling2D'], ['out', 'Output']]);
    expect(validate(same, rnd).map((i) => `${i.severity} ${i.code}`)).toEqual(['warning kernel-too-large']);
  });

  it('segmentation head size: a whole factor suggests upsampling', () => {
    const g = chain([[...in16], ['p', 'MaxPooling2D'], ['p2', 'MaxPooling2D'], ['out', 'Output', { head: 'segmentation' }]]);
    const issue = find(validate(g, seg), 'seg-size-mismatch');
    expect(issue?.message).toContain('gets 4x4');
    expect(issue?.message).toContain('4 times too small');
    expect(issue?.fix).toMatchObject({ kind: 'insert-before', nodeType: 'UpSampling2D', params: { size: 4 } });
  });

  it('segmentation head size: too large, or uneven, says by how much', () => {
    const big = chain([[...in16], ['u', 'UpSampling2D'], ['out', 'Output', { head: 'segmentation' }]]);
    expect(find(validate(big, seg), 'seg-size-mismatch')?.message).toContain('2 times too large');
    const uneven = chain([[...in16], ['c', 'Conv2DTranspose', { kernelSize: 3, strides: 1, padding: 'valid' }], ['out', 'Output', { head: 'segmentation' }]]);
    expect(find(validate(uneven, seg), 'seg-size-mismatch')?.message).toContain('gets 18x18. It is 2 pixels too tall and 2 too wide');
  });

  it('the suggested fixes resolve their issues', () => {
    const applyFix = (graph: Graph, issue: GraphIssue): Graph => {
      const fix = issue.fix;
      if (!fix || !issue.nodeId) throw new Error('no fix');
      if (fix.kind === 'set-param') {
        return { ...graph, nodes: graph.nodes.map((n) => (n.id === issue.nodeId ? { ...n, params: { ...n.params, [fix.param]: fix.value } } : n)) };
      }
      if (fix.kind === 'insert-before') {
        const id = 'fixed';
        const node = { id, type: fix.nodeType, name: id, params: { ...defaultParams(fix.nodeType), ...fix.params }, position: { x: 0, y: 0 } };
        const edges = graph.edges.map((e) => (e.target === issue.nodeId ? { ...e, target: id } : e));
        return { nodes: [...graph.nodes, node], edges: [...edges, { id: 'fixed-e', source: id, target: issue.nodeId }] };
      }
      if (fix.kind === 'remove-node') {
        return { nodes: graph.nodes.filter((n) => n.id !== issue.nodeId), edges: graph.edges.filter((e) => e.source !== issue.nodeId && e.target !== issue.nodeId) };
      }
      throw new Error(`untested fix kind ${fix.kind}`);
    };
    const fixable: IssueCode[] = ['dense-on-image', 'stride-with-dilation', 'shape-zero', 'head-on-image', 'head-size-mismatch', 'seg-size-mismatch',
      'not-connected', 'multiple-outputs', 'head-task-mismatch', 'input-channels-mismatch', 'param-out-of-range', 'param-wrong-kind'];
    for (const code of fixable) {
      const c: Case = CASES[code];
      const task = c.task ?? rnd;
      const issue = find(validate(c.graph, task), code);
      expect(issue?.fix, code).toBeDefined();
      if (!issue) continue;
      const after = validate(applyFix(c.graph, issue), task);
      expect(after.filter((i) => i.severity === 'error' || i.code === code), code).toEqual([]);
    }
  });

  it('never throws on garbage', () => {
    const junk = [
      { nodes: [], edges: [] },
      { nodes: [{ id: 'a', type: 'Conv2D', name: 'a', params: null, position: null }], edges: [{ id: 'e', source: 'a', target: 'a' }] },
      { nodes: [{ id: 'a', type: 42, name: 'a', params: { filters: NaN } }], edges: [] },
      { nodes: [{ id: 'a', type: 'Input', name: 'a', params: { height: -1, width: 1e9, channels: '3' } }], edges: [] },
      {
        nodes: [
          { id: 'i', type: 'Input', name: 'i', params: null },
          { id: 'c', type: 'Conv2D', name: 'c', params: null },
          { id: 'o', type: 'Output', name: 'o' },
        ],
        edges: [{ id: 'e1', source: 'i', target: 'c' }, { id: 'e2', source: 'c', target: 'o' }],
      },
    ] as unknown as Graph[];
    for (const g of junk) {
      expect(() => validate(g, rnd)).not.toThrow();
      expect(validate(g, rnd).length).toBeGreaterThan(0);
    }
  });

  it('never throws on random graphs (seeded), and every issue has a known code and a message', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const values = [0, 1, 2, 3, 5, 7, -1, 0.5, 1e6, 'same', 'valid', 'relu', true, false, 'x'];
    const types = [...NODE_TYPES, 'Bogus'];
    for (let g = 0; g < 300; g++) {
      const n = 1 + Math.floor(rand() * 8);
      const nodes = Array.from({ length: n }, (_, i) => {
        const type = pick(types);
        const params: Record<string, unknown> = type === 'Bogus' ? {} : { ...defaultParams(type as NodeType) };
        for (const key of Object.keys(params)) if (rand() < 0.3) params[key] = pick(values);
        if (type === 'Input' && rand() < 0.7) Object.assign(params, { height: pick([4, 8, 9, 16]), width: pick([4, 8, 9, 16]), channels: 1 });
        return { id: `n${i}`, type, name: `n${i}`, params, position: { x: 0, y: 0 } };
      });
      const edges = Array.from({ length: Math.floor(rand() * n * 1.5) }, (_, i) => ({ id: `e${i}`, source: `n${Math.floor(rand() * (n + 1))}`, target: `n${Math.floor(rand() * n)}` }));
      const graph = { nodes, edges } as unknown as Graph;
      const task = pick([rnd, seg, { id: 'skin-lesions' }, { id: 'unknown' }]);
      const issues = validate(graph, task);
      for (const i of issues) {
        expect(ISSUE_CODES).toContain(i.code);
        expect(i.message).not.toMatch(/undefined|NaN/);
      }
    }
  });
});
