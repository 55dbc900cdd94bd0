import { describe, expect, it } from 'vitest';
import { createAppStore } from '@/components/store/createAppStore';
import { isEditable, isHidden } from '@/components/workshop/lessonSlice';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { buildSegmentationLesson } from '@/graph/lessons/segmentation';
import { buildVgg } from '@/graph/templates/vgg';

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
});
