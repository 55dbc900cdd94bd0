import type { StateCreator } from 'zustand/vanilla';
import { EMPTY_HISTORY, fitToView, type FitView } from '@/graph/edit';
import { betterValue, type Lesson } from '@/graph/lesson';
import { keyEditable, keyHidden } from '@/graph/lessonLocks';
import { bestGoalValue } from './training/lessonGoal';
import type { AppState } from './types';

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
  /**
   * Open a lesson: load its graph and put its locks in force. With `aspect` (the canvas's width / height) a
   * long chain folds into rows and a U-Net becomes a U, as templates do (graph/edit fitToView).
   */
  startLesson(lesson: Lesson, aspect?: FitView): void;
  /** Leave the lesson: everything becomes editable again; the graph stays. */
  leaveLesson(): void;
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  lessonBest: null,
  startLesson(lesson, aspect) {
    // Locks go off first so loading the lesson's own graph is not refused by the previous lesson's.
    set({ lesson: null, lessonBest: null });
    get().loadDocument(fitToView(structuredClone(lesson.document), aspect));
    if (lesson.dataSize !== undefined) get().setDataSize(lesson.dataSize);
    // History starts at the lesson's graph: undo cannot bring back the graph from before it (another task,
    // another structure), which the locks would then have to refuse step by step.
    set({ lesson, history: EMPTY_HISTORY, dragOrigin: null });
  },
  leaveLesson() {
    set({ lesson: null, lessonBest: null });
  },
});

/**
 * The best goal value of the open lesson: over the runs made in it (of its task) and what was saved before a
 * reload. Runs from before the lesson started do not count.
 */
export function lessonBest(state: Pick<AppState, 'lesson' | 'lessonBest' | 'training'>): number | null {
  const { lesson } = state;
  if (!lesson) return null;
  return betterValue(lesson.goal, state.lessonBest, bestGoalValue(lesson.goal, lesson.document.task.id, state.training.runs, lesson.title));
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
