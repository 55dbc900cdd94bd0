import type { Lesson, LessonGoal } from '@/graph/lesson';
import { betterValue } from '@/graph/lesson';
import type { RunRecord } from '../training/runs';

/**
 * Lesson lock logic, pure (no store, no React) so it is tested directly. Keys are
 * `training.<field>`, `<NodeType>.<param>`, `task` and `structure`; control ids name panels and
 * controls that a lesson hides (`palette`, `export`, `settings.optimizer`, ...).
 */

/** The locks in force: null when no lesson is open (then everything is editable and shown). */
export type ActiveLocks = Lesson['locks'] | null;

/** Key of a node parameter, e.g. `Conv2D.filters`. */
export const paramKey = (nodeType: string, param: string): string => `${nodeType}.${param}`;
/** Key of a training setting, e.g. `training.learningRate`. */
export const trainingKey = (field: string): string => `training.${field}`;
/** Adding, deleting and connecting layers. */
export const STRUCTURE_KEY = 'structure';
/** Choosing another task. */
export const TASK_KEY = 'task';

/**
 * Whether the control `key` may be changed under `locks`. Without a lesson everything may. With one,
 * `structure` follows `allowStructureEdits`, the task is locked, hidden keys are locked, and the rest
 * is editable only when listed in `editable`.
 */
export function keyEditable(locks: ActiveLocks, key: string): boolean {
  if (locks === null) return true;
  if (key === STRUCTURE_KEY) return locks.allowStructureEdits;
  if (keyHidden(locks, key)) return false;
  return locks.editable.includes(key);
}

/**
 * Whether the control `id` is hidden. A hidden id also hides everything under it: hiding `settings`
 * hides `settings.optimizer`.
 */
export function keyHidden(locks: ActiveLocks, id: string): boolean {
  if (locks === null) return false;
  return locks.hidden.some((h) => id === h || id.startsWith(`${h}.`));
}

/** Why a locked control is locked, for its tooltip. */
export function lockReason(key: string): string {
  if (key === STRUCTURE_KEY) return 'This lesson does not allow adding, deleting or connecting layers.';
  return 'Locked by the lesson: the facilitator chose to keep this fixed so everyone compares like with like.';
}

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

/** Best value over runs of the lesson's task, or null before any run reports the metric. */
export function bestGoalValue(goal: LessonGoal, taskId: string, runs: readonly Pick<RunRecord, 'epochs' | 'test' | 'taskId'>[]): number | null {
  return runs
    .filter((r) => r.taskId === taskId)
    .reduce<number | null>((best, r) => betterValue(goal, best, runGoalValue(goal, r)), null);
}
