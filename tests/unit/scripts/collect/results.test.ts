/**
 * Result documents version 2 (graph/results): what a participant sends round-trips through JSON and the
 * schema; version-1 downloads still read; bad fields and hostile nicknames are refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { classToCsv, csvCell, nicknameProblem, normaliseNickname, parseResultDocument, boardLessons, bestRow, sortRows, whatWorked, architectureSummary } from '@/graph/results';
import { sampleResult } from './sampleResult';

describe('result documents', () => {
  it('a sent result survives JSON and the schema unchanged, graph included', () => {
    const raw = JSON.parse(JSON.stringify(sampleResult(3)));
    const parsed = parseResultDocument(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = parsed.result;
    expect(r.participant).toEqual({ id: 'p0003', nickname: 'Student 3' });
    expect(r.submissionId).toBe('p0003.1700000000003.run-3');
    expect(r.run?.curves.map((c) => c.balancedAccuracy)).toEqual([0.3, 0.56]);
    expect(r.run?.params).toBe(12_345);
    expect(r.graph?.nodes.length).toBe(r.layers.length);
    expect(r.lesson?.spec).toEqual({ metric: 'balancedAccuracy', op: '>=', value: 0.7, split: 'validation' });
  });

  it('reads a version-1 download as version 2 with the new parts empty', () => {
    const v2 = sampleResult(1) as Record<string, unknown> & { run: Record<string, unknown>; lesson: Record<string, unknown> };
    const { params: _p, settings: _s, curves: _c, status: _st, seconds: _se, ...run } = v2.run;
    const { spec: _sp, reachedAtEpoch: _r, ...lesson } = v2.lesson;
    const v1 = { format: 'convas-results', version: 1, title: v2.title, task: v2.task, layers: v2.layers, lesson, run };
    const parsed = parseResultDocument(v1);
    expect(parsed.ok && parsed.result.run?.curves).toEqual([]);
    expect(parsed.ok && parsed.result.participant).toBeNull();
  });

  it.each([
    ['a newer version', (r: Record<string, unknown>) => (r.version = 3), 'newer Convas (version 3)'],
    ['a NaN-like metric', (r: Record<string, unknown>) => ((r.run as { learningRate: unknown }).learningRate = 'fast'), 'run.learningRate'],
    ['a bad class code', (r: Record<string, unknown>) => (r.classCode = '../etc'), 'classCode'],
    ['a hostile nickname', (r: Record<string, unknown>) => ((r.participant as { nickname: string }).nickname = '<img src=x onerror=alert(1)>'), 'participant.nickname'],
    ['a broken graph', (r: Record<string, unknown>) => ((r.graph as { nodes: unknown }).nodes = 'x'), "graph cannot be loaded"],
    ['not a result', (r: Record<string, unknown>) => (r.format = 'convas-graph'), 'not a Convas result'],
  ])('refuses %s', (_name, mutate, message) => {
    const raw = sampleResult(1);
    mutate(raw);
    const parsed = parseResultDocument(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(message);
  });
});

describe('nicknames', () => {
  it.each([
    ['  Ada   Lovelace ', 'Ada Lovelace', null],
    ['Zoë-2', 'Zoë-2', null],
    ['李雷', '李雷', null],
    ["O'Neil", "O'Neil", null],
    ['', '', 'Enter a nickname'],
    ['<script>', '<script>', 'found "<"'],
    ['a\u202Eb', 'a\u202Eb', 'U+202E'],
    ['x'.repeat(33), 'x'.repeat(33), 'at most 32'],
    ['-dash', '-dash', 'starts with a letter'],
  ])('%j normalises to %j (problem: %s)', (input, normal, message) => {
    expect(normaliseNickname(input)).toBe(normal);
    const p = nicknameProblem(normal);
    if (message === null) expect(p).toBeNull();
    else expect(p).toContain(message);
  });
});

describe('board views', () => {
  const entries = [
    { seq: 1, receivedAt: '2026-01-01T10:00:00.000Z', result: parse(sampleResult(1, { balanced: [0.4, 0.6], nickname: 'Ann' })) },
    { seq: 2, receivedAt: '2026-01-01T10:01:00.000Z', result: parse(sampleResult(2, { balanced: [0.5, 0.75], nickname: 'Bo', learningRate: 0.01 })) },
    // Ann again: a worse second run does not replace her best.
    { seq: 3, receivedAt: '2026-01-01T10:02:00.000Z', result: { ...parse(sampleResult(1, { balanced: [0.2], nickname: 'Ann' })), submissionId: 'again' } },
  ];

  it('one row per participant with their best run, the best row is the highest goal value', () => {
    const [lesson] = boardLessons(entries);
    expect(lesson.title).toBe('Your first CNN: skin lesions');
    expect(lesson.rows.map((r) => [r.nickname, r.runs, r.value])).toEqual([['Ann', 2, 0.6], ['Bo', 1, 0.75]]);
    const bo = lesson.rows[1];
    expect(bo.reached).toBe(true);
    expect(bo.reachedAtEpoch).toBe(2);
    expect(bestRow(lesson.rows, lesson.goal)?.nickname).toBe('Bo');
    expect(sortRows(lesson.rows, 'nickname', 'desc', lesson.goal).map((r) => r.nickname)).toEqual(['Bo', 'Ann']);
    expect(sortRows(lesson.rows, 'reached', 'asc', lesson.goal).map((r) => r.nickname)).toEqual(['Bo', 'Ann']);
  });

  it('what worked: every run grouped by learning rate, with the mean', () => {
    const [lesson] = boardLessons(entries);
    const groups = whatWorked(lesson.entries, 'learningRate', lesson.goal);
    expect(groups.map((g) => [g.label, g.values, g.mean])).toEqual([
      ['0.001', [0.6, 0.2], 0.4],
      ['0.01', [0.75], 0.75],
    ]);
    expect(whatWorked(lesson.entries, 'depth', lesson.goal)[0].label).toBe('2');
  });

  it('architecture summary counts conv, pool and dense layers', () => {
    expect(architectureSummary([{ type: 'Input' }, { type: 'Conv2D' }, { type: 'MaxPooling2D' }, { type: 'Conv2D' }, { type: 'Dense' }])).toBe('2 conv · 1 pool · 1 dense · 5 layers');
  });

  it('CSV: a header and one line per run, formulas defused, quotes doubled', () => {
    const csv = classToCsv(entries).split('\r\n');
    expect(csv[0].split(',')).toContain('nickname');
    expect(csv).toHaveLength(5);
    expect(csv[2]).toContain('Bo');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-0.5)).toBe('-0.5');
  });
});

function parse(raw: unknown) {
  const p = parseResultDocument(raw);
  if (!p.ok) throw new Error(p.error);
  return p.result;
}
