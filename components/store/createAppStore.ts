import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GraphDocument } from '@/graph/types';
import { createLessonSlice, type SavedLesson } from './lessonSlice';
import { createGraphSlice } from './graphSlice';
import { createModelImportSlice } from './modelImportSlice';
import { createTrainingSlice } from './trainingSlice';
import type { AppState } from './types';
import { createUiSlice, DEFAULT_SETTINGS, type EditorSettings, type Viewport } from './uiSlice';

/** What a new store starts from: a document and, when restoring an autosave, settings, viewport and lesson. */
export interface AppStoreInit {
  doc: GraphDocument;
  settings?: Partial<EditorSettings>;
  viewport?: Viewport | null;
  /** A lesson that was open when the page was left: its locks go back in force over `doc` as it was. */
  lesson?: SavedLesson | null;
}

/** The editor store: a vanilla zustand store (no React), so tests drive it directly. */
export type AppStore = StoreApi<AppState>;

/**
 * Create one editor store. The app makes one per page through StoreProvider (never a module global, so
 * tests and server rendering get fresh state); tests call it directly and drive its actions.
 *
 * @example
 * const store = createAppStore({ doc });
 * store.getState().addNode('Conv2D', { x: 0, y: 0 });
 */
export function createAppStore(init: AppStoreInit): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createGraphSlice(init.doc)(...a),
    ...createUiSlice(...a),
    ...createTrainingSlice(...a),
    ...createLessonSlice(...a),
    ...createModelImportSlice(...a),
  }));
  if (init.settings || init.viewport) {
    store.setState({ settings: { ...DEFAULT_SETTINGS, ...init.settings }, viewport: init.viewport ?? null });
  }
  // Not startLesson: that would load the lesson's starting graph over the participant's work. The locks hold
  // for every caller (shortcuts, drag and drop, undo) because the graph slice's commit point checks them.
  if (init.lesson) store.setState({ lesson: init.lesson.lesson, lessonBest: init.lesson.best });
  return store;
}
