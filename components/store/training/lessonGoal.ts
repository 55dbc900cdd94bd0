/**
 * A lesson goal's value over training runs: what the lesson banner, the autosave and the results card show.
 * Pure (no store, no React); the lock rule itself lives in graph/lessonLocks.ts.
 */
import { betterValue, type LessonGoal } from '@/graph/lesson';
import type { RunRecord } from './runs';

/** Balanced accuracy (mean recall over classes with examples) from `m[true][pred]`. */
function balancedFromConfusion(m: readonly (readonly number[])[]): number | null {
  const recalls = m.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total > 0 ? [row[i] / total] : [];
  });
  return recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null;
}

function accuracyFromConfusion(m: readonly (readonly number[])[]): number | null {
  let right = 0;
  let total = 0;
  m.forEach((row, i) => row.forEach((v, j) => ((total += v), i === j && (right += v))));
  return total > 0 ? right / total : null;
}

/** The goal metric of one run on the goal's split (best epoch for validation, the final pass for test). */
export function runGoalValue(goal: LessonGoal, run: Pick<RunRecord, 'epochs' | 'test'>): number | null {
  if (goal.split === 'validation') {
    return run.epochs.reduce<number | null>((best, e) => betterValue(goal, best, e[goal.metric]), null);
  }
  const t = run.test;
  if (t === null) return null;
  if (goal.metric === 'valLoss') return t.loss;
  if (t.metrics.kind === 'segmentation') return goal.metric === 'meanDice' ? t.metrics.meanDice : null;
  if (goal.metric === 'meanDice') return null;
  return goal.metric === 'accuracy' ? accuracyFromConfusion(t.metrics.confusion) : balancedFromConfusion(t.metrics.confusion);
}

/**
 * Best value over runs of the lesson's task, or null before any run reports the metric. With `lesson` (its
 * title), only runs made in that lesson count: a run from before it proves nothing about the exercise.
 */
export function bestGoalValue(
  goal: LessonGoal,
  taskId: string,
  runs: readonly (Pick<RunRecord, 'epochs' | 'test' | 'taskId'> & { lesson?: string | null })[],
  lesson?: string,
): number | null {
  return runs
    .filter((r) => r.taskId === taskId && (lesson === undefined || r.lesson === lesson))
    .reduce<number | null>((best, r) => betterValue(goal, best, runGoalValue(goal, r)), null);
}
