import type { Lesson } from './lesson';

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
