'use client';

import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';
import { isTextEntry } from '../ui/keys';
import { copyToEvent, pasteFromEvent } from './clipboard';

/** What the shortcuts call besides store actions. */
export interface ShortcutHandlers {
  save(): void;
  open(): void;
  fitView(): void;
  /** Flow position under the pointer when it is over the canvas (where pastes land), else null. */
  pointer(): { x: number; y: number } | null;
}

/** True when the user has text selected on the page (then Ctrl+C copies that text, not nodes). */
function hasTextSelection(): boolean {
  const sel = window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().trim() !== '';
}

/**
 * The editor's keyboard shortcuts (Excalidraw/ComfyUI habits): Delete/Backspace, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z
 * and Ctrl+Y, Ctrl+D duplicate, Ctrl+A select all, Ctrl+C/X/V through the clipboard events, Ctrl+S save,
 * Ctrl+O open, "." or Shift+1 fit view, Escape clears the selection. Text fields keep their own keys; a dialog
 * that is open keeps them too. The canvas's own keys ("/" add a layer, arrows, Enter) are in useGraphKeyboard.
 */
export function useShortcuts(api: AppStore, handlers: ShortcutHandlers): void {
  useEffect(() => {
    const blocked = () => api.getState().confirmRequest !== null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (blocked() || e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        handlers.save();
        return;
      }
      if (mod && key === 'o') {
        e.preventDefault();
        handlers.open();
        return;
      }
      if (isTextEntry(e.target)) return;
      const s = api.getState();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'd') {
        e.preventDefault();
        s.duplicateSelection();
      } else if (mod && key === 'a') {
        e.preventDefault();
        s.selectAll();
      } else if (!mod && !e.altKey && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        s.deleteSelection();
      } else if (!mod && (e.key === '.' || (e.shiftKey && e.code === 'Digit1'))) {
        e.preventDefault();
        handlers.fitView();
      } else if (e.key === 'Escape') {
        s.select([]);
      }
    };
    const onCopy = (e: ClipboardEvent) => {
      if (blocked() || isTextEntry(e.target) || hasTextSelection()) return;
      copyToEvent(api, e);
    };
    const onCut = (e: ClipboardEvent) => {
      if (blocked() || isTextEntry(e.target) || hasTextSelection()) return;
      if (copyToEvent(api, e)) api.getState().deleteSelection();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (blocked() || isTextEntry(e.target)) return;
      pasteFromEvent(api, e, handlers.pointer() ?? undefined);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [api, handlers]);
}
