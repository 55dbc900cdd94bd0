import { decodeLessonLink, isLessonHash, type Lesson } from '@/graph/lesson';
import type { AppStore } from '../store/createAppStore';
import { canvasView } from '../canvas/viewAspect';

/**
 * Lesson links in the editor: open the lesson in the page's address (`#lesson=l1...`) on load or when the
 * hash changes, asking first when the current graph is the participant's own work, as share links do.
 */

/**
 * Start `lesson`, asking before replacing own work (`isOwnWork()`). Returns whether it was started.
 */
export async function startLessonAsking(store: AppStore, lesson: Lesson, isOwnWork: () => boolean): Promise<boolean> {
  const s = store.getState();
  if (isOwnWork()) {
    const ok = await s.askConfirm({
      title: `Start the lesson "${lesson.title}"?`,
      message:
        'The lesson replaces the graph you are working on with its starting graph, and Undo does not go back past the start of a lesson: save your graph to a file first if you want to keep it.',
      confirmLabel: 'Start lesson',
      cancelLabel: 'Keep my graph',
    });
    if (!ok) {
      store.getState().notify('Kept your graph; the lesson was not started.', 'info');
      return false;
    }
  }
  store.getState().startLesson(lesson, canvasView());
  store.getState().notify(`Started the lesson "${lesson.title}".`, 'success');
  return true;
}

/** Open the lesson in the page's hash, if any. Bad links show their error and change nothing. */
export async function openLessonLinkFromLocation(store: AppStore, isOwnWork: () => boolean): Promise<boolean> {
  const hash = window.location.hash;
  if (!isLessonHash(hash)) return false;
  // Drop the hash without a history entry, so a reload does not restart the lesson over the work.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  const result = decodeLessonLink(hash);
  if (!result.ok) {
    store.getState().notify(`${result.error} Your graph was not changed.`, 'error');
    return false;
  }
  return startLessonAsking(store, result.lesson, isOwnWork);
}
