'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { isHidden } from '../store/lessonSlice';
import type { MenuItem } from '../ui/Menu';
import { ExportDialog } from './ExportDialog';

/** True when a key press belongs to a text field (its own Ctrl+E stays there: end of line on macOS). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file', 'color'].includes((target as HTMLInputElement).type);
}

/**
 * The Export dialog's entry points for the header: a File menu item and the Ctrl/Cmd+E shortcut, and the
 * dialog itself to render. Keeps its own open state so the header needs one line per piece. A lesson that
 * hides 'export' removes the item, makes the shortcut say so, and closes an open dialog.
 *
 * @example const exporter = useExportDialog(); ... items={[..., exporter.menuItem]} ... {exporter.dialog}
 */
export function useExportDialog(): { menuItem: MenuItem | null; dialog: ReactNode } {
  const api = useAppStoreApi();
  const [open, setOpen] = useState(false);
  const hidden = useAppStore((s) => isHidden(s, 'export'));

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'e') return;
      if (inTextField(e.target) || api.getState().confirmRequest) return;
      e.preventDefault();
      if (isHidden(api.getState(), 'export')) api.getState().notify('Export is turned off in this lesson.', 'info');
      else setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api]);

  if (hidden) return { menuItem: null, dialog: null };
  return {
    menuItem: {
      key: 'export',
      label: 'Export code…',
      hint: 'PyTorch, Keras or TensorFlow.js, as a .zip',
      shortcut: 'Ctrl+E',
      separator: true,
      onSelect: () => setOpen(true),
      testId: 'menu-export',
    },
    dialog: open ? <ExportDialog onClose={() => setOpen(false)} /> : null,
  };
}
