'use client';

import { useEffect, useState } from 'react';
import { taskInfo } from '@/graph/tasks';
import { selectAnalysis } from '../store/analysis';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { ImportDialog } from './ImportDialog';
import { TaskPicker } from './TaskPicker';
import { isActive, TrainControls } from './TrainControls';

/**
 * The header's training controls: the data/task picker and Train / Pause / Resume / Stop. Ctrl+Enter
 * (Cmd+Enter) trains, or stops a running run.
 */
export function TrainSlot() {
  const api = useAppStoreApi();
  const status = useAppStore((s) => s.training.status);
  const errorCount = useAppStore((s) => selectAnalysis(s).errorCount);
  const taskId = useAppStore((s) => s.doc.task.id);
  const hasImport = useAppStore((s) => s.importedData?.info.id === s.doc.task.id);
  const [picker, setPicker] = useState(false);
  const [importing, setImporting] = useState(false);

  let blocked: string | null = null;
  if (errorCount > 0) blocked = `Fix the ${errorCount} error${errorCount > 1 ? 's' : ''} in the graph first (see the problems list).`;
  else if (!taskInfo(taskId) && !hasImport) blocked = 'This graph is for imported data: import it again (Data > Import data) to train.';
  else if (status === 'stopping') blocked = 'Finishing the stopped run (evaluating its test split)…';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const s = api.getState();
      if (isActive(s.training.status)) s.stopTraining();
      else if (blocked === null) s.startTraining();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, blocked]);

  const s = api.getState;
  return (
    <>
      <button type="button" className="btn-ghost" onClick={() => setPicker(true)} title="Data: choose the task and see its images, or import your own (Import data…)" data-testid="data-button">
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
          <rect x="3" y="4" width="7" height="7" rx="1" />
          <rect x="14" y="4" width="7" height="7" rx="1" />
          <rect x="3" y="14" width="7" height="7" rx="1" />
          <rect x="14" y="14" width="7" height="7" rx="1" />
        </svg>
        <span>Data</span>
      </button>
      <button type="button" className="btn-ghost hidden whitespace-nowrap min-[1360px]:inline-flex" onClick={() => setImporting(true)} title="Train on your own images (a folder or .zip; nothing leaves this computer)" data-testid="import-data-button">
        Import data…
      </button>
      <TrainControls
        status={status}
        blockedReason={blocked}
        onTrain={() => s().startTraining()}
        onPause={() => s().pauseTraining()}
        onResume={() => s().resumeTraining()}
        onStop={() => s().stopTraining()}
      />
      <TaskPicker
        open={picker}
        onClose={() => setPicker(false)}
        onImport={() => {
          setPicker(false);
          setImporting(true);
        }}
      />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
