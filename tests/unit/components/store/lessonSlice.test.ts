import { describe, expect, it } from 'vitest';
import { createAppStore } from '@/components/store/createAppStore';
import type { RunRecord } from '@/components/store/training/runs';
import { isEditable, isHidden, lessonBest, savedLesson } from '@/components/store/lessonSlice';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { buildSegmentationLesson } from '@/graph/lessons/segmentation';
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
  const run = (bas: number[], taskId = 'skin-lesions') => ({ taskId, epochs: bas.map((b) => epochPoint(b)), test: null }) as unknown as RunRecord;

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
    store.setState({ training: { ...store.getState().training, runs: [run([0.2, 0.41]), run([0.9], 'brain-mri-classify')] } });
    // Only runs on the lesson's task count: 0.41, not the brain MRI run's 0.9.
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
