'use client';

import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';
import { savedLesson } from '../store/lessonSlice';
import { writeAutosave } from './persistence';

/** Quiet time after the last change before the autosave is written (ms). */
export const AUTOSAVE_DELAY_MS = 300;

/**
 * Save the document, settings, viewport and open lesson to localStorage after every change (debounced), and at once
 * when the page is hidden or closed, so a reload never loses work. A failure is reported once. `enabled` false: a
 * scratch tab that must not overwrite the user's saved work.
 */
export function useAutosave(api: AppStore, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reported = false;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const s = api.getState();
      const error = writeAutosave(localStorage, { doc: s.doc, settings: s.settings, viewport: s.viewport, lesson: savedLesson(s) });
      if (error && !reported) s.notify(error, 'error');
      reported = error !== null;
    };
    const unsubscribe = api.subscribe((s, prev) => {
      const lessonChanged = s.lesson !== prev.lesson || s.lessonBest !== prev.lessonBest || (s.lesson !== null && s.training.runs !== prev.training.runs);
      if (s.doc === prev.doc && s.settings === prev.settings && s.viewport === prev.viewport && !lessonChanged) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    });
    const onHide = () => {
      if (timer) flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unsubscribe();
      onHide();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, enabled]);
}
