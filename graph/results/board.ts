import { betterValue, GOAL_METRIC_LABELS, type GoalMetric, type LessonGoal } from '../lesson';
import type { ResultDocument } from './schema';

/**
 * The class board's views over a class's results, as pure functions: lessons with one row per participant
 * (their best run), sorting, the best row, validation curves, "what worked" groups and the CSV export.
 */

/** A stored result: the server's sequence number and arrival time, or a dropped file's. */
export interface BoardEntry {
  seq: number;
  receivedAt: string;
  result: ResultDocument;
}

/** One participant on a lesson's table: their best run and how many they sent. */
export interface BoardRow {
  key: string;
  nickname: string;
  runs: number;
  entry: BoardEntry;
  value: number | null;
  reached: boolean;
  reachedAtEpoch: number | null;
  params: number | null;
  architecture: string;
  learningRate: number | null;
}

/** A lesson (or, outside lessons, a task) with its rows and every run sent for it. */
export interface BoardLesson {
  key: string;
  title: string;
  goal: LessonGoal;
  goalText: string;
  rows: BoardRow[];
  entries: BoardEntry[];
}

/** The goal used outside a lesson: balanced accuracy or mean Dice, higher is better. */
function defaultGoal(r: ResultDocument): LessonGoal {
  return { metric: r.task.kind === 'segmentation' ? 'meanDice' : 'balancedAccuracy', op: '>=', value: Number.POSITIVE_INFINITY, split: 'validation' };
}

/** The goal a result is measured by. */
export function resultGoal(r: ResultDocument): LessonGoal {
  return r.lesson?.spec ?? defaultGoal(r);
}

/** The goal metric of a result: the best epoch of its curves on validation (or what it reported). */
export function resultValue(r: ResultDocument, goal: LessonGoal = resultGoal(r)): number | null {
  const run = r.run;
  if (!run) return null;
  if (goal.split === 'validation' && run.curves.length) return run.curves.reduce<number | null>((b, e) => betterValue(goal, b, e[goal.metric]), null);
  if (r.lesson?.spec && r.lesson.best !== null) return r.lesson.best;
  return run.validation[goal.metric];
}

/** "3 conv · 2 pool · 1 dense · 9 layers": the families that shape a CNN, counted. */
export function architectureSummary(layers: readonly { type: string }[]): string {
  const count = (test: (t: string) => boolean) => layers.filter((l) => test(l.type)).length;
  const parts: [number, string][] = [
    [count((t) => /Conv/.test(t) && !/Transpose/.test(t)), 'conv'],
    [count((t) => /Transpose/.test(t) || /UpSampling/.test(t)), 'up'],
    [count((t) => /Pool/.test(t)), 'pool'],
    [count((t) => t === 'Dense'), 'dense'],
    [count((t) => /BatchNorm/.test(t)), 'norm'],
  ];
  return [...parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`), `${layers.length} layers`].join(' · ');
}

/** Conv layers in the graph: the board's "depth". */
export function convDepth(r: ResultDocument): number {
  return r.layers.filter((l) => /Conv/.test(l.type)).length;
}

const better = (goal: LessonGoal, a: number | null, b: number | null) => a !== null && (b === null || (goal.op === '>=' ? a > b : a < b));

/** Groups a class's results by lesson (title and goal), one row per participant with their best run. */
export function boardLessons(entries: readonly BoardEntry[]): BoardLesson[] {
  const lessons = new Map<string, BoardLesson>();
  for (const e of entries) {
    const r = e.result;
    const goal = resultGoal(r);
    const goalText = r.lesson?.goal ?? `best ${GOAL_METRIC_LABELS[goal.metric]} (${r.task.title})`;
    const key = r.lesson ? `lesson:${r.lesson.title}|${goalText}` : `task:${r.task.id}`;
    let lesson = lessons.get(key);
    if (!lesson) {
      lesson = { key, title: r.lesson?.title ?? r.task.title, goal, goalText, rows: [], entries: [] };
      lessons.set(key, lesson);
    }
    lesson.entries.push(e);
  }
  for (const lesson of lessons.values()) {
    const byParticipant = new Map<string, BoardRow>();
    for (const e of lesson.entries) {
      const r = e.result;
      const key = r.participant?.id ?? `file:${e.seq}`;
      const value = resultValue(r, lesson.goal);
      const row = byParticipant.get(key);
      const reachedAtEpoch = r.lesson?.reachedAtEpoch ?? null;
      const candidate: BoardRow = {
        key,
        nickname: r.participant?.nickname ?? r.title,
        runs: (row?.runs ?? 0) + 1,
        entry: e,
        value,
        reached: r.lesson?.reached ?? false,
        reachedAtEpoch,
        params: r.run?.params ?? null,
        architecture: architectureSummary(r.layers),
        learningRate: r.run?.learningRate ?? null,
      };
      // A later run replaces the shown one only when it is better (ties: the later run, the latest nickname).
      if (!row || better(lesson.goal, value, row.value) || (value === row.value && value !== null) || (row.value === null && value === null)) {
        byParticipant.set(key, { ...candidate, reached: candidate.reached || row?.reached === true });
      } else {
        byParticipant.set(key, { ...row, runs: row.runs + 1, reached: row.reached || candidate.reached, nickname: candidate.nickname });
      }
    }
    lesson.rows = [...byParticipant.values()];
  }
  return [...lessons.values()];
}

/** Columns the table sorts by. */
export type BoardSortKey = 'nickname' | 'reached' | 'value' | 'params' | 'learningRate' | 'runs';

/** Rows sorted by a column; missing values last whatever the direction. `value` "asc" means best first. */
export function sortRows(rows: readonly BoardRow[], key: BoardSortKey, dir: 'asc' | 'desc', goal: LessonGoal): BoardRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const pick = (r: BoardRow): number | string | null => {
    switch (key) {
      case 'nickname':
        return r.nickname.toLocaleLowerCase();
      case 'reached':
        // Reached rows first, the earlier epoch first among them.
        return r.reached ? (r.reachedAtEpoch ?? 1e6) : null;
      case 'value':
        return r.value === null ? null : goal.op === '>=' ? -r.value : r.value;
      default:
        return r[key];
    }
  };
  return [...rows].sort((a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

/** The row to discuss: the best goal value (ties: the one that reached the goal at the earlier epoch). */
export function bestRow(rows: readonly BoardRow[], goal: LessonGoal): BoardRow | null {
  const top = sortRows(rows, 'value', 'asc', goal)[0];
  return top && top.value !== null ? top : null;
}

/** Settings the "what worked" panel groups runs by. */
export const WHAT_WORKED_SETTINGS = {
  learningRate: 'Learning rate',
  classWeights: 'Class weights',
  template: 'Template',
  depth: 'Depth (conv layers)',
} as const;
export type WhatWorkedSetting = keyof typeof WHAT_WORKED_SETTINGS;

/** One group of runs sharing a setting value: every run's value and their mean. */
export interface WhatWorkedGroup {
  label: string;
  /** For ordering numeric settings along an axis. */
  order: number;
  values: number[];
  mean: number;
}

function settingOf(r: ResultDocument, setting: WhatWorkedSetting): [string, number] | null {
  switch (setting) {
    case 'learningRate':
      return r.run ? [String(r.run.learningRate), r.run.learningRate] : null;
    case 'classWeights': {
      const on = r.run?.settings?.classWeights;
      return on === undefined ? null : on ? ['on', 1] : ['off', 0];
    }
    case 'template': {
      const name = r.graph?.name ?? r.title;
      return [name, 0];
    }
    case 'depth': {
      const d = convDepth(r);
      return [String(d), d];
    }
  }
}

/** Every run of a lesson grouped by a setting, with the goal metric of each; groups in setting order. */
export function whatWorked(entries: readonly BoardEntry[], setting: WhatWorkedSetting, goal: LessonGoal): WhatWorkedGroup[] {
  const groups = new Map<string, WhatWorkedGroup>();
  for (const e of entries) {
    const s = settingOf(e.result, setting);
    const v = resultValue(e.result, goal);
    if (!s || v === null) continue;
    const g = groups.get(s[0]) ?? { label: s[0], order: s[1], values: [], mean: 0 };
    g.values.push(v);
    groups.set(s[0], g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, mean: g.values.reduce((a, b) => a + b, 0) / g.values.length }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
}

/** The validation curve of the goal metric: one point per epoch that has it. */
export function goalCurve(r: ResultDocument, metric: GoalMetric): { epoch: number; value: number }[] {
  return (r.run?.curves ?? []).flatMap((p) => (p[metric] === null ? [] : [{ epoch: p.epoch, value: p[metric] as number }]));
}
