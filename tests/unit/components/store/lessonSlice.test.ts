import { describe, expect, it } from 'vitest';
import { createAppStore } from '@/components/store/createAppStore';
import type { RunRecord } from '@/components/store/training/runs';
import { isEditable, isHidden, lessonBest, savedLesson } from '@/components/store/lessonSlice';
import { templateDocument } from '@/graph/edit';
import { buildDeeperNetworksLesson } from '@/graph/lessons/deeperNetworks';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { buildSegmentationLesson } from '@/graph/lessons/segmentation';
import { templateById } from '@/graph/templates';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { buildUnet } from '@/graph/templates/unet';
import { buildVgg } from '@/graph/templates/vgg';
import { epochPoint } from '../workshop/epochPoint';

function lessonStore() {
  const store = createAppStore({ doc: buildVgg() });
  store.getState().startLesson(buildFirstCnnLesson());
  return store;
}

const conv = (store: ReturnType<typeof lessonStore>) => store.getState().doc.nodes.find((n) => n.type === 'Conv2D')!;

describe('lesson slice', () => {
  it('loads the lesson graph and reads locks through isEditable / isHidden', () => {
    const store = lessonStore();
    const s = store.getState();
    expect(s.doc.name).toBe('Lesson 1: first CNN');
    expect(isEditable(s, 'Conv2D.filters')).toBe(true);
    expect(isEditable(s, 'Conv2D.kernelSize')).toBe(false);
    expect(isEditable(s, 'training.learningRate')).toBe(true);
    expect(isEditable(s, 'training.epochs')).toBe(false);
    expect(isHidden(s, 'palette')).toBe(true);
    s.leaveLesson();
    expect(isEditable(store.getState(), 'Conv2D.kernelSize')).toBe(true);
    expect(isHidden(store.getState(), 'palette')).toBe(false);
  });

  it('applies editable params and refuses locked ones with a toast', () => {
    const store = lessonStore();
    const id = conv(store).id;
    store.getState().setParam(id, 'filters', 12);
    expect(conv(store).params.filters).toBe(12);
    store.getState().setParam(id, 'kernelSize', 5);
    expect(conv(store).params.kernelSize).toBe(3);
    expect(store.getState().toasts.at(-1)?.message).toMatch(/Locked by the lesson/);
  });

  it('applies editable training settings and refuses a patch with any locked field', () => {
    const store = lessonStore();
    store.getState().setTraining({ learningRate: 0.01 });
    expect(store.getState().doc.training.learningRate).toBe(0.01);
    store.getState().setTraining({ learningRate: 0.1, epochs: 50 });
    expect(store.getState().doc.training.learningRate).toBe(0.01);
    expect(store.getState().doc.training.epochs).not.toBe(50);
  });

  it('refuses structure edits when the lesson does not allow them', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    expect(store.getState().addNode('Dropout', { x: 0, y: 0 })).toBe('');
    store.getState().select([conv(store).id]);
    store.getState().deleteSelection();
    const [a, b] = before.nodes;
    expect(store.getState().connect(b.id, a.id)).toBe(false);
    expect(store.getState().doc.nodes.length).toBe(before.nodes.length);
    expect(store.getState().doc.edges.length).toBe(before.edges.length);
    expect(store.getState().toasts.at(-1)?.message).toMatch(/does not allow adding, deleting or connecting/);
  });

  it('allows structure edits in a lesson that permits them, and everything after leaving', () => {
    const store = createAppStore({ doc: buildVgg() });
    store.getState().startLesson(buildSegmentationLesson());
    const n = store.getState().doc.nodes.length;
    expect(store.getState().addNode('Dropout', { x: 0, y: 0 })).not.toBe('');
    expect(store.getState().doc.nodes.length).toBe(n + 1);
    store.getState().setTask({ id: 'skin-lesions' });
    expect(store.getState().doc.task.id).toBe('brain-mri-segment');
    store.getState().leaveLesson();
    store.getState().setTask({ id: 'brain-mri-classify' });
    expect(store.getState().doc.task.id).toBe('brain-mri-classify');
  });

  it('starts every participant with the lesson\'s number of images', () => {
    const store = createAppStore({ doc: buildVgg() });
    store.getState().setDataSize(300);
    store.getState().startLesson(buildFirstCnnLesson());
    expect(store.getState().training.dataSize).toBe(1200);
    // Not a lock: a slow laptop may lower it.
    store.getState().setDataSize(600);
    expect(store.getState().training.dataSize).toBe(600);
  });

  it('refuses to load another graph over a lesson with a fixed structure, or one for another task', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    expect(store.getState().loadDocument(buildVgg())).toBe(false);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().toasts.at(-1)?.message).toMatch(/does not allow adding, deleting or connecting/);

    store.getState().startLesson(buildSegmentationLesson());
    const unet = { ...buildUnet(), task: { id: 'brain-mri-segment' } };
    // Structure edits are allowed: another graph on the lesson's task loads (a template to compare with)...
    expect(store.getState().loadDocument(unet)).toBe(true);
    expect(store.getState().doc.nodes.length).toBe(unet.nodes.length);
    // ...but not one for another task, which would leave the lesson's goal unmeasurable.
    expect(store.getState().loadDocument(buildFirstCnn())).toBe(false);
    expect(store.getState().doc.task.id).toBe('brain-mri-segment');
    expect(store.getState().toasts.at(-1)?.message).toMatch(/another task than the lesson/);
  });
});

describe('a lesson across a reload', () => {
  const LESSON = buildFirstCnnLesson().title;
  const run = (bas: number[], taskId = 'skin-lesions', lesson: string | null = LESSON) => ({ taskId, lesson, epochs: bas.map((b) => epochPoint(b)), test: null }) as unknown as RunRecord;

  it('comes back from the autosave with its locks in force over the saved graph, not its starting graph', () => {
    const store = lessonStore();
    store.getState().setParam(conv(store).id, 'filters', 24);
    const saved = savedLesson(store.getState())!;
    const doc = store.getState().doc;

    const reloaded = createAppStore({ doc, lesson: saved });
    expect(reloaded.getState().lesson?.title).toBe(saved.lesson.title);
    expect(conv(reloaded).params.filters).toBe(24);
    expect(isEditable(reloaded.getState(), 'Conv2D.kernelSize')).toBe(false);
    expect(isHidden(reloaded.getState(), 'palette')).toBe(true);
    expect(reloaded.getState().addNode('Dropout', { x: 0, y: 0 })).toBe('');
  });

  it('keeps the best goal value over the runs before and after the reload', () => {
    const store = lessonStore();
    expect(lessonBest(store.getState())).toBeNull();
    store.setState({ training: { ...store.getState().training, runs: [run([0.2, 0.41]), run([0.9], 'brain-mri-classify'), run([0.8], 'skin-lesions', null)] } });
    // Only runs made in the lesson, on its task, count: 0.41, not the brain MRI run's 0.9 nor the 0.8 from before the lesson.
    expect(lessonBest(store.getState())).toBe(0.41);
    const saved = savedLesson(store.getState())!;
    expect(saved.best).toBe(0.41);

    const reloaded = createAppStore({ doc: store.getState().doc, lesson: saved });
    expect(lessonBest(reloaded.getState())).toBe(0.41);
    reloaded.setState({ training: { ...reloaded.getState().training, runs: [run([0.3])] } });
    expect(lessonBest(reloaded.getState())).toBe(0.41);
    reloaded.setState({ training: { ...reloaded.getState().training, runs: [run([0.3, 0.47])] } });
    expect(lessonBest(reloaded.getState())).toBe(0.47);
    reloaded.getState().leaveLesson();
    expect(savedLesson(reloaded.getState())).toBeNull();
  });
});

describe('lesson locks at the commit point: every verb that changes the document', () => {
  // First CNN lesson: fixed structure; Conv2D.filters, learning rate and class weights editable.
  const locked = /does not allow adding, deleting or connecting|Locked by the lesson/;
  const expectRefused = (store: ReturnType<typeof lessonStore>, before: unknown) => {
    expect(store.getState().doc).toBe(before);
    expect(store.getState().toasts.at(-1)?.message).toMatch(locked);
  };
  const dense = (store: ReturnType<typeof lessonStore>) => store.getState().doc.nodes.find((n) => n.type === 'Dense')!;

  it('starts the history at the lesson\'s graph: undo cannot bring back the graph from before the lesson', () => {
    const store = createAppStore({ doc: buildVgg() });
    store.getState().addNode('Dropout', { x: 0, y: 0 });
    store.getState().startLesson(buildFirstCnnLesson());
    expect(store.getState().history.past).toEqual([]);
    const lessonDoc = store.getState().doc;
    store.getState().undo();
    expect(store.getState().doc).toBe(lessonDoc);
    store.getState().setParam(conv(store).id, 'filters', 12);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toBe(lessonDoc);
    store.getState().redo();
    expect(conv(store).params.filters).toBe(12);
  });

  it('refuses undo and redo into a document the locks do not allow', () => {
    const store = createAppStore({ doc: buildFirstCnnLesson().document });
    const original = store.getState().doc;
    store.getState().setParam(original.nodes.find((n) => n.type === 'Conv2D')!.id, 'kernelSize', 5);
    const edited = store.getState().doc;
    // A lesson put in force over this history without startLesson (as a reload does) still cannot be undone around.
    store.setState({ lesson: buildFirstCnnLesson() });
    store.getState().undo();
    expectRefused(store, edited);
    expect(conv(store).params.kernelSize).toBe(5);
  });

  it('refuses one-click fixes that change a locked param or the structure, and applies allowed ones', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    store.getState().applyFix(dense(store).id, { kind: 'set-param', param: 'units', value: 64, label: 'Use 64 units' });
    expectRefused(store, before);
    store.getState().applyFix(conv(store).id, { kind: 'insert-before', nodeType: 'Dropout', label: 'Insert Dropout' });
    expectRefused(store, before);
    store.getState().applyFix(dense(store).id, { kind: 'remove-node', label: 'Remove' });
    expectRefused(store, before);
    store.getState().applyFix(null, { kind: 'remove-edge', edgeId: before.edges[0].id, label: 'Remove the edge' });
    expectRefused(store, before);
    store.getState().applyFix(null, { kind: 'add-node', nodeType: 'Output', label: 'Add an Output' });
    expectRefused(store, before);
    store.getState().applyFix(conv(store).id, { kind: 'set-param', param: 'filters', value: 4, label: 'Use 4 filters' });
    expect(conv(store).params.filters).toBe(4);
  });

  it('refuses paste, duplicate, and deletes from the canvas (keys and React Flow removals)', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    store.getState().select([conv(store).id]);
    const text = store.getState().copySelection();
    expect(text).not.toBeNull();
    expect(store.getState().paste(text)).toBe(false);
    expectRefused(store, before);
    store.getState().duplicateSelection();
    expectRefused(store, before);
    store.getState().onNodesChange([{ id: conv(store).id, type: 'remove' }]);
    expectRefused(store, before);
    store.getState().onEdgesChange([{ id: before.edges[0].id, type: 'remove' }]);
    expectRefused(store, before);
    expect(store.getState().addNodeNext('Dropout', { x: 0, y: 0 })).toBe('');
    expectRefused(store, before);
  });

  it('refuses a loaded graph that keeps the structure but changes a locked param; locked settings stay the lesson\'s', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    const kernel5 = { ...before, nodes: before.nodes.map((n) => (n.type === 'Conv2D' ? { ...n, params: { ...n.params, kernelSize: 5 } } : n)) };
    expect(store.getState().loadDocument(kernel5)).toBe(false);
    expectRefused(store, before);
    // A participant's own saved file: its editable learning rate loads, its locked epochs give way to the lesson's.
    expect(store.getState().loadDocument({ ...before, training: { ...before.training, epochs: 99, learningRate: 0.003 } })).toBe(true);
    expect(store.getState().doc.training).toEqual({ ...before.training, learningRate: 0.003 });
  });

  it('opens another template in a lesson that allows structure edits, with the lesson\'s fixed settings', () => {
    const store = createAppStore({ doc: buildVgg() });
    store.getState().startLesson(buildDeeperNetworksLesson());
    const lessonTraining = store.getState().doc.training;
    const resnet = templateDocument(templateById('resnet')!, store.getState().doc.task);
    expect(store.getState().loadDocument(resnet)).toBe(true);
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(resnet.nodes.map((n) => n.type));
    // Epochs and the learning rate are the participant's to change; the rest stays as the lesson set it.
    expect(store.getState().doc.training).toEqual({ ...lessonTraining, epochs: resnet.training.epochs, learningRate: resnet.training.learningRate });
  });

  it('refuses a commit from outside the verbs, and lets arranging, moving and renaming through', () => {
    const store = lessonStore();
    const before = store.getState().doc;
    expect(store.getState().commit({ ...before, training: { ...before.training, epochs: 99 } })).toBe(false);
    expectRefused(store, before);
    store.getState().arrange(2);
    store.getState().onNodesChange([{ id: conv(store).id, type: 'position', position: { x: 5, y: 7 } }]);
    expect(conv(store).position).toEqual({ x: 5, y: 7 });
    expect(store.getState().renameNode(conv(store).id, 'first_conv')).toBe(true);
    store.getState().setDocumentName('My lesson graph');
    expect(store.getState().doc.name).toBe('My lesson graph');
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(before.nodes.map((n) => n.type));
  });

  it('refuses a hidden training setting even when the lesson lists it as editable', () => {
    const lesson = buildFirstCnnLesson();
    lesson.locks = { ...lesson.locks, editable: [...lesson.locks.editable, 'training.optimizer'], hidden: ['settings', 'training.optimizer'] };
    const store = createAppStore({ doc: buildVgg() });
    store.getState().startLesson(lesson);
    const before = store.getState().doc;
    store.getState().setTraining({ optimizer: 'sgd' });
    expectRefused(store, before);
  });
});
