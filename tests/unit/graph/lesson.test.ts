import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from '@/graph/document/base64url';
import {
  betterValue,
  decodeLessonLink,
  describeGoal,
  encodeLessonLink,
  goalReached,
  isLessonHash,
  type Lesson,
  type LessonGoal,
  lessonToJson,
  lessonUrl,
  parseLesson,
} from '@/graph/lesson';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';

const lesson = (): Lesson => buildFirstCnnLesson();
const link = (value: unknown) => `l1.${encodeBase64url(zlibSync(strToU8(JSON.stringify(value))))}`;

describe('lesson links', () => {
  it('round-trips a lesson through the link and through a whole URL', () => {
    const l = lesson();
    for (const text of [encodeLessonLink(l), lessonUrl('https://x.test/app?a=1#old', l), `#lesson=${encodeLessonLink(l)}`]) {
      const r = decodeLessonLink(text);
      if (!r.ok) throw new Error(r.error);
      expect(r.lesson).toEqual(l);
    }
  });

  it('starts with the l1. tag and is short enough for a chat message', () => {
    const data = encodeLessonLink(lesson());
    expect(data.startsWith('l1.')).toBe(true);
    expect(data.length).toBeLessThan(2000);
    expect(lessonUrl('https://x.test/#g1.abc', lesson())).toMatch(/^https:\/\/x\.test\/#lesson=l1\./);
  });

  it.each([
    ['#lesson=l1.abc', true],
    ['#l1.abc', true],
    ['#a=1&lesson=l1.x', true],
    ['#graph=g1.abc', false],
    ['#g1.abc', false],
    ['', false],
  ])('isLessonHash(%j) is %s', (hash, expected) => {
    expect(isLessonHash(hash)).toBe(expected);
  });

  it.each([
    ['', /holds no lesson/],
    ['g1.eNqrVgoqzSvxLFGyUqpWSsvPVbJSSs4vzStR0lEqTi1KTs0pTc1LTlWqBQBXjQ8x', /should start with "l1\."/],
    ['l2.abc', /newer Convas \(lesson link format 2\)/],
    ['l1.ab$c', /damaged/],
    ['l1.AAAA', /cannot be unpacked/],
    [link('not an object'), /not valid/],
  ])('rejects %j with a message', (text, message) => {
    const r = decodeLessonLink(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('parseLesson', () => {
  const good = () => lessonToJson(lesson()) as Record<string, unknown>;

  it('accepts a compacted lesson and fills defaulted training fields', () => {
    const r = parseLesson(good());
    if (!r.ok) throw new Error(r.error);
    expect(r.lesson.document.training.learningRate).toBe(lesson().document.training.learningRate);
    expect(r.lesson.locks.editable).toEqual(lesson().locks.editable);
  });

  it.each<[string, (l: Record<string, unknown>) => void, RegExp]>([
    ['wrong format', (l) => (l.format = 'convas-graph'), /format must be "convas-lesson"/],
    ['newer version', (l) => (l.version = 2), /version must be 1/],
    ['empty title', (l) => (l.title = '  '), /title must not be empty/],
    ['unknown metric', (l) => (l.goal = { metric: 'f1', op: '>=', value: 1, split: 'test' }), /goal\.metric/],
    ['bad op', (l) => (l.goal = { metric: 'accuracy', op: '>', value: 1 }), /goal\.op/],
    ['infinite value', (l) => (l.goal = { metric: 'accuracy', op: '>=', value: Infinity }), /goal\.value/],
    ['bad lock key', (l) => (l.locks = { editable: ['filters'], hidden: [] }), /locks\.editable\.0 must look like "training\.learningRate"/],
    ['missing locks', (l) => delete l.locks, /locks/],
    ['broken graph', (l) => (l.document = { format: 'convas-graph', version: 1, nodes: 3 }), /lesson's graph cannot be loaded/],
  ])('rejects a lesson with %s', (_name, mutate, message) => {
    const raw = good();
    mutate(raw);
    const r = parseLesson(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('goals', () => {
  const up: LessonGoal = { metric: 'balancedAccuracy', op: '>=', value: 0.4, split: 'validation' };
  const down: LessonGoal = { metric: 'valLoss', op: '<=', value: 0.5, split: 'test' };

  it.each<[LessonGoal, number | null, boolean]>([
    [up, 0.4, true],
    [up, 0.39, false],
    [up, null, false],
    [up, NaN, false],
    [down, 0.5, true],
    [down, 0.51, false],
  ])('goalReached(%j, %s) is %s', (goal, value, expected) => {
    expect(goalReached(goal, value)).toBe(expected);
  });

  it.each<[LessonGoal, number | null, number | null, number | null]>([
    [up, 0.3, 0.5, 0.5],
    [down, 0.3, 0.5, 0.3],
    [up, null, 0.2, 0.2],
    [up, 0.2, NaN, 0.2],
    [up, null, null, null],
  ])('betterValue(%j, %s, %s) is %s', (goal, a, b, expected) => {
    expect(betterValue(goal, a, b)).toBe(expected);
  });

  it('describes a goal in words', () => {
    expect(describeGoal(up)).toBe('balanced accuracy ≥ 0.40 on validation');
    expect(describeGoal(down)).toBe('validation loss ≤ 0.50 on test');
  });
});

describe('lesson errors in plain words (issue 13)', () => {
  it.each<[string, (l: Record<string, unknown>) => void, string]>([
    ['missing locks', (l) => delete l.locks, 'locks is missing'],
    ['text as the goal value', (l) => (l.goal = { metric: 'accuracy', op: '>=', value: 'high' }), 'goal.value must be a finite number (found "high")'],
    ['a huge data size', (l) => (l.dataSize = 1e9), 'dataSize must be at most 20000 (found 1000000000)'],
    ['a list as the title', (l) => (l.title = ['a']), 'title must be text (found a list of 1)'],
  ])('%s', (_name, mutate, phrase) => {
    const raw = lessonToJson(lesson()) as Record<string, unknown>;
    mutate(raw);
    const r = parseLesson(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(phrase);
      expect(r.error).not.toMatch(/Invalid input|expected \w+, received/);
    }
  });
});
