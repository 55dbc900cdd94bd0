import { describe, expect, it } from 'vitest';
import { decodeLessonLink, encodeLessonLink } from '@/graph/lesson';
import { LESSONS } from '@/graph/lessons';
import { taskInfo } from '@/graph/tasks';
import { validate } from '@/graph/validate';

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

  it('lesson 1 leaves only the learning rate, class weights and filters editable, trains 10 epochs on 1200 images without class weights, goal 0.5', () => {
    const l = LESSONS[0].build();
    expect(l.locks.editable).toEqual(['training.learningRate', 'training.classWeights', 'Conv2D.filters']);
    expect(l.document.training.classWeights).toBe(false);
    expect(l.document.training.epochs).toBe(10);
    expect(l.dataSize).toBe(1200);
    expect(l.goal).toEqual({ metric: 'balancedAccuracy', op: '>=', value: 0.5, split: 'validation' });
  });

  it('a lesson without a data size, or with one out of range, reads as the link says', () => {
    const { dataSize: _omit, ...withoutSize } = LESSONS[0].build();
    const back = decodeLessonLink(encodeLessonLink(withoutSize));
    expect(back.ok && back.lesson.dataSize).toBeUndefined();
    const tooMany = decodeLessonLink(encodeLessonLink({ ...withoutSize, dataSize: 10 ** 6 }));
    expect(tooMany).toMatchObject({ ok: false, error: expect.stringContaining('dataSize') });
  });
});
