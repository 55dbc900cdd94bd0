import { describe, expect, it } from 'vitest';
import { decodeLessonLink, encodeLessonLink } from '@/graph/lesson';
import { LESSONS } from '@/graph/lessons';
import { taskInfo } from '@/graph/tasks';
import { validate } from '@/graph/validate';
import { residualVariant, summariseRun } from '@/scripts/bench/lessons';

describe('ready lessons', () => {
  it('are the three of the teaching material, in order', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['first-cnn', 'deeper-networks', 'unet-segmentation']);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: graph validates without errors and the link round-trips', (_id, info) => {
    const lesson = info.build();
    const errors = validate(lesson.document, lesson.document.task).filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
    const back = decodeLessonLink(encodeLessonLink(lesson));
    if (!back.ok) throw new Error(back.error);
    expect(back.lesson).toEqual(lesson);
  });

  it.each([
    ['first-cnn', 'skin-lesions', 'balancedAccuracy', false],
    ['deeper-networks', 'brain-mri-classify', 'balancedAccuracy', true],
    ['unet-segmentation', 'brain-mri-segment', 'meanDice', true],
  ])('%s: task %s, goal on %s, structure edits %s', (id, task, metric, structure) => {
    const lesson = LESSONS.find((l) => l.id === id)!.build();
    expect(lesson.document.task.id).toBe(task);
    expect(lesson.goal.metric).toBe(metric);
    expect(lesson.locks.allowStructureEdits).toBe(structure);
    // The Input takes the task's image size and channels.
    const input = lesson.document.nodes.find((n) => n.type === 'Input')!;
    expect(input.params.channels).toBe(taskInfo(task)!.input[2]);
  });

  it('lesson 1 leaves only the learning rate, class weights and filters editable, trains 10 epochs on 1200 images without class weights, goal 0.7', () => {
    const l = LESSONS[0].build();
    expect(l.locks.editable).toEqual(['training.learningRate', 'training.classWeights', 'Conv2D.filters']);
    expect(l.document.training.classWeights).toBe(false);
    expect(l.document.training.epochs).toBe(10);
    expect(l.dataSize).toBe(1200);
    expect(l.goal).toEqual({ metric: 'balancedAccuracy', op: '>=', value: 0.7, split: 'validation' });
  });

  it('a lesson without a data size, or with one out of range, reads as the link says', () => {
    const { dataSize: _omit, ...withoutSize } = LESSONS[0].build();
    const back = decodeLessonLink(encodeLessonLink(withoutSize));
    expect(back.ok && back.lesson.dataSize).toBeUndefined();
    const tooMany = decodeLessonLink(encodeLessonLink({ ...withoutSize, dataSize: 10 ** 6 }));
    expect(tooMany).toMatchObject({ ok: false, error: expect.stringContaining('dataSize') });
  });

  // Epochs and losses below were set from measured training runs (comments in graph/lessons/*.ts;
  // `npm run bench -- --only lessons` measures them again).
  it('lesson 2 trains 12 epochs, goal 0.8', () => {
    const l = LESSONS[1].build();
    expect(l.document.training.epochs).toBe(12);
    expect(l.goal).toEqual({ metric: 'balancedAccuracy', op: '>=', value: 0.8, split: 'validation' });
  });

  it('lesson 3 trains as the U-Net template does (BCE + Dice over the batch, 15 epochs), goal 0.65', () => {
    const l = LESSONS[2].build();
    expect(l.document.training).toMatchObject({ segmentationLoss: 'bce+dice', diceMode: 'batch', epochs: 15, batchSize: 16, learningRate: 0.002 });
    expect(l.goal).toEqual({ metric: 'meanDice', op: '>=', value: 0.65, split: 'validation' });
  });
});

describe('lesson benchmark helpers (scripts/bench/lessons.ts)', () => {
  it("lesson 2's ResNet-style variant adds a 1x1 shortcut and an Add per block and validates", () => {
    const doc = LESSONS[1].build().document;
    const resnet = residualVariant(doc);
    expect(resnet.nodes.filter((n) => n.type === 'Add')).toHaveLength(3);
    const shortcuts = resnet.nodes.filter((n) => n.type === 'Conv2D' && n.params.kernelSize === 1);
    expect(shortcuts.map((n) => n.params.filters)).toEqual([8, 16, 32]);
    expect(validate(resnet, resnet.task).filter((i) => i.severity === 'error')).toEqual([]);
    // Every pooling now reads an Add; the original document is left as it was.
    for (const pool of resnet.nodes.filter((n) => n.type === 'MaxPooling2D')) {
      const source = resnet.edges.find((e) => e.target === pool.id)!.source;
      expect(resnet.nodes.find((n) => n.id === source)!.type).toBe('Add');
    }
    expect(doc.nodes.some((n) => n.type === 'Add')).toBe(false);
  });

  it('summariseRun: best value and first epoch reaching the goal, -1 when none does', () => {
    const goal = { metric: 'meanDice', op: '>=', value: 0.5, split: 'validation' } as const;
    expect(summariseRun(goal, [0.1, null, 0.52, 0.4, 0.6], 12)).toMatchObject({ best: 0.6, epochsToGoal: 3, trainSeconds: 12 });
    expect(summariseRun(goal, [0, 0.2], 3)).toMatchObject({ best: 0.2, epochsToGoal: -1 });
    expect(summariseRun({ ...goal, metric: 'valLoss', op: '<=' }, [0.9, 0.45, 0.3], 1)).toMatchObject({ best: 0.3, epochsToGoal: 2 });
  });
});
