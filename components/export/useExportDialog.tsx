'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useAppStoreApi } from '../store/StoreProvider';
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
 * dialog itself to render. Keeps its own open state so the header needs one line per piece.
 *
 * @example const exporter = useExportDialog(); ... items={[..., exporter.menuItem]} ... {exporter.dialog}
 */
export function useExportDialog(): { menuItem: MenuItem; dialog: ReactNode } {
  const api = useAppStoreApi();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'e') return;
      if (inTextField(e.target) || api.getState().confirmRequest) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api]);

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
