import type { GraphDocument } from '@/graph/types';
import type { AppStoreInit } from '../store/createAppStore';
import { readAutosave, type KeyValueStorage } from './persistence';
import { defaultDocument, type FitView } from '@/graph/edit';

/** How the editor starts: the store's initial state, whether it is the user's restored work, and a note. */
export interface Boot {
  init: AppStoreInit;
  /** True when the graph came from the autosave. */
  restored: boolean;
  /** A message to show once the editor is up (a damaged autosave), or null. */
  note: string | null;
  /** The untouched default graph: a graph equal to it is not work a share link could destroy. */
  pristine: GraphDocument;
  /**
   * A scratch tab (`/?view`, opened from the class board to look at a participant's graph): nothing is
   * restored and nothing is autosaved, so the user's own work in other tabs is left alone.
   */
  scratch?: boolean;
}

/**
 * The editor's starting state: the autosave when there is a usable one (graph, settings, viewport and open
 * lesson exactly as left), else First CNN on the skin-lesion task laid out for a view of `aspect` (width / height).
 */
export function bootEditor(storage: KeyValueStorage | null, aspect?: FitView): Boot {
  const saved = storage ? readAutosave(storage) : null;
  const pristine = defaultDocument(aspect);
  if (saved?.ok) {
    return {
      init: { doc: saved.saved.doc, settings: saved.saved.settings, viewport: saved.saved.viewport, lesson: saved.saved.lesson ?? null },
      restored: true,
      note: null,
      pristine,
    };
  }
  return { init: { doc: pristine }, restored: false, note: saved && !saved.ok ? saved.error : null, pristine };
}
