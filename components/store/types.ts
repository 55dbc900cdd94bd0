import type { LessonSlice } from './lessonSlice';
import type { GraphSlice } from './graphSlice';
import type { ModelImportSlice } from './modelImportSlice';
import type { TrainingSlice } from './trainingSlice';
import type { UiSlice } from './uiSlice';

/**
 * The editor's whole state: the graph slice (document, its React Flow view, history, clipboard) and the UI
 * slice (toasts, confirm dialog, settings, viewport). The training panels and the workshop's lesson locks add their slices here.
 */
export type AppState = GraphSlice & UiSlice & TrainingSlice & LessonSlice & ModelImportSlice;
