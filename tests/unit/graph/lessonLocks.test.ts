import { describe, expect, it } from 'vitest';
import { addNodeAt, moveNodes, removeItems, retask, setNodeParam } from '@/graph/edit';
import { type ActiveLocks, keyEditable, keyHidden, lockViolation, OTHER_TASK_REASON } from '@/graph/lessonLocks';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import type { GraphDocument } from '@/graph/types';

const locks: ActiveLocks = {
  editable: ['training.learningRate', 'Conv2D.filters', 'training.optimizer'],
  hidden: ['palette', 'settings', 'export'],
  allowStructureEdits: false,
};

describe('keyEditable', () => {
  it.each([
    ['training.learningRate', true],
    ['Conv2D.filters', true],
    ['Conv2D.kernelSize', false],
    ['Dense.units', false],
    ['training.epochs', false],
    ['structure', false],
    ['task', false],
    // Listed as editable but its control is hidden (settings hides settings.optimizer): hidden wins.
    ['settings.optimizer', false],
  ])('with lesson 1 locks, %s editable: %s', (key, expected) => {
    expect(keyEditable(locks, key)).toBe(expected);
  });

  it('allows structure edits when the lesson does', () => {
    expect(keyEditable({ ...locks!, allowStructureEdits: true }, 'structure')).toBe(true);
  });

  it.each(['structure', 'task', 'Conv2D.kernelSize', 'anything'])('without a lesson %s is editable', (key) => {
    expect(keyEditable(null, key)).toBe(true);
  });
});

describe('keyHidden', () => {
  it.each([
    ['palette', true],
    ['settings.optimizer', true],
    ['settingsPanel', false],
    ['export', true],
    ['inspector', false],
  ])('%s hidden: %s', (id, expected) => {
    expect(keyHidden(locks, id)).toBe(expected);
  });

  it('hides nothing without a lesson', () => {
    expect(keyHidden(null, 'palette')).toBe(false);
  });
});

describe('lockViolation: one rule for every kind of edit', () => {
  // First CNN (skin lesions): Input n1 -> Conv2D n2 (8 filters, 3x3) -> relu n3 -> pool n4 -> ... -> Output n11.
  // Editable: learning rate, class weights, Conv2D filters, and training.optimizer although settings.optimizer is hidden.
  const doc = buildFirstCnn();
  const lesson = {
    document: doc,
    locks: {
      editable: ['training.learningRate', 'training.classWeights', 'Conv2D.filters', 'training.optimizer'],
      hidden: ['palette', 'training.optimizer'],
      allowStructureEdits: false,
    },
  };
  const open = { ...lesson, locks: { ...lesson.locks, allowStructureEdits: true } };
  const conv = doc.nodes.find((n) => n.type === 'Conv2D')!;
  const dense = doc.nodes.find((n) => n.type === 'Dense')!;
  const firstEdge = doc.edges[0];
  const keyOf = (l: typeof lesson | null, after: GraphDocument) => lockViolation(l, doc, after)?.key ?? null;

  it.each<[string, GraphDocument, string | null, string | null]>([
    // [edit, document after it, key refused with a fixed structure, key refused when structure edits are allowed]
    ['an editable param (Conv2D.filters)', setNodeParam(doc, conv.id, 'filters', 32), null, null],
    ['a locked param (Conv2D.kernelSize)', setNodeParam(doc, conv.id, 'kernelSize', 5), 'Conv2D.kernelSize', 'Conv2D.kernelSize'],
    ['a locked param of another type (Dense.units)', setNodeParam(doc, dense.id, 'units', 64), 'Dense.units', 'Dense.units'],
    ['an editable training setting', { ...doc, training: { ...doc.training, learningRate: 0.01 } }, null, null],
    ['a locked training setting', { ...doc, training: { ...doc.training, epochs: 50 } }, 'training.epochs', 'training.epochs'],
    ['a hidden training setting, even one listed as editable', { ...doc, training: { ...doc.training, optimizer: 'sgd' } }, 'training.optimizer', 'training.optimizer'],
    ['adding a node', addNodeAt(doc, 'Dropout', { x: 0, y: 0 }).doc, 'structure', null],
    ['removing a node', removeItems(doc, [dense.id]), 'structure', null],
    ['removing an edge', removeItems(doc, [], [firstEdge.id]), 'structure', null],
    ['rewiring an edge', { ...doc, edges: doc.edges.map((e, i) => (i === 0 ? { ...e, target: 'n3' } : e)) }, 'structure', null],
    ['changing a node type under the same id', { ...doc, nodes: doc.nodes.map((n) => (n.id === conv.id ? { ...n, type: 'Conv2DTranspose' as const } : n)) }, 'structure', null],
    ['changing the task', retask(doc, { id: 'brain-mri-classify' }), 'task', 'task'],
    ['moving nodes', moveNodes(doc, new Map([[conv.id, { x: 999, y: 999 }]])), null, null],
    ['renaming a node', { ...doc, nodes: doc.nodes.map((n) => (n.id === conv.id ? { ...n, name: 'first_conv' } : n)) }, null, null],
    ['renaming the document', { ...doc, name: 'Mine' }, null, null],
  ])('%s', (_edit, after, fixed, free) => {
    expect(keyOf(lesson, after)).toBe(fixed);
    expect(keyOf(open, after)).toBe(free);
    expect(keyOf(null, after)).toBeNull();
  });

  it('refuses a new node in a fixed structure with the structure message, and a graph for another task with its own', () => {
    expect(lockViolation(lesson, doc, addNodeAt(doc, 'Dropout', { x: 0, y: 0 }).doc)?.reason).toMatch(/does not allow adding, deleting or connecting/);
    const other = { ...doc, task: { id: 'brain-mri-classify' } };
    expect(lockViolation(open, doc, other)).toEqual({ key: 'task', reason: OTHER_TASK_REASON });
  });

  it('does not check the params of nodes a structure edit added (they are new), only of nodes that stay', () => {
    const added = addNodeAt(doc, 'Conv2D', { x: 0, y: 0 });
    const bigger = setNodeParam(added.doc, added.id, 'kernelSize', 7);
    expect(lockViolation(open, doc, bigger)).toBeNull();
    expect(lockViolation(open, added.doc, setNodeParam(added.doc, added.id, 'kernelSize', 7))?.key).toBe('Conv2D.kernelSize');
  });

  it('counts a missing mask mode as binary, so a document without one stays on the lesson\'s task', () => {
    const seg = { ...doc, task: { id: 'brain-mri-segment', maskMode: 'binary' as const } };
    const segLesson = { ...open, document: seg };
    expect(lockViolation(segLesson, seg, { ...seg, task: { id: 'brain-mri-segment' } })).toBeNull();
    expect(lockViolation(segLesson, seg, { ...seg, task: { id: 'brain-mri-segment', maskMode: 'multiclass' } })?.key).toBe('task');
  });
});
