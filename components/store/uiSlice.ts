import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './types';

/** A short message shown over the canvas (refused connection, bad file, link copied...). */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** A button on the toast: 'undo' takes back the change it reports (a name, not a function: state stays data). */
  action?: 'undo';
}

/** A question the UI must answer before an action goes ahead (e.g. a link would replace the graph). */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
}

/** Which tab the side panel shows. */
export type SideTab = 'inspector' | 'summary';

/** Pan and zoom of the canvas, as React Flow reports it. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Editor settings saved with the autosave (not part of the graph document, not undoable). */
export interface EditorSettings {
  /** Batch size the summary's activation-memory figure is computed for. */
  batchSize: number;
  sideTab: SideTab;
}

export const DEFAULT_SETTINGS: EditorSettings = { batchSize: 32, sideTab: 'inspector' };

/** UI state: toasts, the confirm dialog, settings and the viewport. */
export interface UiSlice {
  toasts: Toast[];
  confirmRequest: ConfirmRequest | null;
  settings: EditorSettings;
  /** Null until the canvas reports one (a fresh editor then fits the graph to the view). */
  viewport: Viewport | null;
  /** The template whose architecture note shows over the canvas (just loaded from the Templates menu), or null. */
  templateNote: string | null;
  /** Show a toast; returns its id. */
  notify(message: string, kind?: Toast['kind'], action?: Toast['action']): number;
  dismissToast(id: number): void;
  /** Ask the user; resolves true when they confirm. Only one question at a time: a new one declines the old. */
  askConfirm(request: ConfirmRequest): Promise<boolean>;
  answerConfirm(ok: boolean): void;
  setSettings(patch: Partial<EditorSettings>): void;
  setViewport(viewport: Viewport): void;
  /** Show the note of template `id` over the canvas, or hide it (null). */
  setTemplateNote(id: string | null): void;
}

/** At most this many toasts are kept; older ones drop off. */
const MAX_TOASTS = 4;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  let nextToastId = 1;
  // The pending confirm's resolver lives in the closure: functions in state would end up in devtools/persistence.
  let resolveConfirm: ((ok: boolean) => void) | null = null;
  return {
    toasts: [],
    confirmRequest: null,
    settings: DEFAULT_SETTINGS,
    viewport: null,
    templateNote: null,
    notify(message, kind = 'info', action) {
      const id = nextToastId++;
      const toast: Toast = action ? { id, kind, message, action } : { id, kind, message };
      set({ toasts: [...get().toasts.filter((t) => t.message !== message), toast].slice(-MAX_TOASTS) });
      return id;
    },
    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    askConfirm(request) {
      resolveConfirm?.(false);
      set({ confirmRequest: request });
      return new Promise<boolean>((resolve) => {
        resolveConfirm = resolve;
      });
    },
    answerConfirm(ok) {
      const resolve = resolveConfirm;
      resolveConfirm = null;
      set({ confirmRequest: null });
      resolve?.(ok);
    },
    setSettings(patch) {
      set({ settings: { ...get().settings, ...patch } });
    },
    setViewport(viewport) {
      set({ viewport });
    },
    setTemplateNote(id) {
      set({ templateNote: id });
    },
  };
};
