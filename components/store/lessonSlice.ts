import type { StateCreator, StoreApi } from 'zustand/vanilla';
import { betterValue, type Lesson } from '@/graph/lesson';
import type { AppState } from './types';
import { keyEditable, keyHidden, lockReason, paramKey, STRUCTURE_KEY, TASK_KEY, trainingKey } from '@/graph/lessonLocks';
import { bestGoalValue } from './training/lessonGoal';

/** A lesson as the autosave keeps it across reloads. */
export interface SavedLesson {
  lesson: Lesson;
  /** Best goal value reached in the lesson, or null: kept apart because the run history saves only the last 10 runs. */
  best: number | null;
}

/** The open lesson, if any: its title, instructions, goal and the locks the editor enforces. */
export interface LessonSlice {
  lesson: Lesson | null;
  /** Best goal value reached before the page was reloaded (this page's runs are added by {@link lessonBest}). */
  lessonBest: number | null;
  /** Open a lesson: load its graph and put its locks in force. */
  startLesson(lesson: Lesson): void;
  /** Leave the lesson: everything becomes editable again; the graph stays. */
  leaveLesson(): void;
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  lessonBest: null,
  startLesson(lesson) {
    // Locks go off first so loading the lesson's own graph is not refused by the previous lesson's.
    set({ lesson: null, lessonBest: null });
    get().loadDocument(structuredClone(lesson.document));
    if (lesson.dataSize !== undefined) get().setDataSize(lesson.dataSize);
    set({ lesson });
  },
  leaveLesson() {
    set({ lesson: null, lessonBest: null });
  },
});

/** The best goal value of the open lesson: over this page's runs of its task and what was saved before a reload. */
export function lessonBest(state: Pick<AppState, 'lesson' | 'lessonBest' | 'training'>): number | null {
  const { lesson } = state;
  if (!lesson) return null;
  return betterValue(lesson.goal, state.lessonBest, bestGoalValue(lesson.goal, lesson.document.task.id, state.training.runs));
}

/** What the autosave keeps of the open lesson, or null outside a lesson. */
export function savedLesson(state: Pick<AppState, 'lesson' | 'lessonBest' | 'training'>): SavedLesson | null {
  return state.lesson ? { lesson: state.lesson, best: lessonBest(state) } : null;
}

/**
 * The one selector the inspector, palette and settings read: whether the control `key` may be changed
 * (`training.learningRate`, `Conv2D.filters`, `structure`, `task`). Everything is editable outside a lesson.
 */
export function isEditable(state: Pick<AppState, 'lesson'>, key: string): boolean {
  return keyEditable(state.lesson?.locks ?? null, key);
}

/** Whether the panel or control `id` is hidden by the open lesson (`palette`, `export`, `settings.optimizer`). */
export function isHidden(state: Pick<AppState, 'lesson'>, id: string): boolean {
  return keyHidden(state.lesson?.locks ?? null, id);
}

/**
 * Make the store refuse edits the open lesson locks, whichever control asks: structure edits (add,
 * delete, connect, duplicate, paste), locked parameters, locked training settings and the task. A
 * refusal changes nothing and says why in a toast. The UI disables the same controls via
 * {@link isEditable}; this guard is what makes shortcuts and drag-and-drop obey too.
 */
export function guardLessonEdits(store: StoreApi<AppState>): void {
  const s = store.getState();
  const refuse = (key: string): boolean => {
    if (isEditable(store.getState(), key)) return false;
    store.getState().notify(lockReason(key), 'info');
    return true;
  };
  store.setState({
    connect: (source, target) => (refuse(STRUCTURE_KEY) ? false : s.connect(source, target)),
    addNode: (type, position, link) => (refuse(STRUCTURE_KEY) ? '' : s.addNode(type, position, link)),
    addNodeNext: (type, fallback) => (refuse(STRUCTURE_KEY) ? '' : s.addNodeNext(type, fallback)),
    deleteSelection: () => {
      if (!refuse(STRUCTURE_KEY)) s.deleteSelection();
    },
    duplicateSelection: () => {
      if (!refuse(STRUCTURE_KEY)) s.duplicateSelection();
    },
    paste: (text, at) => (refuse(STRUCTURE_KEY) ? false : s.paste(text, at)),
    onNodesChange: (changes) => {
      const removes = changes.some((c) => c.type === 'remove');
      s.onNodesChange(removes && refuse(STRUCTURE_KEY) ? changes.filter((c) => c.type !== 'remove') : changes);
    },
    onEdgesChange: (changes) => {
      const removes = changes.some((c) => c.type === 'remove');
      s.onEdgesChange(removes && refuse(STRUCTURE_KEY) ? changes.filter((c) => c.type !== 'remove') : changes);
    },
    setParam: (nodeId, key, value) => {
      const node = store.getState().doc.nodes.find((n) => n.id === nodeId);
      if (node && refuse(paramKey(node.type, key))) return;
      s.setParam(nodeId, key, value);
    },
    setTraining: (patch) => {
      const locked = Object.keys(patch).filter((k) => !isEditable(store.getState(), trainingKey(k)));
      if (locked.length > 0 && refuse(trainingKey(locked[0]))) return;
      s.setTraining(patch);
    },
    setTask: (task) => {
      if (!refuse(TASK_KEY)) s.setTask(task);
    },
    loadDocument: (doc) => {
      const lesson = store.getState().lesson;
      // A lesson with a fixed structure keeps its graph; one that allows structure edits may load another
      // graph (a template to compare against) as long as it stays on the lesson's task.
      if (lesson && doc.task.id !== lesson.document.task.id) {
        store.getState().notify('This graph is for another task than the lesson. Leave the lesson first to open it.', 'info');
        return false;
      }
      return refuse(STRUCTURE_KEY) ? false : s.loadDocument(doc);
    },
  });
}
