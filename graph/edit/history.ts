import type { GraphDocument } from '../types';

/** How many past documents undo keeps. Documents share unchanged nodes, so each step is small. */
export const HISTORY_LIMIT = 200;

/** Undo and redo stacks of whole documents (most recent last). */
export interface History {
  past: readonly GraphDocument[];
  future: readonly GraphDocument[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Record `current` as the state to return to, dropping the redo stack (a new edit forks history). */
export function record(history: History, current: GraphDocument): History {
  const past = [...history.past, current];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

/** Step back: the document to show and the new stacks, or null when there is nothing to undo. */
export function stepBack(history: History, current: GraphDocument): { doc: GraphDocument; history: History } | null {
  if (history.past.length === 0) return null;
  const doc = history.past[history.past.length - 1];
  return { doc, history: { past: history.past.slice(0, -1), future: [...history.future, current] } };
}

/** Step forward again after an undo, or null when there is nothing to redo. */
export function stepForward(history: History, current: GraphDocument): { doc: GraphDocument; history: History } | null {
  if (history.future.length === 0) return null;
  const doc = history.future[history.future.length - 1];
  return { doc, history: { past: [...history.past, current], future: history.future.slice(0, -1) } };
}
