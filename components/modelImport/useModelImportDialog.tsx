'use client';

import { useState, type ReactNode } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import type { MenuItem } from '../ui/Menu';
import { ModelImportDialog } from './ModelImportDialog';

/**
 * File > Import model… and its dialog, for the header: the dialog shows while it was opened from the menu
 * or while an import (from a drop on the canvas) is under way or waiting to be opened.
 *
 * @example const importer = useModelImportDialog(); ... items={[..., importer.menuItem]} ... {importer.dialog}
 */
export function useModelImportDialog(): { menuItem: MenuItem; dialog: ReactNode } {
  const api = useAppStoreApi();
  const [open, setOpen] = useState(false);
  const busy = useAppStore((s) => s.modelImport.status !== 'idle');
  const close = () => {
    setOpen(false);
    api.getState().dismissModelImport();
  };
  return {
    menuItem: {
      key: 'import-model',
      label: 'Import model…',
      hint: 'A trained TensorFlow.js, Keras or ONNX (PyTorch) model, with its weights',
      onSelect: () => setOpen(true),
      testId: 'menu-import-model',
    },
    dialog: open || busy ? <ModelImportDialog onClose={close} /> : null,
  };
}
