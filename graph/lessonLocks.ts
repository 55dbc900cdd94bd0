import type { Lesson } from './lesson';
import type { GraphDocument } from './types';

/**
 * Lesson lock logic, pure (no store, no React) so it is tested directly, and the one rule the editor's commit
 * point checks ({@link lockViolation}). Keys are `training.<field>`, `<NodeType>.<param>`, `task` and
 * `structure`; control ids name panels and controls that a lesson hides (`palette`, `export`,
 * `settings.optimizer`, ...).
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

/** Why a change breaks the open lesson's locks: the key it touches and the message for the user. */
export interface LockViolation {
  /** `structure`, `task`, `training.<field>` or `<NodeType>.<param>`. */
  key: string;
  reason: string;
}

/** Message when a graph for another task would replace the lesson's. */
export const OTHER_TASK_REASON = 'This graph is for another task than the lesson. Leave the lesson first to open it.';

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The wiring of a graph, for comparing structures: node ids with their types, and edges as `source>target`
 * in order (a Concatenate's input order is part of the network). Positions, names and params are left out.
 */
function structureOf(doc: GraphDocument): string {
  const nodes = doc.nodes.map((n) => `${n.id}:${n.type}`).sort();
  const edges = doc.edges.map((e) => `${e.source}>${e.target}`);
  return JSON.stringify([nodes, edges]);
}

/**
 * The one lesson-lock rule, checked where every document change is committed (edits, fixes, undo and redo,
 * paste, loading a file or link, arranging): whether going from `before` to `after` breaks a lock of
 * `lesson`, and which. Null when the change is allowed (always without a lesson).
 *
 * - The task may not change, and the document must stay on the lesson's task.
 * - Nodes, their types and the edges between them may change only when the lesson allows structure edits.
 * - A training setting may change only when `training.<field>` is editable (hidden ones never are).
 * - A param of a node that stays (same id and type) may change only when `<NodeType>.<param>` is editable.
 *   New nodes are not checked: adding them is a structure edit the lesson allowed.
 * - Positions, node names and the document's title are never locked (moving, arranging and renaming change
 *   nothing a run measures).
 *
 * @example lockViolation(lesson, doc, setNodeParam(doc, 'n2', 'kernelSize', 5))
 *   // { key: 'Conv2D.kernelSize', reason: 'Locked by the lesson: ...' } when kernelSize is not editable
 */
export function lockViolation(lesson: Pick<Lesson, 'locks' | 'document'> | null, before: GraphDocument, after: GraphDocument): LockViolation | null {
  if (lesson === null || before === after) return null;
  const locks = lesson.locks;
  if (after.task.id !== lesson.document.task.id) return { key: TASK_KEY, reason: OTHER_TASK_REASON };
  // A missing mask mode is binary (what documents and retask assume).
  if ((before.task.maskMode ?? 'binary') !== (after.task.maskMode ?? 'binary')) return { key: TASK_KEY, reason: lockReason(TASK_KEY) };

  if (!locks.allowStructureEdits && structureOf(before) !== structureOf(after)) {
    return { key: STRUCTURE_KEY, reason: lockReason(STRUCTURE_KEY) };
  }

  const fields = new Set([...Object.keys(before.training), ...Object.keys(after.training)]) as Set<keyof GraphDocument['training']>;
  for (const field of fields) {
    const key = trainingKey(field);
    if (!same(before.training[field], after.training[field]) && !keyEditable(locks, key)) return { key, reason: lockReason(key) };
  }

  const previous = new Map(before.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) {
    const old = previous.get(node.id);
    if (!old || old.type !== node.type || old.params === node.params) continue;
    for (const param of new Set([...Object.keys(old.params), ...Object.keys(node.params)])) {
      const key = paramKey(node.type, param);
      if (!same(old.params[param], node.params[param]) && !keyEditable(locks, key)) return { key, reason: lockReason(key) };
    }
  }
  return null;
}
